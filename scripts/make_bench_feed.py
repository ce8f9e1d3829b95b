#!/usr/bin/env python3
"""Write a large RSS 2.0 feed for the feed-parsing benchmark from the real
news articles in ../shared/bench/stories/basil.jsonl (headline, text, outlet,
date), repeated until ITEMS items: a channel with Dublin Core creators,
categories, enclosures and an HTML description of the lead, as news sites
publish it; with FULL_TEXT=1 also the whole article as content:encoded.

    make_bench_feed.py OUT.xml [ITEMS]
"""
import html, json, os, sys
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(here, "..", "..", "shared", "bench", "stories", "basil.jsonl")
out, items = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000
full_text = os.environ.get("FULL_TEXT", "0") == "1"
articles = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
start = datetime(2024, 1, 1, tzinfo=timezone.utc)
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            '<title>Newsdesk benchmark feed</title>\n<link>https://news.example.com/</link>\n'
            '<description>Real news articles, repeated</description>\n<language>en</language>\n'
            '<atom:link href="https://news.example.com/feed.xml" rel="self" type="application/rss+xml"/>\n')
    for i in range(items):
        a = articles[i % len(articles)]
        paragraphs = [p for p in a.get("text", "").split("\n") if p.strip()]
        lead = paragraphs[0] if paragraphs else ""
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        when = format_datetime(start + timedelta(minutes=7 * i))
        url = f"https://news.example.com/{i}/{a.get('id', i)}"
        f.write("<item>\n"
                f"<title>{html.escape(a.get('title', ''))}</title>\n<link>{url}</link>\n"
                f'<guid isPermaLink="true">{url}</guid>\n<pubDate>{when}</pubDate>\n'
                f"<dc:creator>{html.escape(a.get('source', 'Staff'))} reporter</dc:creator>\n"
                "<category>World</category><category>Politics</category>\n"
                f"<description>{html.escape('<p>' + html.escape(lead) + '</p>')}</description>\n"
                + (f"<content:encoded><![CDATA[{body}]]></content:encoded>\n" if full_text else "")
                + 
                f'<enclosure url="https://news.example.com/img/{i}.jpg" length="12345" type="image/jpeg"/>\n'
                "</item>\n")
    f.write("</channel>\n</rss>\n")
