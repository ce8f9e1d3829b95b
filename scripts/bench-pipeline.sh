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
# Usage: scripts/bench-pipeline.sh [pages|stories]...
# Environment: RUNS=5, PORT=8791, SKIP_BUILD=1 (use the existing release binary).
# Needs nginx (Debian: nginx-light).
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
