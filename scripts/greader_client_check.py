#!/usr/bin/env python3
"""A Google Reader API client from PyPI (google-reader, by Miniflux's author) against the desk:
log in with an app password, list the subscriptions with their folders, fetch the unread items of
the reading list, mark one read, and see the count drop; a wrong password is refused.

    greader_client_check.py BASE USER APP_PASSWORD EXPECTED_FEEDS
Prints one line per check; exits 1 when one fails.
"""
import sys

import google_reader as gr

base, user, password, expected_feeds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + (f" ({detail})" if detail else ""))
    failures += 0 if ok else 1


client = gr.Client(base)
try:
    client.login(user, "not-the-password")
    check("a wrong app password is refused", False)
except gr.AuthenticationError:
    check("a wrong app password is refused", True)

auth = client.login(user, password)
token = client.get_token(auth)
check("token", len(token) == 57, token)
info = client.get_user_info(auth)
check("user-info names the user", info.user_name == user, info.user_name)

subscriptions = client.list_subscriptions(auth)
check("subscriptions", len(subscriptions) == expected_feeds, f"{len(subscriptions)} feeds")
folders = {c.label for s in subscriptions for c in s.categories}
check("folders from the OPML categories", "US" in folders, ", ".join(sorted(folders)))


def unread_ids():
    refs = client.get_stream_items_ids(
        auth, gr.STREAM_READING_LIST, limit=1000, exclude_target=gr.STREAM_READ
    ).item_refs
    return [ref.id for ref in refs]


before = unread_ids()
check("unread items", len(before) > 0, f"{len(before)} unread")
items = client.get_stream_items_contents(auth, token, before[:50]).items
check("contents of the unread items", len(items) == min(50, len(before)), f"{len(items)} items")
check("long item ids", all(i.id.startswith("tag:google.com,2005:reader/item/") for i in items))
storied = [i for i in items if "newsdesk-story" in i.summary.content]
check("items carry their story", len(storied) > 0, f"{len(storied)} of {len(items)} open with their story")

client.edit_tags(auth, token, [items[0].id], add_tags=[gr.STREAM_READ])
after = unread_ids()
check("marking one read", len(after) == len(before) - 1, f"{len(before)} -> {len(after)}")
read = client.get_stream_items_ids(auth, gr.STREAM_READ, limit=1000).item_refs
check("the read stream holds it", gr.get_long_item_id(int(read[0].id)) == items[0].id if read else False)

client.edit_tags(auth, token, [items[1].id], add_tags=[gr.STREAM_STARRED])
starred = client.get_stream_items_ids(auth, gr.STREAM_STARRED, limit=10).item_refs
check("starring one", [gr.get_long_item_id(int(r.id)) for r in starred] == [items[1].id])
sys.exit(1 if failures else 0)
