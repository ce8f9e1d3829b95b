"""Extract pages with trafilatura, one JSON line per page in the shape the
benchmark scorers read: {"input": PATH, "text": TEXT}.

Usage: trafilatura_extract.py PAGE.html.gz...
"""
import gzip
import json
import sys

import trafilatura


def main():
    for path in sys.argv[1:]:
        with gzip.open(path) as handle:
            html = handle.read().decode("utf-8", errors="replace")
        text = trafilatura.extract(html, include_comments=False) or ""
        print(json.dumps({"input": path, "text": text}, ensure_ascii=False))


if __name__ == "__main__":
    main()
