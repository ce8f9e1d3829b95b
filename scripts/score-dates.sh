#!/usr/bin/env bash
# Publication dates and bylines on the 793 WCXB article pages, Newsdesk beside
# htmldate (pinned below) run in the same session on the same pages, each page
# given its own URL (Newsdesk through `--files-from` with "PATH<tab>URL" lines,
# htmldate through `find_date(html, url=url, original_date=True)`).
#
# Usage: scripts/score-dates.sh [--no-htmldate] [--list wrong|missing|authors|labels]...
#        [--min-right N] [--max-wrong N] [--max-labels N]   (exit 1 past a limit; CI runs them)
# Environment: NEWSDESK=path to the binary (default: the release build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/../shared/bench/wcxb
NEWSDESK=${NEWSDESK:-$ROOT/.build/release/newsdesk}
VENV=$ROOT/.venv-dates
HTMLDATE_VERSION=1.11.0

[[ -x $NEWSDESK ]] || { echo "no binary at $NEWSDESK: run 'swift build -c release --product newsdesk' first" >&2; exit 2; }
if [[ " $* " != *" --no-htmldate "* ]] && ! "$VENV/bin/python" -c "import htmldate" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "htmldate==$HTMLDATE_VERSION"
fi
PYTHON=$VENV/bin/python
[[ -x $PYTHON ]] || PYTHON=python3

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# One "PATH<tab>URL" line a page, from the ground truth.
python3 - "$BENCH" >"$WORK/pages.tsv" <<'PY'
import json, os, sys
bench = sys.argv[1]
with open(os.path.join(bench, "ground-truth.json"), encoding="utf-8") as handle:
    truth = json.load(handle)
for page, facts in sorted(truth.items()):
    path = os.path.join(bench, "html", page + ".html.gz")
    url = facts.get("url") or ""
    print(f"{path}\t{url}" if url.startswith(("http://", "https://")) else path)
PY
# Pages without an article are reported on stderr; their metadata still counts.
"$NEWSDESK" extract --format jsonl --no-check --files-from "$WORK/pages.tsv" >"$WORK/newsdesk.jsonl" 2>/dev/null || true
"$PYTHON" "$ROOT/scripts/score_dates.py" "$WORK/newsdesk.jsonl" --bench "$BENCH" "$@"
