#!/usr/bin/env python3
"""A local news site for ingest tests and demos, built from the real articles in
../shared/bench/stories/basil.jsonl: /feed.xml lists ITEMS of them (newest
first, as feeds do), /outlet/SLUG.xml the same articles by outlet (nyt, fox,
huffpost: one source each, as a reader would follow them), and /a/N.html is
article N as a web page, published N minutes after a start that makes the
newest an hour old. Pages are served after DELAY seconds, so an ingest can be
interrupted half-way.

    fixture_server.py PORT [--items N] [--delay SECONDS]
"""
import argparse, html, json, os, time
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("--items", type=int, default=40)
parser.add_argument("--delay", type=float, default=0.0)
args = parser.parse_args()
source = os.path.join(here, "..", "..", "shared", "bench", "stories", "basil.jsonl")
articles = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()][: args.items]
# Item N is published N minutes after the start, the newest an hour before the server started: the
# site's stories are today's on whatever day it runs (the reader's front page shows the last day).
start = datetime.now(timezone.utc).replace(second=0, microsecond=0) - timedelta(minutes=len(articles) + 60)
outlets = {"nyt": "The New York Times", "fox": "Fox News", "huffpost": "HuffPost"}
short = {"NYT": "The New York Times", "FOX": "Fox News", "HPO": "HuffPost"}
for a in articles:
    a["source"] = short.get(a.get("source"), a.get("source") or "Fixture")


def page(number):
    a = articles[number]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a["text"].split("\n") if p.strip())
    return (f"<html><head><title>{html.escape(a['title'])}</title>"
            f"<meta property=\"og:site_name\" content=\"{html.escape(a.get('source', 'Fixture'))}\"></head>"
            f"<body><article><h1>{html.escape(a['title'])}</h1>{paragraphs}</article></body></html>")


def feed(base, outlet=None):
    items = []
    for number in reversed(range(len(articles))):
        a = articles[number]
        if outlet and a["source"] != outlet:
            continue
        items.append(f"<item><title>{html.escape(a['title'])}</title><link>{base}/a/{number}.html</link>"
                     f"<guid isPermaLink=\"false\">fixture-{number}</guid>"
                     f"<pubDate>{format_datetime(start + timedelta(minutes=number))}</pubDate></item>")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
            f"<title>{html.escape(outlet or 'Fixture News')}</title>"
            f"<link>{base}/</link>{''.join(items)}</channel></rss>")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        base = f"http://127.0.0.1:{args.port}"
        if self.path == "/feed.xml":
            body, kind = feed(base), "application/rss+xml; charset=utf-8"
        elif self.path.startswith("/outlet/") and self.path[8:-4] in outlets and self.path.endswith(".xml"):
            body, kind = feed(base, outlets[self.path[8:-4]]), "application/rss+xml; charset=utf-8"
        elif self.path == "/robots.txt":
            body, kind = "User-agent: *\nAllow: /\n", "text/plain"
        elif self.path.startswith("/a/") and self.path.endswith(".html") and self.path[3:-5].isdigit() \
                and int(self.path[3:-5]) < len(articles):
            time.sleep(args.delay)
            body, kind = page(int(self.path[3:-5])), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_):
        pass


ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()
