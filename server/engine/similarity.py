"""Whether two sentences say the same thing: the matcher behind re-telling detection.

A content farm re-tells its own story in other words, so string similarity of whole
paragraphs barely separates re-tellings from neighbouring paragraphs on the same
topic. What does separate them is the *rare* content two sentences share: names,
numbers and uncommon words, once the words every paragraph of the page uses are
discounted. The matcher therefore compares sentences as bags of weighted content
terms (lemmas), with a word's weight set by how rare it is in English (wordfreq) and
on the page, and combines a few overlap features in a small logistic model trained
on news paraphrase pairs (MRPC; see `newslint eval paraphrase`).

MRPC is a proxy, not the goal. Richer surface features (edit similarity, shared stems,
a clause one side adds) raise cross-validated MRPC F1 by about 0.005 under sign
constraints and 0.01 without, but rank the re-tellings of a content-farm page (the
`trump-putin-call` golden page) below unrelated same-topic pairs, at any threshold, and
add false alarms on real news. MRPC paraphrases are near-copies from one news cluster;
a page re-telling itself shares its rare content words, which is what these features
weigh. Judge a new model on the golden pages and `newslint eval articles` as well.
"""

from __future__ import annotations

import functools
import json
import math
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from wordfreq import zipf_frequency

#: Parts of speech whose words carry content.
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})
NEGATIONS = frozenset({"not", "no", "never", "n't", "none", "nobody", "nothing", "neither", "nor"})
#: Two spellings of one name ("Zelensky", "Zelenskyy") at or above this similarity are one term.
SPELLING_SIMILARITY = 85
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

Weight = Callable[[str], float]


@dataclass(frozen=True)
class SentenceView:
    """What the matcher needs of a sentence, computed once per sentence of the page."""

    text: str
    terms: tuple[str, ...]
    numbers: frozenset[str]
    names: frozenset[str]
    negated: bool
    start: int = 0
    end: int = 0


def view(sentence: SpacySpan, ents: Sequence[SpacySpan] | None = None) -> SentenceView:
    """Reduce a spaCy sentence to its content terms, numbers, names and polarity.

    `ents` are its doc's entities (`doc.ents`), when the caller has them: `Span.ents`
    rebuilds every entity of the doc to pick the sentence's, once per sentence."""
    terms: list[str] = []
    negated = False
    for token in sentence:
        lower = token.lower_
        if lower in NEGATIONS or token.lemma_.lower() in NEGATIONS:
            negated = True
            continue
        if token.is_stop or token.is_punct or token.pos_ not in CONTENT_POS:
            continue
        term = lower if token.pos_ in ("PROPN", "NUM") else token.lemma_.lower()
        if term.strip():
            terms.append(term)
    inside = sentence.ents if ents is None else [
        ent for ent in ents if ent.start >= sentence.start and ent.end <= sentence.end]
    names = frozenset(
        word.lower()
        for ent in inside
        if ent.label_ in NAME_LABELS
        for word in ent.text.split()
    )
    numbers = frozenset(m.group().replace(",", "") for m in _NUMBER.finditer(sentence.text))
    return SentenceView(
        text=sentence.text,
        terms=tuple(terms),
        numbers=numbers,
        names=names,
        negated=negated,
        start=sentence.start_char,
        end=sentence.end_char,
    )


#: Each parsed block's sentence views and its view as one sentence, kept as long as its
#: doc lives (the page's analysis): the phrase route, the meaning route and the evidence
#: of each finding all read the same sentences, and a view costs more than any of their
#: uses of it (it walks every token, and `Span.ents` the doc's every entity).
_SENTENCE_VIEWS: weakref.WeakKeyDictionary[Doc, tuple[SentenceView, ...]] = (
    weakref.WeakKeyDictionary())
_WHOLE_VIEWS: weakref.WeakKeyDictionary[Doc, SentenceView] = weakref.WeakKeyDictionary()


def forget_views() -> None:
    """Drop every kept view. An analysis never needs this (its docs die with it, and
    their views with them); a benchmark that runs the detectors again over the same docs
    does, to time them as an analysis runs them, views not yet made."""
    _SENTENCE_VIEWS.clear()
    _WHOLE_VIEWS.clear()


def sentence_views(doc: Doc) -> tuple[SentenceView, ...]:
    """`view` of each of the doc's sentences, in order, computed once per doc."""
    views = _SENTENCE_VIEWS.get(doc)
    if views is None:
        ents = doc.ents
        views = _SENTENCE_VIEWS[doc] = tuple(view(sentence, ents) for sentence in doc.sents)
    return views


def whole_view(doc: Doc) -> SentenceView:
    """`view` of the whole doc as one sentence, computed once per doc."""
    whole = _WHOLE_VIEWS.get(doc)
    if whole is None:
        whole = _WHOLE_VIEWS[doc] = view(doc[:], doc.ents)
    return whole


@functools.lru_cache(maxsize=65536)
def english_weight(term: str) -> float:
    """Rarer words say more: 'call' ≈ 0.6, 'escalate' ≈ 1.2, 'Zelensky' or unknown ≈ 1.5-2."""
    zipf = zipf_frequency(term, "en")
    return max(0.25, 8.0 - zipf) / 4.0


def page_weights(sentences: Iterable[Iterable[str]], blocks_of: Iterable[int],
                 scale: float = 1.0) -> Weight:
    """A weight function for one page: English rarity, discounted for words many blocks share.

    A word in one or two blocks keeps its weight (it is what a repeat shares); in four
    blocks it counts half, in eight a quarter: the names every paragraph repeats say
    little about whether two paragraphs tell the same thing.

    `scale` (at most 1) counts a word's blocks as a share of a shorter page: on a page ten
    times as long, a word of every fifth paragraph is in ten times as many blocks, and
    says no less than on the short page.
    """
    seen: dict[str, set[int]] = {}
    for terms, block in zip(sentences, blocks_of, strict=True):
        for term in terms:
            seen.setdefault(term, set()).add(block)
    df = {term: len(blocks) * scale for term, blocks in seen.items()}
    # The detector weighs the terms of both sentences of every candidate pair: remember.
    known: dict[str, float] = {}

    def weight(term: str) -> float:
        value = known.get(term)
        if value is None:
            value = known[term] = english_weight(term) * min(1.0, 2.0 / df.get(term, 1))
        return value

    return weight


def _matched(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """Terms of each side found on the other, spelling variants of long words included."""
    set_a, set_b = set(a), set(b)
    common = set_a & set_b
    in_a, in_b = set(common), set(common)
    rest_b = [t for t in set_b - common if len(t) >= 5]
    for term in set_a - common:
        if len(term) < 5:
            continue
        for other in rest_b:
            if fuzz.ratio(term, other) >= SPELLING_SIMILARITY:
                in_a.add(term)
                in_b.add(other)
                break
    return in_a, in_b


#: The model's inputs, in the order of `features` and of the model's weights. The model
#: file names them, so a model trained on other features is refused, not misread.
FEATURES = (
    "harmonic_cover",  # harmonic mean of the weighted coverage of each side by the other
    "lower_cover",
    "higher_cover",
    "shared_bigrams",  # shared content-term bigrams / bigrams of the shorter side
    "token_set_ratio",  # rapidfuzz token_set_ratio of the lower-cased texts
    "number_clash",  # numbers only one side has / numbers of both
    "name_clash",  # name words only one side has / name words of both
    "negation_differs",
    "length_ratio",  # content terms of the shorter side / of the longer
)


def features(a: SentenceView, b: SentenceView, weight: Weight) -> list[float]:
    """The model's inputs, each in [0, 1]; their order and meaning are `FEATURES`."""
    in_a, in_b = _matched(a.terms, b.terms)
    total_a = sum(weight(t) for t in set(a.terms)) or 1.0
    total_b = sum(weight(t) for t in set(b.terms)) or 1.0
    cover_a = sum(weight(t) for t in in_a) / total_a
    cover_b = sum(weight(t) for t in in_b) / total_b
    low, high = sorted((cover_a, cover_b))
    harmonic = 0.0 if low + high == 0 else 2 * low * high / (low + high)
    bigrams_a = set(zip(a.terms, a.terms[1:], strict=False))
    bigrams_b = set(zip(b.terms, b.terms[1:], strict=False))
    bigram = len(bigrams_a & bigrams_b) / max(1, min(len(bigrams_a), len(bigrams_b)))
    numbers = a.numbers | b.numbers
    number_clash = len(a.numbers ^ b.numbers) / len(numbers) if numbers else 0.0
    names = a.names | b.names
    name_clash = len(a.names ^ b.names) / len(names) if names else 0.0
    lengths = sorted((len(a.terms), len(b.terms)))
    return [
        harmonic,
        low,
        high,
        bigram,
        fuzz.token_set_ratio(a.text.lower(), b.text.lower()) / 100,
        number_clash,
        name_clash,
        float(a.negated != b.negated),
        lengths[0] / lengths[1] if lengths[1] else 0.0,
    ]


@dataclass(frozen=True)
class SentenceMatcher:
    """A logistic model over `features`; `threshold` is the shipped operating point."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, a: SentenceView, b: SentenceView, weight: Weight) -> float:
        x = features(a, b, weight)
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SentenceMatcher:
        """Refuse a model trained on other features: its weights would be silently misread."""
        if data.get("features") != list(FEATURES) or len(data["weights"]) != len(FEATURES):
            raise ValueError(
                f"{MODEL_FILE} was trained on features {data.get('features')}, the code computes "
                f"{list(FEATURES)}: retrain with `newslint eval paraphrase --train`"
            )
        return cls(tuple(float(w) for w in data["weights"]), float(data["bias"]),
                   float(data["threshold"]))


MODEL_FILE = "paraphrase.json"


@functools.cache
def matcher() -> SentenceMatcher:
    """The shipped matcher, trained by `newslint eval paraphrase --train`."""
    data = json.loads(
        resources.files("newslint.server.engine").joinpath("models", MODEL_FILE).read_text()
    )
    return SentenceMatcher.from_json(data)
