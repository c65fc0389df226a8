"""Benchmark: the server's extraction (`page_from_html`) per page, over a data folder.

Each page of FOLDER (a web-pages or articles folder, as `newslint eval extraction` reads
it; `--half a|b` keeps the project's half) is extracted `--rounds` times and its fastest
round kept: on a machine shared with other work, the fastest of a few runs is the page's
own cost, the others carry what the neighbours did. Printed: pages, median, p95 and the
total of the per-page times, in milliseconds (`--json` for a machine).

This is where extraction speed is measured (tests never assert a time). Compare two
versions of the code by running the script in each one's checkout, on the same pages.

Run: `.venv/bin/python bench/extraction.py ../shared/data/web-pages --half a --rounds 3`
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from pathlib import Path

import click
from newslint.server.evaluate.extraction import read_samples
from newslint.server.pages.extract import page_from_html


def per_page_ms(folder: Path, half: str | None, rounds: int) -> list[float]:
    """The fastest of `rounds` extractions of each page, in ms, in the folder's order."""
    _, samples = read_samples(folder, half)
    best = [float("inf")] * len(samples)
    for _ in range(rounds):
        for i, sample in enumerate(samples):
            started = time.perf_counter()
            page_from_html(sample.html, url=sample.url or None)
            best[i] = min(best[i], (time.perf_counter() - started) * 1000)
    return best


def summary(times: list[float]) -> dict[str, float]:
    """Median, 95th percentile (nearest rank) and total of the per-page times."""
    ordered = sorted(times)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 0.0
    return {"pages": len(ordered), "median_ms": round(statistics.median(ordered), 1)
            if ordered else 0.0, "p95_ms": round(p95, 1), "total_ms": round(sum(ordered), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--half", choices=("a", "b"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    try:
        found = summary(per_page_ms(args.folder, args.half, max(1, args.rounds)))
    except (click.ClickException, OSError) as exc:
        # A wrong folder is the user's slip: say so in one line, as the CLI does.
        message = exc.format_message() if isinstance(exc, click.ClickException) else str(exc)
        parser.error(message)
    if args.json:
        print(json.dumps(found))
    else:
        print(f"{found['pages']} pages: median {found['median_ms']} ms, p95 {found['p95_ms']} ms,"
              f" total {found['total_ms']} ms (fastest of {args.rounds} rounds per page)")


if __name__ == "__main__":
    main()
