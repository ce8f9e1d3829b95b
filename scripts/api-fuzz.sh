#!/usr/bin/env bash
# The JSON API against its own OpenAPI document: Schemathesis (installed into .venv-fuzz)
# generates requests from /api/v1/openapi.json and runs all its checks against a
# `newsdesk serve` of a new database holding the basil story set twice — as published
# (years ago: only a wide `since`, search and the ids reach it) and with its dates moved
# into the last day (under other URLs), so the default 24h story list has real stories.
# The server has an admin token; the suite runs once with it as a bearer token, once without, and
# once more as a user's token after a user is added (so the user's own calls answer with data), and
# then against the apps' APIs (Google Reader and Fever, /api/apps/openapi.json) as that user's app.
# The front page and /api/v1/stories must still answer afterwards.
#
# POST /api/v1/sources would follow any feed address it is sent: scripts/api_fuzz_hooks.py
# moves every such address to 127.0.0.1:9 (refused as private, so 422), so nothing is fetched.
#
# Usage: scripts/api-fuzz.sh [REPORT_DIR]   (keeps Schemathesis's JUnit and NDJSON reports there)
# Environment: SKIP_BUILD=1 uses the existing release binary; FUZZ_PORT (8741), FUZZ_SEED (20261204),
# FUZZ_MAX_EXAMPLES (cases per operation and phase, 200), FUZZ_TOKEN.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=$ROOT/.build/release/newsdesk
VENV=$ROOT/.venv-fuzz
SCHEMATHESIS_VERSION=4.32.5
STORIES=$ROOT/../shared/bench/stories/basil.jsonl
PORT=${FUZZ_PORT:-8741}
SEED=${FUZZ_SEED:-20261204}
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-200}
TOKEN=${FUZZ_TOKEN:-fuzz-admin-token-1c0ffee}
REPORTS=${1:-}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
server=
cleanup() {
    if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -qF "version $SCHEMATHESIS_VERSION"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
if [[ ${SKIP_BUILD:-} != 1 ]]; then
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi

# The story set as published, then a copy whose dates are squeezed, in order, into the
# last 23 hours (ending 10 minutes ago) under URLs of its own, so both are stored.
db=$WORK/fuzz.sqlite
"$NEWSDESK" import --database "$db" "$STORIES" >/dev/null
python3 - "$STORIES" "$WORK/recent.jsonl" <<'EOF'
import json, sys, time
from datetime import datetime, timezone

articles = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
def seconds(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
times = [seconds(a["published"]) for a in articles]
first, last = min(times), max(times)
end = time.time() - 600
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for article, at in zip(articles, times):
        moved = end - (last - at) / max(last - first, 1) * 23 * 3600
        article["published"] = datetime.fromtimestamp(moved, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        article["url"] += ("&" if "?" in article["url"] else "?") + "copy=recent"
        article["id"] += "-recent"
        out.write(json.dumps(article, ensure_ascii=False) + "\n")
EOF
"$NEWSDESK" import --database "$db" "$WORK/recent.jsonl" >/dev/null

log=$WORK/serve.log
start_server() {
    "$NEWSDESK" serve --no-ingest --database "$db" --host 127.0.0.1 --port "$PORT" --admin-token "$TOKEN" \
        >>"$log" 2>&1 &
    server=$!
    for _ in $(seq 100); do
        curl -sf -o /dev/null "$BASE/api/v1/openapi.json" && return 0
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
    done
    echo "api-fuzz: the server did not start:" >&2
    cat "$log" >&2
    exit 1
}
# Alive: the process is there and answers within five seconds.
serving() {
    kill -0 "$server" 2>/dev/null && curl -sf -o /dev/null -m 5 "$BASE/api/v1/openapi.json"
}
start_server
stories=$(curl -sf "$BASE/api/v1/stories?limit=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["stories"]))')
echo "api-fuzz: serving $BASE/ with $stories stories in the last 24h"

# One Schemathesis run; its summary lines are kept for the closing count.
failed=()
summaries=()
fuzz() {
    local name=$1
    shift
    local out=$WORK/$name.txt reports=$WORK/reports-$name status=0
    echo
    echo "=== api-fuzz: $name ==="
    (cd "$WORK" && SCHEMATHESIS_HOOKS="$ROOT/scripts/api_fuzz_hooks.py" "$VENV/bin/schemathesis" \
        --config-file "$ROOT/scripts/api-fuzz.toml" run \
        "${APPS_SCHEMA:-$BASE/api/v1/openapi.json}" --url "$BASE" --checks all --seed "$SEED" \
        --max-examples "$MAX_EXAMPLES" --generation-database none --request-timeout 10 --continue-on-failure \
        --no-color --report junit,ndjson --report-dir "$reports" "$@") 2>&1 | tee "$out" || status=$?
    [[ $status == 0 ]] || failed+=("$name (schemathesis exit $status)")
    local cases verdict
    cases=$(grep -A1 '^Test cases:' "$out" | tail -n 1 | sed 's/^ *//') || true
    verdict=$(grep -E '^=+ .* in [0-9.]+s =+$' "$out" | tail -n 1 | sed -E 's/^=+ (.*) =+$/\1/') || true
    summaries+=("$name: ${cases:-no count} (${verdict:-no verdict})")
    if [[ -n $REPORTS && -d $reports ]]; then mkdir -p "$REPORTS/$name" && cp -r "$reports"/. "$REPORTS/$name/"; fi
    if ! serving; then
        failed+=("$name (the server died or hangs)")
        echo "api-fuzz: the server died or hangs after $name; its last words:" >&2
        tail -n 20 "$log" >&2
        kill -9 "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        server=
        start_server
    fi
}
fuzz with-token -H "Authorization: Bearer $TOKEN"
fuzz without-token
# Then as a reader with an account: once the desk has a user, everything needs a login, and the
# user's own calls (/api/v1/me) answer with their data.
echo 'fuzz-user-password' | "$NEWSDESK" users add reader --database "$db" >/dev/null
USER_TOKEN=$("$NEWSDESK" users token reader --database "$db")
sleep 1.1
fuzz as-user -H "Authorization: Bearer $USER_TOKEN"
# And the apps' APIs, as the same user's app: a Google Reader auth token in the header, its T token and
# the Fever key put into the bodies by the hooks.
APP_PASSWORD=$("$NEWSDESK" users app-password reader --database "$db")
GREADER_AUTH=$(curl -sf -d "Email=reader&Passwd=$APP_PASSWORD" "$BASE/api/greader/accounts/ClientLogin" | sed -n 's/^Auth=//p')
export FUZZ_GREADER_T FUZZ_FEVER_KEY
FUZZ_GREADER_T=$(curl -sf -H "Authorization: GoogleLogin auth=$GREADER_AUTH" "$BASE/api/greader/reader/api/0/token")
FUZZ_FEVER_KEY=$(printf 'reader:%s' "$APP_PASSWORD" | md5sum | cut -d' ' -f1)
APPS_SCHEMA=$BASE/api/apps/openapi.json fuzz apps -H "Authorization: GoogleLogin auth=$GREADER_AUTH"

# Still serving?
alive=ok
curl -sf -o /dev/null -H "Authorization: Bearer $USER_TOKEN" "$BASE/" || alive="the front page does not answer"
curl -sf -o /dev/null -H "Authorization: Bearer $USER_TOKEN" "$BASE/api/v1/stories" \
    || alive="/api/v1/stories does not answer"
serving || alive="the server is gone"
[[ $alive == ok ]] || failed+=("afterwards: $alive")

echo
for line in "${summaries[@]}"; do echo "api-fuzz: $line"; done
if ((${#failed[@]})); then
    printf 'api-fuzz: FAILED: %s\n' "${failed[@]}"
    exit 1
fi
echo "api-fuzz: passed — all four runs clean, the server still answers"
