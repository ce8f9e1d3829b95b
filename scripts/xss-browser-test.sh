#!/usr/bin/env bash
# The HTML sanitiser judged by a browser. Each of DOMPurify's 223 test vectors
# (../shared/conformance/xss/dompurify-vectors.json) is put by
# scripts/xss_site.py into a feed item's HTML and into the realistic news
# article page the item links to (plus a second item whose page is gone, so the
# feed's own content is kept); everything is ingested into a new database,
# `newsdesk serve` serves it, and scripts/xss_check.py loads every article page
# in headless Chromium with alert/confirm/prompt/print hooked, once with the
# reader's Content-Security-Policy and once with it bypassed, and walks the
# rendered article body for anything script-capable. Exits non-zero on any
# execution or violation, or when a payload reached no article page.
#
# Usage: scripts/xss-browser-test.sh [DETAILS_JSON]   (per-article results, optional)
# Environment: SKIP_BUILD=1 uses the existing release binary; SITE_PORT, READER_PORT;
# VECTORS (default ../shared/conformance/xss/dompurify-vectors.json). Needs chromium.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DETAILS=${1:-}
NEWSDESK=$ROOT/.build/release/newsdesk
VECTORS=${VECTORS:-$ROOT/../shared/conformance/xss/dompurify-vectors.json}
WORK=$(mktemp -d)
SITE_PORT=${SITE_PORT:-8743}
READER_PORT=${READER_PORT:-8744}
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ${SKIP_BUILD:-} != 1 ]]; then
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
python3 "$ROOT/scripts/xss_site.py" "$SITE_PORT" "$VECTORS" &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$SITE_PORT/feeds.txt" >/dev/null && break; sleep 0.1; done
db=$WORK/xss.sqlite
mapfile -t feeds < <(curl -sf "http://127.0.0.1:$SITE_PORT/feeds.txt")
echo "xss: ${#feeds[@]} feeds, two items each (an article page, and a page that is gone)"
"$NEWSDESK" sources add --database "$db" --empty --allow-private-network "${feeds[@]}" >/dev/null
"$NEWSDESK" ingest --database "$db" --allow-private-network --host-delay-ms 0 --host-connections 8
"$NEWSDESK" serve --database "$db" --host 127.0.0.1 --port "$READER_PORT" --no-ingest &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$READER_PORT/" >/dev/null && break; sleep 0.1; done
python3 "$ROOT/scripts/xss_check.py" "http://127.0.0.1:$READER_PORT" "$db" "$VECTORS" ${DETAILS:+--details "$DETAILS"}
