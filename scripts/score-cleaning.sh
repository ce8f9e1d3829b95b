#!/usr/bin/env bash
# Cleans the 121 benchmark pages as whole-page scraped text
# (../shared/bench/scraped) and scores the result against the hand-made
# article bodies with the benchmark's scorer (the uncleaned text scores 0.684).
#
# Usage: scripts/score-cleaning.sh [--min-f1 F]   (exit 1 when F1 falls below F)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$ROOT/../shared/bench
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
MIN_F1=""
[[ ${1:-} == --min-f1 ]] && MIN_F1=$2

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
"$NEWSDESK" clean --format jsonl "$SHARED"/scraped/*.txt >"$OUT"
python3 "$SHARED/aeb/score.py" "$OUT" --worst 3
if [[ -n $MIN_F1 ]]; then
    f1=$(python3 "$SHARED/aeb/score.py" "$OUT" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["f1"])')
    echo "cleaning quality gate: f1=$f1 (floor $MIN_F1)"
    python3 -c "import sys; sys.exit(0 if $f1 >= $MIN_F1 else 1)"
fi
