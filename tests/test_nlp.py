"""The engine's spaCy pipeline: the fast attribute lookup must equal the model's own ruler."""

from __future__ import annotations

import importlib

from newslint.server.engine import nlp
from newslint.server.pages.extract import page_from_html

from .golden import PAGES


def reference_pipeline():  # the model as shipped, ruler and all, minus the parser
    for name in nlp.MODEL_PACKAGES:
        try:
            package = importlib.import_module(name)
        except ImportError:
            continue
        reference = package.load(exclude=["parser"])
        reference.enable_pipe("senter")
        return reference
    raise AssertionError("no English model installed")


def test_the_pipeline_has_no_parser_and_no_matcher_based_ruler() -> None:
    names = nlp.load().pipe_names
    assert "parser" not in names and nlp.RULER not in names
    assert names.index("newslint_tag_attributes") < names.index("lemmatizer")


def test_tag_attributes_agree_with_the_attribute_ruler_token_for_token() -> None:
    """Dialect spellings the ruler lemmatises by regular expression or over two tokens
    ("nothin'", "y'all") are the known, deliberate difference and are not in the text."""
    page = page_from_html((PAGES / "trump-putin-call" / "source.html").read_text())
    texts = [b.text for b in page.blocks] + [
        "She wasn't there; you didn't know him, but they'd said nothing about it.",
        "The Senate's 42 members were informed on Monday, and it has been reported.",
    ]
    ours = list(nlp.parse(texts))
    theirs = list(reference_pipeline().pipe(texts))
    for mine, reference in zip(ours, theirs, strict=True):
        assert [(t.pos_, t.lemma_, str(t.morph)) for t in mine] == [
            (t.pos_, t.lemma_, str(t.morph)) for t in reference
        ]
