#!/usr/bin/env bash
# Two workers share a PostgreSQL desk ingesting the local fixture site (scripts/fixture_server.py:
# ITEMS real articles, each page served after 0.1 s). Half-way, the one filing the stories is killed
# with kill -9; later, after it came back, the other one is. Then two workers run again until all
# the work is done. Every article must be stored once, placed in a story and searchable, and nothing
# left queued, in hand or waiting to be filed. Prints how long the work stopped after each kill.
#
# Usage: NEWSDESK_SCRATCH_POSTGRES_URL=postgres://user:password@host:port/name scripts/crash-test-postgres.sh
# The database's public schema is emptied first: give one the tests may wipe.
# Environment: ITEMS=80, PORT=8133, SKIP_BUILD=1 (use the existing release binary), CLAIM_SECONDS=45.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=$ROOT/.build/release/newsdesk
URL=${NEWSDESK_SCRATCH_POSTGRES_URL:?set NEWSDESK_SCRATCH_POSTGRES_URL to a database this test may empty}
ITEMS=${ITEMS:-80}
PORT=${PORT:-8133}
CLAIM_SECONDS=${CLAIM_SECONDS:-45}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "crash test (postgres): $*"; }

if [[ ${SKIP_BUILD:-} != 1 ]]; then
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
psql -q "$URL" -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public' 2>/dev/null
python3 "$ROOT/scripts/fixture_server.py" "$PORT" --items "$ITEMS" --delay 0.1 &
PIDS+=($!)
sleep 1
"$NEWSDESK" sources add --empty --database "$URL" --allow-private-network "http://127.0.0.1:$PORT/feed.xml" >/dev/null

sql() { psql -tA -q "$URL" -c "$1"; }
stored() { sql "SELECT COUNT(*) FROM articles"; }

# start NAME: a long-running worker, its output in $WORK/NAME.log; its pid in $started.
start() {
    "$NEWSDESK" worker --database "$URL" --allow-private-network --host-connections 2 --host-delay-ms 0 \
        --claim-seconds "$CLAIM_SECONDS" --progress-seconds 1 >"$WORK/$1.log" 2>&1 &
    started=$!
    PIDS+=("$started")
}
# wait_for N: until N articles are stored (at most a minute).
wait_for() {
    for _ in $(seq 600); do
        (($(stored) >= $1)) && return 0
        sleep 0.1
    done
    log "FAILED: fewer than $1 articles stored after a minute ($(stored))" >&2
    exit 1
}
# resumed AFTER: seconds until more than AFTER articles are stored.
resumed() {
    local start=$EPOCHREALTIME
    for _ in $(seq 1200); do
        if (($(stored) > $1)); then
            awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
            return 0
        fi
        sleep 0.1
    done
    echo "never"
}
leader_of() { # the log of the worker that files the stories now
    for name in "$@"; do
        if [[ $(grep -E "files the stories now|no longer files" "$WORK/$name.log" | tail -1) == *"files the stories now"* ]]; then
            echo "$name"
            return
        fi
    done
}

start one
one=$started
start two
two=$started
wait_for $((ITEMS / 5))
leader=$(leader_of one two)
[[ -n $leader ]] || { log "FAILED: no worker said it files the stories" >&2; exit 1; }
if [[ $leader == one ]]; then victim=$one; else victim=$two; fi
kill -9 "$victim"
at_kill=$(stored)
log "killed the filing leader ($leader) with $at_kill of $ITEMS stored"
log "the other worker stored the next article $(resumed "$at_kill") s later"

# The killed worker comes back; then the one that is not filing is killed.
start "$leader-again"
if [[ $leader == one ]]; then one=$started; else two=$started; fi
wait_for $((ITEMS / 2))
filing=$(leader_of one two "$leader-again")
if [[ $filing == two ]]; then victim=$one; else victim=$two; fi
kill -9 "$victim"
at_kill=$(stored)
log "killed a worker that was not filing with $at_kill of $ITEMS stored"
log "the work went on: the next article $(resumed "$at_kill") s later"

# Stop the survivor as Ctrl-C would (its claims released), then both again until nothing is left.
for pid in "$one" "$two"; do kill -TERM "$pid" 2>/dev/null || true; done
sleep 1
start_time=$EPOCHREALTIME
"$NEWSDESK" worker --database "$URL" --allow-private-network --host-connections 2 --host-delay-ms 0 \
    --claim-seconds "$CLAIM_SECONDS" --exit-when-idle >"$WORK/last-one.log" 2>&1 &
last_one=$!
"$NEWSDESK" worker --database "$URL" --allow-private-network --host-connections 2 --host-delay-ms 0 \
    --claim-seconds "$CLAIM_SECONDS" --exit-when-idle >"$WORK/last-two.log" 2>&1 &
last_two=$!
wait "$last_one" "$last_two"
log "both workers ran until all was done in $(awk -v a="$start_time" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"

read -r articles distinct placed indexed <<<"$(sql "SELECT COUNT(*), COUNT(DISTINCT url),
    COUNT(story_id), COUNT(*) FILTER (WHERE length(search) > 0) FROM articles" | tr '|' ' ')"
read -r queued handed <<<"$(sql "SELECT (SELECT COUNT(*) FROM entry_queue), (SELECT COUNT(*) FROM hand_over)" | tr '|' ' ')"
stories=$(sql "SELECT COUNT(*) FROM stories")
counted=$(sql "SELECT COALESCE(SUM(article_count), 0) FROM stories")
log "$articles articles, $distinct distinct URLs, $placed in stories, $indexed indexed; $stories stories counting $counted reports; $queued queued, $handed waiting to be filed"
if ((articles != ITEMS || distinct != ITEMS || placed != ITEMS || indexed != ITEMS || counted != ITEMS || queued != 0 || handed != 0)); then
    log "FAILED (expected $ITEMS of each, nothing left)" >&2
    for f in "$WORK"/*.log; do echo "== $f" >&2; tail -5 "$f" >&2; done
    exit 1
fi
# Search finds every article by a word of its headline.
searchable=$(sql "SELECT COUNT(*) FROM articles
    WHERE search @@ to_tsquery('simple', lower(substring(title from '[A-Za-z]{4,}')))")
listed=$("$NEWSDESK" stories --database "$URL" --since 36500d --json | wc -l)
log "every article found by a word of its headline: $searchable of $ITEMS; $listed stories listed"
((searchable == ITEMS && listed == stories))
log "nothing lost, nothing stored twice"
