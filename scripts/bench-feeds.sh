#!/usr/bin/env bash
# Compare Newsdesk's feed parsing with Python feedparser's on one large feed
# built from real news articles (scripts/make_bench_feed.py), in the same run.
# Both are timed around the parse call alone (reading the file and printing
# the result excluded); each is run RUNS times and the best run is kept.
#
# Usage: scripts/bench-feeds.sh
# Environment:
#   ITEMS=5000        items in the feed
#   FULL_TEXT=1       also put each article's full text in content:encoded
#   RUNS=5            runs per tool
#   SKIP_BUILD=1      use the existing release binary
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ITEMS=${ITEMS:-5000}
RUNS=${RUNS:-5}
VENV=$ROOT/.venv-bench
NEWSDESK=$ROOT/.build/release/newsdesk
FEED=$(mktemp --suffix=.xml)
trap 'rm -f "$FEED"' EXIT

log() { echo "bench: $*" >&2; }

if [[ ${SKIP_BUILD:-} != 1 ]]; then
    log "building newsdesk (release)"
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import feedparser' 2>/dev/null; then
    log "installing feedparser into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q feedparser
fi

FULL_TEXT=${FULL_TEXT:-0} python3 "$ROOT/scripts/make_bench_feed.py" "$FEED" "$ITEMS"
size=$(stat -c %s "$FEED")
log "feed: $ITEMS items, $size bytes"

best_newsdesk=""
for _ in $(seq "$RUNS"); do
    seconds=$("$NEWSDESK" feed parse --stats "$FEED" 2>&1 >/dev/null | sed -n 's/.* in \([0-9.]*\) s:.*/\1/p')
    if [[ -z $best_newsdesk ]] || awk -v a="$seconds" -v b="$best_newsdesk" 'BEGIN { exit !(a < b) }'; then
        best_newsdesk=$seconds
    fi
done

best_feedparser=$("$VENV/bin/python" - "$FEED" "$RUNS" <<'PY'
import sys, time, feedparser
data = open(sys.argv[1], "rb").read()
best = None
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    result = feedparser.parse(data)
    elapsed = time.perf_counter() - start
    assert len(result.entries) > 0
    best = elapsed if best is None else min(best, elapsed)
print(f"{best:.4f}")
PY
)

awk -v items="$ITEMS" -v n="$best_newsdesk" -v f="$best_feedparser" 'BEGIN {
    printf "newsdesk:   %8.0f items/s (%.4f s)\n", items / n, n
    printf "feedparser: %8.0f items/s (%.4f s)\n", items / f, f
    printf "ratio:      %.1fx feedparser\n", f / n
}'
