#!/usr/bin/env bash
# Runs `newsdesk check` over the hand-reviewed article texts of the WCXB
# benchmark (../shared/bench/wcxb/ground-truth.json, field `text`; CC-BY-4.0):
# blog posts, news, guides and reviews from hundreds of sites the checks were
# never tuned on. The texts are clean by definition, so every finding is a
# false alarm unless the source itself is damaged (mojibake in a page).
# Prints the findings per kind, the texts flagged and the findings per text.
#
# Usage: scripts/check-precision-wcxb.sh [--max-per-text X] [--list]
#   --max-per-text X   fail above X findings per text
#   --list             print every finding (text id, kind, excerpt)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/../shared/bench/wcxb
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
MAX=""
LIST=""
while [[ $# -gt 0 ]]; do
    case $1 in
        --max-per-text) MAX=$2; shift 2 ;;
        --list) LIST=1; shift ;;
        *) echo "usage: $0 [--max-per-text X] [--list]" >&2; exit 2 ;;
    esac
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/texts"

python3 - "$BENCH/ground-truth.json" "$WORK/texts" <<'PY'
import json, sys
for key, page in json.load(open(sys.argv[1])).items():
    if (page.get("text") or "").strip():
        open(f"{sys.argv[2]}/{key}.txt", "w").write(page["text"])
PY
"$NEWSDESK" check --format jsonl "$WORK/texts"/*.txt > "$WORK/findings.jsonl" || true
python3 - "$WORK/findings.jsonl" "$MAX" "$LIST" <<'PY'
import collections, json, os, sys
path, limit, show = sys.argv[1], sys.argv[2], sys.argv[3]
counts, texts, flagged = collections.Counter(), 0, 0
for line in open(path):
    result = json.loads(line)
    texts += 1
    findings = result["findings"]
    flagged += bool(findings)
    counts.update(finding["kind"] for finding in findings)
    if show:
        name = os.path.basename(result["input"]).removesuffix(".txt")
        for finding in findings:
            print(f"{name}  {finding['kind']}: {json.dumps(finding['excerpt'], ensure_ascii=False)}")
total = sum(counts.values())
kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "none"
per_text = total / texts if texts else 0.0
print(f"WCXB article texts: {texts} texts, {total} findings ({kinds}) on {flagged} texts: "
      f"{per_text:.3f} findings per text")
if not texts:
    sys.exit("check precision (WCXB): no texts were checked")
if limit and per_text > float(limit):
    sys.exit(f"check precision (WCXB): {per_text:.3f} findings per text is above {limit}")
PY
