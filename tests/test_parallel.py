"""The parallel path (issue 15): paragraph vectors encoded on a second thread while spaCy
parses gives exactly the findings of doing everything on one thread, and stays bounded.

`analyze(page, parallel=False)` is the single-thread reference. Nothing here times anything:
the speed goes into bench/analysis.py.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest
from newslint.server.base import settings
from newslint.server.engine import deadline, embeddings
from newslint.server.engine.analyze import analyze
from newslint.server.engine.errors import EngineError
from newslint.server.engine.page import Block, Page
from newslint.server.pages import contract
from newslint.server.pages.extract import page_from_html

from tests.golden import Case, cases
from tests.helpers import remixed_paragraphs

TRUMP = Path(__file__).parent / "pages" / "trump-putin-call" / "source.html"


def findings(page: Page, parallel: bool) -> str:
    """Everything a reader gets from the analysis, as JSON (the timing left out)."""
    body = analyze(page, parallel=parallel).to_json()
    body.pop("elapsed_ms", None)
    return json.dumps(body, sort_keys=True)


def encode_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "newslint-encode"]


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.slug)
def test_the_parallel_path_finds_exactly_what_one_thread_finds(case: Case) -> None:
    page = contract.page_from_request(case.request(), settings.load())
    same = contract.page_from_request(case.request(), settings.load())
    assert findings(page, parallel=True) == findings(same, parallel=False)


def test_a_long_re_telling_page_gets_the_same_findings_either_way() -> None:
    base = page_from_html(TRUMP.read_text(encoding="utf-8"))
    sentences = [s for b in base.blocks for s in b.text.split(". ") if len(s.split()) > 5]
    texts = remixed_paragraphs(sentences, 3_000)
    texts += texts[3:6]  # exact repeats, which are not encoded, and their twins, which are

    def long_page() -> Page:
        return Page([Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en")

    parallel = findings(long_page(), parallel=True)
    assert '"duplicate.retelling"' in parallel or '"duplicate.near"' in parallel
    assert parallel == findings(long_page(), parallel=False)
    assert not encode_threads()


def test_a_vector_does_not_depend_on_the_texts_encoded_with_it() -> None:
    """What makes the prefetch exact: it batches texts differently from a direct call."""
    texts = [("The board met on Monday. " * n).strip() for n in range(1, 12)]
    encoder = embeddings.encoder()
    together = encoder.encode_now(texts)
    reversed_ = encoder.encode_now(texts[::-1])[::-1]
    alone = np.array([encoder.encode_now([t])[0] for t in texts])
    assert np.array_equal(together, reversed_)
    assert np.array_equal(together, alone)


def test_texts_left_out_of_the_prefetch_are_encoded_when_asked_for() -> None:
    asked = ["The mayor opened the new bridge on Monday.",
             "Rain is expected across the north on Friday.",
             "The museum will reopen after two years of repairs."]
    encoder = embeddings.encoder()
    with embeddings.prefetching(asked[:2]):
        got = encoder.encode(asked)
    assert np.array_equal(got, encoder.encode_now(asked))
    assert not encode_threads()


def test_the_deadline_stops_the_parallel_path_and_its_thread() -> None:
    text = ("The council met on Monday and approved the plan for the new bridge, which the "
            "mayor said would open in the spring of next year after a long delay. ") * 6
    page = Page([Block(f"b{i}", "p", f"{i} {text}") for i in range(300)], language="en")
    with pytest.raises(EngineError) as stopped, deadline.bounded(0.3, hard=True):
        analyze(page)
    assert stopped.value.code == "analysis-timeout"
    assert not encode_threads()

