#!/usr/bin/env python3
"""Writes a static news site for the pipeline benchmark (a web server such as
nginx then serves it), from real material in ../shared:

  --corpus pages    the 121 real news pages of bench/aeb, each under COPIES
                    addresses with their own canonical URL (the later ones
                    are the same copy, as wire stories republished by
                    several outlets are);
  --corpus stories  the 6,690 real reports of bench/stories (basil and neus),
                    each its own page with a site's header, navigation,
                    related links and footer around the article.

The articles are spread over FEEDS feeds at /feed/N.xml, and /sources.opml
lists the feeds. BASE is the address the site will be served at.

    pipeline_site.py DIR BASE [--corpus pages|stories] [--copies 4] [--feeds 20]
"""
import argparse, gzip, html, json, os, re
from datetime import datetime, timezone, timedelta
from email.utils import format_datetime
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(here, "..", "..", "shared", "bench")
parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("base")
parser.add_argument("--corpus", choices=["pages", "stories"], default="pages")
parser.add_argument("--copies", type=int, default=4)
parser.add_argument("--feeds", type=int, default=20)
args = parser.parse_args()
base = args.base.rstrip("/")
start = datetime(2026, 11, 30, 6, 0, tzinfo=timezone.utc)


def story_page(article, number):
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n") if p.strip())
    related = "".join(f"<li><a href=\"/story/{number + k}.html\">More news {k}</a></li>" for k in range(1, 9))
    nav = "".join(f"<li><a href=\"/{s}\">{s.title()}</a></li>"
                  for s in ["world", "politics", "business", "science", "sport", "culture", "opinion"])
    title = html.escape(article["title"])
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | The Daily Fixture</title>"
            f"<meta property=\"og:title\" content=\"{title}\"><meta property=\"og:site_name\" content=\"The Daily Fixture\">"
            f"<link rel=\"stylesheet\" href=\"/site.css\"><script>window.analytics = {{page: {number}}};</script></head>"
            f"<body><header><a href=\"/\">The Daily Fixture</a><nav><ul>{nav}</ul></nav></header>"
            f"<main><article><h1>{title}</h1><p class=\"byline\">By Staff Reporter</p>"
            f"<time datetime=\"{(start + timedelta(seconds=20 * number)).isoformat()}\"></time>{paragraphs}</article>"
            f"<aside><h2>Related</h2><ul>{related}</ul></aside></main>"
            f"<footer><p>© The Daily Fixture. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer>"
            f"</body></html>").encode("utf-8")


def own_address(body, copy):
    """The page as another outlet republishes it: its canonical and og:url addresses its own."""
    def rewrite(match):
        url = match.group(2)
        return match.group(1) + url + ("&" if b"?" in url else b"?") + b"outlet=%d" % copy + match.group(3)
    tag = rb'(<(?:link|meta)\b[^>]*?(?:rel=["\']?canonical["\']?|property=["\']og:url["\'])[^>]*?(?:href|content)=["\'])([^"\'#]*)(["\'])'
    body = re.sub(tag, rewrite, body, flags=re.I)
    reverse = rb'(<(?:link|meta)\b[^>]*?(?:href|content)=["\'])([^"\'#]*)(["\'][^>]*?(?:rel=["\']?canonical["\']?|property=["\']og:url["\']))'
    return re.sub(reverse, rewrite, body, flags=re.I)


pages = {}
titles = []
if args.corpus == "pages":
    truth = json.load(open(os.path.join(shared, "aeb", "ground-truth.json"), encoding="utf-8"))
    for copy in range(args.copies):
        for name in sorted(truth):
            body = gzip.open(os.path.join(shared, "aeb", "html", name + ".html.gz")).read()
            if copy > 0:
                body = own_address(body, copy)
            path = f"/c{copy}/{name}.html"
            pages[path] = body
            titles.append((path, f"Article {name[:12]} ({copy})"))
else:
    articles = []
    for name in ("basil", "neus"):
        for line in open(os.path.join(shared, "stories", name + ".jsonl"), encoding="utf-8"):
            if line.strip():
                articles.append(json.loads(line))
    for number, article in enumerate(articles):
        path = f"/story/{number}.html"
        pages[path] = story_page(article, number)
        titles.append((path, article["title"]))


def feed(number):
    items = []
    for index in range(number, len(titles), args.feeds):
        path, title = titles[index]
        items.append(f"<item><title>{html.escape(title)}</title><link>{base}{path}</link>"
                     f"<guid isPermaLink=\"false\">{path}</guid>"
                     f"<pubDate>{format_datetime(start + timedelta(seconds=20 * index))}</pubDate></item>")
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Outlet {number}</title>"
            f"<link>{base}/</link>{''.join(items)}</channel></rss>").encode("utf-8")


feeds = {f"/feed/{n}.xml": feed(n) for n in range(args.feeds)}
opml = ("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Pipeline benchmark</title></head><body>"
        + "".join(f"<outline type=\"rss\" text=\"Outlet {n}\" xmlUrl=\"{base}/feed/{n}.xml\"/>" for n in range(args.feeds))
        + "</body></opml>").encode("utf-8")


for path, body in list(pages.items()) + list(feeds.items()) + [("/sources.opml", opml),
                                                             ("/robots.txt", b"User-agent: *\nAllow: /\n")]:
    target = os.path.join(args.dir, path.lstrip("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as out:
        out.write(body)
print(f"wrote {len(pages)} pages in {len(feeds)} feeds to {args.dir}")
