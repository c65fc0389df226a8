"""Re-tellings that re-word a paragraph around phrases copied from it.

A page that re-tells its own story by machine or by hand keeps phrases of the original
("reminded him of the significant U.S. military presence in Europe") and re-words the
rest, merging, splitting and reordering sentences. So every sentence is matched against
the sentences of earlier paragraphs (`similarity.matcher`), with words weighted by how
rare they are in English and on this page, and a paragraph is flagged when enough of it
is carried by sentences that re-tell one earlier paragraph *and* the two share a phrase
the page does not print all over (its topic words say nothing).

Only pairs that share rare words are ever scored (an inverted index over content terms).
Through each term, a sentence is paired with the `REACH` nearest earlier sentences that
have it, and a long page is read as consecutive parts of `REFERENCE_BLOCKS` blocks or a
little more, each weighing its words (and telling its rare words) as a page of its own:
a long page stays linear, and finds in each of its parts what that part alone would
show. (A cap that skipped common terms, then weights that made every word of a long
repetitive page nearly worthless, then weights counted on the whole long page, which
under-rate exactly the words a part has rarely, each made long pages miss re-tellings
their own first part shows.)

This route catches re-tellings that copy; `retelling` catches those that only mean the
same. The detector (`detectors/duplicates.py`) joins the two.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from typing import Literal

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from . import deadline
from .page import Page
from .similarity import (
    NAME_LABELS,
    SentenceView,
    english_weight,
    matcher,
    page_weights,
    sentence_views,
    whole_view,
)
from .text import normalise

#: Sentences with fewer content terms than this are not matched ("He agreed.", "Stir well.").
MIN_SENTENCE_TERMS = 6
#: Weight of shared terms a sentence pair needs before it is scored at all.
MIN_SHARED_WEIGHT = 1.2
#: Through each of its terms, a sentence is paired with at most this many earlier sentences
#: (the nearest that have the term).
REACH = 64
#: A page of at least twice this many blocks is read as parts of this many blocks or a
#: little more, each weighing its words as a page of its own (`_parts`).
REFERENCE_BLOCKS = 100
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
#: A parallel template (`parallel_template`): the words two sentences share in order make up
#: at least this share of the shorter one ...
TEMPLATE_FRAME = 0.75
#: ... and neither holds more than this many content words the other lacks (the slot and
#: the odd word around it; a re-telling re-words far more than that).
TEMPLATE_SLOT_WORDS = 3
#: Entries of one list written as paragraphs (`_entry_openings`): two entries' opening sentences
#: share, in order, at least this share of the shorter one's words (the frame; lower than
#: `TEMPLATE_FRAME`, since an entry's slot is a whole phrase: "read your contacts" /
#: "display your call log") ...
ENTRY_FRAME = 0.5
#: ... and a run of at least this many consecutive paragraphs does so, each with the next.
ENTRY_RUN = 3
#: Sentences longer than this many words are no list entries (entries are short, and the
#: in-order match costs the product of the two lengths).
ENTRY_WORDS = 80
#: An entry's label is a few words: a block of its own (a permission's name, a term) of
#: at most `LABEL_WORDS`, or a lead before ":" of at most `LEAD_WORDS` ("Reverse repo rate:";
#: "He told reporters on Tuesday:" is no label).
LABEL_WORDS = 8
LEAD_WORDS = 4


@dataclass(frozen=True)
class CopiedRetelling:
    """Paragraph `later` re-tells paragraph `earlier`; `alignments` are the sentence pairs."""

    earlier: int
    later: int
    alignments: list[Alignment]

    @property
    def strong(self) -> bool:
        """Several sentences re-told, surely: a re-telling whatever the rest of the page does."""
        return sum(a.probability for a in self.alignments) >= STRONG_PAIR


def find_copied_retellings(page: Page, body: Sequence[int]) -> list[CopiedRetelling]:
    """Paragraph pairs of `body` (block indexes) where the later re-tells the earlier.

    A lone pair that is not `strong`, on a page that repeats nothing else, is how news
    recalls a fact; the caller decides on it with what else it knows (`credible`)."""
    return [CopiedRetelling(*flag) for flag in _find(page, set(body))]


def credible(found: list[CopiedRetelling], confirmed: Callable[[CopiedRetelling], bool]
             ) -> list[CopiedRetelling]:
    """A page that re-tells its story does so more than once; a lone weak pair stands only
    where other evidence (`confirmed`: the two mean the same) backs it."""
    if len({c.later for c in found}) >= 2:
        return found
    return [c for c in found if c.strong or confirmed(c)]


@dataclass(frozen=True)
class _Sentence:
    block: int
    view: SentenceView


@dataclass(frozen=True)
class Alignment:
    earlier: _Sentence
    later: _Sentence
    probability: float
    phrase: int
    #: Words of the shared phrase that the page does not print all over (`rare_phrase`).
    rare: int


def _sentences(page: Page, body: set[int]) -> list[_Sentence]:
    """Sentences of the body paragraphs with enough content to match."""
    sentences = []
    for index in sorted(body):
        for v in sentence_views(page.docs[index]):
            if len(set(v.terms)) >= MIN_SENTENCE_TERMS:
                sentences.append(_Sentence(index, v))
    return sentences


def _candidates(sentences: list[_Sentence], weight: Sequence[dict[str, float]],
                part: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs of sentences in different blocks that share enough rare words to be worth scoring.

    Each sentence is paired, through each of its terms, with the `REACH` sentences before
    it that have the term: every sharing pair on a page with no term in more sentences
    than that. A shared term weighs what it weighs in the later sentence's part
    (`weight[part[j]]`), so a long page pairs the sentences of its first part as that part
    alone would. Pairs are counted in arrays, not one by one: the work is linear in the
    page, `REACH` per term and sentence at most.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, sentence in enumerate(sentences):
        for term in set(sentence.view.terms):
            postings[term].append(i)
    n = len(sentences)
    block = np.fromiter((s.block for s in sentences), dtype=np.int64, count=n)
    part_of = np.asarray(part, dtype=np.int64)
    codes: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for term, members in postings.items():
        if len(members) < 2:
            continue
        deadline.check()
        at = np.asarray(members, dtype=np.int64)
        reach = min(len(at) - 1, REACH)
        # Row x holds the sentences 1..reach postings after posting x.
        later = np.arange(len(at))[:, None] + np.arange(1, reach + 1)[None, :]
        inside = later < len(at)
        first = np.broadcast_to(at[:, None], later.shape)[inside]
        second = at[later[inside]]
        apart = block[first] != block[second]
        code = first[apart] * n + second[apart]
        codes.append(code)
        in_part = np.fromiter((w.get(term, 0.0) for w in weight), dtype=np.float64,
                              count=len(weight))
        weights.append(in_part[part_of[second[apart]]])
    if not codes:
        return []
    pairs, where = np.unique(np.concatenate(codes), return_inverse=True)
    totals = np.bincount(where, weights=np.concatenate(weights))
    kept = pairs[totals >= MIN_SHARED_WEIGHT]
    return [(int(code // n), int(code % n)) for code in kept]


@dataclass(frozen=True)
class _Parts:
    """A page read as consecutive parts, each weighing its words as a page of its own.

    A page of fewer than twice `REFERENCE_BLOCKS` blocks (with sentences to match) is one
    part: the whole page, a word's blocks counted as on a page of `REFERENCE_BLOCKS`
    blocks when it is longer. A longer page is cut into parts of `REFERENCE_BLOCKS` to
    twice as many blocks. Counted on a whole long page, a word that one part has in two
    blocks has its page-wide average instead, which is higher for exactly the words a pair
    of that part shares rarely: the 100k-word bench page found 2 of the 26 phrase
    re-tellings its own first 10k words show."""

    #: The part of each block (those with sentences to match).
    of_block: dict[int, int]
    #: Each part's weights: English rarity, discounted for words many of its blocks share.
    weigh: list[Callable[[str], float]]
    #: Each part's blocks each word is in (`block_frequency`), from its first block to
    #: the next part's (the first from the page's start, the last to its end).
    in_blocks: list[Counter[str]]


def consecutive_parts(blocks: Sequence[int]) -> list[list[int]]:
    """`blocks` (in page order) cut into consecutive parts of `REFERENCE_BLOCKS` to twice
    as many; fewer than twice `REFERENCE_BLOCKS` blocks are one part. Both re-telling
    routes cut a long page this way, each over the blocks it reads."""
    count = max(1, len(blocks) // REFERENCE_BLOCKS)
    out: list[list[int]] = [[] for _ in range(count)]
    for rank, block in enumerate(blocks):
        out[rank * count // len(blocks)].append(block)
    return out


def _parts(page: Page, sentences: list[_Sentence]) -> _Parts:
    cut = consecutive_parts(sorted({s.block for s in sentences}))
    count = len(cut)
    of_block = {block: number for number, part in enumerate(cut) for block in part}
    members: list[list[_Sentence]] = [[] for _ in range(count)]
    for s in sentences:
        members[of_block[s.block]].append(s)
    weigh = []
    for own in members:
        size = len({s.block for s in own})
        weigh.append(page_weights((s.view.terms for s in own), (s.block for s in own),
                                  scale=min(1.0, REFERENCE_BLOCKS / max(1, size))))
    starts = [0] + [part[0] for part in cut[1:]]
    ends = [*starts[1:], len(page.blocks)]
    in_blocks = [block_frequency(page, range(a, b)) for a, b in zip(starts, ends, strict=True)]
    return _Parts(of_block, weigh, in_blocks)


def _find(page: Page, body: set[int]) -> list[_Flag]:
    sentences = _sentences(page, body)
    if len(sentences) < 2:
        return []
    parts = _parts(page, sentences)
    part = [parts.of_block[s.block] for s in sentences]
    weight: list[dict[str, float]] = [{} for _ in parts.weigh]
    for s, k in zip(sentences, part, strict=True):
        for t in s.view.terms:
            if t not in weight[k]:
                weight[k][t] = parts.weigh[k](t)
    model = matcher()
    # What a sentence brings to every pair it is in, worked out once for it: a long page
    # pairs a sentence with many others, and each pair re-read both (words, template frame).
    words: dict[int, list[str]] = {}
    frames: dict[int, _Frame] = {}

    def words_of(i: int) -> list[str]:
        if i not in words:
            words[i] = normalise(sentences[i].view.text).split()
        return words[i]

    def frame_of(i: int) -> _Frame:
        if i not in frames:
            frames[i] = _Frame.of(_span(page, sentences[i]))
        return frames[i]

    entries = _entry_openings(page, body, sentences, frame_of)
    # For each later sentence and earlier block, keep the best-matching earlier sentence.
    best: dict[tuple[int, int], Alignment] = {}
    for i, j in _candidates(sentences, weight, part):
        deadline.check()
        if sentences[i].block > sentences[j].block:
            i, j = j, i
        if i in entries and entries.get(j) == entries[i]:
            continue  # two entries of one list: parallel, not one told twice
        earlier, later = sentences[i], sentences[j]
        if numbers_disagree(earlier.view, later.view):
            continue
        p = model.probability(earlier.view, later.view, english_weight)
        if p < LONG_PHRASE_THRESHOLD:
            continue
        key = (j, earlier.block)
        held = best.get(key)
        if held is not None and p <= held.probability:
            continue  # it could not replace the pair held, whatever the checks below say
        runs = _runs(words_of(i), words_of(j))
        phrase = max(run.size for run in runs)
        if not _retells(p, phrase) or parallel_template(frame_of(i), frame_of(j)):
            continue
        rare = _rare(words_of(i), runs, parts.in_blocks[part[j]])
        best[key] = Alignment(earlier, later, p, phrase, rare)

    by_blocks: dict[tuple[int, int], list[Alignment]] = defaultdict(list)
    for alignment in best.values():
        by_blocks[(alignment.earlier.block, alignment.later.block)].append(alignment)
    retold: dict[int, set[int]] = defaultdict(set)
    for alignment in best.values():
        retold[alignment.later.block].add(alignment.later.view.start)
    def whole_of(index: int) -> SentenceView:
        return whole_view(page.docs[index])

    flagged = []
    for (earlier_block, later_block), alignments in sorted(by_blocks.items(),
                                                           key=lambda kv: kv[0][::-1]):
        alignments.sort(key=lambda a: a.later.view.start)
        share = len(retold[later_block]) / _sentence_count(page, later_block)
        weigh = parts.weigh[parts.of_block[later_block]]
        if _is_retelling(alignments, share) and _is_copied(earlier_block, later_block,
                                                           alignments, weigh, whole_of):
            flagged.append((earlier_block, later_block, alignments))
    return flagged


_Flag = tuple[int, int, list[Alignment]]


def _entry_openings(page: Page, body: Container[int], sentences: Sequence[_Sentence],
                    frame_of: Callable[[int], _Frame]) -> dict[int, int]:
    """Opening sentences of entries of one list written as paragraphs, mapped to their run.

    Legal and reference pages print a list as paragraphs, one template each: a permission
    and what the app does with it, a cookie's purpose and storage period, a glossary's
    terms, a FAQ's answers in one frame. Each entry shares its opening words with the next
    and fills the slot with another thing ("may use this permission to read your contacts"
    / "... to display your call log"), and the phrase route sees one claim told four
    times. A run is `ENTRY_RUN` or more consecutive paragraphs (of those with sentences to
    match) whose opening sentences are entries of one frame each with the next
    (`_Frame.entry`) *and* that each carry their own label (`_labelled`).

    The frame alone does not tell a list from a content farm: a farm re-telling a claim
    in place keeps the words it keeps in order ("The challenges facing Puerto Rico are
    significant, but the spirit of the Puerto Rican people ..." / "The challenges are
    great, but the spirit of the Puerto Rican people ..."), and passes `_Frame.entry`. The
    label is what a list has and a farm's paragraphs do not. Only the opening sentences'
    pairs are skipped: an entry's later sentences can still re-tell one another. Between
    two entries there may be short label blocks, and blocks the route does not compare
    (not in `body`: paragraphs already flagged as repeats, list items, table rows); a
    heading that is not the later entry's own label, or any other paragraph, ends the
    run. Two entries' labels must differ but for numbers (`_same_label`). A paragraph
    printed again word for word is an exact repeat, found before this route."""
    opening: dict[int, int] = {}
    for index, sentence in enumerate(sentences):
        opening.setdefault(sentence.block, index)
    blocks = sorted(opening)

    def joined(a: int, b: int) -> bool:
        """Whether `b` is the entry after `a` in one list."""
        deadline.check()
        label = _labelled(page, b, opening)
        earlier = _labelled(page, a, opening)
        if label is None or earlier is None or _same_label(label[1], earlier[1]):
            return False  # (one lead on every paragraph, "Update:", labels nothing)
        for between in range(a + 1, b):
            if page.blocks[between].is_heading:
                if between < b - 1 or label[0] != "block":
                    return False  # a section heading, not the entry's label
            elif between in body and not _label_text(page.blocks[between].text):
                return False  # a paragraph between them that is no label
        return frame_of(opening[a]).entry(frame_of(opening[b]))

    runs: dict[int, int] = {}
    start = 0
    for k in range(1, len(blocks) + 1):
        if k < len(blocks) and joined(blocks[k - 1], blocks[k]):
            continue
        if k - start >= ENTRY_RUN:
            runs.update((opening[block], start) for block in blocks[start:k])
        start = k
    return runs


_Label = tuple[Literal["lead", "block"], str]


def _labelled(page: Page, block: int, matchable: Container[int]) -> _Label | None:
    """How a paragraph carries its own label as a list entry, if it does, and the label:
    "lead" when it opens with a code-like token ("android.permission.READ_CONTACTS",
    "ISO_8601") or a lead of a few words ending in ":" ("Zweck:", "Reverse repo rate:");
    "block" when the block just before it is a label of its own (a short block with no
    sentence to match, or a question: the permission's name, a FAQ's question, a `<dt>`).
    A heading is a label only as a question: a farm article's sections each open under a
    heading too. A list number ("1.", "(2)") names no thing of its own: a listicle's
    numbered paragraphs can re-tell one another."""
    text = page.blocks[block].text.strip()
    words = text.split()
    if not words:
        return None
    if _CODE_LIKE.fullmatch(words[0].rstrip(":,;")):
        return "lead", words[0]
    lead = _LEAD.match(text)
    if lead and len(lead.group(1).split()) <= LEAD_WORDS:
        return "lead", lead.group(1)
    if block == 0 or block - 1 in matchable:
        return None
    before = page.blocks[block - 1]
    if before.is_heading and not before.text.strip().endswith("?"):
        return None  # a section heading: every section of an article has one
    return ("block", before.text) if _label_text(before.text) else None


def _same_label(a: str, b: str) -> bool:
    """Labels that name no different things: the same words but for numbers ("Update:",
    "Update 2:"), which a live blog or a farm prints on every paragraph."""
    return _NOT_LETTERS.sub("", a).lower() == _NOT_LETTERS.sub("", b).lower()


_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _label_text(text: str) -> bool:
    """Whether a block reads as a label of its own: a few words, or a question."""
    text = text.strip()
    return bool(text) and (len(text.split()) <= LABEL_WORDS or text.endswith("?"))


#: A code-like token: with an underscore, dotted names with a lower-case or digit part
#: ("android.permission.CAMERA", "1.2"; not "U.S."), letters and digits together ("A4", "5G").
_CODE_LIKE = re.compile(
    r"\w*_\w+|\w*\d\w*(?:\.\w+)+|\w*[a-z]\w*(?:\.\w+)+|(?:\w+\.)+\w*[a-z\d]\w*"
    r"|[A-Z]+\d\w*|\d+[A-Z]\w*")
#: A label lead: a few words before a colon, at the very start of the paragraph.
_LEAD = re.compile(r"([^:.!?]{1,60}):\s")


def _is_copied(earlier: int, later: int, alignments: list[Alignment],
               weight: Callable[[str], float], whole: Callable[[int], SentenceView]) -> bool:
    """Sentences that re-word one another around the page's own topic words are two
    paragraphs on one subject; a re-telling carries over a phrase of its own, or says the
    whole earlier paragraph again (its sentences merged or split, so that no one sentence
    pair shows it). `whole` gives a block's view as one sentence."""
    if any(a.rare >= RARE_PHRASE_WORDS for a in alignments):
        return True
    return matcher().probability(whole(earlier), whole(later), weight) >= PARAGRAPH_THRESHOLD


def _sentence_count(page: Page, index: int) -> int:
    return sum(1 for _ in page.docs[index].sents) or 1


def numbers_disagree(a: SentenceView, b: SentenceView) -> bool:
    """Parallel sentences with other figures state other facts, not the same one twice:
    "In Buffalo, 26 inches of snow had fallen" / "In Syracuse, 14 inches of snow had
    fallen"; three car models "able to go from zero to 60 mph in" 5.8, 3.5 and 5 seconds."""
    if not a.numbers or not b.numbers:
        return False
    return len(a.numbers & b.numbers) / len(a.numbers | b.numbers) < NUMBERS_AGREE


def block_frequency(page: Page, indexes: Sequence[int] | None = None) -> Counter[str]:
    """In how many blocks (of `indexes`, the whole page by default) each (normalised) word
    occurs."""
    blocks = page.blocks if indexes is None else [page.blocks[i] for i in indexes]
    return Counter(word for block in blocks for word in set(normalise(block.text).split()))


def rare_phrase(a: str, b: str, in_blocks: Counter[str]) -> int:
    """Content words, rare on the page, of the richest run of words two sentences share."""
    words_a, words_b = normalise(a).split(), normalise(b).split()
    return _rare(words_a, _runs(words_a, words_b), in_blocks)


def shared_phrase(a: str, b: str) -> int:
    """Length in words of the longest run of words two sentences share, punctuation aside."""
    return max(run.size for run in _runs(normalise(a).split(), normalise(b).split()))


def _runs(words_a: list[str], words_b: list[str]) -> list[Match]:
    """The runs of words two sentences share, in order. The longest of them is the longest
    common run (`get_matching_blocks` starts from it), so one matcher serves both the
    phrase length and its rare words."""
    return SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks()


def _rare(words_a: list[str], runs: list[Match], in_blocks: Counter[str]) -> int:
    return max(
        (sum(1 for word in words_a[run.a : run.a + run.size]
             if len(word) > 1 and word not in STOP_WORDS and in_blocks[word] <= RARE_IN_BLOCKS)
         for run in runs),
        default=0,
    )


def _retells(probability: float, phrase: int) -> bool:
    return (probability >= SENTENCE_THRESHOLD and phrase >= PHRASE_WORDS) or (
        probability >= LONG_PHRASE_THRESHOLD and phrase >= LONG_PHRASE_WORDS
    )


def _is_retelling(alignments: list[Alignment], share: float) -> bool:
    """A paragraph is a re-telling when most of it re-tells what came before.

    One sentence that happens to re-word an earlier one is how news is written (a lede
    summarised, a fact recalled); a paragraph whose sentences mostly re-tell earlier
    paragraphs is the same story told again. A pair that re-tells several sentences of
    one paragraph is a re-telling whatever else the paragraph holds.
    """
    return share >= RETOLD_SHARE or sum(a.probability for a in alignments) >= STRONG_PAIR


def _span(page: Page, sentence: _Sentence) -> Span:
    """The parsed sentence behind a sentence view (its tokens, tags and entities)."""
    doc = page.docs[sentence.block]
    span = doc.char_span(sentence.view.start, sentence.view.end, alignment_mode="expand")
    return span if span is not None else doc[:]


def parallel_template(a: Span | _Frame, b: Span | _Frame) -> bool:
    """Whether two sentences are one frame with a different slot: parallel statements about
    two things, not one thing told twice ("For a 7-site measurement in women, ..." / "... in
    men, ..."; "As for Bieber, he has been focusing on ..." / "Gomez has been focusing on
    ..."). Such pairs share long phrases and the matcher likes them, yet the words that
    differ are exactly the content: a name, a place, a group.

    The frame is the run of words both share in order (`TEMPLATE_FRAME` of the shorter at
    least, and at most `TEMPLATE_SLOT_WORDS` content words on either side that the other
    lacks); a slot is a place where each side puts words the other does not have at all. It
    is a template when a slot swaps a name for another name of the same kind (two people,
    two places, two companies), or one noun for another of the same form (men and women,
    one product for another). A re-telling re-words around what it keeps: a
    synonym swapped ("a new chapter" / "a new beginning") keeps the other's word elsewhere,
    a name moved ("Ashford manager Graham Pollard" / "Manager Graham Pollard ... Ashford")
    is in both, and re-worded sentences differ in more than a slot.

    Either side may be given as its `_Frame`, read once for the many pairs it is in."""
    frame_a = a if isinstance(a, _Frame) else _Frame.of(a)
    frame_b = b if isinstance(b, _Frame) else _Frame.of(b)
    return frame_a.parallel(frame_b)


@dataclass(frozen=True)
class _Frame:
    """A sentence as `parallel_template` compares it, read from its tokens once: its words
    (punctuation aside), the key each is compared by, and which are content words."""

    tokens: list[Token]
    keys: list[str]
    content: list[bool]

    @classmethod
    def of(cls, span: Span) -> _Frame:
        tokens = _template_tokens(span)
        return cls(tokens, [_key(t) for t in tokens], [_content(t) for t in tokens])

    def parallel(self, other: _Frame) -> bool:
        """`parallel_template` of the two sentences."""
        ta, tb, keys_a, keys_b = self.tokens, other.tokens, self.keys, other.keys
        if not ta or not tb:
            return False
        in_a, in_b = set(keys_a), set(keys_b)
        # Per token: a content word the other sentence does not have at all.
        new_a = [c and k not in in_b for c, k in zip(self.content, keys_a, strict=True)]
        new_b = [c and k not in in_a for c, k in zip(other.content, keys_b, strict=True)]
        only_a = {k for k, new in zip(keys_a, new_a, strict=True) if new}
        only_b = {k for k, new in zip(keys_b, new_b, strict=True) if new}
        if len(only_a) > TEMPLATE_SLOT_WORDS or len(only_b) > TEMPLATE_SLOT_WORDS:
            return False  # checked first: it needs no matcher, and most re-tellings fail it
        matcher_ = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
        frame = sum(m.size for m in matcher_.get_matching_blocks())
        if frame < TEMPLATE_FRAME * min(len(ta), len(tb)):
            return False
        for tag, i1, i2, j1, j2 in matcher_.get_opcodes():
            if tag != "replace":
                continue
            slot_a = [t for t, new in zip(ta[i1:i2], new_a[i1:i2], strict=True) if new]
            slot_b = [t for t, new in zip(tb[j1:j2], new_b[j1:j2], strict=True) if new]
            if _swapped(slot_a, slot_b):
                return True
        return False

    def entry(self, other: _Frame) -> bool:
        """Whether two sentences could be entries of one list (`_entry_openings`): they
        share a frame in order (`ENTRY_FRAME` of the shorter), each puts words in its slot
        that the other does not have at all, and no content word outside the frame is in
        both. A re-telling that moves what it keeps ("after engineers found cracks" /
        "cracks were found ... by engineers") fails it; one that re-words in place, keeping
        its words in order, passes it, so a run also needs each entry's own label."""
        if not self.tokens or not other.tokens:
            return False
        if len(self.tokens) > ENTRY_WORDS or len(other.tokens) > ENTRY_WORDS:
            return False
        matcher_ = SequenceMatcher(None, self.keys, other.keys, autojunk=False)
        in_frame_a: set[int] = set()
        in_frame_b: set[int] = set()
        for m in matcher_.get_matching_blocks():
            in_frame_a.update(range(m.a, m.a + m.size))
            in_frame_b.update(range(m.b, m.b + m.size))
        if len(in_frame_a) < ENTRY_FRAME * min(len(self.keys), len(other.keys)):
            return False
        outside_a = {k for n, (k, c) in enumerate(zip(self.keys, self.content, strict=True))
                     if c and n not in in_frame_a}
        outside_b = {k for n, (k, c) in enumerate(zip(other.keys, other.content, strict=True))
                     if c and n not in in_frame_b}
        if outside_a & outside_b:
            return False  # a content word moved: the same thing said in another order
        return bool(outside_a - set(other.keys)) and bool(outside_b - set(self.keys))


def _template_tokens(span: Span) -> list[Token]:
    return [t for t in span if not t.is_punct and not t.is_space]


def _key(token: Token) -> str:
    return token.lower_ if token.pos_ in ("PROPN", "NUM") else token.lemma_.lower()


def _content(token: Token) -> bool:
    return not token.is_stop and any(c.isalnum() for c in token.text)


def _swapped(slot_a: list[Token], slot_b: list[Token]) -> bool:
    """Each side of a slot names a different thing of one kind: names with a label in
    common, or a single noun each with the same tag (both plural: "women" / "men"; the
    pipeline runs no parser, so the tag is the role it can compare)."""
    names_a = {t.ent_type_ for t in slot_a if t.ent_type_ in NAME_LABELS}
    names_b = {t.ent_type_ for t in slot_b if t.ent_type_ in NAME_LABELS}
    if names_a & names_b:
        return True
    if len(slot_a) == 1 and len(slot_b) == 1:
        x, y = slot_a[0], slot_b[0]
        return x.pos_ == y.pos_ == "NOUN" and x.tag_ == y.tag_
    return False
