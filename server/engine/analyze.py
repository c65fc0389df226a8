"""The engine's one public entry point: a page in, its findings out."""

from __future__ import annotations

import time

from .. import __version__
from . import deadline, embeddings, language, nlp
from .language import is_english
from .page import Annotation, Notice, Page, Result
from .registry import detectors

ANALYZER = {"name": "newslint", "version": __version__}


def analyze(page: Page, *, echo_blocks: bool = False, parallel: bool = True) -> Result:
    """Parse every block once, run every registered detector over the parsed page.

    Pages in a language other than English are tokenised without the English model:
    detectors that read meaning (re-tellings, dates) skip them, the language-blind
    exact-repeat check still runs, and a notice tells the reader why.

    Under `deadline.bounded(...)` (the server) the analysis stops with EngineError
    `analysis-timeout` between parsed blocks and between detectors once its time is up;
    detectors check inside their own long loops with `deadline.check()`.

    `parallel=False` does all the work on the calling thread: the same findings, the
    reference the tests hold the parallel path to.
    """
    started = time.perf_counter()
    notices: list[Notice] = []
    page.language = language.decide(page.language, [b.text for b in page.blocks])
    texts = [block.text for block in page.blocks]
    if is_english(page):
        # The paragraphs' sentence vectors are encoded on a second core while spaCy
        # parses on the first (`embeddings.prefetching`); the detectors read them after.
        with embeddings.prefetching(_texts_to_encode(page) if parallel else []):
            page.docs = list(nlp.parse(texts))
            return _finish(page, notices, started, echo_blocks)
    else:
        page.docs = list(nlp.blank().pipe(deadline.checked(iter(texts))))
        notices.append(
            Notice(
                "unsupported-language",
                "newslint reads English and this page "
                + ("does not read as English" if page.language == "und"
                   else f"is in another language ({page.language})")
                + ", so only word-for-word repeats were checked.",
            )
        )
    return _finish(page, notices, started, echo_blocks)


def _texts_to_encode(page: Page) -> list[str]:
    from .detectors.duplicates import texts_to_encode

    return texts_to_encode(page)


def _finish(page: Page, notices: list[Notice], started: float, echo_blocks: bool) -> Result:
    """Run every detector over the parsed page and assemble the result."""
    if not page.blocks:
        notices.append(Notice("empty-page", "The page has no text to analyse."))

    annotations: list[Annotation] = []
    timeline = []
    for find in detectors().values():
        deadline.check_now()
        findings = find(page)
        annotations.extend(findings.annotations)
        timeline.extend(findings.timeline)
        notices.extend(findings.notices)

    deadline.check_now()
    order = page.block_index()
    annotations.sort(key=lambda a: (order[a.span.block], a.span.start, a.type, a.rule))
    for number, annotation in enumerate(annotations, start=1):
        annotation.id = f"a{number}"
    return Result(
        page=page,
        annotations=annotations,
        timeline=timeline,
        notices=notices,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        analyzer=ANALYZER,
        echo_blocks=echo_blocks,
    )


