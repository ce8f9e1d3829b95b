#!/usr/bin/env bash
# Scores Newsdesk's extraction and trafilatura's on the same pages in one run,
# with each benchmark's own scorer, and prints one Markdown table per benchmark:
# ../shared/bench/aeb (121 news pages) and ../shared/bench/wcxb (793 article
# pages of 769 sites). trafilatura 2.3.1 is installed into .venv-bench.
#
# Usage: scripts/compare-extraction.sh [aeb] [wcxb]   (both when none is named)
# Environment: NEWSDESK=path to the binary (default: the release build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
VENV=$ROOT/.venv-bench
BENCHES=("$@")
[[ ${#BENCHES[@]} -gt 0 ]] || BENCHES=(aeb wcxb)

[[ -x $NEWSDESK ]] || { echo "no binary at $NEWSDESK: run 'swift build -c release' first" >&2; exit 2; }
[[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" -c 'import sys, trafilatura; sys.exit(trafilatura.__version__ != "2.3.1")' 2>/dev/null; then
    echo "installing trafilatura 2.3.1 into $VENV" >&2
    # trafilatura 2.3.1 fails to import without lxml_html_clean, which newer lxml no longer pulls in.
    "$VENV/bin/python" -m pip install --quiet 'trafilatura==2.3.1' lxml_html_clean >&2
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for bench in "${BENCHES[@]}"; do
    dir=$ROOT/../shared/bench/$bench
    [[ -f $dir/score.py ]] || { echo "no benchmark at $dir" >&2; exit 2; }
    "$NEWSDESK" extract --format jsonl "$dir"/html/*.html.gz >"$WORK/newsdesk.jsonl" 2>/dev/null || true
    "$VENV/bin/python" "$ROOT/scripts/trafilatura_extract.py" "$dir"/html/*.html.gz >"$WORK/trafilatura.jsonl" 2>/dev/null
    python3 - "$dir/score.py" "$bench" "$WORK/newsdesk.jsonl" "$WORK/trafilatura.jsonl" <<'PY'
import json, subprocess, sys
score, bench, ours, theirs = sys.argv[1:5]
rows = [("Newsdesk", ours), ("trafilatura 2.3.1", theirs)]
results = [(name, json.loads(subprocess.run([sys.executable, score, path, "--json"], check=True,
                                            capture_output=True, text=True).stdout)) for name, path in rows]
columns = [("f1", "F1"), ("precision", "precision"), ("recall", "recall")]
if bench == "wcxb":
    columns += [("empty", "empty pages"), ("with_found", "content found"), ("with_found_folded", "… quotes folded"),
                ("without_found", "boilerplate leaked")]
    # The annotators wrote many snippets with straight quotes where the page has typographic
    # ones; the scorer matches them as written. Folding both to straight quotes shows what is found.
    import os
    truth = json.load(open(os.path.join(os.path.dirname(score), "ground-truth.json"), encoding="utf-8"))
    fold = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
    for (name, result), (_, path) in zip(results, rows):
        texts = {}
        for line in open(path, encoding="utf-8"):
            page = json.loads(line)
            texts[os.path.basename(page["input"]).split(".")[0]] = (page.get("text") or "").lower().translate(fold)
        shares = [sum(s.lower().translate(fold) in texts.get(pid, "") for s in t["with"]) / len(t["with"])
                  for pid, t in truth.items() if t["with"]]
        result["with_found_folded"] = sum(shares) / len(shares)
pages = results[0][1]["pages"]
print(f"\n{bench}: {pages} pages\n")
print("| extractor | " + " | ".join(label for _, label in columns) + " |")
print("| --- |" + " ---: |" * len(columns))
for name, result in results:
    cells = []
    for key, _ in columns:
        value = result[key]
        cells.append(f"{value:.1%}" if "_found" in key else str(value))
    print(f"| {name} | " + " | ".join(cells) + " |")
PY
done
