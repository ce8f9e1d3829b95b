#!/usr/bin/env bash
# Extracts the 121 pages of the shared extraction benchmark and scores them
# with the benchmark's own scorer.
#
# Usage: scripts/score-extraction.sh [--min-f1 F]
#   --min-f1 F   exit 1 when F1 falls below F (the quality gate CI runs)
# Environment: NEWSDESK=path to the binary (default: the release build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/../shared/bench/aeb
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
MIN_F1=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --min-f1) MIN_F1=$2; shift 2 ;;
        *) echo "usage: $0 [--min-f1 F]" >&2; exit 2 ;;
    esac
done

[[ -x $NEWSDESK ]] || { echo "no binary at $NEWSDESK: run 'swift build -c release' first" >&2; exit 2; }
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

# Pages without an article are reported on stderr; they still count (as empty).
"$NEWSDESK" extract --format jsonl "$BENCH"/html/*.html.gz >"$OUT" 2>/dev/null || true
python3 "$BENCH/score.py" "$OUT" --worst 5
if [[ -n $MIN_F1 ]]; then
    python3 - "$BENCH/score.py" "$OUT" "$MIN_F1" <<'PY'
import json, subprocess, sys
score, out, floor = sys.argv[1], sys.argv[2], float(sys.argv[3])
result = json.loads(subprocess.run([sys.executable, score, out, "--json"], check=True,
                                   capture_output=True, text=True).stdout)
f1 = result["f1"]
print(f"quality gate: f1={f1:.4f} (floor {floor})")
sys.exit(0 if f1 >= floor else 1)
PY
fi
