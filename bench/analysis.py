"""Benchmark: server-side analysis time against spaCy's `ner` alone and against the floor.

Three passes over the same block texts, interleaved run by run so that a busy machine
slows all of them alike, each reported as the median of its runs:

- **newslint**: the whole analysis (`analyze`), parsing and every detector;
- **ner alone**: spaCy's `ner` component with its own embedded tok2vec and nothing else
  (no shared `tok2vec`, tagger, senter or lemmatizer) — what naming entities costs at
  the least, the yardstick of issue 15 (aim: newslint ≤ 1.2× its CPU time);
- **floor**: a blank English tokenizer plus the rule sentencizer, the cost of merely
  reading the text.

CPU time is the process's (`time.process_time`, every thread) plus its finished
children's (`RUSAGE_CHILDREN`), so work moved to threads or processes is still counted;
it stays steady on a busy machine where wall time does not. Wall time is what a reader
waits for (aim: ≤ 1 s for the 10k-word page on 2 idle cores).
Also printed: the 100k / 10k scaling (aim ≤ 10×) and the cold start of `newslint serve`
to its first answer (aim < 3 s).

Run: `make bench` (or `.venv/bin/python bench/analysis.py --repeat 5`).
"""

from __future__ import annotations

import argparse
import functools
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
from newslint.server.engine import nlp
from newslint.server.engine.analyze import analyze
from newslint.server.engine.page import Block, Page
from newslint.server.pages.extract import page_from_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRUMP = ROOT / "tests" / "pages" / "trump-putin-call" / "source.html"

from tests.helpers import remixed_paragraphs  # noqa: E402


def long_page(words: int, seed: int = 7) -> Page:
    """Paragraphs re-mixed from the Trump page's sentences with words shuffled in, so the
    page is realistic English with some re-tellings, at any length."""
    base = page_from_html(TRUMP.read_text())
    sentences = [s.text for doc in nlp.parse([b.text for b in base.blocks]) for s in doc.sents]
    texts = remixed_paragraphs(sentences, words, seed)
    return Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en")


def _parse_all(pipeline: spacy.language.Language, texts: list[str]) -> list[Any]:
    return list(pipeline.pipe(texts, batch_size=64))


def cpu_seconds() -> float:
    """CPU time of this process (all its threads) and of its children that have ended."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(fn: Callable[[], Any]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    fn()
    return cpu_seconds() - cpu, time.perf_counter() - wall


def ner_alone() -> spacy.language.Language:
    """The model's `ner` component and nothing else: it carries its own tok2vec."""
    for name in nlp.MODEL_PACKAGES:
        try:
            full = spacy.load(name)
        except OSError:
            continue
        return spacy.load(name, exclude=[p for p in full.pipe_names if p != "ner"])
    raise SystemExit("no English model installed")


def floor() -> spacy.language.Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.max_length = nlp.MAX_TEXT_CHARS
    return blank


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
    parser.add_argument("--skip-100k", action="store_true", help="Leave out the 100k page.")
    parser.add_argument("--no-cold-start", action="store_true")
    args = parser.parse_args()
    ner, tokens = ner_alone(), floor()
    nlp.load()
    pages = {"trump-putin-call": page_from_html(TRUMP.read_text()),
             "10k words": long_page(10_000)}
    if not args.skip_100k:
        pages["100k words"] = long_page(100_000)
    analyze(pages["trump-putin-call"])  # load every model before anything is timed
    medians: dict[str, dict[str, tuple[float, float]]] = {}
    print(f"{'page':<18} {'words':>7}  {'pass':<9} {'CPU ms':>9} {'wall ms':>9}  "
          f"{'CPU ×ner':>8} {'wall ×ner':>9}")
    for name, page in pages.items():
        texts = [b.text for b in page.blocks]
        repeat = max(1, args.repeat // 2) if page.words > 50_000 else args.repeat
        passes: dict[str, Callable[[], Any]] = {
            "newslint": functools.partial(analyze, page),
            "ner": functools.partial(_parse_all, ner, texts),
            "floor": functools.partial(_parse_all, tokens, texts),
        }
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in passes}
        for _ in range(repeat):
            for key, fn in passes.items():
                runs[key].append(measure(fn))
        medians[name] = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v))
                         for k, v in runs.items()}
        ner_cpu, ner_wall = medians[name]["ner"]
        for key, (cpu, wall) in medians[name].items():
            print(f"{name:<18} {page.words:>7}  {key:<9} {cpu * 1000:9.1f} {wall * 1000:9.1f}  "
                  f"{cpu / ner_cpu:8.2f} {wall / ner_wall:9.2f}")
    if "100k words" in medians:
        big, small = medians["100k words"]["newslint"], medians["10k words"]["newslint"]
        print(f"100k / 10k: CPU {big[0] / small[0]:.1f}x  wall {big[1] / small[1]:.1f}x")
    if not args.no_cold_start:
        starts = [cold_start() for _ in range(3)]
        print(f"cold start of newslint serve to first answer: median "
              f"{statistics.median(starts):.2f} s")


if __name__ == "__main__":
    main()
