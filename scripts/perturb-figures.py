#!/usr/bin/env python3
"""Measures, without labels, how often a story's figures point at a changed figure.

Usage: scripts/perturb-figures.py [REPORTS.jsonl LABELS.json] [--drop [--in-place]] [--misses]   (default: basil from ../shared)

For each story, one figure that two reports or more give with the same value (as `newsdesk stories
figures` aligns them) is changed in a copy of one of those reports: its digits become a number 20-60%
larger. The copy joins the story as one more report, from an outlet of its own, at the same time. The
story's figures point at the change when a slot holds both the original value and the changed one as
different values (shown as a disagreement). Prints the share of stories where they do.

With --drop, the figure's digits are dropped from the copy instead ("killed 33 people" becomes "killed
people", as scraping loses a number), and the figures are made with --lost: the story page points at the
loss when it is found in the copy (a checker finding, or a gap where another report has a number between
the same two words, within 40 characters) and the first of the other reports' echoes there states the
dropped number. Prints how many losses were found and how many the page fills. (The copy is word for word
another report's text: this measures wire copy. With --in-place the damaged report replaces its
original, so only the other outlets' own reports can fill the gap.)
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = os.path.join(ROOT, "..", "shared", "bench", "stories")
NEWSDESK = os.path.join(ROOT, ".build", "release", "newsdesk")


def figures(path, labels, *flags):
    out = subprocess.run([NEWSDESK, "stories", "figures", path, "--labels", labels, *flags],
                         check=True, capture_output=True, text=True).stdout
    return {str(o["story"]): o for o in map(json.loads, out.splitlines())}


def changed(written, rng):
    """The written figure with its first run of digits made 20-60% larger, written the same way."""
    match = re.search(r"\d+(?:[.,]\d+)*", written)
    if not match:
        return None
    digits = match.group(0)
    plain = digits.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    new = value * rng.uniform(1.2, 1.6)
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    text = f"{new:,.{decimals}f}" if "," in digits else f"{new:.{decimals}f}"
    if text == digits:
        return None
    return written[:match.start()] + text + written[match.end():]


def dropped(written):
    """The written figure without its first run of digits, and those digits."""
    match = re.search(r"\d+(?:[.,]\d+)*", written)
    if not match:
        return None
    return written[:match.start()].rstrip() + written[match.end():], match.group(0)


def main():
    drop = "--drop" in sys.argv
    in_place = "--in-place" in sys.argv
    args = [a for a in sys.argv[1:] if a not in ("--misses", "--drop", "--in-place")]
    reports_path = args[0] if len(args) > 1 else os.path.join(SETS, "basil.jsonl")
    labels_path = args[1] if len(args) > 1 else os.path.join(SETS, "basil-labels.json")
    rng = random.Random(20261205)
    labels = {str(k): str(v) for k, v in json.load(open(labels_path, encoding="utf-8")).items()}
    reports = {str(r["id"]): r for r in map(json.loads, open(reports_path, encoding="utf-8")) if r}
    original = figures(reports_path, labels_path)
    altered = []
    trials = {}
    trials_article = {}
    for story, item in original.items():
        shared = [s for s in item["slots"] if s["relation"] == "same" and len(s["values"][0]["articles"]) >= 2]
        if not shared:
            continue
        slot = rng.choice(shared)
        article = slot["values"][0]["articles"][0]
        figure = next((f for f in item["figures"][article] if f["written"] == slot["values"][0]["written"]), None)
        if figure is None:
            continue
        if drop:
            cut = dropped(figure["written"])
            if cut is None:
                continue
            new, digits = cut
        else:
            new = changed(figure["written"], rng)
            if new is None:
                continue
        report = dict(reports[article])
        text = report["text"]
        report["text"] = text[:figure["start"]] + new + text[figure["end"]:]
        report["id"] = article + "-altered"
        report["source"] = "Altered copy"
        altered.append(report)
        trials_article[story] = report["id"]
        trials[story] = (figure["written"], new) if not drop else (figure["start"], digits)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "reports.jsonl")
        labels_out = os.path.join(tmp, "labels.json")
        extra = {r["id"]: labels[r["id"].removesuffix("-altered")] for r in altered}
        with open(path, "w", encoding="utf-8") as f:
            # --in-place: the damaged report stands in for its original, so only other outlets' own
            # words can fill it.
            replaced = {r["id"].removesuffix("-altered") for r in altered} if in_place else set()
            for r in [r for r in reports.values() if r["id"] not in replaced] + altered:
                f.write(json.dumps(r) + "\n")
        with open(labels_out, "w", encoding="utf-8") as f:
            json.dump({**labels, **extra}, f)
        result = figures(path, labels_out, *(["--lost"] if drop else []))
    if drop:
        found = filled = 0
        for story, (at, digits) in trials.items():
            article = next(r["id"] for r in altered if trials_article[story] == r["id"])
            near = [lost for lost in result.get(story, {}).get("lost", {}).get(article, [])
                    if lost["start"] - 40 <= at <= lost["end"] + 40]
            if near:
                found += 1
            if any(lost["echoes"] and digits in lost["echoes"][0].get("figure", "") for lost in near):
                filled += 1
            elif "--misses" in sys.argv:
                print(f"  not filled: {story} {digits!r} found={bool(near)}")
        print(f"dropped figures: {len(trials)} stories, the loss found: {found} ({found / max(len(trials), 1):.3f}), "
              f"the page shows the dropped number: {filled} ({filled / max(len(trials), 1):.3f})")
        return
    pointed = 0
    for story, (before, after) in trials.items():
        for slot in result.get(story, {"slots": []})["slots"]:
            written = [v["written"] for v in slot["values"]]
            if slot["relation"] != "same" and before in written and after in written:
                pointed += 1
                break
        else:
            if "--misses" in sys.argv:
                print(f"  missed: {story} {before!r} -> {after!r}")
    print(f"changed figures: {len(trials)} stories, pointed at: {pointed} ({pointed / max(len(trials), 1):.3f})")


if __name__ == "__main__":
    main()
