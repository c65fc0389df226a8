"""Re-tellings by meaning: paragraphs that say again what the page already said.

A content farm pads a page by telling one claim in five or seven wordings ("Chopra's
resilience and determination in the face of adversity" / "he never lost sight of his
goal"). No pair score separates such paragraphs from two paragraphs of a real article on
one subject: on hand-labelled machine-written pages and real news, the best lexical
sentence matcher reaches ROC AUC 0.63, MiniLM cosine alone 0.82 against real news.
What does separate them is the page: a re-telling paragraph means what an earlier one
means (MiniLM cosine), *and* adds little that is new (content words, names and figures not
seen earlier on the page), where a real article keeps adding names, numbers and quotes.

So each body paragraph gets a few such features and a logistic model, learned from the
labelled farm articles and real news (`newslint eval farm --train`, `models/retelling.json`),
gives the probability that it re-tells an earlier one. A page that re-tells does it more
than once, so a paragraph is flagged when its probability passes `high`, or passes `low`
on a page where at least `cluster` paragraphs do. The earlier paragraphs it means the same
as are its twins, and paragraphs joined by such links form one cluster: "paragraphs 1, 5,
8 and 11 say the same thing" is one finding a reader can check, not twenty pairs.

Why paragraph vectors and no sentence-level meaning features (stop 21, measured, not
shipped). The issue speaks of claims, so sentences were tried. The figures are the training's
`measure` on the held-out generator: paragraph recall / precision, hd->hart then hart->hd.
Today's model gets 0.036 / 0.667 and 0.125 / 0.5.
- Paragraph vectors as the mean of their sentences' vectors: 0.018 / 0.5 and 0 found.
- Kept paragraph vectors, plus the share of a paragraph's sentences whose best cosine to
  an earlier sentence is >= 0.6, and the mean of those best cosines, the sentences encoded
  alone: 0.107 / 0.857 and 0.125 / 0.667.
  - The whole engine (`eval farm --train`): hd->hart 0.232 / 0.120 / 0.600 / 15.0 ->
    0.268 / 0.144 / 0.643 / 15.0; hart->hd 0.125 / 0.08 / 0.5 / 10.0 ->
    0.125 / 0.08 / 0.667 / 5.0. Real pages: the same alarms on both halves.
  - Not shipped: it encodes the page twice, 2.05x the encoder CPU on bench/analysis.py's
    10k-word page (about +1.7 s), where issue 15 wants no more.
- The same features from sentence vectors pooled out of the paragraph's own encoding
  cost nothing more, and moved only hart->hd (precision 0.667).
- Truncation at `embeddings.MAX_PIECES` cuts 1 of the 71 labelled re-telling paragraphs.
On their own, the sentence features separate re-tellings from real paragraphs less well
than the paragraph cosine does when the sentences are encoded alone (ROC AUC 0.80-0.86
against 0.90). Pooled in context they separate about as well (0.91), but they then say
what the paragraph cosine already says.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import json
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from . import deadline, embeddings
from .copied_phrases import consecutive_parts
from .page import Page
from .similarity import NAME_LABELS, english_weight, sentence_views

#: The model's inputs, in the order of its weights; the model file names them, so a model
#: trained on other features is refused rather than misread.
FEATURES = (
    "similarity",  # MiniLM cosine to the most similar earlier paragraph
    "second_similarity",  # ... and to the second most similar (clusters tell a claim often)
    "close_paragraphs",  # log(1 + earlier paragraphs at cosine >= CLOSE)
    "new_terms",  # share of its content terms not seen earlier on the page
    "new_weight",  # the same, weighted by rarity in English
    "new_names",  # log(1 + names not seen earlier)
    "new_numbers",  # log(1 + figures not seen earlier)
    "position",  # 0 for the first body paragraph, 1 for the last (of its part: `parts`)
    "last",  # the closing paragraph, where generated text sums up
    "length",  # log(1 + content terms)
)
#: A paragraph this close to an earlier one counts towards `close_paragraphs`.
CLOSE = 0.7
#: The twins a paragraph is said to re-tell: the closest earlier paragraph by meaning. Up to
#: three within 0.08 of it were named before; on the farm most of the extra ones are not
#: labelled twins (whole engine, model of 19c74bd: pair precision 0.595 -> 0.724, paragraph
#: recall unchanged at 0.25; of the twin rules tried, one twin had the best precision on
#: each generator's articles alone). A paragraph that merges two earlier ones is still named
#: with both by the phrase route, and the cluster names every member.
MAX_TWINS = 1
#: Paragraphs shorter than this (in words) carry no claim of their own worth comparing.
MIN_WORDS = 8
#: The most body paragraphs compared on one page (a 100,000-word page has about 1,500).
MAX_PARAGRAPHS = 2_000
MODEL_FILE = "retelling.json"


@dataclass(frozen=True)
class RetellingModel:
    """Logistic weights over `FEATURES` and the operating point chosen with them."""

    weights: tuple[float, ...]
    bias: float
    #: Flag a paragraph at this probability whatever the rest of the page does ...
    high: float
    #: ... or at this one, on a page where at least `cluster` paragraphs reach it.
    low: float
    cluster: int
    #: How it was trained and what it measured, for the record; only its `max_pieces` (the
    #: word pieces per paragraph its vectors were encoded with) is checked on loading.
    trained: dict[str, Any]
    #: The score of a finding of the phrase route (`copied_phrases`): the share of that
    #: route's findings on the hand-labelled farm articles that were labelled re-tellings
    #: (paragraph flagged with a correct twin), measured by `newslint eval farm --train`
    #: when it writes the model. None in a model written before it was measured.
    phrase_precision: float | None = None

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        z = rows @ np.asarray(self.weights) + self.bias
        p: np.ndarray = 1.0 / (1.0 + np.exp(-z))  # numpy types a ufunc's result as Any
        return p

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "high": self.high,
            "low": self.low,
            "cluster": self.cluster,
            "phrase_precision": self.phrase_precision,
            "trained": self.trained,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RetellingModel:
        if data.get("features") != list(FEATURES) or len(data["weights"]) != len(FEATURES):
            raise ValueError(
                f"{MODEL_FILE} was trained on features {data.get('features')}, the code computes "
                f"{list(FEATURES)}: retrain with `newslint eval farm --train`"
            )
        # Weights fitted on vectors of other lengths misjudge these ones silently (the
        # cosines shift by up to 0.09 between 64 and 128 pieces): refuse them instead.
        pieces = dict(data.get("trained", {})).get("max_pieces")
        if pieces is not None and pieces != embeddings.MAX_PIECES:
            raise ValueError(
                f"{MODEL_FILE} was trained on vectors of {pieces} word pieces per paragraph, the "
                f"code encodes {embeddings.MAX_PIECES}: retrain with `newslint eval farm --train`"
            )
        return cls(tuple(float(w) for w in data["weights"]), float(data["bias"]),
                   float(data["high"]), float(data["low"]), int(data["cluster"]),
                   dict(data.get("trained", {})),
                   None if data.get("phrase_precision") is None
                   else float(data["phrase_precision"]))


#: A model the evaluation puts in place of the shipped one (`using`), to score a fold.
_in_use: list[RetellingModel] = []


def model() -> RetellingModel:
    """The model in use: the shipped one, unless an evaluation is scoring another."""
    return _in_use[-1] if _in_use else _shipped()


@functools.cache
def _shipped() -> RetellingModel:
    text = resources.files("newslint.server.engine").joinpath("models", MODEL_FILE).read_text()
    return RetellingModel.from_json(json.loads(text))


@contextlib.contextmanager
def using(candidate: RetellingModel) -> Iterator[None]:
    """Analyse with `candidate` instead of the shipped model (evaluations only)."""
    _in_use.append(candidate)
    try:
        yield
    finally:
        _in_use.pop()


@dataclass(frozen=True)
class Candidate:
    """One body paragraph, its features and its closest earlier paragraphs."""

    block: int
    features: tuple[float, ...]
    #: Earlier body paragraphs by cosine, closest first: (block, cosine).
    closest: tuple[tuple[int, float], ...]
    #: The first block of its part of the page (`parts`); `decide` counts a crowd per part.
    part: int = 0


@dataclass(frozen=True)
class Retelling:
    block: int
    probability: float
    twins: tuple[tuple[int, float], ...]


def encode(page: Page, body: Sequence[int]) -> dict[int, np.ndarray]:
    """Unit vectors of the body paragraphs (the first `MAX_PARAGRAPHS`), by block."""
    body = list(body)[:MAX_PARAGRAPHS]
    if len(body) < 2:
        return {}
    vectors = embeddings.encoder().encode([page.blocks[i].text for i in body])
    return dict(zip(body, vectors, strict=True))


def parts(body: Sequence[int]) -> list[list[int]]:
    """The encoded paragraphs as consecutive parts, each judged as a page of its own.

    Cut as the phrase route cuts its blocks (`copied_phrases.consecutive_parts`), over the
    paragraphs this route encodes, so on a page where some paragraphs have no sentence
    the phrase route matches, the two routes' cuts can fall a few paragraphs apart. Why
    parts: `position` is a share of the page, and on a long page every paragraph of its
    first tenth stands near 0, where the model expects no re-telling; the 100k-word bench
    page lost 2 of the 78 re-tellings by meaning its own first 10k words find (b26, b31:
    probability 0.50 -> 0.44). And the crowd that lets a paragraph past `low` is its
    part's, so what a paragraph's part shows decides, whatever the page goes on to print
    after it."""
    return consecutive_parts(body)


def candidates(page: Page, vectors: dict[int, np.ndarray]) -> list[Candidate]:
    """Features of every encoded paragraph after the first (the first has nothing to repeat).

    A paragraph is compared with the whole page before it; only its `position` (and its
    crowd, in `decide`) is its part's (`parts`)."""
    body = sorted(vectors)
    if len(body) < 2:
        return []
    where: dict[int, tuple[int, int, int]] = {}  # block -> (its part's first block, rank, size)
    for part in parts(body):
        for rank, block in enumerate(part):
            where[block] = (part[0], rank, len(part))
    matrix = np.array([vectors[i] for i in body])
    cosines = matrix @ matrix.T
    seen_terms: set[str] = set()
    seen_names: set[str] = set()
    seen_numbers: set[str] = set()
    out = []
    last = len(body) - 1
    for position, index in enumerate(body):
        deadline.check()
        doc = page.docs[index]
        views = sentence_views(doc)
        terms = {t for v in views for t in v.terms}
        names = {ent.text.lower() for ent in doc.ents if ent.label_ in NAME_LABELS}
        numbers = {n for v in views for n in v.numbers}
        first, rank, size = where[index]
        if position > 0:
            earlier = sorted(
                ((body[k], float(cosines[position, k])) for k in range(position)),
                key=lambda item: -item[1],
            )
            total = sum(english_weight(t) for t in terms) or 1.0
            features = (
                earlier[0][1],
                earlier[1][1] if len(earlier) > 1 else 0.0,
                math.log1p(sum(1 for _, c in earlier if c >= CLOSE)),
                len(terms - seen_terms) / max(1, len(terms)),
                sum(english_weight(t) for t in terms - seen_terms) / total,
                math.log1p(len(names - seen_names)),
                math.log1p(len(numbers - seen_numbers)),
                rank / (size - 1),
                float(position == last),
                math.log1p(len(terms)),
            )
            out.append(Candidate(index, features, tuple(earlier[:MAX_TWINS + 2]), first))
        seen_terms |= terms
        seen_names |= names
        seen_numbers |= numbers
    return out


def probabilities(found: Sequence[Candidate], retelling: RetellingModel | None = None
                  ) -> dict[int, float]:
    """Block → the model's probability that it re-tells, for every candidate paragraph (a
    finding of the phrase route shows it too, flagged or not by this route)."""
    if not found:
        return {}
    p = (retelling or model()).probabilities(np.array([c.features for c in found]))
    return {c.block: float(q) for c, q in zip(found, p, strict=True)}


def finding_score(probability: float | None, phrase_route: bool,
                  retelling: RetellingModel | None = None) -> float:
    """The score a reader sees on a re-telling: what share of findings like it are real.

    A finding of the meaning route alone shows the model's probability: a logistic fit on
    labelled farm paragraphs and real-news paragraphs, the same number `decide` compares
    with `low` and `high`. A finding of the phrase route is decided by rules, not by that
    probability (golden re-tellings it finds score 0.06-0.53 with the model), so it shows
    the precision its route measured on the labelled farm articles (`phrase_precision`),
    or the model's probability where that is higher: one band, stated in the README, rather
    than a sentence matcher's probability dressed up as the finding's."""
    retelling = retelling or model()
    p = probability or 0.0
    if phrase_route and retelling.phrase_precision is not None:
        return max(p, retelling.phrase_precision)
    return p


def decide(found: Sequence[Candidate], retelling: RetellingModel | None = None,
           copied: Collection[int] = (), known: Mapping[int, float] | None = None
           ) -> list[Retelling]:
    """The paragraphs that re-tell, with their twins: the page-level rule over the model.

    `copied` are the paragraphs the phrase route (`copied_phrases`) already found
    re-telling: they are the page's evidence too, so they count towards the crowd that
    lets a paragraph past `low`. A page that copies its own phrases once and re-tells
    in other words once more is padded as surely as one that re-tells twice by meaning.
    Measured: no gain in paragraph recall on the generator a fold was not trained on (hd-
    trained, hart- 0.232 before and after), none on hd- (whose phrase route finds nothing),
    no real page more; training chooses the operating point with this rule, as analysis
    uses it.

    `known` is `probabilities(found, retelling)` when the caller has it already.

    The crowd is counted in each part of the page (`Candidate.part`, see `parts`): on a
    page of one part, the whole page, as before parts existed."""
    if not found:
        return []
    retelling = retelling or model()
    p = known if known is not None else probabilities(found, retelling)
    starts = sorted({c.part for c in found})

    def part_of(block: int) -> int:
        return starts[max(0, bisect.bisect_right(starts, block) - 1)]

    likely = {block for block, probability in p.items() if probability >= retelling.low}
    crowd: dict[int, int] = {}
    for block in likely | set(copied):
        crowd[part_of(block)] = crowd.get(part_of(block), 0) + 1
    flagged = []
    for candidate in found:
        probability = p[candidate.block]
        crowded = crowd.get(part_of(candidate.block), 0) >= retelling.cluster
        if probability >= retelling.high or (crowded and probability >= retelling.low):
            flagged.append(Retelling(candidate.block, probability,
                                     candidate.closest[:MAX_TWINS]))
    return flagged


def clusters(flagged: Sequence[Retelling]) -> dict[int, list[int]]:
    """Block → every block of its cluster (page order): re-tellings linked to their twins."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in flagged:
        for twin, _ in r.twins:
            parent[root(twin)] = root(r.block)
    groups: dict[int, list[int]] = {}
    for block in list(parent):
        groups.setdefault(root(block), []).append(block)
    return {block: sorted(members) for members in groups.values() for block in members}
