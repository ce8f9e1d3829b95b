"""Time trafilatura's extraction over a folder of HTML pages.

Usage: bench_trafilatura.py RUNS PAGE...
Prints one JSON object: {"times": [seconds per run], "peak_rss_kb": N}.
"""
import json
import resource
import sys
import time

import trafilatura


def read_pages(paths):
    # The pages are known to be UTF-8; decoding here keeps charset sniffing
    # out of trafilatura's timed work.
    pages = []
    for path in paths:
        with open(path, "rb") as handle:
            pages.append(handle.read().decode("utf-8", errors="replace"))
    return pages


def time_run(pages):
    start = time.perf_counter()
    for html in pages:
        trafilatura.extract(html, include_comments=False)
    return time.perf_counter() - start


def main():
    runs = int(sys.argv[1])
    pages = read_pages(sys.argv[2:])
    times = [time_run(pages) for _ in range(runs)]
    # ru_maxrss is in KiB on Linux.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"times": times, "peak_rss_kb": peak_kb}))


if __name__ == "__main__":
    main()
