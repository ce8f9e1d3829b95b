#!/usr/bin/env python3
"""Time per article of `newsdesk stories group` as the number of open stories grows.

Usage: scripts/bench-grouping.py [OPEN ...]   (default: 10000 100000)

For each size, OPEN distinct stories are opened (articles of 60 words drawn from a 200,000-word
vocabulary with Zipf-like frequencies, no dates, so every story stays open), then 20,000 more articles
follow: half reports of earlier stories (their words shuffled, a third replaced), half new stories.
The time of the whole run minus the time of the opening articles alone, over 20,000, is the cost of an
article with OPEN stories open (best of 2 runs each).
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWSDESK = os.path.join(ROOT, ".build", "release", "newsdesk")
VOCABULARY = 200_000
FOLLOWING = 20_000


def word(rng):
    # Zipf-like: rank ~ 1/u
    rank = min(int(1 / max(rng.random(), 1e-9) ** 0.9), VOCABULARY)
    return f"w{rank:x}"


def article(rng, identifier, words):
    return {"id": str(identifier), "title": " ".join(words[:8]), "text": " ".join(words)}


def run(path):
    best = None
    for _ in range(2):
        start = time.perf_counter()
        subprocess.run([NEWSDESK, "stories", "group", path], check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    rng = random.Random(7)
    for size in sizes:
        opening = [[word(rng) for _ in range(60)] for _ in range(size)]
        following = []
        for n in range(FOLLOWING):
            if n % 2 == 0:
                words = list(rng.choice(opening))
                rng.shuffle(words)
                for i in range(0, len(words), 3):
                    words[i] = word(rng)
            else:
                words = [word(rng) for _ in range(60)]
            following.append(words)
        with tempfile.TemporaryDirectory() as tmp:
            first = os.path.join(tmp, "opening.jsonl")
            both = os.path.join(tmp, "both.jsonl")
            with open(first, "w") as f:
                for i, words in enumerate(opening):
                    f.write(json.dumps(article(rng, i, words)) + "\n")
            with open(both, "w") as f:
                for i, words in enumerate(opening + following):
                    f.write(json.dumps(article(rng, i, words)) + "\n")
            alone = run(first)
            total = run(both)
        print(f"{size} open stories: {1000 * (total - alone) / FOLLOWING:.3f} ms an article "
              f"(opening {alone:.1f} s, with the 20,000 more {total:.1f} s)")


if __name__ == "__main__":
    main()
