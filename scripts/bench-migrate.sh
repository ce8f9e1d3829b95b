#!/usr/bin/env bash
# Copying a desk to PostgreSQL at scale: a SQLite desk of ARTICLES real reports
# (scripts/scale_articles.py, filed by `newsdesk import` as scripts/bench-serve.sh does) is copied
# by `newsdesk migrate` into a PostgreSQL database made anew for each run; prints the command's
# table (the counts read from SQLite and counted back in PostgreSQL, and the pace) for every run.
#
# Usage: scripts/bench-migrate.sh
# Environment: ARTICLES=100000, RUNS=1, SKIP_BUILD=1, KEEP_DB=path (reuse or keep the SQLite desk),
# PG_URL=postgres://newsdesk:newsdesk@127.0.0.1:5432 (a role that may create databases; no database
# name), TARGET=newsdesk_migrate_bench (dropped and created again before each run, dropped at the end).
# Needs psql (Debian: postgresql-client).
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ARTICLES=${ARTICLES:-100000}
RUNS=${RUNS:-1}
PG_URL=${PG_URL:-postgres://newsdesk:newsdesk@127.0.0.1:5432}
TARGET=${TARGET:-newsdesk_migrate_bench}
NEWSDESK=$ROOT/.build/release/newsdesk
WORK=$(mktemp -d)
log() { echo "bench: $*" >&2; }
admin() { psql "$PG_URL/postgres" -v ON_ERROR_STOP=1 -qAtc "$1"; }
cleanup() {
    admin "DROP DATABASE IF EXISTS \"$TARGET\"" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

[[ $TARGET =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bench: TARGET must be a plain lower-case name" >&2; exit 2; }
command -v psql >/dev/null || { echo "bench: psql is needed (apt-get install -y postgresql-client)" >&2; exit 1; }
if [[ ${SKIP_BUILD:-} != 1 ]]; then
    log "building newsdesk (release)"
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
DB=${KEEP_DB:-$WORK/bench.sqlite}
if [[ ! -f $DB ]]; then
    log "importing $ARTICLES articles into $DB"
    python3 "$ROOT/scripts/scale_articles.py" "$ARTICLES" --end-now |
        "$NEWSDESK" import - --database "$DB" --empty --progress 50000 >&2
fi
log "desk: $(du -h "$DB" | cut -f1)"

for run in $(seq "$RUNS"); do
    admin "DROP DATABASE IF EXISTS \"$TARGET\""
    admin "CREATE DATABASE \"$TARGET\""
    echo
    echo "run $run of $RUNS:"
    "$NEWSDESK" migrate --from "$DB" --to "$PG_URL/$TARGET"
    log "database after the copy: $(admin "SELECT pg_size_pretty(pg_database_size('$TARGET'))")"
done
