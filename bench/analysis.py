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

**The budget** (issue 15's point 4), on the 10k-word page, interleaved with the three
passes above: what each part of an analysis costs on its own, against `ner` alone.
- **parse**: the whole spaCy pipeline as newslint runs it (`nlp.parse`);
- **encode**: the MiniLM encoder on every paragraph newslint encodes
  (`duplicates.texts_to_encode`, on this thread: CPU time is the same on two);
- **detector NAME**: each registered detector over the parsed page, its vectors encoded
  outside the timing, and no sentence views kept from the run before (an analysis makes
  them afresh).
Parse + encode is the least an analysis can cost with the encoder the re-telling route
needs: a detector-free newslint. The last lines say so as multiples of `ner`.

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
from newslint.server.engine import embeddings, nlp, similarity
from newslint.server.engine.analyze import analyze
from newslint.server.engine.detectors.duplicates import texts_to_encode
from newslint.server.engine.page import Block, Page
from newslint.server.engine.registry import Detector, detectors
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


def budget(page: Page) -> tuple[dict[str, Callable[[], Any]], list[str]]:
    """The budget's passes over `page` (see the module's docstring), and the texts whose
    vectors the detectors read: encode them (`embeddings.prefetching`) before timing."""
    texts = [b.text for b in page.blocks]
    parsed = Page(blocks=page.blocks, language="en")
    parsed.docs = list(nlp.parse(texts))
    encoded = texts_to_encode(parsed)
    passes: dict[str, Callable[[], Any]] = {
        "parse": functools.partial(_parse_texts, texts),
        "encode": functools.partial(embeddings.encoder().encode_now, encoded),
    }
    for name, find in detectors().items():
        passes[f"detector {name}"] = functools.partial(_detect, find, parsed)
    return passes, encoded


def _parse_texts(texts: list[str]) -> list[Any]:
    return list(nlp.parse(texts))


def _detect(find: Detector, page: Page) -> Any:
    similarity.forget_views()  # each run starts as an analysis does, with no views kept
    return find(page)


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
    parser.add_argument("--no-budget", action="store_true",
                        help="Leave out the budget (parse, encoder, each detector) on 10k words.")
    args = parser.parse_args()
    ner, tokens = ner_alone(), floor()
    nlp.load()
    pages = {"trump-putin-call": page_from_html(TRUMP.read_text()),
             "10k words": long_page(10_000)}
    if not args.skip_100k:
        pages["100k words"] = long_page(100_000)
    analyze(pages["trump-putin-call"])  # load every model before anything is timed
    medians: dict[str, dict[str, tuple[float, float]]] = {}
    print(f"{'page':<18} {'words':>7}  {'pass':<19} {'CPU ms':>9} {'wall ms':>9}  "
          f"{'CPU ×ner':>8} {'wall ×ner':>9}")
    for name, page in pages.items():
        texts = [b.text for b in page.blocks]
        repeat = max(1, args.repeat // 2) if page.words > 50_000 else args.repeat
        passes: dict[str, Callable[[], Any]] = {
            "newslint": functools.partial(analyze, page),
            "ner": functools.partial(_parse_all, ner, texts),
            "floor": functools.partial(_parse_all, tokens, texts),
        }
        encoded: list[str] = []
        if name == "10k words" and not args.no_budget:
            parts, encoded = budget(page)
            passes.update(parts)
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in passes}
        # The detectors read the vectors encoded here, outside their timing (nothing is
        # encoded for an empty list); each analysis encodes its own, as a reader's does.
        with embeddings.prefetching(encoded):
            if encoded:
                embeddings.encoder().encode(encoded)  # waits for the prefetch to finish
            for _ in range(repeat):
                for key, fn in passes.items():
                    runs[key].append(measure(fn))
        medians[name] = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v))
                         for k, v in runs.items()}
        ner_cpu, ner_wall = medians[name]["ner"]
        for key, (cpu, wall) in medians[name].items():
            print(f"{name:<18} {page.words:>7}  {key:<19} {cpu * 1000:9.1f} {wall * 1000:9.1f}  "
                  f"{cpu / ner_cpu:8.2f} {wall / ner_wall:9.2f}")
        if "encode" in medians[name]:
            cpu_of = {k: c for k, (c, _) in medians[name].items()}
            found = sum(c for k, c in cpu_of.items() if k.startswith("detector "))
            floor_cpu = cpu_of["parse"] + cpu_of["encode"]
            print(f"budget, {name}: parse + encode {floor_cpu * 1000:.0f} ms CPU = "
                  f"{floor_cpu / ner_cpu:.2f}x ner (the least with the encoder); detectors "
                  f"{found * 1000:.0f} ms; parse + encode + detectors = "
                  f"{(floor_cpu + found) / ner_cpu:.2f}x ner, newslint "
                  f"{cpu_of['newslint'] / ner_cpu:.2f}x; parse alone "
                  f"{cpu_of['parse'] / ner_cpu:.2f}x")
    if "100k words" in medians:
        big, small = medians["100k words"]["newslint"], medians["10k words"]["newslint"]
        print(f"100k / 10k: CPU {big[0] / small[0]:.1f}x  wall {big[1] / small[1]:.1f}x")
    if not args.no_cold_start:
        starts = [cold_start() for _ in range(3)]
        print(f"cold start of newslint serve to first answer: median "
              f"{statistics.median(starts):.2f} s")


if __name__ == "__main__":
    main()
