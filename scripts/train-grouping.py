#!/usr/bin/env python3
"""Learns the story-grouping decision from the labelled story sets and writes it as Swift.

Usage: scripts/train-grouping.py [--write] [--folds 5]

For each set in ../shared/bench/stories (basil: full reports with outlets and dates; neus: headline and
lead, no dates), `newsdesk stories group SET --training LABELS` places every article in its labelled
story and prints the signals of every candidate story it was weighed against, labelled by whether the
candidate is its story. A logistic regression (L2, fitted by Newton's method) learns the weights.

Cross-validation: the stories are split into folds; for each fold the model is trained on the other
folds' candidates, and the whole set is grouped with it (`--model`) and the fold's articles are scored with B-cubed F1
(each with its predicted and true story whole), for each threshold tried. The threshold with the best mean F1 over both sets is
kept. With --write, the model trained on all candidates is written to
Sources/NewsdeskStories/GroupingModel+Trained.swift.
"""
import hashlib
import json
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = os.path.join(ROOT, "..", "shared", "bench", "stories")
NEWSDESK = os.path.join(ROOT, ".build", "release", "newsdesk")
NAMES = ["lead", "text", "names", "timed", "gap_first", "gap_last", "gap_mean", "same_outlet", "size", "lead_x_text",
         "text_max", "title_max", "margin"]
THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7]


def fold_of(story, folds):
    return int(hashlib.sha256(story.encode()).hexdigest(), 16) % folds


def candidates(path, labels_path):
    out = subprocess.run([NEWSDESK, "stories", "group", path, "--training", labels_path],
                         check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    return [r for r in rows if "features" in r]


def fit(x, y, l2=1.0, rounds=30):
    """Logistic regression by Newton's method; returns (bias, weights)."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    penalty = l2 * np.eye(x1.shape[1])
    penalty[0, 0] = 0
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-x1 @ w))
        gradient = x1.T @ (p - y) + penalty @ w
        hessian = (x1.T * (p * (1 - p))) @ x1 + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[0], w[1:]


def model_text(bias, weights):
    return ",".join(repr(float(v)) for v in [bias, *weights])


def group(path, model, threshold):
    out = subprocess.run(
        [NEWSDESK, "stories", "group", path, "--model=" + model, "--threshold", str(threshold)],
        check=True, capture_output=True, text=True).stdout
    return {str(o["id"]): str(o["story"]) for o in map(json.loads, out.splitlines()) if o}


def bcubed_f1(predicted, labels, judged):
    """B-cubed F1 over the judged articles, their predicted and true stories taken whole."""
    members = {}
    for article, story in predicted.items():
        members.setdefault(("p", story), set()).add(article)
    for article, story in labels.items():
        members.setdefault(("t", story), set()).add(article)
    p = r = 0.0
    for article in judged:
        mine = members[("p", predicted.get(article, "missing:" + article))] if article in predicted else {article}
        truth = members[("t", labels[article])]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(judged), r / len(judged)
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    args = sys.argv[1:]
    folds = int(args[args.index("--folds") + 1]) if "--folds" in args else 5
    data = {}
    for name in ["basil", "neus"]:
        path = os.path.join(SETS, name + ".jsonl")
        labels_path = os.path.join(SETS, name + "-labels.json")
        labels = {str(k): str(v) for k, v in json.load(open(labels_path, encoding="utf-8")).items()}
        articles = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        rows = candidates(path, labels_path)
        data[name] = (articles, labels, rows)
        positives = sum(r["same"] for r in rows)
        print(f"{name}: {len(articles)} articles, {len(rows)} candidates, {positives} of them the article's story")

    scores = {t: {name: [] for name in data} for t in THRESHOLDS}
    for k in range(folds):
        train = [r for name in data for r in data[name][2] if fold_of(r["story"], folds) != k]
        x = np.array([r["features"] for r in train])
        y = np.array([1.0 if r["same"] else 0.0 for r in train])
        bias, weights = fit(x, y)
        # The whole set is grouped with the model that never saw this fold's stories; the fold's
        # articles are judged, each with its predicted and true story whole.
        for name, (articles, labels, _) in data.items():
            held = [str(a["id"]) for a in articles if fold_of(labels[str(a["id"])], folds) == k]
            path = os.path.join(SETS, name + ".jsonl")
            for t in THRESHOLDS:
                predicted = group(path, model_text(bias, weights), t)
                scores[t][name].append(bcubed_f1(predicted, labels, held))
    print(f"{folds}-fold cross-validation, B-cubed F1 of the held-out stories (mean over folds):")
    best = None
    for t in THRESHOLDS:
        means = {name: float(np.mean(v)) for name, v in scores[t].items()}
        overall = float(np.mean(list(means.values())))
        print(f"  threshold {t}: " + "  ".join(f"{n} {m:.4f}" for n, m in means.items()) + f"  mean {overall:.4f}")
        if best is None or overall > best[1]:
            best = (t, overall)
    x = np.array([r["features"] for name in data for r in data[name][2]])
    y = np.array([1.0 if r["same"] else 0.0 for name in data for r in data[name][2]])
    bias, weights = fit(x, y)
    print(f"threshold {best[0]}; weights on all candidates: bias {bias:.4f}, " +
          ", ".join(f"{n} {w:.4f}" for n, w in zip(NAMES, weights)))
    if "--write" in args:
        path = os.path.join(ROOT, "Sources", "NewsdeskStories", "GroupingModel+Trained.swift")
        lines = ",\n".join(f"            {w!r},  // {n}" for n, w in zip(NAMES, [float(v) for v in weights]))
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"""// Written by scripts/train-grouping.py; do not edit by hand.

extension GroupingModel {{
    /// Learned from the labelled story sets basil and neus ({folds}-fold cross-validation chose the threshold).
    public static let trained = GroupingModel(
        bias: {float(bias)!r},
        weights: [
{lines},
        ])

    /// The least probability that joins a story.
    public static let trainedThreshold = {best[0]}
}}
""")
        print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
