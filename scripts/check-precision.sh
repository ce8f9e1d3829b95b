#!/usr/bin/env bash
# Runs `newsdesk check` over texts that should be clean — the 121 hand-made
# article bodies of ../shared/bench/aeb and Newsdesk's own extraction of the
# same pages — and counts the findings per kind. Every finding here is a
# false alarm or a real defect in the reference text; fewer is better.
#
# Usage: scripts/check-precision.sh [--max-per-article X]   (fails above X findings per article)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/../shared/bench/aeb
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
MAX=""
[[ ${1:-} == --max-per-article ]] && MAX=$2

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/truth" "$WORK/extracted"

python3 - "$BENCH/ground-truth.json" "$WORK/truth" <<'PY'
import json, sys
for key, page in json.load(open(sys.argv[1])).items():
    open(f"{sys.argv[2]}/{key[:16]}.txt", "w").write(page["articleBody"])
PY
"$NEWSDESK" extract --no-check --format jsonl "$BENCH"/html/*.html.gz 2>/dev/null | python3 -c '
import json, os, sys
for line in sys.stdin:
    page = json.loads(line)
    name = os.path.basename(page["input"])[:16]
    open(f"{sys.argv[1]}/{name}.txt", "w").write(page.get("text", ""))
' "$WORK/extracted"

for set in truth extracted; do
    "$NEWSDESK" check --format jsonl "$WORK/$set"/*.txt > "$WORK/$set.jsonl" || true
done
python3 - "$WORK" "$MAX" <<'PY'
import collections, json, sys
work, limit = sys.argv[1], sys.argv[2]
worst = 0.0
for name, label in (("truth", "hand-made article bodies"), ("extracted", "Newsdesk's extraction")):
    counts, articles = collections.Counter(), 0
    for line in open(f"{work}/{name}.jsonl"):
        articles += 1
        counts.update(finding["kind"] for finding in json.loads(line)["findings"])
    total = sum(counts.values())
    worst = max(worst, total / articles)
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "none"
    print(f"{label}: {articles} articles, {total} findings ({kinds}): 1 per {articles / total:.0f} articles" if total
          else f"{label}: {articles} articles, no findings")
if limit and worst > float(limit):
    sys.exit(f"check precision: {worst:.3f} findings per article is above {limit}")
PY
