#!/usr/bin/env bash
# Checks the command line's contract end to end: exit status 0 when every
# input was read, 1 when any failed (the others still printed), 2 on a usage
# error; one line on stderr per failed input.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
PAGES=("$ROOT"/../shared/bench/aeb/html/*.html.gz)
PAGE=${PAGES[0]}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

check() {
    local name=$1 expected=$2 actual=$3
    if [[ $expected == "$actual" ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name: expected $expected, got $actual" >&2
    fi
}

status() { set +e; "$@" >"$WORK/out" 2>"$WORK/err"; echo $?; set -e; }

check "one good page" 0 "$(status "$NEWSDESK" extract "$PAGE")"
check "the page has a title line" 1 "$(grep -c . <(head -n 1 "$WORK/out"))"
check "the metadata line says how the body was found" 1 "$(sed -n 2p "$WORK/out" | grep -c 'found by: body$')"
check "a page found by its JSON-LD alone" json-ld "$(printf '%s' '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "The port reopened on Wednesday morning after two days of gales."}</script></head><body><div id="root"></div></body></html>' \
    | "$NEWSDESK" extract --format json - | python3 -c 'import json, sys; print(json.load(sys.stdin)["extraction"])')"

printf '\x89PNG\r\n\x1a\n\0\0' >"$WORK/image.png"
check "a bad input among good ones" 1 "$(status "$NEWSDESK" extract --format jsonl "$PAGE" "$WORK/image.png" "$WORK/missing.html" "$PAGE")"
check "every input has its line" 4 "$(wc -l <"$WORK/out" | tr -d ' ')"
check "one error line per failed input" 2 "$(wc -l <"$WORK/err" | tr -d ' ')"
check "failed inputs carry error in JSON" 2 "$(grep -c '"error"' "$WORK/out")"

check "standard input" 0 "$(status sh -c "gzip -dc '$PAGE' | '$NEWSDESK' extract --format json -")"
printf '%s\n%s\n' "$PAGE" "$PAGE" >"$WORK/list"
check "a list of files" 0 "$(status "$NEWSDESK" extract --format jsonl --files-from "$WORK/list")"
check "every listed file has its line" 2 "$(wc -l <"$WORK/out" | tr -d ' ')"
check "usage error" 2 "$(status "$NEWSDESK" extract --jobs 0 "$PAGE")"
check "unknown format" 2 "$(status "$NEWSDESK" extract --format pdf "$PAGE")"
check "size limit" 1 "$(status "$NEWSDESK" extract --max-size 1 <(head -c 2000000 /dev/zero | tr '\0' 'a'))"
check "size limit says so" 1 "$(grep -c 'larger than the 1 MB limit' "$WORK/err")"

SEED=$ROOT/../shared/seed/000_3624e5ef41cb84d9.txt
check "check finds damage" 1 "$(status "$NEWSDESK" check "$SEED")"
check "check on a clean text" 0 "$(status sh -c "echo 'The council met on Tuesday and approved the budget.' | '$NEWSDESK' check -")"
check "check on a missing file" 2 "$(status "$NEWSDESK" check "$WORK/missing.txt")"
check "check --format json" 1 "$(status "$NEWSDESK" check --format json "$SEED")"
check "json findings" 24 "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$WORK/out")"
check "clean" 0 "$(status "$NEWSDESK" clean --format json "$SEED")"
check "clean keeps the last line" 1 "$(grep -c 'With reporting by Linah Alsaafin in Antakya.' "$WORK/out")"
check "extract --no-check has no findings" 0 "$(status "$NEWSDESK" extract --no-check --format jsonl "$PAGE")"
check "no findings field" 0 "$(grep -c '"findings"' "$WORK/out" || true)"

CASES=$ROOT/../shared/conformance/feedparser/cases/wellformed
FEED=$CASES/rss/item_pubDate.xml
check "feed parse" 0 "$(status "$NEWSDESK" feed parse "$FEED")"
check "feed parse json" 1 "$(grep -c '"published":"2004-01-01T19:48:21Z"' "$WORK/out")"
check "feed parse feedparser" 0 "$(status "$NEWSDESK" feed parse --format feedparser "$FEED")"
check "feedparser tuple" 1 "$(grep -c '"published_parsed":\[2004,1,1,19,48,21,3,1,0\]' "$WORK/out")"
check "a bad feed among good ones" 1 "$(status "$NEWSDESK" feed parse "$FEED" "$WORK/image.png" "$WORK/missing.xml" "$FEED")"
check "every feed input has its line" 4 "$(wc -l <"$WORK/out" | tr -d ' ')"
check "one error line per failed feed" 2 "$(wc -l <"$WORK/err" | tr -d ' ')"
check "a web page is not a feed" 1 "$(status "$NEWSDESK" feed parse "$PAGE")"
check "loopback is refused by default" 1 "$(status "$NEWSDESK" feed parse http://127.0.0.1:9/feed.xml)"
check "refusal says why" 1 "$(grep -c 'loopback address' "$WORK/err")"
check "only http and https" 1 "$(status "$NEWSDESK" extract file:///etc/passwd)"
check "not a fetchable URL" 1 "$(grep -c 'only http and https' "$WORK/err")"
printf '<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/rss"/></body></opml>' >"$WORK/list.opml"
check "opml read" 0 "$(status "$NEWSDESK" feed opml "$WORK/list.opml")"
check "opml subscription" 1 "$(grep -c '"url":"https://a.example/rss"' "$WORK/out")"
check "opml export" 0 "$(status "$NEWSDESK" feed opml --export "$FEED")"
check "opml outline" 1 "$(grep -c 'xmlUrl=' "$WORK/out")"

printf '%s\n' '{"id": "a", "title": "Quake hits the coast", "text": "A strong quake hit the coast."}' \
    'not json' '{"id": "b", "title": "Quake hits coast", "text": "A strong quake hit the coast today."}' >"$WORK/articles.jsonl"
check "stories group with a bad line" 1 "$(status "$NEWSDESK" stories group "$WORK/articles.jsonl")"
check "every good article has its line" 2 "$(wc -l <"$WORK/out" | tr -d ' ')"
check "the bad line is named" 1 "$(grep -c 'articles.jsonl:2: not an article' "$WORK/err")"

DESK=$WORK/desk.sqlite
check "a new desk" 0 "$(status "$NEWSDESK" sources list --json --database "$DESK")"
check "starts with the starter sources" 20 "$(wc -l <"$WORK/out" | tr -d ' ')"
check "sources import" 0 "$(status "$NEWSDESK" sources import --database "$DESK" "$WORK/list.opml")"
check "one new source" 1 "$(grep -c 'imported 1 feeds: 1 new' "$WORK/out")"
check "sources export" 0 "$(status "$NEWSDESK" sources export --database "$DESK")"
check "every source exported" 21 "$(grep -c 'xmlUrl=' "$WORK/out")"
check "sources remove" 0 "$(status "$NEWSDESK" sources remove --database "$DESK" https://a.example/rss)"
check "removing it again" 1 "$(status "$NEWSDESK" sources remove --database "$DESK" https://a.example/rss)"
check "adding an unreachable source" 1 "$(status "$NEWSDESK" sources add --database "$DESK" http://127.0.0.1:9/feed.xml)"

printf '%s\n' '{"id": "a", "title": "Quake hits the coast", "text": "A strong earthquake struck.", "published": "2026-11-30T06:00:00Z", "source": "Wire"}' \
    'not json' '{"id": "b", "title": "Quake toll rises", "text": "The earthquake toll rose.", "published": 1764486000}' >"$WORK/articles.jsonl"
check "import: a bad line among good ones" 1 "$(status "$NEWSDESK" import --database "$DESK" "$WORK/articles.jsonl")"
check "import: one error line, with its line number" 1 "$(grep -c 'articles.jsonl:2: not an article' "$WORK/err")"
check "import: the good lines stored" 1 "$(grep -c 'imported 2 articles: 2 new' "$WORK/out")"
check "import: a missing file" 1 "$(status "$NEWSDESK" import --database "$DESK" "$WORK/missing.jsonl")"
check "serve: a port out of range" 2 "$(status "$NEWSDESK" serve --database "$DESK" --port 70000)"
check "serve: a short admin token" 2 "$(status "$NEWSDESK" serve --database "$DESK" --admin-token short)"
check "ingest: no concurrency" 2 "$(status "$NEWSDESK" ingest --database "$DESK" --concurrency 0)"

# Numbers from outside at their extremes: a one-line error each, never a trap.
printf '%s\n' '{"id": "c", "title": "Far future", "text": "A date no time can hold.", "published": 1e300}' \
    '{"id": "d", "title": "A bool", "text": "True is no time.", "published": true}' \
    '{"id": "e", "title": "Wrapped", "text": "Two to the sixty-fourth.", "published": 18446744073709551615}' \
    '{"id": "f", "title": "Year 99999", "text": "Too far on.", "published": "Thu, 01 Jan 99999 19:48:21 GMT"}' \
    >"$WORK/absurd.jsonl"
check "import: absurd times are bad lines" 1 "$(status "$NEWSDESK" import --database "$DESK" "$WORK/absurd.jsonl")"
check "import: each absurd time named" 4 "$(grep -c 'absurd.jsonl:[1-4]: not an article: published' "$WORK/err")"
check "stories group: absurd times are bad lines" 1 "$(status "$NEWSDESK" stories group "$WORK/absurd.jsonl")"
check "stories group: nothing grouped" 0 "$(wc -l <"$WORK/out" | tr -d ' ')"
for option in "--window-days inf" "--window-days nan" "--window-days 2e14" "--window-days 0"; do
    check "import $option" 2 "$(status "$NEWSDESK" import --database "$DESK" $option "$WORK/articles.jsonl")"
done
check "ingest: a timeout over a day" 2 "$(status "$NEWSDESK" ingest --database "$DESK" --timeout 10000000000)"
check "stories: since too far back" 2 "$(status "$NEWSDESK" stories --database "$DESK" --since 200000000000000d)"
check "stories: since in range" 0 "$(status "$NEWSDESK" stories --database "$DESK" --since 999999d)"
check "extract: too many jobs" 2 "$(status "$NEWSDESK" extract --jobs 4611686018427387904 "$PAGE")"
check "extract: a size limit past 2 GB" 2 "$(status "$NEWSDESK" extract --max-size 9223372036855 "$PAGE")"

# users: the password from standard input, never the command line; what goes wrong is one line.
USERS=$WORK/users.sqlite
status_in() { local input=$1; shift; set +e; printf '%s' "$input" | "$@" >"$WORK/out" 2>"$WORK/err"; echo $?; set -e; }
check "users add" 0 "$(status_in $'a-long-password\n' "$NEWSDESK" users add ana --admin --database "$USERS" --empty)"
check "users add says so" "added ana (admin)" "$(cat "$WORK/out")"
check "users add: the name taken" 1 "$(status_in $'another-password\n' "$NEWSDESK" users add ana --database "$USERS")"
check "users add: one line for it" "Error: there is already a user named ana" "$(cat "$WORK/err")"
check "users add: no password" 1 "$(status_in '' "$NEWSDESK" users add ben --database "$USERS")"
check "users add: a short password" 1 "$(status_in $'short\n' "$NEWSDESK" users add ben --database "$USERS")"
check "users add: a name with a space" 1 "$(status_in $'a-long-password\n' "$NEWSDESK" users add 'ben jones' --database "$USERS")"
check "users add: no password on the command line" 2 "$(status "$NEWSDESK" users add ben --password x --database "$USERS")"
check "users list" "ana	admin" "$(status "$NEWSDESK" users list --database "$USERS" >/dev/null; cut -f1,2 "$WORK/out")"
check "users app-password" 0 "$(status "$NEWSDESK" users app-password ana --database "$USERS")"
check "users app-password: the only line, 32 hex digits" 1 "$(grep -cxE '[0-9a-f]{32}' "$WORK/out")"
check "users token" 0 "$(status "$NEWSDESK" users token ana --database "$USERS")"
check "users token: the only line" 1 "$(wc -l <"$WORK/out" | tr -d ' ')"
check "users token --revoke" 0 "$(status "$NEWSDESK" users token ana --revoke --database "$USERS")"
check "users token --revoke says how many" "newsdesk: ended 1 API token of ana" "$(cat "$WORK/err")"
check "users password" 0 "$(status_in $'a-new-password\n' "$NEWSDESK" users password ana --database "$USERS")"
check "users password: nobody" 1 "$(status_in $'a-new-password\n' "$NEWSDESK" users password nobody --database "$USERS")"
check "users remove: nobody" 1 "$(status "$NEWSDESK" users remove nobody --database "$USERS")"
check "users remove" 0 "$(status "$NEWSDESK" users remove ana --database "$USERS")"

# migrate: what it refuses, one line each, before touching any database; with a PostgreSQL server
# (NEWSDESK_TEST_POSTGRES_URL, a role that may create databases, and psql), a copy into a new database.
MIGRATE_TO=postgres://newsdesk:newsdesk@127.0.0.1:1/newsdesk_cli_migrate
check "migrate: a missing desk" 1 "$(status "$NEWSDESK" migrate --from "$WORK/missing.sqlite" --to "$MIGRATE_TO")"
check "migrate: the missing desk named, not created" 1 "$(grep -c 'missing.sqlite does not exist$' "$WORK/err")"
check "migrate: a file that is no database" 1 "$(status "$NEWSDESK" migrate --from "$WORK/image.png" --to "$MIGRATE_TO")"
check "migrate: a path for the target" 1 "$(status "$NEWSDESK" migrate --from "$DESK" --to "$WORK/other.sqlite")"
check "migrate: an unreachable server" 1 "$(status "$NEWSDESK" migrate --from "$DESK" --to "$MIGRATE_TO")"
check "migrate: one line for it" "newsdesk: cannot connect to PostgreSQL at 127.0.0.1:1: connection refused" "$(cat "$WORK/err")"
check "migrate: no batches" 2 "$(status "$NEWSDESK" migrate --from "$DESK" --to "$MIGRATE_TO" --batch-size 0)"
if [[ -n ${NEWSDESK_TEST_POSTGRES_URL:-} ]] && command -v psql >/dev/null; then
    server=${NEWSDESK_TEST_POSTGRES_URL%/*}
    psql "$NEWSDESK_TEST_POSTGRES_URL" -qc 'DROP DATABASE IF EXISTS newsdesk_cli_migrate' -c 'CREATE DATABASE newsdesk_cli_migrate'
    check "migrate: a copy" 0 "$(status "$NEWSDESK" migrate --from "$DESK" --to "$server/newsdesk_cli_migrate")"
    check "migrate: the counts match" 1 "$(grep -c '^counts match$' "$WORK/out")"
    check "migrate: again, into a database that holds it" 1 \
        "$(status "$NEWSDESK" migrate --from "$DESK" --to "$server/newsdesk_cli_migrate")"
    check "migrate: one line saying so" 1 "$(grep -c 'already holds sources, articles, stories' "$WORK/err")"
    psql "$NEWSDESK_TEST_POSTGRES_URL" -qc 'DROP DATABASE newsdesk_cli_migrate'
else
    echo "cli checks: migrate into PostgreSQL skipped (NEWSDESK_TEST_POSTGRES_URL is not set, or no psql)"
fi

echo "cli checks: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
