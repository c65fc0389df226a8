"""Long, repetitive pages keep their re-tellings (issue 15: the posting-cap bug).

On a long page that re-mixes a few dozen sentences, every word is common: in hundreds of
sentences and blocks. The copied-phrase route once skipped such words altogether (a
posting cap), then weighed them as next to nothing against the whole page, and never
scored a single sentence pair: the re-telling check went off silently. Here a re-telling
is planted in such a page, its every word common, and the real engine (spaCy, the
sentence matcher, MiniLM) must report it.
"""

from __future__ import annotations

import html
import random
import re

import pytest
from newslint.server.engine import copied_phrases, embeddings, nlp
from newslint.server.engine.analyze import analyze
from newslint.server.engine.detectors import duplicates
from newslint.server.engine.page import Block, Page, Result
from newslint.server.pages.extract import page_from_html
from spacy.tokens import Doc

from tests.golden import PAGES
from tests.helpers import remixed_paragraphs

pytestmark = pytest.mark.slow

#: About three times the 10k-word bench page: every term of the page is in far more
#: sentences than any cap on common words would look up.
WORDS = 30_000
#: Where the original and its re-telling stand: mid-page, fifteen paragraphs apart.
ORIGINAL, RETOLD_AFTER = 200, 15


def _sentences() -> list[str]:
    source = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
    paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p))
                  for p in re.findall(r"<p>(.*?)</p>", source, flags=re.S)]
    return [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p)
            if len(s.split()) >= 12]


def _retold(text: str, vocabulary: list[str], rng: random.Random) -> str:
    """The paragraph told again: its sentences in reverse order, four words of each swapped
    for other words of the page, so that no sentence is a near copy (word-for-word ratio
    under 90) but each keeps phrases of the original."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    out = []
    for sentence in reversed(sentences):
        words = sentence.split()
        for at in rng.sample(range(1, len(words) - 1), 4):
            words[at] = rng.choice(vocabulary)
        out.append(" ".join(words))
    return " ".join(out)


Planted = tuple[Page, int, int, Result]


@pytest.fixture(scope="module")
def long_page() -> Planted:
    """(the long page, the original's block index, the re-telling's, the analysis)."""
    rng = random.Random(15)
    sentences = _sentences()
    texts = remixed_paragraphs(sentences, WORDS, seed=15)
    vocabulary = [w for s in sentences for w in s.split() if w.isalpha() and len(w) > 3]
    original = texts[ORIGINAL]
    later = ORIGINAL + RETOLD_AFTER
    texts.insert(later, _retold(original, vocabulary, rng))
    page = Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en")
    result = analyze(page)  # parses the page too: the tests below read its docs
    return page, ORIGINAL, later, result


def test_the_page_is_long_and_its_words_common(long_page: Planted) -> None:
    """The case the bug needs: the planted pair shares no word that is rare on the page."""
    page, original, later, _ = long_page
    assert page.words >= WORDS
    body = duplicates._body(page, set())
    sentences = copied_phrases._sentences(page, set(body))
    in_sentences: dict[str, int] = {}
    for s in sentences:
        for term in set(s.view.terms):
            in_sentences[term] = in_sentences.get(term, 0) + 1
    shared = ({t for s in sentences if s.block == original for t in s.view.terms}
              & {t for s in sentences if s.block == later for t in s.view.terms})
    assert len(shared) >= 10
    assert min(in_sentences[t] for t in shared) > 20


def test_the_analysis_reports_the_planted_retelling(long_page: Planted) -> None:
    _, original, later, result = long_page
    twins = {a.span.block: {r["block"] for r in a.related} for a in result.annotations
             if a.type == "duplicate"}
    assert f"b{original}" in twins.get(f"b{later}", set())


def _flags(texts: list[str], docs: list[Doc]) -> set[tuple[int, int]]:
    """(earlier, later) paragraph pairs the copied-phrase route flags on a page of `texts`."""
    page = Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en")
    page.docs = docs
    found = copied_phrases.find_copied_retellings(page, range(len(texts)))
    return {(c.earlier, c.later) for c in found}


@pytest.fixture(scope="module")
def three_parts() -> tuple[list[str], list[Doc]]:
    """Three times `REFERENCE_BLOCKS` paragraphs built as the bench builds its long pages
    (every sentence of the Trump page, re-mixed), parsed once for the tests below."""
    part = copied_phrases.REFERENCE_BLOCKS
    source = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
    base = page_from_html(source)
    sentences = [s.text for doc in nlp.parse([b.text for b in base.blocks]) for s in doc.sents]
    texts = remixed_paragraphs(sentences, 40_000, seed=7)[: 3 * part]
    assert len(texts) == 3 * part
    return texts, list(nlp.parse(texts))


def test_a_long_page_finds_in_its_first_part_what_that_part_alone_shows(
        three_parts: tuple[list[str], list[Doc]]) -> None:
    """A page three times `REFERENCE_BLOCKS` long is read as three parts; its first part
    must flag exactly what the same paragraphs flag as a page of their own. Weighed on the
    whole long page, the words a pair of that part shares rarely have the page's average
    frequency instead, and the 100k-word bench page found 2 of the 26 re-tellings of its
    first 10k words. (The page is built as the bench's: every sentence of the Trump page.)"""
    part = copied_phrases.REFERENCE_BLOCKS
    texts, docs = three_parts
    alone = _flags(texts[:part], docs[:part])
    within_long = {(e, later) for e, later in _flags(texts, docs) if later < part}
    assert len(alone) >= 5
    assert within_long == alone


def _retellings(texts: list[str], docs: list[Doc]) -> dict[int, tuple[str, frozenset[str]]]:
    """Paragraph → (the route that found it re-telling, its twins), as the detector reports."""
    return {int(a.span.block[1:]): (str(a.evidence["route"]),
                                    frozenset(str(r["block"]) for r in a.related))
            for a in duplicates.find_duplicates(_page(texts, docs)).annotations
            if a.rule == "duplicate.retelling"}


def _page(texts: list[str], docs: list[Doc]) -> Page:
    page = Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en")
    page.docs = docs
    return page


def test_a_long_page_keeps_the_retellings_of_its_first_part_by_both_routes(
        three_parts: tuple[list[str], list[Doc]]) -> None:
    """The same for the whole re-telling check, the meaning route included: its
    `position` feature was a share of the whole page, so on a long page every paragraph of
    the first part stood near its start, where the model expects no re-telling, and the
    100k-word bench page lost re-tellings by meaning (b26, b31) its first 10k words find.
    A part is now judged as a page of its own. Left out: the part's closing paragraph,
    which is the short page's last (the `last` feature: where generated text sums up) but
    not the long page's."""
    texts, docs = three_parts
    with embeddings.prefetching(texts):  # each paragraph is encoded once for all reads
        found, _ = duplicates.retelling_candidates(_page(texts, docs))
        first = [c.block for c in found if c.part == found[0].part]
        end = first[-1] + 1  # the short page: the paragraphs up to the first part's end
        assert len(first) >= copied_phrases.REFERENCE_BLOCKS - 1 and end < len(texts) // 2
        short, _ = duplicates.retelling_candidates(_page(texts[:end], docs[:end]))
        assert [c.block for c in short] == first  # it compares just those paragraphs
        alone = {b: told for b, told in _retellings(texts[:end], docs[:end]).items()
                 if b < first[-1]}
        within_long = {b: told for b, told in _retellings(texts, docs).items()
                       if b < first[-1]}
    assert sum(1 for route, _ in alone.values() if route in ("meaning", "both")) >= 5
    assert sum(1 for route, _ in alone.values() if route in ("phrases", "both")) >= 5
    assert within_long == alone
