#!/usr/bin/env bash
# The reader in a real browser: a local news site (scripts/fixture_server.py,
# three outlets' feeds of real articles) is ingested into a new database with
# one unreachable source besides, `newsdesk serve` serves it, and
# scripts/browser_check.py loads every page in headless Chromium, checks the
# text, console, Content-Security-Policy and keys, and saves screenshots; then a
# user is added and the check logs in and goes through the user's own pages.
#
# Usage: scripts/browser-test.sh [SCREENSHOT_DIR]   (default: screenshots/)
# Environment: SKIP_BUILD=1 uses the existing release binary. Needs chromium.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHOTS=${1:-$ROOT/screenshots}
NEWSDESK=$ROOT/.build/release/newsdesk
WORK=$(mktemp -d)
SITE_PORT=${SITE_PORT:-8733}
READER_PORT=${READER_PORT:-8734}
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ${SKIP_BUILD:-} != 1 ]]; then
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
python3 "$ROOT/scripts/fixture_server.py" "$SITE_PORT" --items 120 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$SITE_PORT/feed.xml" >/dev/null && break; sleep 0.1; done
db=$WORK/reader.sqlite
"$NEWSDESK" sources add --database "$db" --empty --allow-private-network \
    "http://127.0.0.1:$SITE_PORT/outlet/nyt.xml" "http://127.0.0.1:$SITE_PORT/outlet/fox.xml" \
    "http://127.0.0.1:$SITE_PORT/outlet/huffpost.xml" >/dev/null
printf '<opml version="2.0"><body><outline type="rss" text="Unreachable Times" xmlUrl="http://127.0.0.1:9/feed.xml"/></body></opml>' \
    >"$WORK/more.opml"
"$NEWSDESK" sources import --database "$db" "$WORK/more.opml" >/dev/null
"$NEWSDESK" ingest --database "$db" --allow-private-network --host-delay-ms 0 --host-connections 8
"$NEWSDESK" serve --database "$db" --port "$READER_PORT" --no-ingest &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$READER_PORT/" >/dev/null && break; sleep 0.1; done
python3 "$ROOT/scripts/browser_check.py" "http://127.0.0.1:$READER_PORT" "$SHOTS"
# Then with a user: the same server needs a login once one exists (it looks again every second).
echo 'browser-test-password' | "$NEWSDESK" users add reader --database "$db" >/dev/null
sleep 1.1
python3 "$ROOT/scripts/browser_check.py" "http://127.0.0.1:$READER_PORT" "$SHOTS" reader browser-test-password
