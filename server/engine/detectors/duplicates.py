"""Paragraphs that repeat an earlier one: word for word, nearly, or re-told in other words.

Content farms rarely paste a paragraph twice; they re-tell it, merging, splitting and
reordering sentences. So re-tellings are found sentence by sentence: every sentence is
matched against the sentences of earlier paragraphs (`similarity.matcher`), with words
weighted by how rare they are in English and on this page, and a paragraph is flagged
when enough of it is carried by sentences that re-tell one earlier paragraph. The
evidence lists those sentence pairs, so a reader sees exactly what was told twice.

Only pairs that share rare words are ever scored (an inverted index over content
terms), which keeps a 100,000-word page close to linear instead of quadratic.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from ..analyze import is_english
from ..page import Annotation, Block, Page, Span
from ..registry import Findings, detector
from ..similarity import SentenceView, english_weight, matcher, page_weights, view

#: Lines up to this many words are checked for being one template with a word swapped.
TEMPLATE_MAX_WORDS = 12
#: A block shorter than this (in words) is too short for its repeat to mean anything.
MIN_BLOCK_WORDS = 4
#: Sentences with fewer content terms than this are not matched ("He agreed.", "Stir well.").
MIN_SENTENCE_TERMS = 6
#: Weight of shared terms a sentence pair needs before it is scored at all.
MIN_SHARED_WEIGHT = 1.2
#: A term in more sentences than this is too common on the page to index.
MAX_POSTINGS = 200
#: A sentence re-tells another when the matcher is this sure and they share a phrase of
#: `PHRASE_WORDS` words: content farms re-word around phrases they copy, while sentences
#: that merely cover the same ground share single words.
SENTENCE_THRESHOLD = 0.25
PHRASE_WORDS = 3
#: A long copied phrase ("reminded him of the significant U.S. military presence in
#: Europe") marks a re-telling even where the rest of the sentence was re-written.
LONG_PHRASE_WORDS = 8
LONG_PHRASE_THRESHOLD = 0.12
#: A copied phrase is evidence of copying only where the page does not print its words all
#: over: "the U.S." or "al-Tanf" on a page about al-Tanf, a product's name in a press
#: release. A word counts when it is in at most this many blocks (the original, its
#: re-telling and one more) ...
RARE_IN_BLOCKS = 3
#: ... and a paragraph pair needs a shared phrase of this many such words, ...
RARE_PHRASE_WORDS = 2
#: ... or must match as whole paragraphs (sentences merged or split) this surely.
PARAGRAPH_THRESHOLD = 0.25
#: Share of a paragraph's sentences that must re-tell earlier text for it to be a re-telling.
RETOLD_SHARE = 0.5
#: Summed sentence probabilities of one paragraph pair that make it a re-telling regardless.
STRONG_PAIR = 1.0
#: Share of the figures two sentences must have in common for one to re-tell the other.
NUMBERS_AGREE = 0.5
#: Lists and tables re-stating the prose (a recipe card, a fact box) are the author's summary.
LIST_KINDS = frozenset({"li", "tr", "td", "dt", "dd"})
#: Normalised sentences this alike (rapidfuzz ratio) are the same words, not a re-telling.
NEAR_RATIO = 90

#: Repeated text that pages legitimately print more than once.
BOILERPLATE = re.compile(
    r"^(advertisement|sponsored|share( this)?|read more|related|subscribe|sign up|follow us|"
    r"click here|continue reading|for more information|photo|image|credit|getty images|"
    r"all rights reserved|"
    r"copyright|\(c\)|©)\b",
)
#: "By Mara Lindqvist, Transport Reporter": a short line opening with "By" is a byline.
BYLINE_MAX_WORDS = 8
BOILERPLATE_KINDS = frozenset({"figcaption", "caption", "byline"})


def normalise(text: str) -> str:
    """Case, white space, punctuation and typographic variants do not make text different."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(" " if unicodedata.category(c).startswith(("P", "S")) else c for c in text)
    return " ".join(text.split())


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
    annotations = [_exact_annotation(page, later, earlier) for later, earlier in exact.items()]
    if is_english(page):
        annotations.extend(find_retellings(page, skip=set(exact)))
    return Findings(annotations=annotations)


def find_exact_repeats(page: Page) -> dict[int, int]:
    """Map each block that repeats an earlier block word for word to the first such block.

    A text printed three times or more is a template the author means (the question an
    interview series asks every guest, a recipe line), and so is a repeated question:
    neither is a finding.
    """
    seen: dict[str, list[int]] = defaultdict(list)
    for index, block in enumerate(page.blocks):
        key = normalise(block.text)
        if not is_boilerplate(block, key):
            seen[key].append(index)
    templates = _template_lines(seen)
    repeats: dict[int, int] = {}
    for key, indexes in seen.items():
        if (
            len(indexes) == 2
            and key not in templates
            and not page.blocks[indexes[0]].text.rstrip().endswith("?")
        ):
            repeats[indexes[1]] = indexes[0]
    return repeats


def _template_lines(seen: dict[str, list[int]]) -> set[str]:
    """Short lines that are one template with a word swapped ("Vote for Olga on the last
    page!", "Vote for Yana ..."): a skeleton shared by three or more different lines."""
    skeletons: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key in seen:
        words = key.split()
        if len(words) <= TEMPLATE_MAX_WORDS:
            for i in range(len(words)):
                skeletons[(*words[:i], "*", *words[i + 1 :])].add(key)
    return {key for keys in skeletons.values() if len(keys) >= 3 for key in keys}


def _exact_annotation(page: Page, later: int, earlier: int) -> Annotation:
    block, twin = page.blocks[later], page.blocks[earlier]
    what = "headline" if block.is_heading and twin.is_heading else "paragraph"
    message = (
        f"This {what} repeats {_name(page, earlier)} word for word."
        if what == "headline"
        else f"Paragraph {later + 1} repeats {_name(page, earlier)} word for word."
    )
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


def _name(page: Page, index: int) -> str:
    block = page.blocks[index]
    return f"the headline (block {index + 1})" if block.is_heading else f"paragraph {index + 1}"


@dataclass(frozen=True)
class _Sentence:
    block: int
    view: SentenceView


@dataclass(frozen=True)
class _Alignment:
    earlier: _Sentence
    later: _Sentence
    probability: float
    phrase: int
    #: Words of the shared phrase that the page does not print all over (`rare_phrase`).
    rare: int


def _sentences(page: Page, skip: set[int]) -> list[_Sentence]:
    """Sentences of the body paragraphs worth matching; headings are left to exact repeats,
    because a lede that re-tells its own headline is how news is written, not a repeat."""
    sentences = []
    for index, (block, doc) in enumerate(zip(page.blocks, page.docs, strict=True)):
        if (
            index in skip
            or block.is_heading
            or block.kind in LIST_KINDS
            or is_boilerplate(block, normalise(block.text))
        ):
            continue
        for sent in doc.sents:
            v = view(sent)
            if len(set(v.terms)) >= MIN_SENTENCE_TERMS:
                sentences.append(_Sentence(index, v))
    return sentences


def _candidates(sentences: list[_Sentence], weight: dict[str, float]) -> list[tuple[int, int]]:
    """Pairs of sentences in different blocks that share enough rare words to be worth scoring."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, sentence in enumerate(sentences):
        for term in set(sentence.view.terms):
            postings[term].append(i)
    shared: dict[tuple[int, int], float] = defaultdict(float)
    for term, members in postings.items():
        if len(members) < 2 or len(members) > MAX_POSTINGS:
            continue
        w = weight[term]
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if sentences[i].block != sentences[j].block:
                    shared[(i, j)] += w
    return [pair for pair, total in shared.items() if total >= MIN_SHARED_WEIGHT]


def find_retellings(page: Page, skip: set[int]) -> list[Annotation]:
    sentences = _sentences(page, skip)
    if len(sentences) < 2:
        return []
    weigh = page_weights((s.view.terms for s in sentences), (s.block for s in sentences))
    weight = {t: weigh(t) for s in sentences for t in s.view.terms}
    in_blocks = block_frequency(page)
    model = matcher()
    # For each later sentence and earlier block, keep the best-matching earlier sentence.
    best: dict[tuple[int, int], _Alignment] = {}
    for i, j in _candidates(sentences, weight):
        earlier, later = sorted((sentences[i], sentences[j]), key=lambda s: s.block)
        if numbers_disagree(earlier.view, later.view):
            continue
        p = model.probability(earlier.view, later.view, english_weight)
        if p < LONG_PHRASE_THRESHOLD:
            continue
        phrase = shared_phrase(earlier.view.text, later.view.text)
        if not _retells(p, phrase):
            continue
        key = (id(later), earlier.block)
        if key not in best or p > best[key].probability:
            rare = rare_phrase(earlier.view.text, later.view.text, in_blocks)
            best[key] = _Alignment(earlier, later, p, phrase, rare)

    by_blocks: dict[tuple[int, int], list[_Alignment]] = defaultdict(list)
    for alignment in best.values():
        by_blocks[(alignment.earlier.block, alignment.later.block)].append(alignment)
    retold: dict[int, set[int]] = defaultdict(set)
    for alignment in best.values():
        retold[alignment.later.block].add(alignment.later.view.start)
    flagged = []
    for (earlier, later), alignments in sorted(by_blocks.items(), key=lambda kv: kv[0][::-1]):
        alignments.sort(key=lambda a: a.later.view.start)
        share = len(retold[later]) / _sentence_count(page, later)
        if _is_retelling(alignments, share) and _is_copied(page, earlier, later, alignments,
                                                           weigh):
            flagged.append((earlier, later, alignments))
    return [_retelling_annotation(page, *f) for f in _credible(flagged)]


_Flag = tuple[int, int, list[_Alignment]]


def _credible(flagged: list[_Flag]) -> list[_Flag]:
    """A page that re-tells its story does so more than once; one paragraph that re-words
    another, weakly, on a page that repeats nothing else, is how news recalls a fact."""
    if len({later for _, later, _ in flagged}) >= 2:
        return flagged
    return [f for f in flagged if sum(a.probability for a in f[2]) >= STRONG_PAIR]


def _is_copied(page: Page, earlier: int, later: int, alignments: list[_Alignment],
               weight: Callable[[str], float]) -> bool:
    """Sentences that re-word one another around the page's own topic words are two
    paragraphs on one subject; a re-telling carries over a phrase of its own, or says the
    whole earlier paragraph again (its sentences merged or split, so that no one sentence
    pair shows it)."""
    if any(a.rare >= RARE_PHRASE_WORDS for a in alignments):
        return True
    whole = matcher().probability(view(page.docs[earlier][:]), view(page.docs[later][:]), weight)
    return whole >= PARAGRAPH_THRESHOLD


def _sentence_count(page: Page, index: int) -> int:
    return sum(1 for _ in page.docs[index].sents) or 1


def numbers_disagree(a: SentenceView, b: SentenceView) -> bool:
    """Parallel sentences with other figures state other facts, not the same one twice:
    "In Buffalo, 26 inches of snow had fallen" / "In Syracuse, 14 inches of snow had
    fallen"; three car models "able to go from zero to 60 mph in" 5.8, 3.5 and 5 seconds."""
    if not a.numbers or not b.numbers:
        return False
    return len(a.numbers & b.numbers) / len(a.numbers | b.numbers) < NUMBERS_AGREE


def block_frequency(page: Page) -> Counter[str]:
    """In how many blocks each (normalised) word occurs."""
    return Counter(word for block in page.blocks for word in set(normalise(block.text).split()))


def rare_phrase(a: str, b: str, in_blocks: Counter[str]) -> int:
    """Content words, rare on the page, of the richest run of words two sentences share."""
    words_a, words_b = normalise(a).split(), normalise(b).split()
    runs = SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks()
    return max(
        (sum(1 for word in words_a[run.a : run.a + run.size]
             if len(word) > 1 and word not in STOP_WORDS and in_blocks[word] <= RARE_IN_BLOCKS)
         for run in runs),
        default=0,
    )


def shared_phrase(a: str, b: str) -> int:
    """Length in words of the longest run of words two sentences share, punctuation aside."""
    words_a, words_b = normalise(a).split(), normalise(b).split()
    match = SequenceMatcher(None, words_a, words_b, autojunk=False).find_longest_match(
        0, len(words_a), 0, len(words_b)
    )
    return int(match.size)


def _retells(probability: float, phrase: int) -> bool:
    return (probability >= SENTENCE_THRESHOLD and phrase >= PHRASE_WORDS) or (
        probability >= LONG_PHRASE_THRESHOLD and phrase >= LONG_PHRASE_WORDS
    )


def _is_retelling(alignments: list[_Alignment], share: float) -> bool:
    """A paragraph is a re-telling when most of it re-tells what came before.

    One sentence that happens to re-word an earlier one is how news is written (a lede
    summarised, a fact recalled); a paragraph whose sentences mostly re-tell earlier
    paragraphs is the same story told again. A pair that re-tells several sentences of
    one paragraph is a re-telling whatever else the paragraph holds.
    """
    return share >= RETOLD_SHARE or sum(a.probability for a in alignments) >= STRONG_PAIR


def _retelling_annotation(
    page: Page, earlier: int, later: int, alignments: list[_Alignment]
) -> Annotation:
    block, twin = page.blocks[later], page.blocks[earlier]
    near = all(
        fuzz.ratio(normalise(a.earlier.view.text), normalise(a.later.view.text)) >= NEAR_RATIO
        for a in alignments
    )
    told = len({a.later.view.start for a in alignments})
    total = sum(1 for s in page.docs[later].sents)
    how = "repeats sentences of" if near else "re-tells"
    part = "" if told == total else f" ({told} of its {total} sentences)"
    twin_start = min(a.earlier.view.start for a in alignments)
    twin_end = max(a.earlier.view.end for a in alignments)
    return Annotation(
        type="duplicate",
        rule="duplicate.near" if near else "duplicate.retelling",
        severity="warning",
        span=Span(
            block.id,
            min(a.later.view.start for a in alignments),
            max(a.later.view.end for a in alignments),
        ),
        related=[{"block": twin.id, "start": twin_start, "end": twin_end, "role": "twin"}],
        score=max(a.probability for a in alignments),
        message=f"Paragraph {later + 1} {how} {_name(page, earlier)}"
        + ("" if near else " in other words")
        + f"{part}.",
        evidence={
            "match": "near" if near else "retelling",
            "sentences": [
                {
                    "sentence": {"block": block.id, "start": a.later.view.start,
                                 "end": a.later.view.end, "text": a.later.view.text},
                    "twin": {"block": twin.id, "start": a.earlier.view.start,
                             "end": a.earlier.view.end, "text": a.earlier.view.text},
                    "score": round(a.probability, 3),
                    "shared_phrase_words": a.phrase,
                }
                for a in alignments
            ],
        },
    )
