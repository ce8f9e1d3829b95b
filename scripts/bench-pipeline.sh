#!/usr/bin/env bash
# The whole desk from a local web site: nginx serves real pages and feeds
# (scripts/pipeline_site.py), and `newsdesk ingest --stats` polls the feeds,
# fetches every page, extracts, checks, finds copies and stories, and stores
# each article in a new SQLite database. Each corpus is ingested RUNS times,
# each time into a fresh database; the median run is reported, with its time
# per stage (summed over articles) and peak memory.
#
#   pages    121 real news pages (bench/aeb), each also republished under 3
#            other outlets' addresses: 484 articles, 363 of them copies
#   stories  6,690 real reports (bench/stories) as pages of a news site
#
# With BENCH_POSTGRES_URL (a database whose public schema the script may empty), the same runs go
# into PostgreSQL too: `newsdesk ingest` alone (one process, as on SQLite), then WORKERS processes of
# `newsdesk worker --exit-when-idle` sharing the work, timed from their start until the last exits.
# For the workers, "filer articles/s" is what the one process filing stories handled: articles
# stored over its seconds of grouping and storing (hand-over reads included).
#
# Usage: scripts/bench-pipeline.sh [pages|stories]...
# Environment: RUNS=5, PORT=8791, SKIP_BUILD=1 (use the existing release binary),
# BENCH_POSTGRES_URL, WORKERS="1 2 4".
# Needs nginx (Debian: nginx-light), and psql for PostgreSQL.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
PORT=${PORT:-8791}
NEWSDESK=$ROOT/.build/release/newsdesk
WORK=$(mktemp -d)
chmod 755 "$WORK" # nginx workers read the site as another user
NGINX_PID=""
cleanup() {
    [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "bench: $*" >&2; }

command -v nginx >/dev/null || { echo "bench: nginx is needed (apt-get install -y nginx-light)" >&2; exit 1; }
if [[ ${SKIP_BUILD:-} != 1 ]]; then
    log "building newsdesk (release)"
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi

postgres_results=()
# postgres_runs CORPUS SITE: the corpus into PostgreSQL, by one ingest process and by WORKERS workers.
postgres_runs() {
    local corpus=$1 site=$2 url=$BENCH_POSTGRES_URL lines=() run out workers
    reset() {
        psql -q "$url" -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public' 2>/dev/null
        "$NEWSDESK" sources import "$site/sources.opml" --database "$url" --empty >/dev/null
    }
    for run in $(seq "$RUNS"); do
        reset
        out=$("$NEWSDESK" ingest --database "$url" --allow-private-network --host-connections 16 --host-delay-ms 0 --stats)
        log "$corpus postgres ingest run $run: $(echo "$out" | tr '\n' ' ')"
        lines+=("$(echo "$out" | tr '\n' ' ')")
    done
    printf '%s\n' "${lines[@]}" >"$WORK/runs-$corpus-postgres.txt"
    results+=("$(python3 "$ROOT/scripts/pipeline_summary.py" "$corpus, PostgreSQL" <"$WORK/runs-$corpus-postgres.txt")")
    for workers in ${WORKERS:-1 2 4}; do
        local rates=()
        for run in $(seq "$RUNS"); do
            reset
            local start=$EPOCHREALTIME pids=()
            for n in $(seq "$workers"); do
                "$NEWSDESK" worker --database "$url" --allow-private-network --host-connections 16 --host-delay-ms 0 \
                    --exit-when-idle --stats >"$WORK/worker-$n.txt" 2>&1 &
                pids+=($!)
            done
            wait "${pids[@]}"
            local seconds articles
            seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
            articles=$(psql -tA "$url" -c "SELECT COUNT(*) FROM articles")
            # The filer's seconds: grouping and storing, summed over the workers (one files at a time).
            local filing
            filing=$(cat "$WORK"/worker-*.txt | sed -nE 's/.*group ([0-9.]+), store ([0-9.]+);.*/\1 \2/p' |
                awk '{ s += $1 + $2 } END { printf "%.3f", s }')
            log "$corpus postgres $workers workers run $run: $articles articles in $seconds s, filing $filing s"
            rates+=("$articles $seconds $filing")
        done
        postgres_results+=("$(printf '%s\n' "${rates[@]}" | python3 -c '
import sys
corpus, workers = sys.argv[1], sys.argv[2]
runs = sorted((int(a) / float(s), int(a), float(s), int(a) / float(f)) for a, s, f in (l.split() for l in sys.stdin))
rate, articles, seconds, filer = runs[len(runs) // 2]
print(f"| {corpus} | {workers} | {articles} | {seconds:.2f} | **{rate:.0f}** ({runs[0][0]:.0f}–{runs[-1][0]:.0f}) | {filer:.0f} |")
' "$corpus" "$workers")")
        rm -f "$WORK"/worker-*.txt
    done
}

corpora=("$@")
[[ ${#corpora[@]} -gt 0 ]] || corpora=(pages stories)
base="http://127.0.0.1:$PORT"
results=()
for corpus in "${corpora[@]}"; do
    site=$WORK/site-$corpus
    python3 "$ROOT/scripts/pipeline_site.py" "$site" "$base" --corpus "$corpus" >&2
    mkdir -p "$WORK/nginx"
    cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx;
    proxy_temp_path $WORK/nginx;
    fastcgi_temp_path $WORK/nginx;
    uwsgi_temp_path $WORK/nginx;
    scgi_temp_path $WORK/nginx;
    types { text/html html; application/rss+xml xml; text/x-opml opml; text/plain txt; }
    charset utf-8;
    sendfile on;
    keepalive_requests 100000;
    server { listen 127.0.0.1:$PORT; root $site; }
}
CONF
    nginx -c "$WORK/nginx.conf" -p "$WORK/nginx" &
    NGINX_PID=$!
    for _ in $(seq 50); do curl -sf "$base/robots.txt" >/dev/null && break; sleep 0.1; done
    lines=()
    for run in $(seq "$RUNS"); do
        db=$WORK/run.sqlite
        rm -f "$db" "$db"-*
        "$NEWSDESK" sources import "$site/sources.opml" --database "$db" --empty >/dev/null
        out=$("$NEWSDESK" ingest --database "$db" --allow-private-network --host-connections 16 --host-delay-ms 0 --stats)
        log "$corpus run $run: $(echo "$out" | tr '\n' ' ')"
        lines+=("$(echo "$out" | tr '\n' ' ')")
    done
    if [[ -n ${BENCH_POSTGRES_URL:-} ]]; then
        postgres_runs "$corpus" "$site"
    fi
    kill "$NGINX_PID"
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
    printf '%s\n' "${lines[@]}" >"$WORK/runs-$corpus.txt"
    if grep -q "articles/s" "$WORK/runs-$corpus.txt" && ! grep -q " 0 new articles" "$WORK/runs-$corpus.txt"; then
        results+=("$(python3 "$ROOT/scripts/pipeline_summary.py" "$corpus" <"$WORK/runs-$corpus.txt")")
    else
        "$NEWSDESK" sources list --database "$WORK/run.sqlite" >&2
        echo "bench: the $corpus runs stored nothing" >&2
        exit 1
    fi
done
echo "| corpus | articles | seconds | articles/s end to end (min–max of $RUNS) | articles/s of extract+check+group+store alone | ms an article: fetch / extract / check / group / store | peak MB |"
echo "| --- | --- | ---: | ---: | ---: | --- | ---: |"
printf '%s\n' "${results[@]}"
if ((${#postgres_results[@]} > 0)); then
    echo
    echo "| corpus | worker processes on PostgreSQL | articles | seconds | articles/s end to end (min–max of $RUNS) | filer articles/s |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${postgres_results[@]}"
fi
