#!/usr/bin/env bash
# Compare Newsdesk's single-threaded extraction throughput with trafilatura's
# on the shared news pages.
#
# Usage: scripts/bench-extract.sh [--json]
# Environment:
#   RUNS=5          timed runs per tool; the median is reported
#   SKIP_BUILD=1    use the existing release binary instead of building it
#   BENCH_PAGES=DIR folder of *.html.gz pages (default: ../shared/bench/aeb/html)
set -euo pipefail
export LC_ALL=C  # keeps "." as the decimal point in $EPOCHREALTIME

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PAGES_GZ=${BENCH_PAGES:-$ROOT/../shared/bench/aeb/html}
RUNS=${RUNS:-5}
VENV=$ROOT/.venv-bench
NEWSDESK=$ROOT/.build/release/newsdesk
TIME=/usr/bin/time
OUTPUT=table

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

parse_args() {
    case "${1:-}" in
        "") ;;
        --json) OUTPUT=json ;;
        *) die "usage: $0 [--json]" ;;
    esac
}

check_tools() {
    [[ -x $TIME ]] || die "$TIME is missing; install it with: apt-get install -y time"
    [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
    compgen -G "$PAGES_GZ/*.html.gz" >/dev/null || die "no *.html.gz pages in $PAGES_GZ"
}

build_newsdesk() {
    if [[ ${SKIP_BUILD:-} == 1 ]]; then
        log "SKIP_BUILD=1: using $NEWSDESK as it is"
    else
        log "building newsdesk (release)"
        (cd "$ROOT" && swift build -c release --product newsdesk) >&2
    fi
    [[ -x $NEWSDESK ]] || die "no binary at $NEWSDESK"
}

# Both tools must read the same bytes, so the pages are unpacked once.
unpack_pages() {
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    mkdir "$WORK/pages"
    local gz
    for gz in "$PAGES_GZ"/*.html.gz; do
        gzip -dc "$gz" > "$WORK/pages/$(basename "$gz" .gz)"
    done
    PAGES=("$WORK"/pages/*.html)
    TOTAL_BYTES=$(cat "${PAGES[@]}" | wc -c)
    log "${#PAGES[@]} pages, $TOTAL_BYTES bytes uncompressed"
}

ensure_venv() {
    [[ -x $VENV/bin/python ]] || { log "creating $VENV"; python3 -m venv "$VENV"; }
    if ! "$VENV/bin/python" -c 'import sys, trafilatura; sys.exit(trafilatura.__version__ != "2.3.1")' 2>/dev/null; then
        log "installing trafilatura 2.3.1 into $VENV"
        # lxml_html_clean is named because newer lxml releases no longer pull it
        # in through the lxml[html_clean] extra, and trafilatura 2.3.1 fails to import without it.
        "$VENV/bin/python" -m pip install --quiet 'trafilatura==2.3.1' lxml_html_clean >&2
    fi
    TRAFILATURA_VERSION=$("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')
}

# run_newsdesk [EXTRA OPTION]: one whole-process run over every page.
run_newsdesk() {
    "$NEWSDESK" extract --stats --jobs 1 --format jsonl "$@" "${PAGES[@]}" > /dev/null 2> "$WORK/newsdesk.err" \
        || { tail -5 "$WORK/newsdesk.err" >&2; die "newsdesk failed on some input"; }
}

# The time newsdesk itself reports for its extraction calls (reading and writing excluded).
extraction_seconds() { sed -n 's/.* in \([0-9.]*\) s of extraction.*/\1/p' "$WORK/newsdesk.err"; }

elapsed_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.6f", b - a}'; }

# The memory run is untimed, so it also warms the page cache for the timed runs.
measure_newsdesk() {
    log "newsdesk: peak memory run"
    "$TIME" -v -o "$WORK/newsdesk.time" \
        "$NEWSDESK" extract --jobs 1 --format jsonl "${PAGES[@]}" > /dev/null 2> "$WORK/newsdesk.err" \
        || { tail -5 "$WORK/newsdesk.err" >&2; die "newsdesk failed on some input"; }
    NEWSDESK_RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/newsdesk.time")

    # Extraction alone (what trafilatura does) and with the checks that
    # `extract` runs by default, interleaved so that both see the same machine.
    NEWSDESK_TIMES=()
    CHECKED_TIMES=()
    CALL_TIMES=()
    local i start
    for ((i = 1; i <= RUNS; i++)); do
        log "newsdesk: run $i/$RUNS"
        start=$EPOCHREALTIME
        run_newsdesk --no-check
        NEWSDESK_TIMES+=("$(elapsed_since "$start")")
        CALL_TIMES+=("$(extraction_seconds)")
        start=$EPOCHREALTIME
        run_newsdesk
        CHECKED_TIMES+=("$(elapsed_since "$start")")
    done
}

measure_trafilatura() {
    log "trafilatura $TRAFILATURA_VERSION: $RUNS runs in one process"
    TRAFILATURA_RESULT=$("$VENV/bin/python" "$ROOT/scripts/bench_trafilatura.py" "$RUNS" "${PAGES[@]}" 2> "$WORK/trafilatura.err") \
        || { tail -5 "$WORK/trafilatura.err" >&2; die "trafilatura benchmark failed"; }
}

report() {
    python3 - "$OUTPUT" "${#PAGES[@]}" "$TOTAL_BYTES" "$RUNS" "$NEWSDESK_RSS_KB" \
        "$TRAFILATURA_VERSION" "$TRAFILATURA_RESULT" "${CHECKED_TIMES[*]}" "${CALL_TIMES[*]}" "${NEWSDESK_TIMES[@]}" <<'PY'
import json, statistics, sys

output, pages, total_bytes, runs, nd_rss_kb, tf_version, tf_json, checked_times, call_times, *nd_times = sys.argv[1:]
pages, total_bytes, runs = int(pages), int(total_bytes), int(runs)
tf = json.loads(tf_json)
MB = 1e6  # MB means 10^6 bytes throughout, for both throughput and memory


def row(tool, times, rss_kb):
    times = [float(t) for t in times]
    median = statistics.median(times)
    return {
        "tool": tool,
        "seconds": [round(t, 4) for t in times],
        "median_seconds": median,
        "pages_per_second": round(pages / median, 1),
        "mb_per_second": round(total_bytes / MB / median, 2),
        "peak_memory_mb": round(int(rss_kb) * 1024 / MB, 1),
    }


calls = row("newsdesk, extraction calls only", call_times.split(), nd_rss_kb)
newsdesk = row("newsdesk extract --no-check, whole process", nd_times, nd_rss_kb)
checked = row("newsdesk extract (with checks), whole process", checked_times.split(), nd_rss_kb)
trafilatura = row(f"trafilatura {tf_version}", tf["times"], tf["peak_rss_kb"])
# Same pages for all, so a throughput ratio is the inverse ratio of the medians.
call_ratio = trafilatura["median_seconds"] / calls["median_seconds"]
ratio = trafilatura["median_seconds"] / newsdesk["median_seconds"]
checked_ratio = trafilatura["median_seconds"] / checked["median_seconds"]
for r in (calls, newsdesk, checked, trafilatura):
    r["median_seconds"] = round(r["median_seconds"], 4)

if output == "json":
    print(json.dumps({
        "pages": pages, "total_mb": round(total_bytes / MB, 2), "runs": runs,
        "results": [calls, newsdesk, checked, trafilatura], "throughput_ratio": round(call_ratio, 1),
        "throughput_ratio_whole_process": round(ratio, 1),
        "throughput_ratio_with_checks": round(checked_ratio, 1),
    }, indent=2))
else:
    print(f"{pages} pages, {total_bytes / MB:.2f} MB uncompressed, median of {runs} runs, single-threaded\n")
    print("| tool | pages/s | MB/s | peak memory (MB) |")
    print("| --- | ---: | ---: | ---: |")
    for r in (calls, newsdesk, checked, trafilatura):
        print(f"| {r['tool']} | {r['pages_per_second']:.1f} | {r['mb_per_second']:.2f} | {r['peak_memory_mb']:.1f} |")
    print(f"\nnewsdesk / trafilatura throughput, extraction calls against extraction calls: {call_ratio:.1f}x")
    print(f"whole newsdesk process against trafilatura's calls: {ratio:.1f}x extracting, "
          f"{checked_ratio:.1f}x extracting and checking")
PY
}

main() {
    parse_args "$@"
    check_tools
    build_newsdesk
    unpack_pages
    ensure_venv
    measure_newsdesk
    measure_trafilatura
    report
}

main "$@"
