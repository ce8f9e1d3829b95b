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

echo "cli checks: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
