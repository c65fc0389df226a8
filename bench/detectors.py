"""Benchmark: each detector stage on its own, as pages grow (issue 15, "nothing quadratic").

The pages are those of `analysis.py`: paragraphs re-mixed from the Trump–Putin page's
sentences with words swapped in, at 10k and 100k words. The same seed makes the 10k page
the first part of the 100k page, so the re-tellings found on the 10k page must be found
again on the 100k page (the posting-cap bug: a long repetitive page once made every term
too common to look up, and the re-telling check found nothing). Pages are parsed once,
outside the timing; what is timed is each stage over the parsed page. Prints medians in
ms per stage, the 100k / 10k ratio of each (10 is linear), and the re-tellings of the
10k page that the 100k page misses.

    .venv/bin/python bench/detectors.py [--repeat 3] [--words 10000,100000] [--cache DIR]

`--cache DIR` keeps the parsed pages (spaCy DocBin) and the paragraphs' MiniLM vectors
between runs: parsing and encoding 100k words are most of a run's time, and neither is
what this bench measures (`analysis.py` times them). With a cache, "meaning: encode"
times reading the stored vectors.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from newslint.server.engine import copied_phrases, embeddings, nlp, retelling
from newslint.server.engine.dates.conflicts import (
    build_timeline,
    find_after_publication,
    find_conflicts,
    read_events,
)
from newslint.server.engine.dates.mentions import find_mentions
from newslint.server.engine.detectors import duplicates
from newslint.server.engine.near_repeats import find_near_repeats
from newslint.server.engine.page import Block, Page
from newslint.server.pages.extract import page_from_html
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRUMP = ROOT / "tests" / "pages" / "trump-putin-call" / "source.html"

from tests.helpers import remixed_paragraphs  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from dates import median_ms  # noqa: E402


def long_page(words: int, seed: int = 7) -> Page:
    """The long page of `bench/analysis.py`, built the same way (same sentences, same seed)."""
    base = page_from_html(TRUMP.read_text())
    sentences = [s.text for doc in nlp.parse([b.text for b in base.blocks]) for s in doc.sents]
    texts = remixed_paragraphs(sentences, words, seed)
    return Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en")


def parsed(page: Page, cache: Path | None) -> Page:
    """The page with its docs, from the cache when the same texts were parsed before."""
    texts = [b.text for b in page.blocks]
    if cache is None:
        page.docs = list(nlp.parse(texts))
        return page
    key = hashlib.sha256("\n\0".join(texts).encode()).hexdigest()[:16]
    path = cache / f"docs-{key}.spacy"
    model = nlp.load()
    if path.exists():
        page.docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(model.vocab))
    else:
        page.docs = list(nlp.parse(texts))
        cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(DocBin(docs=page.docs, store_user_data=True).to_bytes())
    return page


def cache_vectors(cache: Path) -> None:
    """Store each list of paragraphs' vectors under the hash of their texts."""
    encode = embeddings.Encoder.encode

    def cached(self: embeddings.Encoder, texts: Sequence[str]) -> Any:
        key = hashlib.sha256("\n\0".join(texts).encode()).hexdigest()[:16]
        path = cache / f"vectors-{key}.npy"
        if path.exists():
            return np.load(path)
        vectors = encode(self, texts)
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
        return vectors

    embeddings.Encoder.encode = cached  # type: ignore[method-assign]


def stages(page: Page) -> dict[str, Callable[[], Any]]:
    """Each stage of the two detectors, given what the stages before it computed."""
    mentions = find_mentions(page)
    cast, dated = read_events(page, mentions)
    exact = set(duplicates.find_exact_repeats(page))
    body_near = duplicates._body(page, exact)
    skip = exact | {n.block for n in find_near_repeats(page, body_near)}
    body = duplicates._body(page, skip)
    sentences = copied_phrases._sentences(page, set(body))
    parts = copied_phrases._parts(page, sentences)
    part = [parts.of_block[s.block] for s in sentences]
    weight = [{t: parts.weigh[k](t) for s, p in zip(sentences, part, strict=True) if p == k
               for t in s.view.terms} for k in range(len(parts.weigh))]
    vectors = duplicates._vectors(page, body)
    return {
        "dates: mentions": lambda: find_mentions(page),
        "dates: events": lambda: read_events(page, mentions),
        "dates: find_conflicts": lambda: find_conflicts(page, cast, dated),
        "dates: after publication": lambda: find_after_publication(page, dated),
        "dates: timeline": lambda: build_timeline(cast, dated),
        "repeats: exact": lambda: duplicates.find_exact_repeats(page),
        "repeats: near": lambda: find_near_repeats(page, body_near),
        "copied: candidate search": lambda: copied_phrases._candidates(sentences, weight,
                                                                        part),
        "copied: all": lambda: copied_phrases.find_copied_retellings(page, body),
        "meaning: encode": lambda: duplicates._vectors(page, body),
        "meaning: features+decide": lambda: retelling.decide(retelling.candidates(page,
                                                                                  vectors)),
        "re-tellings (both routes)": lambda: duplicates.find_retellings(page, skip),
    }


def retold(page: Page) -> dict[str, str]:
    """Repeated or re-told paragraph → the rule that found it (exact, near, re-telling)."""
    return {a.span.block: a.rule for a in duplicates.find_duplicates(page).annotations}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--words", default="10000,100000",
                        help="page sizes, comma-separated (the first is the reference part)")
    parser.add_argument("--cache", type=Path, help="keep parsed pages here between runs")
    parser.add_argument("--only", default="", help="run only stages whose name contains this")
    args = parser.parse_args()
    nlp.load()
    if args.cache:
        cache_vectors(args.cache)
    sizes = [int(w) for w in args.words.split(",")]
    timings: dict[int, dict[str, float]] = {}
    found: dict[int, dict[str, str]] = {}
    for words in sizes:
        page = parsed(long_page(words), args.cache)
        sents = sum(1 for d in page.docs for _ in d.sents)
        print(f"{words} words: {page.words} words, {len(page.blocks)} paragraphs, "
              f"{sents} sentences", flush=True)
        timings[words] = {}
        for name, fn in stages(page).items():
            if args.only not in name:
                continue
            repeat = max(1, args.repeat // 2) if page.words > 50_000 else args.repeat
            timings[words][name] = ms = median_ms(fn, repeat)
            print(f"  {name:<28} {ms:9.1f} ms", flush=True)
        if not args.only:
            found[words] = retold(page)
    first = sizes[0]
    for words in sizes[1:]:
        print(f"{words} / {first}:")
        for name, ms in timings[words].items():
            base = timings[first].get(name)
            if base:
                print(f"  {name:<28} {ms / base:6.1f}x")
        if found:
            part = {b: rule for b, rule in found[words].items() if b in _blocks(first)}
            for rule in sorted(set(found[first].values()) | set(part.values())):
                here = {b for b, r in found[first].items() if r == rule}
                there = {b for b, r in part.items() if r == rule}
                lost = sorted(here - there, key=lambda b: int(b[1:]))
                print(f"  {rule}: {len(here)} paragraphs on the {first}-word page, {len(there)} "
                      f"of them on the {words}-word page; missed there: {len(lost)} "
                      f"{lost[:10]}; new there: {len(there - here)}")


_BLOCKS: dict[int, set[str]] = {}


def _blocks(words: int) -> set[str]:
    """Block ids of the page of `words` words (the reference part of the longer page)."""
    if words not in _BLOCKS:
        _BLOCKS[words] = {b.id for b in long_page(words).blocks}
    return _BLOCKS[words]


if __name__ == "__main__":
    main()
