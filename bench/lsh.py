"""Benchmark: the cross-page index's query time as it grows from 10k to 1M paragraphs.

Paragraphs are generated: 25-60 content words drawn from a vocabulary of 50,000 words
with frequencies ∝ 1/(rank + 10) (Zipf), so common words collide as in real text and
rare ones do not; two random generated paragraphs share a little more than two real
ones (mean Jaccard 0.024 against 0.005 on the 60 articles, 99th percentile 0.071 against
0.070), which makes the index's buckets fuller than real ones, not emptier. Each is
signed with the same MinHash as real paragraphs. Queries are half paragraphs of the
index (each finds itself and its near-copies) and half new ones, 1,000 of each kind
of which the median and 95th percentile are printed, with the time to build and the
memory the process holds.

Run: `.venv/bin/python bench/lsh.py` (2 to 4 minutes and 3 GB at 1M, most of it generating).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

import numpy as np
from newslint.server.crosspage import recycled

VOCABULARY = 50_000
QUERIES = 1_000


def signatures(count: int, rng: np.random.Generator) -> list[bytes]:
    frequency = 1.0 / (np.arange(VOCABULARY) + 10.0)
    words = rng.choice(VOCABULARY, size=count * 60, p=frequency / frequency.sum())
    lengths = rng.integers(25, 61, size=count)
    out, start = [], 0
    batch: list[list[bytes]] = []
    for length in lengths:
        batch.append([b"w%d" % w for w in words[start:start + length]])
        start += length
        if len(batch) == 10_000:
            out.extend(_sign(batch))
            batch = []
    out.extend(_sign(batch))
    return out


def _sign(batch: list[list[bytes]]) -> list[bytes]:
    if not batch:
        return []
    return [row.astype("<u4").tobytes() for row in recycled.signatures(batch)]


def paragraph(n: int, signature: bytes) -> recycled.Paragraph:
    return recycled.Paragraph("p1", 1, 0, 100, n.to_bytes(8, "little"), signature)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    sizes = [int(s) for s in args.sizes.split(",")]
    started = time.perf_counter()
    pool = signatures(max(sizes) + QUERIES, rng)
    print(f"{len(pool):,} signatures in {time.perf_counter() - started:.0f} s", flush=True)
    fresh = pool[max(sizes):]
    index = recycled.RecycledIndex()
    added = 0
    for size in sizes:
        started = time.perf_counter()
        for n in range(added, size):
            index.add(recycled.PageRef(f"page{n}", f"https://s{n % 997}.example/{n}"),
                      [paragraph(n, pool[n])])
        added = size
        build = time.perf_counter() - started
        probes = [(f"page{n}", pool[n]) for n in rng.integers(0, size, QUERIES)]
        probes += [(f"new{i}", sig) for i, sig in enumerate(fresh)]
        times = []
        for i, (page_id, sig) in enumerate(probes):
            ref = recycled.PageRef(page_id, f"https://query.example/{i}")
            t = time.perf_counter()
            index.lookup(ref, paragraph(10**12 + i, sig))
            times.append(time.perf_counter() - t)
        times.sort()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>9,} paragraphs: query median {statistics.median(times) * 1e6:7.1f} µs, "
              f"p95 {times[int(len(times) * 0.95)] * 1e6:7.1f} µs; added in {build:.0f} s; "
              f"peak RSS {rss:,.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
