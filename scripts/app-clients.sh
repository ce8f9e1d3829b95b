#!/usr/bin/env bash
# Real reading apps against the desk: a local news site (scripts/fixture_server.py, three outlets,
# two of them in a folder) is ingested, two users get app passwords, `newsdesk serve` serves it, and
#  - newsboat (Debian's) reloads through its Google Reader source, lists the desk's feeds and unread
#    articles, and opens one in a pseudo-terminal, which marks it read; checked from the desk's side;
#  - a Google Reader client from PyPI (google-reader) logs in, lists, fetches, marks read and stars;
#  - a Fever client written from the protocol's description syncs, marks and saves;
#  - hostile requests (stale tokens, another user's streams, malformed ids, huge n, ids by the
#    thousand) each get their documented error, and the other user's state never moves.
#
# Usage: scripts/app-clients.sh   Environment: SKIP_BUILD=1 uses the existing release binary.
# Needs newsboat, sqlite3, python3 with venv, and PyPI for google-reader.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
WORK=$(mktemp -d)
SITE_PORT=${SITE_PORT:-8751}
PORT=${PORT:-8752}
BASE=http://127.0.0.1:$PORT
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
failures=0
check() { # name expected actual
    if [[ "$2" == "$3" ]]; then echo "ok   $1"; else echo "FAIL $1: expected $2, got $3"; failures=$((failures + 1)); fi
}

if [[ ${SKIP_BUILD:-} != 1 ]]; then
    (cd "$ROOT" && swift build -c release --product newsdesk >/dev/null)
fi
python3 -m venv "$WORK/venv"
# google-reader declares Python 3.12 but runs on Debian 12's 3.11 (it uses nothing newer).
"$WORK/venv/bin/pip" install --quiet --ignore-requires-python google-reader==0.0.3

python3 "$ROOT/scripts/fixture_server.py" "$SITE_PORT" --items 60 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$SITE_PORT/feed.xml" >/dev/null && break; sleep 0.1; done
db=$WORK/desk.sqlite
cat >"$WORK/list.opml" <<OPML
<opml version="2.0"><body>
<outline text="US">
<outline type="rss" text="The New York Times" xmlUrl="http://127.0.0.1:$SITE_PORT/outlet/nyt.xml"/>
<outline type="rss" text="Fox News" xmlUrl="http://127.0.0.1:$SITE_PORT/outlet/fox.xml"/>
</outline>
<outline type="rss" text="HuffPost" xmlUrl="http://127.0.0.1:$SITE_PORT/outlet/huffpost.xml"/>
</body></opml>
OPML
"$NEWSDESK" sources import --database "$db" --empty "$WORK/list.opml" >/dev/null
"$NEWSDESK" ingest --database "$db" --allow-private-network --host-delay-ms 0 --host-connections 8 >/dev/null
articles=$(sqlite3 "$db" "SELECT COUNT(*) FROM articles")
echo "desk: $articles articles from 3 feeds"
echo 'alice-password' | "$NEWSDESK" users add alice --admin --database "$db" >/dev/null
echo 'bob-password' | "$NEWSDESK" users add bob --database "$db" >/dev/null
alice=$("$NEWSDESK" users app-password alice --database "$db")
bob=$("$NEWSDESK" users app-password bob --database "$db")
"$NEWSDESK" serve --database "$db" --port "$PORT" --no-ingest >"$WORK/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -s -o /dev/null "$BASE/login" && break; sleep 0.1; done

# What the desk says a user has read, through its own API with a fresh login.
unread_of() { # user password
    local auth
    auth=$(curl -s -d "Email=$1&Passwd=$2" "$BASE/api/greader/accounts/ClientLogin" | sed -n 's/^Auth=//p')
    curl -s -H "Authorization: GoogleLogin auth=$auth" "$BASE/api/greader/reader/api/0/unread-count?output=json" \
        | python3 -c 'import json,sys; print([c["count"] for c in json.load(sys.stdin)["unreadcounts"] if c["id"].endswith("reading-list")][0])'
}
check "alice starts with every article unread" "$articles" "$(unread_of alice "$alice")"

echo "== newsboat"
mkdir -p "$WORK/newsboat"
cat >"$WORK/newsboat/config" <<CONFIG
urls-source "feedhq"
feedhq-url "$BASE/api/greader"
feedhq-login "alice"
feedhq-password "$alice"
feedhq-show-special-feeds no
feedhq-min-items 100
CONFIG
touch "$WORK/newsboat/urls"
nb=(newsboat -C "$WORK/newsboat/config" -u "$WORK/newsboat/urls" -c "$WORK/newsboat/cache.db")
check "newsboat: reload and count the unread" "$articles unread articles" "$(timeout 120 "${nb[@]}" -x reload print-unread)"
check "newsboat: the desk's feeds" "Fox News,HuffPost,The New York Times" \
    "$(sqlite3 "$WORK/newsboat/cache.db" "SELECT group_concat(title, ',') FROM (SELECT title FROM rss_feed ORDER BY title)")"
timeout 120 python3 "$ROOT/scripts/newsboat_drive.py" "$WORK/newsboat/config" "$WORK/newsboat/urls" "$WORK/newsboat/cache.db"
check "newsboat: opening an article marks it read on the desk" "$((articles - 1))" "$(unread_of alice "$alice")"
check "newsboat: and for newsboat after a reload" "$((articles - 1)) unread articles" "$(timeout 120 "${nb[@]}" -x reload print-unread)"
check "bob's state did not move" "$articles" "$(unread_of bob "$bob")"

echo "== google-reader (PyPI)"
if ! "$WORK/venv/bin/python" "$ROOT/scripts/greader_client_check.py" "$BASE/api/greader" bob "$bob" 3; then
    failures=$((failures + 1))
fi
check "alice's state did not move" "$((articles - 1))" "$(unread_of alice "$alice")"

echo "== Fever"
if ! python3 "$ROOT/scripts/fever_client_check.py" "$BASE/api/fever" alice "$alice" 3; then failures=$((failures + 1)); fi
check "bob's state did not move" "$((articles - 1))" "$(unread_of bob "$bob")"

echo "== hostile requests"
auth=$(curl -s -d "Email=bob&Passwd=$bob" "$BASE/api/greader/accounts/ClientLogin" | sed -n 's/^Auth=//p')
H="Authorization: GoogleLogin auth=$auth"
G=$BASE/api/greader/reader/api/0
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
check "ClientLogin with alice's login password (not an app password)" 401 \
    "$(status -d 'Email=alice&Passwd=alice-password' "$BASE/api/greader/accounts/ClientLogin")"
check "ClientLogin with alice's name and bob's app password" 401 \
    "$(status -d "Email=alice&Passwd=$bob" "$BASE/api/greader/accounts/ClientLogin")"
check "a stale auth token" 401 "$(status -H 'Authorization: GoogleLogin auth=bob/0123456789abcdef' "$G/user-info")"
check "a stale token says so" "true" \
    "$(curl -s -D - -o /dev/null -H 'Authorization: GoogleLogin auth=x' "$G/user-info" | tr -d '\r' | sed -n 's/^X-Reader-Google-Bad-Token: //Ip')"
check "edit-tag without T" 401 "$(status -H "$H" -d 'i=1&a=user/-/state/com.google/read' "$G/edit-tag")"
T=$(curl -s -H "$H" "$G/token")
check "alice's stream by her id, for bob" 400 "$(status -H "$H" "$G/stream/items/ids?s=user/1/state/com.google/starred")"
check "a malformed item id" 400 "$(status -H "$H" -d "T=$T&i=tag:google.com,2005:reader/item/xyz&a=user/-/state/com.google/read" "$G/edit-tag")"
check "an unknown stream" 400 "$(status -H "$H" "$G/stream/contents/splice/everything")"
check "a huge n is capped at 1000" 200 "$(status -H "$H" "$G/stream/contents/user/-/state/com.google/reading-list?n=99999999999")"
check "n out of range" 400 "$(status -H "$H" "$G/stream/items/ids?n=99999999999999999999999")"
python3 -c 'print("T='"$T"'&a=user/-/state/com.google/read&" + "&".join("i=%d" % n for n in range(1, 20002)))' >"$WORK/many"
check "20001 ids at once" 400 "$(status -H "$H" --data-binary @"$WORK/many" "$G/edit-tag")"
head -c 3000000 /dev/zero | tr '\0' 'a' >"$WORK/huge"
check "a 3 MB body" 413 "$(status -H "$H" --data-binary @"$WORK/huge" "$G/edit-tag")"
check "Fever: a malformed key" 200 "$(status -d 'api_key=<script>' "$BASE/api/fever?api")"
check "Fever: a bad mark" 400 "$(status -d "api_key=$(python3 -c "import hashlib;print(hashlib.md5(b'bob:$bob').hexdigest())")&mark=item&as=read&id=abc" "$BASE/api/fever?api")"
check "the reader needs a login" 303 "$(status "$BASE/")"
check "the JSON API needs a token" 401 "$(status "$BASE/api/v1/stories")"
check "alice's state did not move" "0" "$(unread_of alice "$alice")"
check "the server is still up" 200 "$(status "$BASE/login")"

if ((failures > 0)); then
    echo "app clients: $failures checks failed"
    tail -20 "$WORK/serve.log"
    exit 1
fi
echo "app clients: every check passed"
