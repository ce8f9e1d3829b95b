#!/usr/bin/env bash
# Slow and greedy clients against the reader: a database of ARTICLES real reports
# (scripts/scale_articles.py, the last published now) is served by `newsdesk serve --no-ingest`
# on loopback, and slowhttptest (Debian) attacks it for DURATION seconds at a time with
# CONNECTIONS connections, first slowloris (request headers a line every few seconds, never
# finished), then slow read (pipelined requests whose responses are read a few bytes at a time).
# Meanwhile a second client (Python, a new connection each time) asks for the front page every
# 50 ms and records how long each answer took. Then an oversized form and API body must get 413.
#
# Per attack it prints the front page's requests, failures, p50/p99/max latency, the connections
# slowhttptest had open at most and saw closed, whether slowhttptest found the service available
# at the end, and the server's open sockets and memory in the attack's last seconds. Exits
# non-zero if the front page failed or took longer than MAX_LATENCY seconds once, if the server
# died, or if a body over the limit did not get 413.
#
# Usage: scripts/slow-clients.sh
# Environment: SKIP_BUILD=1 uses the existing release binary; NEWSDESK=path another binary (not built).
# CONNECTIONS=1000, DURATION=35 (seconds per attack), ARTICLES=2000, PORT=8796, MAX_LATENCY=5.
# serve gets --idle-timeout IDLE_TIMEOUT (20, shorter than the default 60 so that a slow read
# is cut off within the attack) and --header-timeout HEADER_TIMEOUT (10); its connection cap
# is its own default (three quarters of the open-file limit) unless MAX_CONNECTIONS is set.
# Installs slowhttptest if it is missing. With CONNECTIONS above the cap the front page waits
# in the listen backlog until the timeouts free places, for seconds: the script then fails.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=1
[[ -n ${NEWSDESK:-} || ${SKIP_BUILD:-} == 1 ]] && BUILD=0
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
CONNECTIONS=${CONNECTIONS:-1000}
DURATION=${DURATION:-35}
ARTICLES=${ARTICLES:-2000}
PORT=${PORT:-8796}
MAX_LATENCY=${MAX_LATENCY:-5}
IDLE_TIMEOUT=${IDLE_TIMEOUT:-20}
HEADER_TIMEOUT=${HEADER_TIMEOUT:-10}
MAX_CONNECTIONS=${MAX_CONNECTIONS:-}
WORK=$(mktemp -d)
SERVER=""
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [[ -n $SERVER ]] && { kill "$SERVER" 2>/dev/null || true; }
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "slow-clients: $*" >&2; }

if ! command -v slowhttptest >/dev/null; then
    log "installing slowhttptest"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slowhttptest >/dev/null
fi
if [[ $BUILD == 1 ]]; then
    log "building newsdesk (release)"
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
[[ -x $NEWSDESK ]] || { log "no binary at $NEWSDESK"; exit 1; }

db=$WORK/slow.sqlite
log "importing $ARTICLES articles"
python3 "$ROOT/scripts/scale_articles.py" "$ARTICLES" --end-now |
    "$NEWSDESK" import - --database "$db" --empty >/dev/null

limits=(--idle-timeout "$IDLE_TIMEOUT" --header-timeout "$HEADER_TIMEOUT")
[[ -n $MAX_CONNECTIONS ]] && limits+=(--max-connections "$MAX_CONNECTIONS")
"$NEWSDESK" serve --database "$db" --port "$PORT" --no-ingest "${limits[@]}" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/" -o "$WORK/front.html" || { log "the server did not start"; cat "$WORK/serve.log" >&2; exit 1; }
echo "binary: $NEWSDESK"
echo "limits: ${limits[*]}"
echo "front page: $(wc -c <"$WORK/front.html") bytes, $ARTICLES articles; $CONNECTIONS attacking connections, ${DURATION} s per attack"

# The second client: GET / on a new connection every 50 ms (or as soon as the last answer came,
# if later) for the given seconds; writes one latency (seconds) or "fail ..." per request.
cat >"$WORK/probe.py" <<'PY'
import http.client, sys, time
port, seconds, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
end = time.monotonic() + seconds
with open(out, "w") as f:
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/")
            response = connection.getresponse()
            body = response.read()
            connection.close()
            took = time.monotonic() - start
            if response.status == 200 and b"</html>" in body:
                f.write(f"{took:.6f}\n")
            else:
                f.write(f"fail status {response.status} after {took:.3f} s\n")
        except Exception as error:
            f.write(f"fail {type(error).__name__}: {error} after {time.monotonic() - start:.3f} s\n")
        f.flush()
        time.sleep(max(0.0, 0.05 - (time.monotonic() - start)))
PY
cat >"$WORK/summary.py" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
limit = float(sys.argv[2])
times = sorted(float(l) for l in lines if not l.startswith("fail"))
fails = [l for l in lines if l.startswith("fail")]
slow = [t for t in times if t > limit]
def pct(p):
    return times[min(len(times) - 1, int(p / 100 * len(times)))] * 1000 if times else float("nan")
print(f"{len(lines)} {len(fails)} {len(slow)} {pct(50):.1f} {pct(99):.1f} {(times[-1] * 1000 if times else float('nan')):.1f}")
for l in fails[:5]:
    print("  " + l, file=sys.stderr)
PY

status=0
results=()
attack() { # NAME SLOWHTTPTEST-ARGS...
    local name=$1
    shift
    log "$name: slowhttptest $* for ${DURATION} s"
    slowhttptest "$@" -c "$CONNECTIONS" -r 200 -l "$DURATION" -p 3 -g -o "$WORK/$name" \
        -u "http://127.0.0.1:$PORT/" >"$WORK/$name.out" 2>&1 &
    local attacker=$!
    pids+=("$attacker")
    sleep 3 # let the connections open
    python3 "$WORK/probe.py" "$PORT" "$((DURATION - 5))" "$WORK/$name.probe"
    # The server's sockets and memory near the end of the attack (the attack's last 2 s).
    local sockets rss
    sockets=$(find "/proc/$SERVER/fd" -lname 'socket:*' 2>/dev/null | wc -l)
    rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status" 2>/dev/null || echo "?")
    wait "$attacker" || true
    local summary requests failures slow p50 p99 max available connected closed alive=yes
    summary=$(python3 "$WORK/summary.py" "$WORK/$name.probe" "$MAX_LATENCY")
    read -r requests failures slow p50 p99 max <<<"$summary"
    # slowhttptest's CSV: seconds, closed, pending, connected, service available (0 or 1).
    available=$(tail -n 1 "$WORK/$name.csv" | awk -F, '{ print ($5 > 0 ? "yes" : "NO") }')
    connected=$(awk -F, 'NR > 1 && $4 > m { m = $4 } END { print m + 0 }' "$WORK/$name.csv")
    closed=$(tail -n 1 "$WORK/$name.csv" | awk -F, '{ print $2 + 0 }')
    kill -0 "$SERVER" 2>/dev/null || alive=NO
    results+=("| $name | $requests | $failures | $slow | $p50 | **$p99** | $max | $connected | $closed | $available | $sockets | $rss | $alive |")
    if [[ $failures != 0 || $slow != 0 || $alive != yes || $requests == 0 ]]; then
        log "$name: the front page stopped answering in time (or the server died)"
        status=1
    fi
}

attack slowloris -H -i 5 -x 24
attack slow-read -X -k 8 -n 2 -w 16 -y 64 -z 32

# Bodies over the limit: a 3 MB form (the limit is 2 MB) and a 100 KB API body (64 KB).
cat >"$WORK/too-large.py" <<'PY'
import http.client, sys
port = int(sys.argv[1])
def post(path, content_type, size):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("POST", path)
        connection.putheader("Content-Type", content_type)
        connection.putheader("Content-Length", str(size))
        connection.endheaders()
        try:
            connection.send(b"x" * size)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before taking it all
        return connection.getresponse().status
    except Exception as error:
        return f"{type(error).__name__}"
    finally:
        connection.close()
form = post("/sources", "application/x-www-form-urlencoded", 3 * 1024 * 1024)
api = post("/api/v1/sources", "application/json", 100 * 1024)
print(form, api)
PY
read -r form_status api_status <<<"$(python3 "$WORK/too-large.py" "$PORT")"
kill -0 "$SERVER" 2>/dev/null || { log "the server died"; status=1; }

echo
echo "| attack | front-page requests | failures | over ${MAX_LATENCY} s | p50 ms | p99 ms | max ms | attack connections open (max) | closed | slowhttptest: service available at end | server sockets near end | server RSS MB | server alive |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |"
printf '%s\n' "${results[@]}"
echo
echo "3 MB form POST /sources: $form_status; 100 KB POST /api/v1/sources: $api_status (413 expected)"
if [[ $form_status != 413 || $api_status != 413 ]]; then
    log "a body over the limit did not get 413"
    status=1
fi
exit $status
