#!/usr/bin/env python3
"""Writes N articles as JSON Lines for `newsdesk import`, to see the desk at
scale: the 6,690 real reports of ../shared/bench/stories (basil and neus)
over and over, PER_DAY a day in time order, each with a word of its own (a
stand-in for the new names and places that real news keeps bringing, so the
vocabulary never stops growing).

    scale_articles.py N [--per-day 1000] [--end-now] > articles.jsonl

With --end-now the last article is published now, so the reader's front page
(the last day's stories) has something to show.
"""
import argparse, json, os, sys
from datetime import datetime, timezone, timedelta

parser = argparse.ArgumentParser()
parser.add_argument("count", type=int)
parser.add_argument("--per-day", type=int, default=1000)
parser.add_argument("--end-now", action="store_true")
args = parser.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
articles = []
for name in ("basil", "neus"):
    for line in open(os.path.join(here, "..", "..", "shared", "bench", "stories", name + ".jsonl"), encoding="utf-8"):
        if line.strip():
            articles.append(json.loads(line))
start = datetime(2020, 1, 1, tzinfo=timezone.utc)
if args.end_now:
    start = datetime.now(timezone.utc) - timedelta(seconds=args.count * 86_400 / args.per_day)


def name(number):
    """A name no other article has: the number in letters."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if number == 0:
            return "Zq" + letters
out = sys.stdout
for number in range(args.count):
    article = articles[number % len(articles)]
    cycle = number // len(articles)
    published = start + timedelta(seconds=number * 86_400 / args.per_day)
    out.write(json.dumps({
        "id": f"{cycle}-{article['id']}",
        "url": f"https://scale.example/{cycle}/{number}",
        "title": article["title"],
        "text": article["text"] + " Reported by " + name(number) + ".",
        "source": article.get("source"),
        "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }) + "\n")
