#!/usr/bin/env bash
# Apps and logged-in readers at scale: a desk of ARTICLES real reports (scripts/scale_articles.py)
# spread over 300 sources in 10 folders, with 10 users — five who have read nothing, five who marked
# everything up to the middle read and then read one article in ten after it, and star some — is
# served by `newsdesk serve`, and
#  - scripts/bench_apps.py times stream/contents (n=1000, unread), stream/items/ids (n=10000) and
#    unread-count for every user over keep-alive connections;
#  - the store's size of a read state is read from SQLite's dbstat;
#  - wrk (64 connections) reads the front page, story pages and searches anonymously (the server
#    reads publicly) and then with a user's session cookie, in the same run.
#
# Usage: scripts/bench-apps.sh
# Environment: ARTICLES=100000, ROUNDS=5, DURATION=10, PORT=8796, SKIP_BUILD=1, KEEP_DB=path (a desk
# made by scripts/bench-serve.sh's import to start from; it is copied, not changed). Needs wrk, sqlite3.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ARTICLES=${ARTICLES:-100000}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
PORT=${PORT:-8796}
NEWSDESK=$ROOT/.build/release/newsdesk
BASE=http://127.0.0.1:$PORT
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
DB=$WORK/bench.sqlite
if [[ -n ${KEEP_DB:-} && -f $KEEP_DB ]]; then
    cp "$KEEP_DB" "$DB"
else
    log "importing $ARTICLES articles"
    python3 "$ROOT/scripts/scale_articles.py" "$ARTICLES" --end-now |
        "$NEWSDESK" import - --database "$DB" --empty --progress 50000 >&2
fi

log "300 sources in 10 folders"
{
    echo '<opml version="2.0"><body>'
    for folder in $(seq 1 10); do
        echo "<outline text=\"Folder $folder\">"
        for feed in $(seq 1 30); do
            echo "<outline type=\"rss\" text=\"Outlet $folder-$feed\" xmlUrl=\"http://127.0.0.1:9/$folder/$feed.xml\"/>"
        done
        echo '</outline>'
    done
    echo '</body></opml>'
} >"$WORK/sources.opml"
"$NEWSDESK" sources import --database "$DB" "$WORK/sources.opml" >&2
# The scale articles come without a source: spread them over the 300 (setup only, not a product path).
sqlite3 "$DB" "UPDATE articles SET source_id = (SELECT MIN(id) FROM sources) + id % 300"

log "10 users"
pairs=()
for n in $(seq 1 10); do
    echo "password-of-user-$n" | "$NEWSDESK" users add "user$n" --database "$DB" >/dev/null
    pairs+=("user$n:$("$NEWSDESK" users app-password "user$n" --database "$DB")")
done
tokens=()
for n in $(seq 1 10); do tokens+=("$("$NEWSDESK" users token "user$n" --database "$DB")"); done

"$NEWSDESK" serve --database "$DB" --port "$PORT" --no-ingest --public-reading >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -s -o /dev/null "$BASE/login" && break; sleep 0.1; done

log "read state: users 6 to 10 read up to the middle, then one in ten, and star one in fifty"
newest=$(sqlite3 "$DB" "SELECT MAX(id) FROM articles")
for n in $(seq 6 10); do
    token=${tokens[$((n - 1))]}
    auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")
    curl -sf "${auth[@]}" -d "{\"through\": $((newest / 2))}" "$BASE/api/v1/me/mark-all-read" >/dev/null
    for start in $(seq $((newest / 2 + 1)) 10000 "$newest"); do
        ids=$(python3 -c "print(','.join(str(i) for i in range($start, min($start + 10000, $newest + 1)) if (i + $n) % 10 == 0))")
        curl -sf "${auth[@]}" -d "{\"articles\": [$ids]}" "$BASE/api/v1/me/read" >/dev/null
    done
    ids=$(python3 -c "print(','.join(str(i) for i in range(1, $newest + 1, 50)))")
    curl -sf "${auth[@]}" -d "{\"articles\": [$ids]}" "$BASE/api/v1/me/starred" >/dev/null
done

echo
echo "Apps, $ARTICLES articles, 300 sources, 10 users, $ROUNDS rounds of each call per user, one connection:"
echo
python3 "$ROOT/scripts/bench_apps.py" "$BASE/api/greader" "$ROUNDS" "${pairs[@]}"

rows=$(sqlite3 "$DB" "SELECT COUNT(*) FROM article_states")
bytes=$(sqlite3 "$DB" "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('article_states', 'article_states_starred')")
echo
echo "Read state: $rows rows for 10 users, $bytes bytes with their index ($(awk -v b="$bytes" -v r="$rows" 'BEGIN { printf "%.1f", b / r }') bytes a row;" \
    "$(awk -v b="$bytes" -v a="$ARTICLES" 'BEGIN { printf "%.2f", b / (10 * a) }') bytes per article per user)."

# A logged-in reader: user 6's session.
csrf=0123456789abcdef0123456789abcdef
session=$(curl -s -D - -o /dev/null -H "Cookie: newsdesk_csrf=$csrf" \
    -d "csrf=$csrf&name=user6&password=password-of-user-6&next=/" "$BASE/login" |
    tr -d '\r' | sed -n 's/^Set-Cookie: \(newsdesk_session=[^;]*\).*/\1/Ip')
ids=$(curl -s "$BASE/api/v1/stories?since=24h&limit=100" |
    python3 -c 'import json, sys; print(",".join(str(s["id"]) for s in json.load(sys.stdin)["stories"]))')
run() { # NAME COOKIE PATH-OR-LUA
    local name=$1 cookie=$2 target=$3 out header=()
    # As a browser sends them: the session and the form token the reader set (unless NO_FORM_COOKIE, when
    # every answer makes a new token, so no state block is reused).
    local form="; newsdesk_csrf=$csrf"
    [[ -n ${NO_FORM_COOKIE:-} ]] && form=""
    [[ -n $cookie ]] && header=(-H "Cookie: $cookie$form")
    if [[ $target == *.lua ]]; then
        out=$(wrk -t2 -c64 -d"${DURATION}s" --latency "${header[@]}" -s "$target" "$BASE/")
    else
        out=$(wrk -t2 -c64 -d"${DURATION}s" --latency "${header[@]}" "$BASE$target")
    fi
    local p50 p99 rate errors
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    rate=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
    errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
    echo "| $name | $p50 | **$p99** | $rate | ${errors:-none} |"
}
cat >"$WORK/stories.lua" <<LUA
local ids = {$ids}
request = function() return wrk.format("GET", "/stories/" .. ids[math.random(#ids)]) end
LUA
cat >"$WORK/search.lua" <<'LUA'
local words = {"trump", "president", "election", "court", "police", "senate", "health", "china", "border",
  "climate", "economy", "vote", "war", "tax", "school", "fire", "judge", "house", "russia", "immigration"}
request = function()
  return wrk.format("GET", "/search?q=" .. words[math.random(#words)] .. "+" .. words[math.random(#words)])
end
LUA
echo
echo "The reader, $ARTICLES articles, 64 connections, ${DURATION} s each, anonymous and logged in (user 6):"
echo
echo "| page | p50 | p99 | requests/s | errors |"
echo "| --- | ---: | ---: | ---: | --- |"
for who in anonymous "logged in"; do
    cookie=""
    [[ $who == "logged in" ]] && cookie=$session
    run "front page, $who" "$cookie" /
    run "story pages, $who" "$cookie" "$WORK/stories.lua"
    run "search, $who" "$cookie" "$WORK/search.lua"
done
run "front page, logged in, unread only" "$session" "/?unread=1"
echo
echo "Logged in, without the form cookie (a new form token each time, so every page's state is read anew):"
echo
echo "| page | p50 | p99 | requests/s | errors |"
echo "| --- | ---: | ---: | ---: | --- |"
NO_FORM_COOKIE=1
run "front page, logged in, state read anew" "$session" /
run "story pages, logged in, state read anew" "$session" "$WORK/stories.lua"
