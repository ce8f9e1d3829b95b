#!/usr/bin/env python3
"""A local news site whose every article carries one XSS payload, for
scripts/xss-browser-test.sh. Payload N of VECTORS (a JSON list of
{title, payload}) gets its own feed, /feed/N.xml (RSS 2.0; a JSON Feed 1.1,
/feed/N.json, when the payload holds characters XML cannot carry), with two
items, both with the payload as the item's HTML description:

  - "page": links to /a/N.html, a realistic news article page (a real
    article's text from ../shared/bench/stories/basil.jsonl, with the site's
    header, byline, share bar and footer around it) with the payload inside a
    body paragraph and again as a block between paragraphs;
  - "feed": links to /gone/N.html, which answers 404, so ingest keeps the
    feed's own content (the sanitiser's input is then the payload itself).

    xss_site.py PORT VECTORS
    /feeds.txt lists every feed's URL, one a line.
"""
import html, json, os, re, sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, vectors_path = int(sys.argv[1]), sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
vectors = json.load(open(vectors_path, encoding="utf-8"))
stories = [json.loads(line) for line in open(os.path.join(here, "..", "..", "shared", "bench", "stories", "basil.jsonl"),
                                             encoding="utf-8") if line.strip()]
base = f"http://127.0.0.1:{port}"
start = datetime.now(timezone.utc) - timedelta(hours=6)
# Characters XML 1.0 cannot hold, even as references.
not_xml = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The sentence around the payload in the article body: how the test sees that the extractor kept it.
LEAD_IN = "In a statement released on Thursday, the ministry wrote:"
LEAD_OUT = "and officials declined to comment further."


def headline(number):
    title = vectors[number].get("title") or "Untitled vector"
    return f"Security desk {number}: {title}"


def paragraphs(number):
    story = stories[number % len(stories)]
    lines = [p.strip() for p in story["text"].split("\n") if p.strip()]
    if lines and lines[0] == story.get("title"):
        lines = lines[1:]
    return lines[:12] if len(lines) >= 4 else lines + [
        "The ministry said the review would continue into next year.",
        "Opposition lawmakers called for the findings to be published in full.",
        "Analysts said the decision was unlikely to change policy in the short term.",
    ]


def page(number):
    payload = vectors[number]["payload"]
    body = [f"<p>{html.escape(p)}</p>" for p in paragraphs(number)]
    body.insert(2, f"<p>{LEAD_IN} {payload} {LEAD_OUT}</p>")
    body.insert(len(body) - 1, payload)
    title = html.escape(headline(number))
    published = (start + timedelta(minutes=number)).isoformat()
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Loopback Herald</title>
<meta property="og:site_name" content="The Loopback Herald">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta name="author" content="Ada Reporter">
<meta property="article:published_time" content="{published}">
<link rel="stylesheet" href="/site.css">
</head><body>
<header class="masthead"><a href="/">The Loopback Herald</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article class="story">
<h1>{title}</h1>
<p class="byline">By <a rel="author" href="/staff/ada">Ada Reporter</a> · <time datetime="{published}">{published[:10]}</time></p>
<div class="share"><a href="/share/twitter">Share on X</a> <a href="/share/facebook">Share on Facebook</a></div>
<div class="article-body">
{chr(10).join(body)}
</div>
</article>
<aside class="related"><h2>More from World</h2><ul><li><a href="/a/other.html">Markets steady after the vote</a></li></ul></aside>
</main>
<footer><p>© 2026 The Loopback Herald. <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
<form action="/newsletter"><label>Newsletter <input name="email"></label><button>Sign up</button></form></footer>
</body></html>"""


def items(number):
    when = format_datetime(start + timedelta(minutes=number))
    payload = vectors[number]["payload"]
    return [("page", f"{base}/a/{number}.html", f"xss-page-{number}", headline(number), payload, when),
            ("feed", f"{base}/gone/{number}.html", f"xss-feed-{number}", headline(number) + " (feed)", payload, when)]


def rss(number):
    entries = "".join(
        f"<item><title>{html.escape(title)}</title><link>{link}</link><guid isPermaLink=\"false\">{guid}</guid>"
        f"<pubDate>{when}</pubDate><description>{html.escape(payload, quote=False)}</description></item>"
        for _, link, guid, title, payload, when in items(number))
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
            f"<title>Loopback Herald {number}</title><link>{base}/</link>"
            f"<description>Security desk feed {number}</description>{entries}</channel></rss>")


def json_feed(number):
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": f"Loopback Herald {number}", "home_page_url": base + "/",
        "items": [{"id": guid, "url": link, "title": title, "content_html": payload,
                   "date_published": (start + timedelta(minutes=number)).isoformat()}
                  for _, link, guid, title, payload, _ in items(number)]})


def feed_url(number):
    return f"{base}/feed/{number}.json" if not_xml.search(vectors[number]["payload"]) else f"{base}/feed/{number}.xml"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path
        match = re.fullmatch(r"/(feed|a)/(\d+)\.(xml|json|html)", path)
        number = int(match.group(2)) if match else -1
        if path == "/robots.txt":
            body, kind = "User-agent: *\nAllow: /\n", "text/plain"
        elif path == "/feeds.txt":
            body, kind = "".join(feed_url(n) + "\n" for n in range(len(vectors))), "text/plain"
        elif match and number < len(vectors) and match.group(1) == "feed" and feed_url(number).endswith(path):
            if match.group(3) == "xml":
                body, kind = rss(number), "application/rss+xml; charset=utf-8"
            else:
                body, kind = json_feed(number), "application/feed+json; charset=utf-8"
        elif match and number < len(vectors) and match.group(1) == "a" and match.group(3) == "html":
            body, kind = page(number), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        data = body.encode("utf-8", "surrogatepass")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
