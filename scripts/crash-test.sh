#!/usr/bin/env bash
# Kill -9 an ingest half-way, then run it again: nothing already stored may be
# lost and nothing may be stored twice. Uses scripts/fixture_server.py (40 real
# articles, each page served after 0.1 s) on 127.0.0.1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=$ROOT/.build/release/newsdesk
PORT=${PORT:-8131}
WORK=$(mktemp -d)
DB=$WORK/desk.sqlite
python3 "$ROOT/scripts/fixture_server.py" "$PORT" --items 40 --delay 0.1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 1

count() {
    python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
distinct = db.execute("SELECT COUNT(DISTINCT url) FROM articles").fetchone()[0]
placed = db.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL").fetchone()[0]
fts = db.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0]
print(articles, distinct, placed, fts)
PY
}

"$NEWSDESK" sources add --empty --database "$DB" --allow-private-network "http://127.0.0.1:$PORT/feed.xml" >/dev/null
"$NEWSDESK" ingest --database "$DB" --allow-private-network >/dev/null &
INGEST=$!
# Kill it once a few articles are in (each page takes 0.1 s plus the per-host pause), whatever the machine's pace.
for _ in $(seq 300); do
    sleep 0.1
    read -r stored _ <<<"$(count 2>/dev/null || echo 0)"
    ((stored >= 3)) && break
done
kill -9 "$INGEST"
wait "$INGEST" 2>/dev/null || true
read -r before distinct placed fts <<<"$(count)"
echo "crash test: killed with $before articles stored"
if ((before == 0 || before >= 40)); then
    echo "crash test: the kill did not land half-way ($before of 40 stored); cannot judge" >&2
    exit 1
fi
"$NEWSDESK" ingest --database "$DB" --allow-private-network
read -r after distinct placed fts <<<"$(count)"
echo "crash test: after the second run $after articles, $distinct distinct URLs, $placed in stories, $fts indexed"
if ((after != 40 || distinct != 40 || placed != 40 || fts != 40)); then
    echo "crash test: FAILED (expected 40 of each)" >&2
    exit 1
fi
echo "crash test: nothing lost, nothing stored twice"
stories=$("$NEWSDESK" stories --database "$DB" --since 36500d --json | wc -l)
"$NEWSDESK" story --database "$DB" 1 >/dev/null
echo "crash test: $stories stories listed; story #1 shown"
((stories > 0))
