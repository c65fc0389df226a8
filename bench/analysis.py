"""Benchmark: server-side analysis time against spaCy's NER-only pass over the same text.

Prints medians, the ratio analysis / NER-only (aim ≤ 1.5), the 100k / 10k scaling (aim
≤ 12×), and the cold start of `newslint serve` to its first answer (aim < 3 s).
Run: `make bench` (or `.venv/bin/python bench/analysis.py --repeat 5`).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import spacy
from newslint.server.engine import nlp
from newslint.server.engine.analyze import analyze
from newslint.server.pages.extract import page_from_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRUMP = ROOT / "tests" / "pages" / "trump-putin-call" / "source.html"

from tests.helpers import remixed_paragraphs  # noqa: E402


def long_page(words: int, seed: int = 7):
    """Paragraphs re-mixed from the Trump page's sentences with words shuffled in, so the
    page is realistic English with some re-tellings, at any length."""
    base = page_from_html(TRUMP.read_text())
    sentences = [s.text for doc in nlp.parse([b.text for b in base.blocks]) for s in doc.sents]
    texts = remixed_paragraphs(sentences, words, seed)
    from newslint.server.engine.page import Block, Page

    return Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en")


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ner_only():
    model = nlp.MODEL_PACKAGES
    for name in model:
        try:
            return spacy.load(name, exclude=["parser", "tagger", "attribute_ruler",
                                             "lemmatizer", "senter"])
        except OSError:
            continue
    raise SystemExit("no English model installed")


def cold_start() -> float:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "newslint.server", "serve", "--port",
                                str(port)], stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1)
                return time.perf_counter() - started
            except OSError:
                time.sleep(0.02)
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ner = ner_only()
    nlp.load()
    pages = {"trump-putin-call": page_from_html(TRUMP.read_text()),
             "10k words": long_page(10_000), "100k words": long_page(100_000)}
    results = {}
    for name, page in pages.items():
        texts = [b.text for b in page.blocks]
        repeat = max(1, args.repeat // 2) if page.words > 50_000 else args.repeat
        full = median_seconds(lambda page=page: analyze(page), repeat)
        base = median_seconds(lambda texts=texts: list(ner.pipe(texts, batch_size=64)), repeat)
        results[name] = full
        print(f"{name:<18} {page.words:>7} words  analysis {full * 1000:8.1f} ms  "
              f"NER-only {base * 1000:8.1f} ms  ratio {full / base:4.2f}")
    print(f"100k / 10k: {results['100k words'] / results['10k words']:.1f}x")
    starts = [cold_start() for _ in range(3)]
    print(f"cold start of newslint serve to first answer: median {statistics.median(starts):.2f} s")


if __name__ == "__main__":
    main()
