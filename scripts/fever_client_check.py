#!/usr/bin/env python3
"""A Fever API client written from the protocol's published description (api_key = md5 of
"email:password", posted; ?api plus the parts wanted; items 50 at a time by since_id and max_id;
unread_item_ids and saved_item_ids as comma lists; mark=item|feed|group), run against the desk.

    fever_client_check.py URL USER APP_PASSWORD EXPECTED_FEEDS
Prints one line per check; exits 1 when one fails.
"""
import hashlib, json, sys, urllib.parse, urllib.request

url, user, password, expected_feeds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
key = hashlib.md5(f"{user}:{password}".encode()).hexdigest()
failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + (f" ({detail})" if detail else ""))
    failures += 0 if ok else 1


def call(query, api_key=key, **form):
    data = urllib.parse.urlencode({"api_key": api_key, **form}).encode()
    with urllib.request.urlopen(f"{url}?api&{query}", data=data, timeout=30) as answer:
        return json.load(answer)


refused = call("", api_key=hashlib.md5(b"nobody:nothing").hexdigest())
check("a wrong key is refused", refused.get("auth") == 0 and refused.get("api_version") == 3)
hello = call("")
check("auth", hello.get("auth") == 1 and "last_refreshed_on_time" in hello)

groups = call("groups")
check("groups from the folders", [g["title"] for g in groups["groups"]] == ["US"], json.dumps(groups["groups"]))
feeds = call("feeds")
check("feeds", len(feeds["feeds"]) == expected_feeds, f"{len(feeds['feeds'])} feeds")
check("feeds_groups", len(feeds["feeds_groups"]) == 1 and feeds["feeds_groups"][0]["feed_ids"].count(",") == 1)
check("favicons", len(call("favicons")["favicons"]) >= 1)

# Every item, 50 at a time, by since_id, as Fever clients sync.
items, since = [], 0
while True:
    page = call(f"items&since_id={since}")["items"]
    if not page:
        break
    items += page
    since = max(item["id"] for item in page)
total = call("items")["total_items"]
check("items by since_id", len(items) == total, f"{len(items)} of {total}")
check("at most 50 an answer", len(call("items&since_id=0")["items"]) <= 50)
older = call(f"items&max_id={since}")["items"]
check("items by max_id, newest first", older and all(i["id"] < since for i in older))
with_ids = call("items&with_ids=" + ",".join(str(i["id"]) for i in items[:3]))["items"]
check("items by with_ids", sorted(i["id"] for i in with_ids) == sorted(i["id"] for i in items[:3]))

unread = [int(x) for x in call("unread_item_ids")["unread_item_ids"].split(",") if x]
first = unread[0]
answer = call("", mark="item", **{"as": "read"}, id=first)
now_unread = [int(x) for x in answer["unread_item_ids"].split(",") if x]
check("mark an item read", first not in now_unread and len(now_unread) == len(unread) - 1)
call("", mark="item", **{"as": "saved"}, id=first)
check("save an item", call("saved_item_ids")["saved_item_ids"] == str(first))
check("links: stories as hot links", isinstance(call("links")["links"], list))
feed = feeds["feeds"][0]["id"]
answer = call("", mark="feed", **{"as": "read"}, id=feed, before=hello["last_refreshed_on_time"] + 10)
left = [i for i in items if i["feed_id"] == feed and str(i["id"]) in answer["unread_item_ids"].split(",")]
check("mark a feed read", not left)
answer = call("", mark="group", **{"as": "read"}, id=0, before=hello["last_refreshed_on_time"] + 10)
check("mark everything read (group 0)", answer["unread_item_ids"] == "")
sys.exit(1 if failures else 0)
