#!/usr/bin/env bash
# libFuzzer over Newsdesk's parsers: builds the Fuzz package (its own SwiftPM package, the product
# instrumented with -sanitize=fuzzer,address), replays every saved input in Fuzz/Regressions/<target>/,
# then fuzzes each target in turn for FUZZ_SECONDS, from seed corpora made here out of ../shared
# (bench pages, scraped text, feedparser's cases, DOMPurify's vectors) and Fuzz/Seeds, with afl++'s
# dictionaries (package afl++-doc, installed when missing) and Fuzz/Dictionaries.
#
# Prints one line per target (executions, final cov and ft, outcome) and a summary; exits non-zero
# when a regression input still fails or a target crashed, hung (-timeout), ran out of memory
# (-rss_limit_mb) or leaked. Crashing inputs are kept in Fuzz/.work/artifacts/<target>/; once
# diagnosed, move one into Fuzz/Regressions/<target>/ so every later run replays it.
#
# Usage: scripts/fuzz.sh [TARGET...]   (default: all of extract feed opml charset text jsonld sanitizer url)
# Environment: FUZZ_SECONDS per target (20, a CI smoke run; 450 for an hour in all), FUZZ_TIMEOUT (10 s
# for one input), FUZZ_RSS_MB (2048), FUZZ_PAGES (bench pages per page seed set, 40), SKIP_BUILD=1,
# FUZZ_KEEP_GOING=1 (libFuzzer's fork mode: a target goes on after a crash, so a long run is not
# stopped by a known bug; the line then counts crashes, hangs and out-of-memory inputs).
# The corpora libFuzzer grows are kept in Fuzz/.work/corpus/<target>/ (ignored) and reused next run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FUZZ=$ROOT/Fuzz
SHARED=$ROOT/../shared
WORK=$FUZZ/.work
AFL_DICTS=/usr/share/doc/afl++-doc/afl/dictionaries
SECONDS_EACH=${FUZZ_SECONDS:-20}
# FUZZ_RUNS=N runs N inputs a target instead of FUZZ_SECONDS: with the fixed FUZZ_SEED and Swift's
# hashing made deterministic, the same inputs every time (CI's smoke run, so it cannot fail by chance).
SEED=${FUZZ_SEED:-1}
export SWIFT_DETERMINISTIC_HASHING=1
if [[ -n ${FUZZ_RUNS:-} ]]; then LENGTH=(-runs="$FUZZ_RUNS"); else LENGTH=(-max_total_time="$SECONDS_EACH"); fi
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS_MB=${FUZZ_RSS_MB:-2048}
PAGES=${FUZZ_PAGES:-40}
ALL_TARGETS=(extract feed opml charset text jsonld sanitizer url)
if (($#)); then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
KEEP_GOING=()
if [[ -n ${FUZZ_KEEP_GOING:-} ]]; then KEEP_GOING=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1); fi
# Swift's own backtracer and ASan's handler fight over a trap; libFuzzer's report (through ASan) is kept.
export SWIFT_BACKTRACE=enable=no
BUILD_FLAGS=(--package-path "$FUZZ" --scratch-path "$FUZZ/.build" -c release
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

# The longest input worth trying: pages and feeds are big, a URL or a JSON-LD block is not.
declare -A MAX_LEN=([extract]=65536 [feed]=32768 [opml]=8192 [charset]=16384 [text]=16384 [jsonld]=8192
    [sanitizer]=8192 [url]=512)
declare -A DICTS=(
    [extract]="$AFL_DICTS/html_tags.dict $FUZZ/Dictionaries/newsdesk-html.dict"
    [feed]="$AFL_DICTS/xml.dict $AFL_DICTS/rss.dict $AFL_DICTS/atom.dict $AFL_DICTS/json.dict $FUZZ/Dictionaries/newsdesk-feed.dict"
    [opml]="$AFL_DICTS/xml.dict $FUZZ/Dictionaries/newsdesk-opml.dict"
    [charset]="$AFL_DICTS/utf8.dict $FUZZ/Dictionaries/newsdesk-html.dict"
    [text]="$AFL_DICTS/utf8.dict $FUZZ/Dictionaries/newsdesk-text.dict"
    [jsonld]="$AFL_DICTS/json.dict $FUZZ/Dictionaries/newsdesk-jsonld.dict"
    [sanitizer]="$AFL_DICTS/html_tags.dict $AFL_DICTS/url.dict $FUZZ/Dictionaries/newsdesk-html.dict"
    [url]="$AFL_DICTS/url.dict $FUZZ/Dictionaries/newsdesk-url.dict"
)

for target in "${TARGETS[@]}"; do
    [[ -n ${MAX_LEN[$target]:-} ]] || { echo "fuzz: unknown target $target (${ALL_TARGETS[*]})" >&2; exit 2; }
done

if [[ ! -d $AFL_DICTS ]]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends afl++-doc
fi

descendants() {
    local child
    for child in $(pgrep -P "$1"); do echo "$child"; descendants "$child"; done
}

# SwiftPM starts its compilers at the default priority whatever its own, so they are lowered here
# (to at least nice 10) while the build runs: the machine is usually building something else too.
if [[ -z ${SKIP_BUILD:-} ]]; then
    started=$(date +%s)
    level=$(($(nice) < 10 ? 10 : $(nice)))
    nice -n $((level - $(nice))) swift build "${BUILD_FLAGS[@]}" &
    build=$!
    while kill -0 "$build" 2>/dev/null; do
        children=$(descendants "$build")
        [[ -z $children ]] || renice -n "$level" -p $children >/dev/null 2>&1 || true
        sleep 2
    done
    wait "$build"
    echo "fuzz: build took $(($(date +%s) - started)) s"
fi
BIN=$(swift build "${BUILD_FLAGS[@]}" --show-bin-path)

# Seed corpora, rebuilt each run from the shared data (nothing large is kept in the repository).
SEEDS=$WORK/seeds
rm -rf "$SEEDS" "$WORK/dict"
mkdir -p "$SEEDS" "$WORK/dict" "$WORK/logs"
for target in "${ALL_TARGETS[@]}"; do
    mkdir -p "$SEEDS/$target"
    if [[ -d $FUZZ/Seeds/$target ]]; then cp "$FUZZ/Seeds/$target"/* "$SEEDS/$target/"; fi
done
aeb=("$SHARED"/bench/aeb/html/*.html.gz)
wcxb=("$SHARED"/bench/wcxb/html/*.html.gz)
for page in "${aeb[@]:0:PAGES/2}" "${wcxb[@]:0:PAGES-PAGES/2}"; do
    gunzip -c "$page" >"$SEEDS/extract/$(basename "$page" .gz)"
done
cp "$ROOT"/Tests/NewsdeskHTMLTests/Resources/charset/*.*htm* "$SEEDS/charset/"
cp "$SHARED"/conformance/feedparser/cases/encoding/*.xml "$SEEDS/charset/"
cp "$SEEDS"/extract/*.html "$SEEDS/charset/"
cases=$SHARED/conformance/feedparser/cases
while IFS= read -r -d '' file; do
    name=${file#"$cases"/}
    cp "$file" "$SEEDS/feed/${name//\//_}"  # the same file names recur in several folders
done < <(find "$cases" -name '*.xml' -print0)
scraped=("$SHARED"/bench/scraped/*.txt)
cp "${scraped[@]:0:PAGES}" "$SEEDS/text/"
python3 - "$SHARED" "$SEEDS" <<'PY'
# JSON-LD blocks and link targets from the bench pages; sanitizer inputs from DOMPurify's
# vectors and from the HTML inside feedparser's sanitize cases.
import glob, gzip, hashlib, html, json, re, sys
shared, seeds = sys.argv[1], sys.argv[2]

def save(target, text):
    data = text.encode("utf-8", "surrogatepass")
    with open(f"{seeds}/{target}/{hashlib.sha1(data).hexdigest()[:16]}", "wb") as f:
        f.write(data)

pages = sorted(glob.glob(f"{shared}/bench/aeb/html/*.html.gz")) + sorted(glob.glob(f"{shared}/bench/wcxb/html/*.html.gz"))
links = set()
for path in pages[::3]:
    page = gzip.open(path).read().decode("utf-8", "replace")
    for block in re.findall(r'<script[^>]*ld\+json[^>]*>(.*?)</script>', page, re.S | re.I)[:3]:
        save("jsonld", block)
    links.update(re.findall(r'href="([^"]{1,400})"', page)[:20])
for link in sorted(links)[:400]:
    save("url", html.unescape(link))
for vector in json.load(open(f"{shared}/conformance/xss/dompurify-vectors.json")):
    save("sanitizer", vector["payload"])
for path in glob.glob(f"{shared}/conformance/feedparser/cases/wellformed/sanitize/*.xml"):
    found = re.search(r'<(description|content|summary|title|info|tagline|copyright)[^>]*>(.*?)</\1>',
                      open(path, encoding="utf-8", errors="replace").read(), re.S)
    if found:
        body = found.group(2)
        save("sanitizer", body[9:-3] if body.startswith("<![CDATA[") else html.unescape(body))
PY
for target in "${ALL_TARGETS[@]}"; do
    # afl++ dictionaries hold a few lines libFuzzer's reader refuses (an unclosed quote); keep the rest.
    cat ${DICTS[$target]} | grep -E '^[A-Za-z0-9_@.=-]*"([^"\\]|\\.)*"[[:space:]]*$' >"$WORK/dict/$target.dict"
done

failed=0
total_execs=0
for target in "${TARGETS[@]}"; do
    binary=$BIN/fuzz-$target
    regressions=()
    if [[ -d $FUZZ/Regressions/$target ]]; then
        while IFS= read -r -d '' file; do regressions+=("$file"); done \
            < <(find "$FUZZ/Regressions/$target" -type f ! -name '*.md' -print0 | sort -z)
    fi
    if ((${#regressions[@]})); then
        if ! "$binary" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" "${regressions[@]}" \
            >"$WORK/logs/$target-regressions.log" 2>&1; then
            echo "fuzz: $target: a regression input still fails (of ${#regressions[@]} saved);" \
                "see $WORK/logs/$target-regressions.log"
            failed=$((failed + 1))
        fi
    fi
    mkdir -p "$WORK/corpus/$target" "$WORK/artifacts/$target"
    log=$WORK/logs/$target.log
    status=ok
    "$binary" "$WORK/corpus/$target" "$SEEDS/$target" \
        "${LENGTH[@]}" -seed="$SEED" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" \
        -max_len="${MAX_LEN[$target]}" -dict="$WORK/dict/$target.dict" -print_final_stats=1 \
        -close_fd_mask=1 -artifact_prefix="$WORK/artifacts/$target/" "${KEEP_GOING[@]}" >"$log" 2>&1 ||
        status=failed
    last=$(grep -E '^#[0-9]+:?[[:space:]].*cov: ' "$log" | tail -1 || true)
    # Fork mode may exit 0 after ignored crashes; its own count says whether there were any.
    counts=$(grep -oE 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' <<<"$last" | sed 's/.* //' || true)
    if [[ -n $counts && $counts != 0/0/0 ]]; then status=failed; fi
    if [[ $status == failed ]]; then
        failed=$((failed + 1))
        if ((${#KEEP_GOING[@]})); then
            status="oom/timeout/crash ${counts:-?}"
        elif grep -q 'libFuzzer: timeout' "$log"; then status=hang
        elif grep -q 'out-of-memory' "$log"; then status=out-of-memory
        elif grep -q 'LeakSanitizer' "$log"; then status=leak
        else status=crash; fi
        if ((${#KEEP_GOING[@]})); then status="$status (inputs in $WORK/artifacts/$target/)"
        else status="$status ($(grep -m1 -oE 'Test unit written to [^ ]+' "$log" | sed 's/.* //' || echo "see $log"))"; fi
    fi
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    execs=${execs:-$(grep -oE '^#[0-9]+' <<<"$last" | tr -d '#' || true)}  # fork mode has no final stats
    cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
    ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
    corpus=$(grep -oE 'corp: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
    total_execs=$((total_execs + ${execs:-0}))
    printf 'fuzz: %-9s %6ss  execs %-10s cov %-6s ft %-7s corpus %-6s %s\n' "$target" "$SECONDS_EACH" \
        "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}" "$status"
done

echo "fuzz: ${#TARGETS[@]} targets, ${SECONDS_EACH}s each, $total_execs executions, $failed failed"
((failed == 0))
