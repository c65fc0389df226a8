"""Paragraphs that repeat an earlier one: word for word, nearly, or re-told in other words.

Three passes, each on what the one before left, joined here into the findings a reader
sees (one per repeating paragraph, naming all its twins and its cluster):

1. exact repeats: a block whose normalised text equals an earlier block's;
2. near repeats (`near_repeats`): sentences copied nearly word for word, an earlier
   paragraph repeated inside a longer one, one long sentence copied;
3. re-tellings, English pages only, from two routes: paragraphs re-worded around phrases
   they copy (`copied_phrases`, confirmed by the two meaning the same), and paragraphs
   that mean what an earlier one means and add little that is new (`retelling`, a model
   learned from labelled pages).

Deliberate repeats are not findings: list items and table cells (a recipe card, a fact
box), code, captions, bylines, datelines, pull quotes, share bars, a standfirst summing up
the article, a line printed three times or more, one template with a word swapped, entries of one
list written as paragraphs in one frame, each with its own label (a privacy policy's
permissions), a
quote printed once as a quote and once in the text, a label line (a credit, a status
message, a table-of-contents entry, a schedule row, a table's footnote), a section title
printed again, and the
headline printed again over a later part of the page (a recipe card's title). They are
left out rather than given a kind of their own: every one seen on real pages (issue 12)
was the page's layout or the author's intent, none a repeat a reader asked to be shown,
and a separate low-severity kind would still be noise in the extension and the desktop.
They still take their blocks out of the re-telling check, which would otherwise report
the same text again as re-told.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

import numpy as np

from .. import retelling
from ..copied_phrases import Alignment, CopiedRetelling, credible, find_copied_retellings
from ..language import is_english
from ..near_repeats import (
    QUOTE_KINDS,
    NearRepeat,
    Sentence,
    find_near_repeats,
    is_label,
    likeness,
)
from ..page import Annotation, Block, Notice, Page, Span
from ..registry import Findings, detector
from ..similarity import english_weight, matcher, sentence_views
from ..text import normalise, template_lines

#: A block shorter than this (in words) is too short for its repeat to mean anything.
MIN_BLOCK_WORDS = 4
#: Lists and tables re-stating the prose (a recipe card, a fact box) are the author's summary.
LIST_KINDS = frozenset({"li", "tr", "td", "th", "dt", "dd"})
#: Code is not prose: two shell snippets that share their commands tell no claim twice.
CODE_KINDS = frozenset({"pre", "code"})
#: A standfirst sums the article up, as a headline does: the lede re-telling it is news.
SUMMARY_KINDS = frozenset({"standfirst"})
#: Repeated text that pages legitimately print more than once.
BOILERPLATE = re.compile(
    r"^(advertisement|sponsored|share( this)?|read more|related|subscribe|sign up|follow us|"
    r"click here|continue reading|for more information|photo|image|credit|getty images|"
    r"all rights reserved|"
    r"copyright|\(c\)|©)\b",
)
#: "By Mara Lindqvist, Transport Reporter": a short line opening with "By" is a byline.
BYLINE_MAX_WORDS = 8
#: Kinds the author prints again on purpose, or that are not the article's prose.
BOILERPLATE_KINDS = frozenset(
    {"figcaption", "caption", "byline", "dateline", "pullquote", "aside", "credit"}
)


def deliberate_pair(page: Page, earlier: int, later: int) -> bool:
    """Whether block `later` repeating block `earlier` word for word is the page's own
    doing rather than a repeat to show: a label (`is_label`), a section title printed
    again (a recipe card's step headings, an event card's title), the headline printed
    again over a later part of the page once its prose has begun (a recipe card, the
    post's own title over its main part; right under the headline it is a content farm's
    habit and stays a finding), or a quote printed once as a quote and once in the text."""
    first, second = page.blocks[earlier], page.blocks[later]
    if is_label(second):
        return True
    if first.is_heading and second.is_heading:
        if page.label(earlier) != "the headline":
            return True
        return any(not b.is_heading for b in page.blocks[earlier + 1 : later])
    return (first.kind in QUOTE_KINDS) != (second.kind in QUOTE_KINDS)


def is_boilerplate(block: Block, normalised: str) -> bool:
    words = normalised.split()
    return (
        block.kind in BOILERPLATE_KINDS
        or len(words) < MIN_BLOCK_WORDS
        or bool(BOILERPLATE.match(normalised))
        or (words[0] == "by" and len(words) <= BYLINE_MAX_WORDS)
    )


@detector("duplicates")
def find_duplicates(page: Page) -> Findings:
    """Exact repeats first; re-tellings are looked for among the blocks that are not."""
    exact = find_exact_repeats(page)
    # Deliberate repeats are no findings, but they stay out of the checks below too: the
    # text would otherwise come back as a near repeat or a re-telling of itself.
    annotations = [_exact_annotation(page, later, earlier) for later, earlier in exact.items()
                   if not deliberate_pair(page, earlier, later)]
    near = find_near_repeats(page, _body(page, set(exact)))
    annotations.extend(_near_annotation(page, n) for n in near if n.pairs)
    notices: list[Notice] = []
    if is_english(page):
        done = set(exact) | {n.block for n in near}
        annotations.extend(find_retellings(page, skip=done))
        notices.extend(_capped(page, done))
    return Findings(annotations=annotations, notices=notices)


def _capped(page: Page, skip: set[int]) -> list[Notice]:
    """Say so when the meaning route stopped at `retelling.MAX_PARAGRAPHS`: a silent cap
    would let "nothing found" on a 3,000-paragraph page read as "checked and clean"."""
    encodable = len(_encodable(page, _retelling_body(page, skip)))
    if encodable <= retelling.MAX_PARAGRAPHS:
        return []
    return [Notice(
        "long-page",
        f"This page has {encodable:,} paragraphs to compare; re-tellings by meaning were "
        f"looked for among the first {retelling.MAX_PARAGRAPHS:,} only (repeats and copied "
        "phrases were checked on the whole page).",
    )]


def find_exact_repeats(page: Page) -> dict[int, int]:
    """Map each block that repeats an earlier block word for word to the first such block.

    A text printed three times or more is a template the author means (the question an
    interview series asks every guest, a recipe line), and so is a repeated question:
    neither is a finding.
    """
    seen: dict[str, list[int]] = defaultdict(list)
    for index, block in enumerate(page.blocks):
        key = normalise(block.text)
        # A list restating the prose (a recipe card, the steps again) is the author's own,
        # as is a standfirst printed again as the lede, and a label printed where needed.
        if block.kind not in LIST_KINDS | SUMMARY_KINDS and not is_boilerplate(block, key):
            seen[key].append(index)
    templates = template_lines(seen)
    repeats: dict[int, int] = {}
    for key, indexes in seen.items():
        if (
            len(indexes) == 2
            and key not in templates
            and not page.blocks[indexes[0]].text.rstrip().endswith("?")
        ):
            repeats[indexes[1]] = indexes[0]
    return repeats


def _exact_annotation(page: Page, later: int, earlier: int) -> Annotation:
    block, twin = page.blocks[later], page.blocks[earlier]
    message = f"{_capital(page.label(later))} repeats {page.label(earlier)} word for word."
    return Annotation(
        type="duplicate",
        rule="duplicate.exact",
        severity="warning",
        span=Span(block.id, 0, len(block.text)),
        related=[{"block": twin.id, "start": 0, "end": len(twin.text), "role": "twin"}],
        score=1.0,
        message=message,
        evidence={"match": "exact"},
    )


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


#: Paragraphs named one by one in a message; a longer list is cut ("… and 40 more").
NAMED_AT_MOST = 6


def _names(page: Page, indexes: Iterable[int]) -> str:
    """"paragraph 3", "paragraphs 3 and 5", "paragraphs 1, 3 and 5", as a reader counts."""
    labels = [page.label(i) for i in sorted(indexes)]
    if len(labels) == 1:
        return labels[0]
    if len(labels) > NAMED_AT_MOST:
        shown = labels[: NAMED_AT_MOST - 1]
        return ", ".join(shown) + f" and {len(labels) - len(shown)} more"
    if all(label.startswith("paragraph ") for label in labels):
        numbers = [label.removeprefix("paragraph ") for label in labels]
        return "paragraphs " + ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def restated_sections(page: Page) -> set[int]:
    """The blocks of a section whose title the page prints a second time on purpose
    (`deliberate_pair`): a recipe card under the headline's words, its steps under the
    method's step headings. Such a section restates the page for a reader who skips to
    it; its paragraphs re-tell the method by design."""
    first: dict[str, int] = {}
    restated: set[int] = set()
    for index, block in enumerate(page.blocks):
        if not block.is_heading:
            continue
        key = normalise(block.text)
        if key in first and deliberate_pair(page, first[key], index):
            level = _level(block)
            for later in range(index + 1, len(page.blocks)):
                other = page.blocks[later]
                if other.is_heading and _level(other) <= level:
                    break
                restated.add(later)
        first.setdefault(key, index)
    return restated


def _level(block: Block) -> int:
    """A heading's rank: 0 for a title, 1 to 6 for h1 to h6."""
    return int(block.kind[1]) if block.kind[1:].isdigit() else 0


def _body(page: Page, skip: set[int]) -> list[int]:
    """The article's own prose: no headings (a lede re-telling its headline is how news is
    written), no lists or tables, nothing printed on purpose twice."""
    skip = skip | restated_sections(page)
    return [
        index for index, block in enumerate(page.blocks)
        if index not in skip
        and not block.is_heading
        and block.kind not in LIST_KINDS | CODE_KINDS | SUMMARY_KINDS
        and not is_boilerplate(block, normalise(block.text))
    ]


def _near_annotation(page: Page, near: NearRepeat) -> Annotation:
    block = page.blocks[near.block]
    twins = sorted({there.block for _, there in near.pairs})
    told = len({here.start for here, _ in near.pairs})
    total = sum(1 for _ in page.docs[near.block].sents) if near.block < len(page.docs) else 1
    part = "" if told >= total else f" ({told} of its {total} sentences)"
    return Annotation(
        type="duplicate",
        rule="duplicate.near",
        severity="warning" if near.whole else "info",
        span=Span(block.id, min(h.start for h, _ in near.pairs),
                  max(h.end for h, _ in near.pairs)),
        related=[_whole(page, t) for t in twins],
        score=round(max(likeness(h, t) for h, t in near.pairs) / 100, 3),
        message=f"{_capital(page.label(near.block))} repeats sentences of "
        f"{_names(page, twins)} nearly word for word{part}.",
        evidence={
            "match": "near",
            "sentences": [
                {"sentence": _place(page, here), "twin": _place(page, there),
                 "score": round(likeness(here, there) / 100, 3)}
                for here, there in near.pairs
            ],
        },
    )


def _whole(page: Page, index: int) -> dict[str, object]:
    block = page.blocks[index]
    return {"block": block.id, "start": 0, "end": len(block.text), "role": "twin"}


def _place(page: Page, sentence: Sentence) -> dict[str, object]:
    return {"block": page.blocks[sentence.block].id, "start": sentence.start,
            "end": sentence.end, "text": sentence.text}


def retelling_candidates(page: Page) -> tuple[list[retelling.Candidate], frozenset[int]]:
    """The paragraphs the re-telling model judges on a parsed English page, with their
    features, and the paragraphs the phrase route finds (they join the page's crowd): what
    `newslint eval farm --train` learns from, exactly as analysis sees it."""
    exact = set(find_exact_repeats(page))
    skip = exact | {n.block for n in find_near_repeats(page, _body(page, exact))}
    body = _retelling_body(page, skip)
    pairs = find_copied_retellings(page, body)
    vectors = _vectors(page, body)
    copied = frozenset(c.later for c in _copied(pairs, vectors))
    return retelling.candidates(page, vectors), copied


def texts_to_encode(page: Page) -> list[str]:
    """The paragraphs whose vectors the re-telling check will ask for, known before the
    page is parsed (exact repeats need no parse), so encoding can start beside the parse.

    A superset at most: the near repeats found after the parse are dropped from the body
    then, and any paragraph asked for but not in here is encoded when it is asked for."""
    body = _encodable(page, _retelling_body(page, set(find_exact_repeats(page))))
    return [page.blocks[i].text for i in body[: retelling.MAX_PARAGRAPHS]]


#: A paragraph opening with a list marker ("* **Europe:** …", "• …") is a list item typed
#: as text (generated pages and plain-text feeds do this): one template per region or
#: company, deliberate like the `LIST_KINDS` it stands for, not a re-telling.
_BULLET = re.compile(r"^\s*[*•▪●◦‣·-]\s+")


def _retelling_body(page: Page, skip: set[int]) -> list[int]:
    """The body the re-telling routes compare: `_body` without list items typed as text."""
    return [i for i in _body(page, skip) if not _BULLET.match(page.blocks[i].text)]


def _vectors(page: Page, body: list[int]) -> dict[int, np.ndarray]:
    return retelling.encode(page, _encodable(page, body))


def _encodable(page: Page, body: list[int]) -> list[int]:
    """The body paragraphs long enough to carry a claim (`retelling.MIN_WORDS`): the same
    rule for what is prefetched and what is asked for, so the prefetch covers the asking."""
    return [i for i in body if len(page.blocks[i].text.split()) >= retelling.MIN_WORDS]


@dataclass
class _Retold:
    """A paragraph found re-telling, from either route, with what each route saw."""

    block: int
    twins: dict[int, float] = field(default_factory=dict)  # twin block → similarity
    #: The re-telling model's probability for the paragraph (None: not a candidate).
    probability: float | None = None
    alignments: list[Alignment] = field(default_factory=list)
    #: Flagged by the meaning route (`retelling.decide`); the phrase route's have alignments.
    by_meaning: bool = False

    @property
    def route(self) -> str:
        """Which route found it: "meaning", "phrases" or "both" (the evidence's `route`)."""
        if self.alignments:
            return "both" if self.by_meaning else "phrases"
        return "meaning"

    @property
    def score(self) -> float:
        """What a reader is shown (`retelling.finding_score`): the phrase route decides by
        rules, so its findings show that route's measured precision, not the model's
        probability alone."""
        return retelling.finding_score(self.probability, bool(self.alignments))


def find_retellings(page: Page, skip: set[int]) -> list[Annotation]:
    """Paragraphs that say again what earlier paragraphs said: re-worded around copied
    phrases (`copied_phrases`), or only meaning the same (`retelling`)."""
    body = _retelling_body(page, skip)
    # The phrase route needs no vectors: run it while the encoder's thread finishes them
    # (`embeddings.prefetching`), not after (about 0.3 s of a 10k-word page's wall time).
    pairs = find_copied_retellings(page, body)
    vectors = _vectors(page, body)
    copied = _copied(pairs, vectors)
    candidates = retelling.candidates(page, vectors)
    found: dict[int, _Retold] = {}
    probability = retelling.probabilities(candidates)
    for r in retelling.decide(candidates, copied={c.later for c in copied}, known=probability):
        found[r.block] = _Retold(r.block, dict(r.twins), r.probability, by_meaning=True)
    for c in copied:
        cosine = _cosine(vectors, c.earlier, c.later)
        retold = found.setdefault(c.later, _Retold(c.later, probability=probability.get(c.later)))
        retold.twins.setdefault(c.earlier, cosine if cosine is not None else 1.0)
        retold.alignments.extend(c.alignments)
    found = _without_quoting(page, found)
    if not found:
        return []
    links = [retelling.Retelling(r.block, r.score, tuple(r.twins.items()))
             for r in found.values()]
    groups = retelling.clusters(links)
    numbering = {min(members): n for n, members in
                 enumerate(sorted({tuple(m) for m in groups.values()}), start=1)}
    named: dict[int, tuple[str, list[str]]] = {}
    return [
        _retelling_annotation(page, found[block], groups[block], numbering[min(groups[block])],
                              named)
        for block in sorted(found)
    ]


def _without_quoting(page: Page, found: dict[int, _Retold]) -> dict[int, _Retold]:
    """`found` without the twins on the other side of a quote: a forum post quoting the
    post it answers ("Tamsin wrote: …"), an embedded statement beside the paragraph that
    reports it, a pull quote. One is the other quoted, by the author's choice, as with
    exact and near repeats (`deliberate_pair`, `near_repeats._quoting`); a paragraph
    left with no twin is no finding."""
    def quoted(index: int) -> bool:
        return page.blocks[index].kind in QUOTE_KINDS

    kept: dict[int, _Retold] = {}
    for block, retold in found.items():
        retold.twins = {twin: similarity for twin, similarity in retold.twins.items()
                        if quoted(twin) == quoted(block)}
        retold.alignments = [a for a in retold.alignments
                             if quoted(a.earlier.block) == quoted(block)]
        if retold.twins:
            kept[block] = retold
    return kept


def _copied(pairs: list[CopiedRetelling],
            vectors: dict[int, np.ndarray]) -> list[CopiedRetelling]:
    """The phrase route's pairs that also mean much the same (MiniLM cosine)."""
    retold_blocks = {c.later for c in pairs
                     if (_cosine(vectors, c.earlier, c.later) or 1.0) >= COPIED_MIN_COSINE}
    # A paragraph that re-tells one earlier paragraph may merge a second one into it, and
    # each half then means only part of the whole: its other phrase-route twins stand too.
    copied = [c for c in pairs if c.later in retold_blocks
              and (_cosine(vectors, c.earlier, c.later) or 1.0) >= MERGED_MIN_COSINE]
    return credible(copied, lambda c: (_cosine(vectors, c.earlier, c.later) or 0.0)
                    >= CONFIRM_COSINE)


#: A pair the phrase route finds must also mean much the same (MiniLM cosine): two
#: paragraphs that share a phrase but not a claim ("… said Kotak Institutional Equities"
#: under two different quotes) are not a re-telling.
#: Set on the golden pages' re-tellings (cosines 0.65 to 0.97) and half a of the real pages
#: (the phrase route's false alarms there: 0.43 to 0.71, most under 0.6). The int8 encoder
#: (stop 20) moves cosines by about 0.01: the lowest golden one, farm-transfer's, went
#: 0.654 → 0.645, so the bound went 0.65 → 0.64 (no real page of either half flags more).
COPIED_MIN_COSINE = 0.64
MERGED_MIN_COSINE = 0.5
#: A lone phrase-route pair on a page that repeats nothing else stands when the two
#: paragraphs mean this nearly the same.
CONFIRM_COSINE = 0.75


def _cosine(vectors: dict[int, np.ndarray], a: int, b: int) -> float | None:
    if a in vectors and b in vectors:
        return float(vectors[a] @ vectors[b])
    return None


#: A sentence pair is shown as evidence when the sentence matcher gives it this much.
EVIDENCE_PROBABILITY = 0.15
MAX_EVIDENCE = 4


class _Quote(TypedDict):
    """One sentence of a pair in the evidence: where it is and what it says."""
    block: str
    start: int
    end: int
    text: str


class _Pair(TypedDict):
    """A sentence of the re-telling beside the twin sentence it re-tells (the evidence's
    `sentences`); typed so that the evidence is built and keyed without casts."""
    sentence: _Quote
    twin: _Quote
    score: float
    shared_phrase_words: NotRequired[int]


def _sentence_pairs(page: Page, later: int, twins: list[int]) -> list[_Pair]:
    """For each sentence of the re-telling, the closest sentence of its twins by the
    sentence matcher: what a reader compares to see the repeat. The matcher, not the
    embedding model, because a page with a hundred re-tellings would otherwise encode
    every sentence again (40 s on a 10,000-word page; this costs milliseconds)."""
    model = matcher()
    there = [(t, v) for t in twins for v in sentence_views(page.docs[t])]
    if not there:
        return []
    pairs = []
    for here in sentence_views(page.docs[later]):
        if not here.terms:
            continue
        score, twin, best = max(
            ((model.probability(v, here, english_weight), t, v) for t, v in there),
            key=lambda item: item[0],
        )
        if score >= EVIDENCE_PROBABILITY:
            pairs.append((score, here, twin, best))
    pairs.sort(key=lambda p: -p[0])
    return [
        {"sentence": {"block": page.blocks[later].id, "start": here.start, "end": here.end,
                      "text": here.text},
         "twin": {"block": page.blocks[twin].id, "start": best.start, "end": best.end,
                  "text": best.text},
         "score": round(score, 3)}
        for score, here, twin, best in sorted(pairs[:MAX_EVIDENCE], key=lambda p: p[1].start)
    ]


def _retelling_annotation(page: Page, found: _Retold, members: list[int], cluster: int,
                          named: dict[int, tuple[str, list[str]]]) -> Annotation:
    """`named` holds what every member of a cluster would otherwise compute again: on a
    long page one cluster can hold hundreds of paragraphs, and naming them all in each
    member's annotation made the annotations quadratic in the cluster (the sentences'
    views are kept per doc by `similarity.sentence_views`)."""
    block = page.blocks[found.block]
    twins = [t for t, _ in sorted(found.twins.items(), key=lambda kv: -kv[1])]
    if cluster not in named:
        named[cluster] = (_names(page, members), [page.blocks[m].id for m in members])
    members_named, member_ids = named[cluster]
    name = _capital(page.label(found.block))
    message = f"{name} re-tells {_names(page, twins)} in other words"
    if len(members) >= 3:
        message += f"; {members_named} all tell one claim"
    message += "."
    # The phrase route's pairs where it has one for a sentence, the closest in meaning else.
    aligned = {pair["sentence"]["start"]: pair for pair in _aligned_pairs(page, found.alignments)}
    closest = {pair["sentence"]["start"]: pair
               for pair in _sentence_pairs(page, found.block, twins)}
    sentences = [pair for _, pair in sorted({**closest, **aligned}.items())]
    return Annotation(
        type="duplicate",
        rule="duplicate.retelling",
        severity="warning",
        span=Span(block.id, 0, len(block.text)),
        related=[_whole(page, t) for t in twins],
        score=round(found.score, 3),
        message=message,
        evidence={
            "match": "retelling",
            "route": found.route,
            "probability": None if found.probability is None else round(found.probability, 3),
            "twins": [{"block": page.blocks[t].id, "similarity": round(found.twins[t], 3)}
                      for t in twins],
            "sentences": sentences,
            "cluster": {"id": f"c{cluster}", "blocks": list(member_ids)},
        },
    )


def _aligned_pairs(page: Page, alignments: list[Alignment]) -> list[_Pair]:
    """The phrase route's sentence pairs, in the order of the re-telling."""
    return [
        {
            "sentence": {"block": page.blocks[a.later.block].id, "start": a.later.view.start,
                         "end": a.later.view.end, "text": a.later.view.text},
            "twin": {"block": page.blocks[a.earlier.block].id, "start": a.earlier.view.start,
                     "end": a.earlier.view.end, "text": a.earlier.view.text},
            "score": round(a.probability, 3),
            "shared_phrase_words": a.phrase,
        }
        for a in sorted(alignments, key=lambda a: a.later.view.start)
    ]
