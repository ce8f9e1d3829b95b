#!/usr/bin/env bash
# Group the labelled story sets in ../shared/bench/stories with `newsdesk stories group` and score them
# with B-cubed precision, recall and F1 (the set's own score.py).
#
# Usage: scripts/score-stories.sh [--min-basil F1] [--min-neus F1]
set -euo pipefail
export LC_ALL=C  # keeps "." as the decimal point in $EPOCHREALTIME

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SETS=$ROOT/../shared/bench/stories
NEWSDESK=$ROOT/.build/release/newsdesk
declare -A FLOOR=([basil]=0 [neus]=0)
while (($#)); do
    case $1 in
        --min-basil) FLOOR[basil]=$2; shift 2 ;;
        --min-neus) FLOOR[neus]=$2; shift 2 ;;
        *) echo "usage: $0 [--min-basil F1] [--min-neus F1]" >&2; exit 2 ;;
    esac
done
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
status=0
for set in basil neus; do
    start=$EPOCHREALTIME
    "$NEWSDESK" stories group "$SETS/$set.jsonl" >"$OUT/$set.jsonl"
    seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
    line=$(python3 "$SETS/score.py" "$OUT/$set.jsonl" "$SETS/$set-labels.json")
    f1=$(sed -n 's/.*bcubed_f1=\([0-9.]*\).*/\1/p' <<<"$line")
    printf '%s: %s (%.2f s)\n' "$set" "$line" "$seconds"
    if awk -v f="$f1" -v floor="${FLOOR[$set]}" 'BEGIN { exit !(f < floor) }'; then
        echo "stories: $set B-cubed F1 $f1 is below the floor ${FLOOR[$set]}" >&2
        status=1
    fi
done
exit $status
