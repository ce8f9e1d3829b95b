#!/usr/bin/env python3
"""Scores `newsdesk stories figures` against hand-labelled figures of real reports.

Usage: score-figures.py REPORTS.jsonl LABELLED.json PREDICTED.jsonl [--worst N]

PREDICTED.jsonl comes from `newsdesk stories figures REPORTS.jsonl --labels LABELS.json`, e.g. for basil:
  newsdesk stories figures ../shared/bench/stories/basil.jsonl --labels ../shared/bench/stories/basil-labels.json >/tmp/f.jsonl
  scripts/score-figures.py ../shared/bench/stories/basil.jsonl Tests/NewsdeskStoriesTests/Resources/basil-figures.json /tmp/f.jsonl

A labelled mention is found when a figure the desk read overlaps the labelled number in its quote.
Alignment is scored on pairs of mentions from different reports of one event: a pair is predicted
when both mentions are found in the same slot, labelled when the labels put them in one figure.
Precision counts predicted pairs between labelled mentions; recall counts every labelled pair (a
mention not found is a pair missed). A disagreement shown (a slot whose values differ) is wrong when
its labelled mentions belong to different figures or to a figure every report gives the same value;
shown_right counts the labelled disagreements shown as one. `found` counts the labelled disagreements
whose mentions share a slot holding more than one written form (agreeing roundings included).
"""
import json
import re
import sys
from itertools import combinations


def main():
    args = sys.argv[1:]
    worst = 0
    if "--worst" in args:
        at = args.index("--worst")
        worst = int(args[at + 1])
        del args[at:at + 2]
    reports_path, labelled_path, predicted_path = args
    texts = {}
    for line in open(reports_path, encoding="utf-8"):
        if line.strip():
            item = json.loads(line)
            texts[str(item["id"])] = item.get("text", "")
    labelled = json.load(open(labelled_path, encoding="utf-8"))
    predicted = {}
    for line in open(predicted_path, encoding="utf-8"):
        if line.strip():
            item = json.loads(line)
            predicted[str(item["story"])] = item

    mentions = found = 0
    predicted_pairs = true_pairs = labelled_pairs = 0
    shown = wrong = unjudged = 0
    disagreements = disagreements_found = 0
    right = set()
    problems = []
    for event in labelled["events"]:
        story = predicted.get(event["story"], {"figures": {}, "slots": []})
        figures = story["figures"]
        # Each labelled mention: (slot number in labels, article, found figure's slot or None)
        located = []
        used = set()
        for number, figure in enumerate(event["figures"]):
            for mention in figure["mentions"]:
                mentions += 1
                text = texts.get(mention["article"], "")
                at = text.find(mention["quote"])
                written = mention["number"]
                first = re.escape(written.split()[0].lstrip("$€£"))
                match = re.search(r"(?<!\w)" + first + r"(?!\w)", mention["quote"]) or re.search(first, mention["quote"])
                inner = match.start() if match else 0
                start = at + max(inner, 0)
                end = start + len(written)
                slot = None
                for index, candidate in enumerate(figures.get(mention["article"], [])):
                    key = (mention["article"], index)
                    if key in used or candidate["end"] <= start or candidate["start"] >= end:
                        continue
                    used.add(key)
                    slot = candidate["slot"]
                    break
                if slot is not None:
                    found += 1
                else:
                    problems.append(f"not read: {mention['article'][:8]} {mention['quote']!r}")
                located.append((number, mention["article"], slot, mention["quote"]))
        for a, b in combinations(located, 2):
            if a[1] == b[1]:
                continue
            same_label = a[0] == b[0]
            same_prediction = a[2] is not None and a[2] == b[2]
            labelled_pairs += same_label
            if a[2] is not None and b[2] is not None:
                predicted_pairs += same_prediction
                true_pairs += same_label and same_prediction
                if same_prediction and not same_label:
                    problems.append(f"aligned wrongly: {a[3]!r} with {b[3]!r}")
            if same_label and not same_prediction and a[2] is not None and b[2] is not None:
                problems.append(f"not aligned: {a[3]!r} with {b[3]!r}")
        by_slot = {}
        for number, article, slot, quote in located:
            if slot is not None:
                by_slot.setdefault(slot, set()).add(number)
        slot_numbers = {}
        for article, items in figures.items():
            for item in items:
                slot_numbers.setdefault(item["slot"], []).append(item)
        for number, figure in enumerate(event["figures"]):
            if figure["relation"] != "same":
                disagreements += 1
                slots = [s for s, labels in by_slot.items() if number in labels]
                if any(len({i["written"] for i in slot_numbers.get(s, [])}) > 1 for s in slots):
                    disagreements_found += 1
        for slot in story["slots"]:
            if slot["relation"] == "same":
                continue
            shown += 1
            # The slot number of this shown slot: the one whose figures carry its first value's text.
            numbers = set()
            for s, items in slot_numbers.items():
                if {i["written"] for i in items} >= {v["written"] for v in slot["values"]}:
                    numbers |= by_slot.get(s, set())
            if not numbers:
                unjudged += 1
                problems.append(f"unjudged {slot['relation']}: {slot['counts']!r} " +
                                " · ".join(v["written"] for v in slot["values"]))
            elif len(numbers) > 1 or all(event["figures"][n]["relation"] == "same" for n in numbers):
                wrong += 1
                problems.append(f"wrong {slot['relation']}: {slot['counts']!r} " +
                                " · ".join(v["written"] for v in slot["values"]))
            else:
                right.add((event["story"], min(numbers)))

    precision = true_pairs / predicted_pairs if predicted_pairs else 0
    recall = true_pairs / labelled_pairs if labelled_pairs else 0
    judged = shown - unjudged
    print(f"mentions={mentions} read={found} ({found / max(mentions, 1):.3f}) "
          f"pairs: labelled={labelled_pairs} predicted={predicted_pairs} right={true_pairs} "
          f"alignment_precision={precision:.3f} alignment_recall={recall:.3f} "
          f"disagreements_shown={shown} judged={judged} wrong={wrong} "
          f"wrong_share={wrong / judged if judged else 0:.3f} "
          f"labelled_disagreements={disagreements} found={disagreements_found} shown_right={len(right)}")
    for problem in problems[:worst]:
        print("  " + problem)


if __name__ == "__main__":
    main()
