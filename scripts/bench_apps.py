#!/usr/bin/env python3
"""Times what apps ask a desk for most, as apps ask it: for each user, a thousand unread items in one
`stream/contents` answer, the ids of ten thousand, and `unread-count`, over keep-alive connections.

    bench_apps.py BASE ROUNDS USER:APP_PASSWORD ...
Prints a Markdown table: per call, the answers timed, median, p95, max (ms) and the items per answer.
"""
import http.client, json, statistics, sys, time, urllib.parse

base, rounds, pairs = sys.argv[1], int(sys.argv[2]), [p.split(":", 1) for p in sys.argv[3:]]
url = urllib.parse.urlparse(base)


def connect():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def login(connection, user, password):
    body = urllib.parse.urlencode({"Email": user, "Passwd": password})
    connection.request("POST", url.path + "/accounts/ClientLogin", body,
                       {"Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse().read().decode()
    return [line[5:] for line in answer.splitlines() if line.startswith("Auth=")][0]


calls = {
    "stream/contents, n=1000, unread": "/reader/api/0/stream/contents/user/-/state/com.google/reading-list"
    "?n=1000&xt=user/-/state/com.google/read",
    "stream/items/ids, n=10000, unread": "/reader/api/0/stream/items/ids"
    "?s=user/-/state/com.google/reading-list&n=10000&xt=user/-/state/com.google/read",
    "unread-count": "/reader/api/0/unread-count?output=json",
}
times = {name: [] for name in calls}
sizes = {name: [] for name in calls}
connection = connect()
tokens = [login(connection, user, password) for user, password in pairs]
for _ in range(rounds):
    for token in tokens:
        for name, path in calls.items():
            start = time.perf_counter()
            connection.request("GET", url.path + path, headers={"Authorization": "GoogleLogin auth=" + token})
            answer = connection.getresponse()
            body = answer.read()
            times[name].append((time.perf_counter() - start) * 1000)
            if answer.status != 200:
                sys.exit(f"{name}: HTTP {answer.status}: {body[:200]!r}")
            data = json.loads(body)
            sizes[name].append(len(data.get("items") or data.get("itemRefs") or data.get("unreadcounts") or []))

print("| call | answers | median ms | p95 ms | max ms | items per answer |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for name in calls:
    values = sorted(times[name])
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    print(f"| {name} | {len(values)} | {statistics.median(values):.1f} | {p95:.1f} | {values[-1]:.1f} "
          f"| {min(sizes[name])}–{max(sizes[name])} |")
