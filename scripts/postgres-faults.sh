#!/usr/bin/env bash
# Bad input and failures on PostgreSQL: commands given a malformed URL, a refused port, a wrong
# password, a missing database or a database of a newer schema end with one line naming the problem
# and a non-zero exit; then `serve` and a worker run on the fixture site while the server is stopped
# and started again: the reader keeps answering the pages it has built, says the rest cannot be read
# now (503), and both go on by themselves when the server is back — nothing lost, nothing doubled.
#
# Usage: NEWSDESK_SCRATCH_POSTGRES_URL=postgres://… scripts/postgres-faults.sh (as root: it stops and
# starts the local cluster with pg_ctlcluster). The database's public schema is emptied first.
# Environment: PORT=8134 (fixture site), SERVE_PORT=8135, SKIP_BUILD=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=$ROOT/.build/release/newsdesk
URL=${NEWSDESK_SCRATCH_POSTGRES_URL:?set NEWSDESK_SCRATCH_POSTGRES_URL to a database this test may empty}
PORT=${PORT:-8134}
SERVE_PORT=${SERVE_PORT:-8135}
read -r pg_version pg_cluster _ < <(pg_lsclusters --no-header | head -n 1)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    pg_ctlcluster "$pg_version" "$pg_cluster" start >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "postgres faults: $*"; }
fail() {
    log "FAILED: $*" >&2
    exit 1
}

if [[ ${SKIP_BUILD:-} != 1 ]]; then
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
psql -q "$URL" -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public' 2>/dev/null

# expect_error WHAT EXPECTED-TEXT -- COMMAND...: one line on standard error, containing the text; exit 1.
expect_error() {
    local what=$1 expected=$2
    shift 3
    local status=0
    "$@" >"$WORK/out" 2>"$WORK/err" || status=$?
    ((status != 0)) || fail "$what: exit status 0"
    [[ $(wc -l <"$WORK/err") == 1 ]] || fail "$what: $(wc -l <"$WORK/err") lines on standard error: $(cat "$WORK/err")"
    grep -qF "$expected" "$WORK/err" || fail "$what: “$(cat "$WORK/err")” does not say “$expected”"
    [[ ! -s $WORK/out ]] || fail "$what: wrote to standard output"
    log "$what: exit $status, “$(cat "$WORK/err")”"
}
host_port=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(f"{p.hostname}:{p.port or 5432}")' "$URL")
user=$(python3 -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).username)' "$URL")
base=${URL%/*}
expect_error "a malformed URL" "port that is not a number" -- "$NEWSDESK" stories --database "postgres://$user@${host_port%:*}:port/x"
expect_error "a refused port" "connection refused" -- "$NEWSDESK" stories --database "postgres://$user@${host_port%:*}:1/x"
expect_error "a wrong password" "refused the password" -- \
    "$NEWSDESK" sources list --database "postgres://$user:not-the-password@$host_port/${URL##*/}"
expect_error "a missing database" "has no database" -- "$NEWSDESK" ingest --database "$base/newsdesk_no_such_database"
"$NEWSDESK" sources list --database "$URL" --empty >/dev/null
psql -q "$URL" -c "INSERT INTO schema_migrations (name) VALUES ('v99 from the future')"
expect_error "a newer schema" "has a newer schema than this newsdesk" -- "$NEWSDESK" serve --database "$URL" --port 0
psql -q "$URL" -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public' 2>/dev/null

# The server goes away while serve and a worker run.
python3 "$ROOT/scripts/fixture_server.py" "$PORT" --items 40 --delay 0.05 >/dev/null 2>&1 &
PIDS+=($!)
sleep 1
"$NEWSDESK" sources add --empty --database "$URL" --allow-private-network "http://127.0.0.1:$PORT/feed.xml" >/dev/null
"$NEWSDESK" serve --database "$URL" --port "$SERVE_PORT" --allow-private-network --host-delay-ms 0 >"$WORK/serve.log" 2>&1 &
serve=$!
PIDS+=("$serve")
"$NEWSDESK" worker --database "$URL" --allow-private-network --host-delay-ms 0 >"$WORK/worker.log" 2>&1 &
worker=$!
PIDS+=("$worker")
reader="http://127.0.0.1:$SERVE_PORT"
status() { curl -s -o /dev/null -w '%{http_code}' "$reader$1"; }
stored() { psql -tA "$URL" -c "SELECT COUNT(*) FROM articles" 2>/dev/null || echo 0; }
for _ in $(seq 100); do
    (($(stored) >= 40)) && break
    sleep 0.2
done
(($(stored) == 40)) || fail "the 40 fixture articles were not stored ($(stored))"
[[ $(status /) == 200 && $(status /stories/1) == 200 ]] || fail "the reader did not answer before the outage"
pg_ctlcluster "$pg_version" "$pg_cluster" stop -m fast
log "PostgreSQL stopped"
front=$(status /) story=$(status /stories/1) unseen=$(status /stories/2) api=$(status /api/v1/stories)
log "while it is down: front page $front, a story read before $story, a story not read before $unseen, the API $api"
[[ $front == 200 && $story == 200 && $unseen == 503 && $api == 503 ]] || fail "while down, expected 200 200 503 503"
sleep 3
pg_ctlcluster "$pg_version" "$pg_cluster" start
log "PostgreSQL started again"
for _ in $(seq 150); do
    [[ $(status /stories/2) == 200 ]] && break
    sleep 0.2
done
[[ $(status /stories/2) == 200 ]] || fail "the reader did not come back"
# The source made due again: polled anew after the outage (once the filing leadership is taken
# again), its entries are found known, and nothing is stored twice.
psql -q "$URL" -c "UPDATE sources SET next_poll_at = 0"
for _ in $(seq 300); do
    [[ $(grep -c "files the stories now" "$WORK/serve.log" "$WORK/worker.log" | awk -F: '{ s += $2 } END { print s }') -ge 2 ]] && break
    sleep 0.2
done
sleep 3
read -r articles distinct queued handed <<<"$(psql -tA "$URL" -c "SELECT COUNT(*), COUNT(DISTINCT url),
    (SELECT COUNT(*) FROM entry_queue), (SELECT COUNT(*) FROM hand_over) FROM articles" | tr '|' ' ')"
log "after the outage: $articles articles, $distinct distinct URLs, $queued queued, $handed waiting to be filed"
((articles == 40 && distinct == 40 && queued == 0 && handed == 0)) || fail "expected 40 articles once each, nothing left"
grep -h "trying again" "$WORK/serve.log" "$WORK/worker.log" | head -2 | sed 's/^/postgres faults: said: /'
grep -q "trying again" "$WORK/worker.log" "$WORK/serve.log" || fail "neither serve nor the worker said it would try again"
[[ $(psql -tA "$URL" -c "SELECT COUNT(*) FROM sources WHERE last_success_at IS NOT NULL") == 1 ]] || fail "the source was not polled again"
log "nothing lost, nothing doubled; the reader kept what it had and came back by itself"
# Both stop when asked (SIGTERM), the outage behind them.
kill -TERM "$serve" "$worker"
for _ in $(seq 100); do
    kill -0 "$serve" 2>/dev/null || kill -0 "$worker" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$serve" 2>/dev/null || kill -0 "$worker" 2>/dev/null; then fail "serve or the worker did not stop on SIGTERM"; fi
log "serve and the worker stopped on SIGTERM"
