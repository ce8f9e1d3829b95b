#!/usr/bin/env bash
# The reader under load: a database of ARTICLES real reports (scripts/scale_articles.py,
# the last published now, 1,000 a day) is filled with `newsdesk import`, `newsdesk serve`
# answers from it, and wrk (64 connections, 2 threads) asks for the front page, story pages
# (a different story each time, among the last day's) and searches (a different word each
# time) — with the page cache, as served, and without it, rendering every page anew.
#
# Usage: scripts/bench-serve.sh
# Environment: ARTICLES=100000, DURATION=15 (seconds per run), PORT=8792, SKIP_BUILD=1,
# KEEP_DB=path (reuse or keep the database). Needs wrk (Debian: wrk).
# With BENCH_POSTGRES_URL (a database whose public schema the script may empty, and psql), the
# desk is copied there by `newsdesk migrate` and the same runs are made against PostgreSQL after
# SQLite's.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ARTICLES=${ARTICLES:-100000}
DURATION=${DURATION:-15}
PORT=${PORT:-8792}
NEWSDESK=$ROOT/.build/release/newsdesk
WORK=$(mktemp -d)
SERVER=""
cleanup() {
    [[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "bench: $*" >&2; }

command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install -y wrk)" >&2; exit 1; }
if [[ ${SKIP_BUILD:-} != 1 ]]; then
    log "building newsdesk (release)"
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
DB=${KEEP_DB:-$WORK/bench.sqlite}
if [[ ! -f $DB ]]; then
    log "importing $ARTICLES articles into $DB"
    start=$EPOCHREALTIME
    python3 "$ROOT/scripts/scale_articles.py" "$ARTICLES" --end-now |
        "$NEWSDESK" import - --database "$DB" --empty --progress 50000 >&2
    log "imported in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s"
fi
log "database: $(du -h "$DB" | cut -f1)"

run() { # NAME PATH-OR-LUA
    local name=$1 target=$2 out
    if [[ $target == *.lua ]]; then
        out=$(wrk -t2 -c64 -d"${DURATION}s" --latency -s "$target" "http://127.0.0.1:$PORT/")
    else
        out=$(wrk -t2 -c64 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$target")
    fi
    local p50 p99 rate errors
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    rate=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
    errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
    echo "| $name | $p50 | **$p99** | $rate | ${errors:-none} |"
}

stores=("$DB")
if [[ -n ${BENCH_POSTGRES_URL:-} ]]; then
    command -v psql >/dev/null || { echo "bench: psql is needed (apt-get install -y postgresql-client)" >&2; exit 1; }
    psql -q "$BENCH_POSTGRES_URL" -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public' 2>/dev/null
    log "copying the desk into PostgreSQL"
    "$NEWSDESK" migrate --from "$DB" --to "$BENCH_POSTGRES_URL" | head -n 1 >&2
    psql -q "$BENCH_POSTGRES_URL" -c 'VACUUM ANALYZE' 2>/dev/null
    stores+=("$BENCH_POSTGRES_URL")
fi

for store in "${stores[@]}"; do
    for mode in cached uncached; do
        flags=()
        [[ $mode == uncached ]] && flags=(--no-page-cache)
        engine=SQLite
        [[ $store == postgres* ]] && engine=PostgreSQL
        "$NEWSDESK" serve --database "$store" --port "$PORT" --no-ingest "${flags[@]}" >/dev/null 2>&1 &
        SERVER=$!
        for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
        ids=$(curl -s "http://127.0.0.1:$PORT/api/v1/stories?since=24h&limit=100" |
            python3 -c 'import json, sys; print(",".join(str(s["id"]) for s in json.load(sys.stdin)["stories"]))')
        cat >"$WORK/stories.lua" <<LUA
local ids = {$ids}
request = function() return wrk.format("GET", "/stories/" .. ids[math.random(#ids)]) end
LUA
        cat >"$WORK/search.lua" <<'LUA'
local words = {"trump", "president", "election", "court", "police", "senate", "health", "china", "border",
  "climate", "economy", "vote", "war", "tax", "school", "fire", "judge", "house", "russia", "immigration",
  "obama", "impeachment", "virus", "market", "oil", "shooting", "budget", "campaign", "justice", "report"}
request = function()
  return wrk.format("GET", "/search?q=" .. words[math.random(#words)] .. "+" .. words[math.random(#words)])
end
LUA
        echo
        echo "$engine, $mode, $ARTICLES articles, 64 connections, ${DURATION} s each:"
        echo
        echo "| page | p50 | p99 | requests/s | errors |"
        echo "| --- | ---: | ---: | ---: | --- |"
        run "front page" /
        run "story pages (100 stories at random)" "$WORK/stories.lua"
        run "search (two of 30 words at random)" "$WORK/search.lua"
        run "API story list" "/api/v1/stories?limit=20"
        kill "$SERVER"
        wait "$SERVER" 2>/dev/null || true
        SERVER=""
    done
done
