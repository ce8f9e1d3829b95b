#!/usr/bin/env python3
"""Reads the `newsdesk ingest --stats` lines of several runs on standard input
and prints the median run (by articles per second) as a Markdown table row.

    pipeline_summary.py CORPUS < runs.txt
"""
import re, sys

corpus = sys.argv[1]
runs = []
for line in sys.stdin:
    if not line.strip():
        continue
    number = lambda pattern: float(re.search(pattern, line).group(1))
    runs.append({
        "articles": int(number(r"(\d+) new articles")), "copies": int(number(r"(\d+) copies")),
        "stories": int(number(r"(\d+) new stories")), "from_feed": int(number(r"\((\d+) from the feed")),
        "seconds": number(r"([\d.]+) s, "), "rate": number(r"([\d.]+) articles/s"),
        "stages": {name: number(name + r" ([\d.]+)") for name in ("fetch", "extract", "check", "group", "store")},
        "pipeline": number(r"store ([\d.]+) ms an article"), "memory": number(r"peak memory ([\d.]+) MB"),
    })
runs.sort(key=lambda run: run["rate"])
median = runs[len(runs) // 2]
per_article = " / ".join(f"{median['stages'][name] * 1000 / median['articles']:.2f}"
                         for name in ("fetch", "extract", "check", "group", "store"))
print(f"| {corpus} | {median['articles']} ({median['copies']} copies, {median['stories']} stories, "
      f"{median['from_feed']} from the feed) | {median['seconds']:.2f} | "
      f"**{median['rate']:.0f}** ({runs[0]['rate']:.0f}–{runs[-1]['rate']:.0f}) | "
      f"{1000 / median['pipeline']:.0f} | {per_article} | {median['memory']:.0f} |")
