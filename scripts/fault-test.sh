#!/usr/bin/env bash
# Faults below the store. With fiu-run's POSIX preload (Debian: fiu-utils), SQLite's writes and
# syncs fail at random — libsqlite3 calls pwrite64 and fdatasync, which the preload wraps as the
# failure points posix/io/rw/pwrite and posix/io/sync/fdatasync; they fail with EIO — during
# `newsdesk import` and during a `newsdesk serve` that ingests scripts/fixture_server.py's site.
# Then the database sits on a small tmpfs that fills up, during an import and during a serve.
# Each time: no article acknowledged as stored may be missing afterwards, PRAGMA integrity_check must
# say ok, every failure must be one line, the reader must keep answering, and the work must go on once
# the faults stop and end as a run without faults does: every article stored once, in a story, indexed,
# with its page fetched (not from the feed alone), and no report marked a copy of itself or of an unlike one.
#
# Acknowledged: for an import, the articles it counted with --progress 1 (printed after each
# article's transaction commits; an import stops at the first article it cannot store, so they are
# the file's first N); for a serve, every article seen in the database while the faults ran.
#
# Usage: scripts/fault-test.sh   (as root: it mounts a tmpfs, and installs fiu-utils when missing)
# Environment: NEWSDESK=path (default .build/release/newsdesk), SITE_PORT=8141, READER_PORT=8142,
# PROBABILITY=0.03, IMPORT_SECONDS=30 and FAULT_SECONDS=20 (how long faults run), ITEMS=120 (pages
# on the fixture site), DISK=6m (the size of the disk an import fills), SERVE_ARGS (more options for
# the serves, e.g. --ignore-robots).
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
SITE_PORT=${SITE_PORT:-8141}
READER_PORT=${READER_PORT:-8142}
PROBABILITY=${PROBABILITY:-0.03}
IMPORT_SECONDS=${IMPORT_SECONDS:-30}
FAULT_SECONDS=${FAULT_SECONDS:-20}
ITEMS=${ITEMS:-120}
SERVE_ARGS=${SERVE_ARGS:-}
DISK=${DISK:-6m}
CHECK=$ROOT/scripts/fault_check.py
READER=http://127.0.0.1:$READER_PORT
WORK=$(mktemp -d)
pids=()
mounts=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    for dir in "${mounts[@]}"; do umount "$dir" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
say() { echo "fault test: $*"; }
problems=()
fail() {
    say "FAILED: $*" >&2
    problems+=("$*")
}
rows=()
# row PHASE ACKNOWLEDGED PRESENT LOST INTEGRITY FAILURE-LINES OTHER-LINES READS RESUMED
row() { rows+=("$(printf '%-22s %6s %7s %4s %9s %8s %5s %-13s %s' "$@")"); }

((EUID == 0)) || { say "run as root: the full-disk part mounts a tmpfs" >&2; exit 1; }
if ! command -v fiu-run >/dev/null; then
    say "installing fiu-utils"
    apt-get install -y fiu-utils >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y fiu-utils >/dev/null; }
fi
[[ -x $NEWSDESK ]] || { say "no newsdesk binary at $NEWSDESK" >&2; exit 1; }
POINTS=(posix/io/rw/pwrite posix/io/sync/fdatasync)
enable=()
disable=()
for point in "${POINTS[@]}"; do
    enable+=(-c "enable_random name=$point,probability=$PROBABILITY,failinfo=5")
    disable+=(-c "disable name=$point")
done

# The failure lines of a standard error: each failure should be one line naming it ("newsdesk: …",
# or "Error: …" for an error that ends the command). Any other line but the server's own log (a second
# line of the same error, a trace) is counted as unclear.
failure='^(newsdesk|Error): .*(error|full|fail)'
server_log='^[0-9-]+T[0-9:+-]+ (info|notice) '
failure_lines() { grep -Ec "$failure" "$1" || true; }
unclear_lines() { grep -Ev "$failure" "$1" | grep -Evc "$server_log" || true; }
state() { python3 "$CHECK" state "$1"; }
# The count of the last "N articles: …" line of an import's --progress 1 output.
acknowledged() { sed -n 's/^\([0-9]*\) articles: .*/\1/p' "$1" | tail -1; }

INPUT=$WORK/articles.jsonl
TOTAL=$(python3 "$CHECK" input "$INPUT" --neus 1000)

# 1. An import, run again and again while writes and syncs fail, then once without faults.
say "import under faults (p=$PROBABILITY on ${POINTS[*]}) for ${IMPORT_SECONDS}s: $TOTAL articles"
db=$WORK/import.sqlite
"$NEWSDESK" sources list --database "$db" --empty >/dev/null
runs=0 failed=0 crashed=0 acked=0
: >"$WORK/import.err"
deadline=$((SECONDS + IMPORT_SECONDS))
while ((SECONDS < deadline)); do
    rc=0
    fiu-run -x -f "" "${enable[@]}" "$NEWSDESK" import "$INPUT" --database "$db" --progress 1 \
        >"$WORK/run.out" 2>"$WORK/run.err" || rc=$?
    runs=$((runs + 1))
    counted=$(acknowledged "$WORK/run.out")
    if ((${counted:-0} > acked)); then acked=$counted; fi
    cat "$WORK/run.err" >>"$WORK/import.err"
    ((rc == 0)) && break
    failed=$((failed + 1))
    if ((rc > 128)); then crashed=$((crashed + 1)); fi
done
lines=$(failure_lines "$WORK/import.err")
unclear=$(unclear_lines "$WORK/import.err")
opening=$(grep -c 'cannot open the database' "$WORK/import.err" || true)
python3 "$CHECK" prefix "$INPUT" "$acked" "$WORK/acked"
lost=$(python3 "$CHECK" missing "$db" "$WORK/acked")
read -r present _ _ _ _ _ integrity <<<"$(state "$db")"
say "$runs runs, $failed failed ($crashed by a signal); $acked articles acknowledged, $present present," \
    "$lost lost; integrity $integrity; $lines failure lines ($opening on opening the database), $unclear other lines"
say "  $(grep -v 'cannot open the database' "$WORK/import.err" | head -1)"
say "  $(grep -m1 'cannot open the database' "$WORK/import.err" || true)"
((unclear == 0)) || { say "other lines:" >&2; grep -Ev "$failure" "$WORK/import.err" | head -5 >&2; }
rc=0
"$NEWSDESK" import "$INPUT" --database "$db" >"$WORK/run.out" 2>"$WORK/run.err" || rc=$?
read -r after distinct placed indexed odd _ integrity_after <<<"$(state "$db")"
say "import without faults: exit $rc; $after articles ($distinct distinct, $placed in stories," \
    "$indexed indexed, $odd broken references) of $TOTAL; integrity $integrity_after"
resumed=no
((rc == 0 && after == TOTAL && distinct == TOTAL && placed == TOTAL && indexed == TOTAL && odd == 0)) &&
    resumed="yes $after/$TOTAL"
row "import, faults" "$acked" "$after" "$lost" "$integrity" "$lines" "$unclear" "-" "$resumed"
((lost == 0)) || fail "import: $lost acknowledged articles lost"
[[ $integrity == ok && $integrity_after == ok ]] || fail "import: integrity_check says $integrity, $integrity_after"
((lines > 0)) || fail "import: no failure line, so no fault landed"
((unclear == 0)) || fail "import: $unclear lines of standard error are not one-line failures"
((crashed == 0)) || fail "import: $crashed runs ended by a signal"
[[ $resumed != no ]] || fail "import: did not complete once the faults stopped"

# The fixture site, for the serves. (Its log goes to a file: a pass cut short leaves it broken pipes
# to complain of.)
python3 "$ROOT/scripts/fixture_server.py" "$SITE_PORT" --items "$ITEMS" --delay 0.02 2>"$WORK/site.log" &
pids+=($!)
wait_for() { # URL: answered within 10 s
    python3 - "$1" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2).read()
        sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit(1)
PY
}
wait_for "http://127.0.0.1:$SITE_PORT/feed.xml"

# serve_test NAME DB START STOP: a serve of DB (under fiu-run, so that fiu-ctrl reaches it) ingests the
# site; once a few articles are in, START PID starts the faults and, FAULT_SECONDS later, STOP PID
# stops them; then the ingest should complete.
serve_test() {
    local name=$1 db=$2 start=$3 stop=$4 serve rc
    local answered unanswered before slowest unread answered_after unanswered_after slowest_after took
    local lines unclear lost present distinct placed indexed odd alone integrity resumed
    "$NEWSDESK" sources add --database "$db" --empty --allow-private-network \
        "http://127.0.0.1:$SITE_PORT/feed.xml" >/dev/null
    # shellcheck disable=SC2086
    fiu-run -x -f "$WORK/fiu" "$NEWSDESK" serve --database "$db" --port "$READER_PORT" \
        --allow-private-network --host-delay-ms 100 $SERVE_ARGS >"$WORK/serve.out" 2>"$WORK/serve.err" &
    serve=$!
    pids+=("$serve")
    wait_for "$READER/api/v1/stories" || { fail "$name: the reader never answered"; return; }
    python3 "$CHECK" watch "$db" "$READER" 30 /dev/null --until 5 >/dev/null
    $start "$serve"
    : >"$WORK/acked"
    read -r answered unanswered before slowest unread _ \
        <<<"$(python3 "$CHECK" watch "$db" "$READER" "$FAULT_SECONDS" "$WORK/acked")"
    $stop "$serve"
    read -r answered_after unanswered_after _ slowest_after _ took \
        <<<"$(python3 "$CHECK" watch "$db" "$READER" 90 /dev/null --until "$ITEMS")"
    kill -0 "$serve" 2>/dev/null || fail "$name: the server died"
    rc=0
    kill -TERM "$serve" 2>/dev/null || true
    wait "$serve" || rc=$?
    lines=$(failure_lines "$WORK/serve.err")
    unclear=$(unclear_lines "$WORK/serve.err")
    lost=$(python3 "$CHECK" missing "$db" "$WORK/acked")
    read -r present distinct placed indexed odd alone integrity <<<"$(state "$db")"
    say "$name: for ${FAULT_SECONDS}s, $answered reads answered and $unanswered not (the slowest in" \
        "${slowest}s; $unread reads of the database failed), $before articles acknowledged;" \
        "$lines failure lines, $unclear other lines"
    say "  $(grep -Em1 "$failure" "$WORK/serve.err" || true)"
    ((unclear == 0)) || { say "other lines:" >&2; grep -Ev "$failure" "$WORK/serve.err" | grep -Ev "$server_log" | head -5 >&2; }
    say "$name: in the ${took}s after, $answered_after reads answered and $unanswered_after not (the" \
        "slowest in ${slowest_after}s); $present articles ($distinct distinct, $placed in stories," \
        "$indexed indexed, $odd broken references, $alone from the feed alone) of $ITEMS; $lost acknowledged" \
        "lost; integrity $integrity;" \
        "exit status on SIGTERM $rc"
    resumed="no, $present/$ITEMS"
    if ((present == ITEMS && distinct == ITEMS && placed == ITEMS && indexed == ITEMS)); then
        resumed="yes $present/$ITEMS in ${took}s"
        ((odd == 0 && alone == 0)) || resumed="$resumed, but $alone from the feed alone, $odd broken"
    fi
    row "$name" "$before" "$present" "$lost" "$integrity" "$lines" "$unclear" \
        "$answered/$((answered + unanswered))" "$resumed"
    ((lost == 0)) || fail "$name: $lost acknowledged articles lost"
    [[ $integrity == ok ]] || fail "$name: integrity_check says $integrity"
    ((lines > 0)) || fail "$name: no failure line, so no fault landed"
    ((unclear == 0)) || fail "$name: $unclear lines of standard error are not one-line failures"
    ((answered > 0 && unanswered == 0 && unanswered_after == 0)) || fail "$name: reads went unanswered"
    ((odd == 0)) || fail "$name: $odd broken references (copies of themselves or of unlike articles)"
    ((alone == 0)) || fail "$name: $alone articles stored from the feed alone, their pages not fetched"
    [[ $resumed == yes* ]] || fail "$name: the ingest did not complete once the faults stopped"
    ((rc == 0 || rc == 143)) || fail "$name: exit status $rc on SIGTERM"
}

# 2. Serve while writes and syncs fail.
fiu_on() { fiu-ctrl -f "$WORK/fiu" "${enable[@]}" "$1"; }
fiu_off() { fiu-ctrl -f "$WORK/fiu" "${disable[@]}" "$1"; }
serve_test "serve, faults" "$WORK/serve.sqlite" fiu_on fiu_off

# 3. Import onto a full disk: a tmpfs of $DISK holds the database and fills up; then it is made larger.
disk=$WORK/disk
mkdir -p "$disk"
mount -t tmpfs -o "size=$DISK" tmpfs "$disk" || { say "cannot mount a tmpfs here (needs CAP_SYS_ADMIN)" >&2; exit 1; }
mounts+=("$disk")
db=$disk/import.sqlite
rc=0
"$NEWSDESK" import "$INPUT" --database "$db" --empty --progress 1 >"$WORK/run.out" 2>"$WORK/run.err" || rc=$?
acked=$(acknowledged "$WORK/run.out")
acked=${acked:-0}
python3 "$CHECK" prefix "$INPUT" "$acked" "$WORK/acked"
lost=$(python3 "$CHECK" missing "$db" "$WORK/acked")
read -r present _ _ _ _ _ integrity <<<"$(state "$db")"
lines=$(failure_lines "$WORK/run.err")
unclear=$(unclear_lines "$WORK/run.err")
say "import onto a full disk ($DISK): exit $rc; $acked articles acknowledged, $present present, $lost lost;" \
    "integrity $integrity; $lines failure lines, $unclear other lines"
say "  $(head -1 "$WORK/run.err")"
mount -o remount,size=64m "$disk"
rc_after=0
"$NEWSDESK" import "$INPUT" --database "$db" >"$WORK/run.out" 2>"$WORK/run.err" || rc_after=$?
read -r after distinct placed indexed odd _ integrity_after <<<"$(state "$db")"
say "import once the disk has room: exit $rc_after; $after articles ($distinct distinct, $placed in stories," \
    "$indexed indexed, $odd broken references) of $TOTAL; integrity $integrity_after"
resumed=no
((rc_after == 0 && after == TOTAL && distinct == TOTAL && placed == TOTAL && indexed == TOTAL && odd == 0)) &&
    resumed="yes $after/$TOTAL"
row "import, full disk" "$acked" "$after" "$lost" "$integrity" "$lines" "$unclear" "-" "$resumed"
((rc != 0)) || fail "full-disk import: the disk never filled (all $acked stored); make DISK smaller"
((rc < 128)) || fail "full-disk import: ended by signal $((rc - 128))"
((lost == 0)) || fail "full-disk import: $lost acknowledged articles lost"
[[ $integrity == ok && $integrity_after == ok ]] ||
    fail "full-disk import: integrity_check says $integrity, $integrity_after"
((lines == 1 && unclear == 0)) || fail "full-disk import: not one clear failure line"
[[ $resumed != no ]] || fail "full-disk import: did not complete once the disk had room"
rm -f "$db" "$db-wal" "$db-shm"

# 4. Serve while its disk is full: a filler file takes what room is left (of 64 MB), then is removed.
fill() { dd if=/dev/zero of="$disk/filler" bs=64k 2>/dev/null || true; }
unfill() { rm -f "$disk/filler"; }
serve_test "serve, full disk" "$disk/serve.sqlite" fill unfill

echo
printf '%-22s %6s %7s %4s %9s %8s %5s %-13s %s\n' "" acked present lost integrity failures other \
    "reads" "resumed"
printf '%s\n' "${rows[@]}"
if ((${#problems[@]} > 0)); then
    say "FAILED: ${#problems[@]} problems" >&2
    exit 1
fi
say "nothing acknowledged was lost, integrity_check said ok, every failure was one line, the reader kept" \
    "answering, and the work completed once the faults stopped"
