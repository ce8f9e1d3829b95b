#!/usr/bin/env bash
# Run feedparser's conformance cases (../shared/conformance/feedparser) against
# `newsdesk feed parse --format feedparser` and print the pass count per group.
#
# Usage: scripts/feed-conformance.sh [--min-pass N] [run.py options…]
# With --min-pass, exits 1 when fewer than N cases pass.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNNER=$ROOT/../shared/conformance/feedparser/run.py
NEWSDESK=$ROOT/.build/release/newsdesk
MIN_PASS=""
ARGS=()
while (($#)); do
    case $1 in
        --min-pass) MIN_PASS=$2; shift 2 ;;
        *) ARGS+=("$1"); shift ;;
    esac
done
[[ -f $RUNNER ]] || { echo "conformance: $RUNNER is missing" >&2; exit 1; }
[[ -x $NEWSDESK ]] || { echo "conformance: build first: swift build -c release --product newsdesk" >&2; exit 1; }

CMD="$NEWSDESK feed parse --format feedparser --allow-private-network"
if [[ -z $MIN_PASS ]]; then
    exec python3 "$RUNNER" --cmd "$CMD" "${ARGS[@]}"
fi
python3 "$RUNNER" --cmd "$CMD" --json "${ARGS[@]}" | python3 -c '
import json, sys
floor = int(sys.argv[1])
result = json.load(sys.stdin)
for group, (passed, total) in sorted(result["groups"].items()):
    print(f"  {group:<28} {passed:>4}/{total}")
passed, total = result["passed"], result["total"]
print(f"conformance: {passed} of {total} cases passed (floor {floor})")
sys.exit(0 if passed >= floor else 1)
' "$MIN_PASS"
