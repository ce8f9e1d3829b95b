#!/usr/bin/env python3
"""Helpers for scripts/fault-test.sh (standard library only).

    fault_check.py input OUT [--neus N]     basil.jsonl and the first N of neus.jsonl as one import file,
                                            each with a URL of its own; prints the article count
    fault_check.py prefix INPUT N OUT       the URLs of the first N articles of INPUT, one a line
    fault_check.py state DB                 articles, distinct URLs, placed in stories, indexed, broken references,
                                            stored from the feed alone (the page not fetched), integrity_check
    fault_check.py missing DB URLS          how many of the URLs (one a line) the database lacks
    fault_check.py watch DB READER SECONDS ACKED [--until N]
                                            reads the reader's API and the database every 0.25 s for SECONDS
                                            (or until the database holds N articles), adds every URL seen stored
                                            to ACKED, prints: reads answered, reads failed (a 3 s limit),
                                            articles, the slowest read (s), reads of the database that failed,
                                            seconds taken; FAULT_TRACE=1 prints every round to standard error
"""
import json, os, sqlite3, sys, time, urllib.request

here = os.path.dirname(os.path.abspath(__file__))
stories = os.path.join(here, "..", "..", "shared", "bench", "stories")


def connect(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    db.execute("PRAGMA query_only = 1")
    return db


def make_input(out, neus):
    count = 0
    with open(out, "w", encoding="utf-8") as sink:
        for name, limit in (("basil.jsonl", None), ("neus.jsonl", neus)):
            with open(os.path.join(stories, name), encoding="utf-8") as source:
                taken = 0
                for line in source:
                    if not line.strip() or (limit is not None and taken >= limit):
                        continue
                    article = json.loads(line)
                    article["url"] = f"https://fault.test/a/{count}"
                    sink.write(json.dumps(article, ensure_ascii=False) + "\n")
                    count += 1
                    taken += 1
    print(count)


def prefix(source, count, out):
    with open(source, encoding="utf-8") as lines, open(out, "w", encoding="utf-8") as sink:
        for number, line in enumerate(lines):
            if number >= count:
                break
            sink.write(json.loads(line)["url"] + "\n")


def state(path):
    db = connect(path)
    one = lambda sql: db.execute(sql).fetchone()[0]
    integrity = "; ".join(row[0] for row in db.execute("PRAGMA integrity_check")).replace(" ", "_")
    # Broken references: a report marked a copy of itself, or of an article that shares not half its words,
    # or anything PRAGMA foreign_key_check finds.
    odd = len(db.execute("PRAGMA foreign_key_check").fetchall())
    for copy, original in db.execute(
            "SELECT a.text, o.text FROM articles a JOIN articles o ON o.id = a.copy_of WHERE a.copy_of IS NOT NULL"):
        words, others = set(copy.lower().split()), set(original.lower().split())
        if len(words & others) * 2 < len(words | others):
            odd += 1
    odd += one("SELECT COUNT(*) FROM articles WHERE copy_of = id")
    print(one("SELECT COUNT(*) FROM articles"), one("SELECT COUNT(DISTINCT url) FROM articles"),
          one("SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL"), one("SELECT COUNT(*) FROM articles_fts"),
          odd, one("SELECT COUNT(*) FROM articles WHERE from_feed = 1"), integrity)


def missing(path, urls):
    stored = {row[0] for row in connect(path).execute("SELECT url FROM articles")}
    with open(urls, encoding="utf-8") as lines:
        wanted = {line.strip() for line in lines if line.strip()}
    lost = sorted(wanted - stored)
    for url in lost[:5]:
        print("fault test: acknowledged but missing:", url, file=sys.stderr)
    print(len(lost))


def watch(path, reader, seconds, acked, until):
    answered = failed = count = db_failed = 0
    slowest = 0.0
    started = time.monotonic()
    seen = set()
    while time.monotonic() - started < seconds:
        asked = time.monotonic()
        try:
            with urllib.request.urlopen(f"{reader}/api/v1/stories?since=36500d", timeout=3) as response:
                response.read()
            answered += 1
        except Exception:
            failed += 1
        slowest = max(slowest, time.monotonic() - asked)
        try:
            db = connect(path)
            seen.update(row[0] for row in db.execute("SELECT url FROM articles"))
            db.close()
            count = len(seen)
        except sqlite3.Error as error:
            if not db_failed:
                print("fault test: reading the database failed:", error, file=sys.stderr)
            db_failed += 1
        if os.environ.get("FAULT_TRACE"):
            print(f"{time.monotonic() - started:6.2f} {count} {answered} {failed}", file=sys.stderr)
        if until is not None and count >= until:
            break
        time.sleep(0.25)
    with open(acked, "a", encoding="utf-8") as sink:
        sink.writelines(url + "\n" for url in sorted(seen))
    print(answered, failed, count, f"{slowest:.2f}", db_failed, f"{time.monotonic() - started:.1f}")


command, arguments = sys.argv[1], sys.argv[2:]
if command == "input":
    make_input(arguments[0], int(arguments[2]) if arguments[1:2] == ["--neus"] else 0)
elif command == "prefix":
    prefix(arguments[0], int(arguments[1]), arguments[2])
elif command == "state":
    state(arguments[0])
elif command == "missing":
    missing(arguments[0], arguments[1])
elif command == "watch":
    watch(arguments[0], arguments[1], float(arguments[2]), arguments[3],
          int(arguments[5]) if arguments[4:5] == ["--until"] else None)
else:
    sys.exit(__doc__)
