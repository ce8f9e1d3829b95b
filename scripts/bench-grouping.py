#!/usr/bin/env python3
"""Time per article of `newsdesk stories group` as the number of open stories grows.

Usage: scripts/bench-grouping.py [OPEN ...]   (default: 10000 100000; RUNS=1 in the environment for one run
of each instead of the best of two)

For each size, OPEN distinct stories are opened (articles of 200 words drawn from a 200,000-word
vocabulary with Zipf's frequencies, a word of rank r as often as 1/r, as in running text; no dates, so
every story stays open), then 20,000 more articles follow: half reports of earlier stories (their words
shuffled, a third replaced), half new stories. The time of the whole run minus the time of the opening
articles alone, over 20,000, is the cost of an article with OPEN stories open (the best of the runs each);
the peak memory of the opening run is what the OPEN stories hold.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWSDESK = os.environ.get("NEWSDESK", os.path.join(ROOT, ".build", "release", "newsdesk"))
VOCABULARY = 200_000
FOLLOWING = 20_000


WORDS = 200


def word(rng):
    # Zipf: the rank is log-uniform, so a rank is drawn as often as 1/rank; spelled in letters (a digit
    # would end a word), four or more of them, so no word is too short to count.
    rank = int(VOCABULARY ** rng.random())
    letters = ""
    while rank or len(letters) < 4:
        letters = chr(ord("a") + rank % 26) + letters
        rank //= 26
    return "w" + letters


def article(rng, identifier, words):
    return {"id": str(identifier), "title": " ".join(words[:8]), "text": " ".join(words)}


def run(path):
    """The best time of the runs, and the largest peak resident memory (MB)."""
    best = None
    peak = 0
    for _ in range(int(os.environ.get("RUNS", "2"))):
        start = time.perf_counter()
        process = subprocess.Popen([NEWSDESK, "stories", "group", path], stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            sys.exit(f"bench-grouping: newsdesk stories group exited with {process.returncode}")
        best = elapsed if best is None else min(best, elapsed)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    rng = random.Random(7)
    for size in sizes:
        opening = [[word(rng) for _ in range(WORDS)] for _ in range(size)]
        following = []
        for n in range(FOLLOWING):
            if n % 2 == 0:
                words = list(rng.choice(opening))
                rng.shuffle(words)
                for i in range(0, len(words), 3):
                    words[i] = word(rng)
            else:
                words = [word(rng) for _ in range(WORDS)]
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
            alone, memory = run(first)
            total, _ = run(both)
        print(f"{size} open stories: {1000 * (total - alone) / FOLLOWING:.3f} ms an article "
              f"(opening {alone:.1f} s, with the 20,000 more {total:.1f} s; {memory:.0f} MB held "
              f"with the {size} opened)")


if __name__ == "__main__":
    main()
