#!/usr/bin/env python3
"""Score publication dates and bylines on the WCXB article pages, Newsdesk
beside htmldate measured in the same run on the same pages with the same URLs.

    python3 score_dates.py NEWSDESK.jsonl [--bench DIR] [--no-htmldate] [--list KIND]

NEWSDESK.jsonl: `newsdesk extract --format jsonl` output, one object per page with
"input" (the page's path; the id is the file name before the first dot),
"published" and "authors".

Dates: the date part of "published" against the truth's `published`
(YYYY-MM-DD): right, wrong or missing among the pages that have a true date,
and "invented" for a date on a page whose truth has none (the truth may simply
lack it). "wrong: the update" counts the wrong dates whose true date is the one
the tool gives as the page's last change: WCXB records the date a page shows,
often its "Updated" date, where Newsdesk and htmldate (original_date=True) give
the first publication. Authors: names compared case-insensitively after splitting on ",",
";", "&", "/", "|", " and ", " with "; right when the sets match, partial when
they share a name, wrong when they share none; "labels" counts outputs holding
a label word ("Reviewed", "By", "Updated", "Photo"...).
"""
import argparse
import gzip
import json
import os
import re
import sys

LABEL_WORDS = re.compile(
    r"\b(reviewed|checked|updated|update|photo|photos|written|posted|by|author|published|medically|edited|"
    r"von|par|por|redaktion|foto)\b",
    re.IGNORECASE,
)


def page_id(path):
    return os.path.basename(path).split(".")[0]


def load_newsdesk(path):
    result = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line:
                record = json.loads(line)
                result[page_id(record["input"])] = record
    return result


def date_part(value):
    if not value:
        return None
    match = re.match(r"(\d{4}-\d{2}-\d{2})", value)
    return match.group(1) if match else None


def run_htmldate(bench, truth):
    """htmldate's publication date (original_date=True) and its last-change date
    (original_date=False) for every page."""
    from htmldate import find_date

    published, modified = {}, {}
    for page, facts in truth.items():
        with gzip.open(os.path.join(bench, "html", page + ".html.gz"), "rb") as handle:
            html = handle.read().decode("utf-8", errors="replace")
        for original, found in ((True, published), (False, modified)):
            try:
                found[page] = find_date(html, url=facts.get("url"), original_date=original)
            except Exception:  # htmldate gives up on a few pages; that is a missing date
                found[page] = None
    return published, modified


def score_dates(predicted, truth, modified=None):
    """Right, wrong, missing and invented publication dates; "wrong: the update" counts
    the wrong ones whose true date is the tool's own modified date (the page's "Updated"
    date, which WCXB often records as the date)."""
    counts = {"right": 0, "wrong": 0, "missing": 0, "invented": 0, "update": 0}
    wrong, missing = [], []
    for page, facts in truth.items():
        guess = date_part(predicted.get(page))
        true = facts.get("published")
        if not true:
            counts["invented"] += guess is not None
        elif guess is None:
            counts["missing"] += 1
            missing.append(page)
        elif guess.startswith(true):  # two truths give only the month
            counts["right"] += 1
        else:
            counts["wrong"] += 1
            counts["update"] += bool((date_part((modified or {}).get(page)) or "x").startswith(true))
            wrong.append((page, guess, true))
    return counts, wrong, missing


def name_key(name):
    return " ".join(re.findall(r"\w+", name.lower()))


def is_credential(part):
    # "MS", "RD", "Ph.D.", "E-RYT 200", "CFP®": letters after a name, not a name.
    words = part.split()
    return any(ch.isdigit() for ch in part) or len(part.replace(".", "")) <= 5 or all(
        w.replace(".", "").replace("-", "").isupper() for w in words
    )


def split_names(text, drop_credentials):
    parts = re.split(r",|;|&|/|\||\band\b|\bwith\b", text)
    names = [p.strip() for p in parts if p.strip()]
    if drop_credentials:
        kept = [n for i, n in enumerate(names) if i == 0 or not is_credential(n)]
        names = kept
    return {name_key(n) for n in names if name_key(n)}


def names_match(a, b):
    return a == b or (len(a) > 3 and len(b) > 3 and (f" {a} " in f" {b} " or f" {b} " in f" {a} "))


def score_authors(records, truth):
    counts = {"right": 0, "partial": 0, "wrong": 0, "missing": 0, "invented": 0, "labels": 0}
    wrong, labelled = [], []
    for page, facts in truth.items():
        authors = (records.get(page) or {}).get("authors") or []
        if any(LABEL_WORDS.search(a) for a in authors):
            counts["labels"] += 1
            labelled.append((page, authors))
        true = facts.get("author")
        if not true:
            counts["invented"] += bool(authors)
            continue
        if not authors:
            counts["missing"] += 1
            continue
        expected = split_names(true, drop_credentials=True)
        got = set().union(*(split_names(a, drop_credentials=False) for a in authors))
        found = {e for e in expected if any(names_match(e, g) for g in got)}
        used = {g for g in got if any(names_match(e, g) for e in expected)}
        if found == expected and used == got:
            counts["right"] += 1
        elif found:
            counts["partial"] += 1
        else:
            counts["wrong"] += 1
            wrong.append((page, authors, true))
    return counts, wrong, labelled


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("newsdesk")
    parser.add_argument("--bench", default=os.path.join(os.path.dirname(__file__), "../../shared/bench/wcxb"))
    parser.add_argument("--no-htmldate", action="store_true")
    parser.add_argument("--list", choices=["wrong", "missing", "authors", "labels"], action="append", default=[])
    parser.add_argument("--min-right", type=int, help="fail when fewer publication dates are right")
    parser.add_argument("--max-wrong", type=int, help="fail when more publication dates are wrong")
    parser.add_argument("--max-labels", type=int, help="fail when more author lists hold a label word")
    args = parser.parse_args()

    with open(os.path.join(args.bench, "ground-truth.json"), encoding="utf-8") as handle:
        truth = json.load(handle)
    records = load_newsdesk(args.newsdesk)
    dated = sum(1 for facts in truth.values() if facts.get("published"))
    authored = sum(1 for facts in truth.values() if facts.get("author"))

    published = {p: r.get("published") for p, r in records.items()}
    modified = {p: r.get("modified") for p, r in records.items()}
    rows = [("Newsdesk", score_dates(published, truth, modified))]
    if not args.no_htmldate:
        import htmldate

        found, changed = run_htmldate(args.bench, truth)
        rows.append((f"htmldate {htmldate.__version__}", score_dates(found, truth, changed)))

    print(f"Publication dates, {len(truth)} WCXB pages ({dated} with a true date), each page's URL given")
    print(f"| {'tool':<16} | right | wrong | wrong: the update | missing | invented |")
    print(f"| {'-' * 16} | ----: | ----: | ----------------: | ------: | -------: |")
    for name, (counts, _, _) in rows:
        print(
            f"| {name:<16} | {counts['right']:>5} | {counts['wrong']:>5} | {counts['update']:>17} |"
            f" {counts['missing']:>7} | {counts['invented']:>8} |"
        )
    print("(wrong: the update = wrong, and the true date is the one the tool gives as the last change)")
    counts, wrong_authors, labelled = score_authors(records, truth)
    print()
    print(f"Authors, {authored} pages with a true author")
    print("| tool             | right | partial | wrong | missing | invented | with a label |")
    print("| ---------------- | ----: | ------: | ----: | ------: | -------: | -----------: |")
    print(
        f"| {'Newsdesk':<16} | {counts['right']:>5} | {counts['partial']:>7} | {counts['wrong']:>5} |"
        f" {counts['missing']:>7} | {counts['invented']:>8} | {counts['labels']:>12} |"
    )

    _, wrong, missing = rows[0][1]
    if "wrong" in args.list:
        print("\nwrong dates (page, Newsdesk, truth):")
        for page, guess, true in wrong:
            print(f"  {page} {guess} {true} {truth[page]['url']}")
    if "missing" in args.list:
        print("\nmissing dates:")
        for page in missing:
            print(f"  {page} {truth[page]['published']} {truth[page]['url']}")
    if "authors" in args.list:
        print("\nwrong authors (page, Newsdesk, truth):")
        for page, authors, true in wrong_authors:
            print(f"  {page} {authors} {true!r}")
    if "labels" in args.list:
        print("\nauthors with a label word:")
        for page, authors in labelled:
            print(f"  {page} {authors}")

    dates = rows[0][1][0]
    gates = [
        ("publication dates right", dates["right"], args.min_right, ">="),
        ("publication dates wrong", dates["wrong"], args.max_wrong, "<="),
        ("authors with a label word", counts["labels"], args.max_labels, "<="),
    ]
    failed = False
    for name, value, limit, sign in gates:
        if limit is None:
            continue
        ok = value >= limit if sign == ">=" else value <= limit
        failed |= not ok
        print(f"dates gate: {name} {value} ({'at least' if sign == '>=' else 'at most'} {limit})"
              f"{'' if ok else '  FAILED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
