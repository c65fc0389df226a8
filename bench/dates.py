"""Benchmark: the date detector's own work (cast, events, conflicts, timeline) as pages grow.

Pages are parsed once, outside the timing: what is measured is what the dates code adds
to spaCy's pass. Three pages: the long re-mixed Trump page of `analysis.py` at 10k and
100k words (issue 15: find_conflicts 2 ms → 849 ms), and a hostile page naming a new
person in every sentence, as long as issue 16's 166 KB page (9.9 s before).
Prints medians. Run: `.venv/bin/python bench/dates.py --repeat 3`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from newslint.server.engine import nlp
from newslint.server.engine.dates.conflicts import build_timeline, find_conflicts, read_events
from newslint.server.engine.dates.events import Cast
from newslint.server.engine.dates.mentions import find_mentions
from newslint.server.engine.page import Block, Page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from analysis import long_page  # noqa: E402

FIRST = ["Anna", "Boris", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas",
         "Karin", "Lukas", "Marta", "Nils", "Olga", "Paul", "Rosa", "Sven", "Tina", "Viktor"]
SYLLABLES = ["ber", "dor", "fal", "gan", "hol", "kar", "lin", "mor", "nes", "pol", "ros", "tan",
             "vel", "win", "zan"]


def hostile_page(size_bytes: int, seed: int = 16) -> Page:
    """Every sentence names two people not named before, with a call and a date."""
    rng = random.Random(seed)
    texts, size = [], 0
    while size < size_bytes:
        sentences = []
        for _ in range(5):
            a = f"{rng.choice(FIRST)} {''.join(rng.choices(SYLLABLES, k=3)).capitalize()}"
            b = f"{rng.choice(FIRST)} {''.join(rng.choices(SYLLABLES, k=3)).capitalize()}"
            sentences.append(f"{a} spoke with {b} on May {rng.randint(1, 28)}, 2024.")
        text = " ".join(sentences)
        texts.append(text)
        size += len(text.encode())
    return Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en")


def dates_work(page: Page) -> tuple[int, int]:
    mentions = find_mentions(page)
    cast, dated = read_events(page, mentions)
    conflicts = find_conflicts(page, cast, dated)
    build_timeline(cast, dated)
    return len(dated), len(conflicts)


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = {"10k words": long_page(10_000), "100k words": long_page(100_000),
             "hostile 166 KB": hostile_page(166_000)}
    for name, page in pages.items():
        page.docs = list(nlp.parse([b.text for b in page.blocks]))
        dated, conflicts = dates_work(page)
        mentions = find_mentions(page)
        cast, items = read_events(page, mentions)
        cast_ms = median_ms(lambda page=page: Cast(page.docs), args.repeat)
        events_ms = median_ms(lambda page=page, m=mentions: read_events(page, m), args.repeat)
        find_ms = median_ms(lambda page=page, c=cast, i=items: find_conflicts(page, c, i),
                            args.repeat)
        total_ms = median_ms(lambda page=page: dates_work(page), args.repeat)
        print(f"{name:<15} {page.words:>7} words {dated:>5} dated {conflicts:>3} conflicts | "
              f"cast {cast_ms:8.1f} ms  events (with cast) {events_ms:8.1f} ms  "
              f"find_conflicts {find_ms:8.1f} ms  all dates work {total_ms:8.1f} ms")

if __name__ == "__main__":
    main()
