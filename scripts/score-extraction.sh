#!/usr/bin/env bash
# Extracts the pages of a shared extraction benchmark and scores them with the
# benchmark's own scorer: ../shared/bench/aeb (121 news pages, 4-word shingles)
# or ../shared/bench/wcxb (793 article pages of many sites, word F1, empty
# pages, annotated content found and boilerplate leaked).
#
# Usage: scripts/score-extraction.sh [--bench aeb|wcxb] [--min-f1 F] [--max-empty N]
#                                    [--max-leaked X] [--min-found X]
#   --min-f1 F       exit 1 when F1 falls below F (the quality gates CI runs)
#   --max-empty N    exit 1 when more than N pages come out empty (wcxb)
#   --max-leaked X   exit 1 when more than X of the boilerplate snippets are in the output (wcxb)
#   --min-found X    exit 1 when less than X of the content snippets are in the output (wcxb)
# Environment: NEWSDESK=path to the binary (default: the release build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
BENCH_NAME=aeb
GATES=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --bench) BENCH_NAME=$2; shift 2 ;;
        --min-f1) GATES+=("f1>=$2"); shift 2 ;;
        --max-empty) GATES+=("empty<=$2"); shift 2 ;;
        --max-leaked) GATES+=("without_found<=$2"); shift 2 ;;
        --min-found) GATES+=("with_found>=$2"); shift 2 ;;
        *) echo "usage: $0 [--bench aeb|wcxb] [--min-f1 F] [--max-empty N] [--max-leaked X] [--min-found X]" >&2
           exit 2 ;;
    esac
done
case $BENCH_NAME in
    aeb | wcxb) BENCH=$ROOT/../shared/bench/$BENCH_NAME ;;
    *) echo "unknown benchmark '$BENCH_NAME' (aeb or wcxb)" >&2; exit 2 ;;
esac

[[ -x $NEWSDESK ]] || { echo "no binary at $NEWSDESK: run 'swift build -c release' first" >&2; exit 2; }
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

# Pages without an article are reported on stderr; they still count (as empty).
"$NEWSDESK" extract --format jsonl "$BENCH"/html/*.html.gz >"$OUT" 2>/dev/null || true
python3 "$BENCH/score.py" "$OUT" --worst 5
[[ ${#GATES[@]} -eq 0 ]] && exit 0
python3 - "$BENCH/score.py" "$OUT" "$BENCH_NAME" "${GATES[@]}" <<'PY'
import json, operator, re, subprocess, sys
score, out, bench, gates = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
result = json.loads(subprocess.run([sys.executable, score, out, "--json"], check=True,
                                   capture_output=True, text=True).stdout)
failed = False
for gate in gates:
    name, sign, limit = re.match(r"(\w+)(<=|>=)(.+)", gate).groups()
    value = result.get(name)
    if value is None:
        sys.exit(f"the {bench} scorer reports no '{name}'")
    ok = (operator.ge if sign == ">=" else operator.le)(value, float(limit))
    failed |= not ok
    print(f"quality gate ({bench}): {name}={value} ({'at least' if sign == '>=' else 'at most'} {limit})"
          f"{'' if ok else '  FAILED'}")
sys.exit(1 if failed else 0)
PY
