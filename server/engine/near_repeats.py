"""Near repeats: sentences copied (nearly) word for word from earlier paragraphs.

A paragraph is a near repeat when most of its words are in copied sentences, when it holds
an earlier paragraph whole, or when it copies one long sentence. Sentences are compared word
by word, and each is looked up through its few rarest words on the page (an inverted index
with no cap on common words, only on how deep each lookup goes), so a long repetitive page
stays close to linear and never goes blind.

What a page repeats on purpose is left alone: questions (an interview series asks every
guest the same ones), label lines (`is_label_line`: a credit line, a schedule row, a
footnote), lines printed three times or more, one template with a word swapped,
and sentences with other figures ("26 inches of snow" / "14 inches"), which state other
facts. A quote printed once as a quote (a quote block, or in quotation marks) and once
in the text is the author quoting: such a paragraph is returned with no pairs, so the
caller neither reports it nor looks at it again for a re-telling. Language-blind: it
runs on every page.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from . import deadline
from .page import Block, Page
from .text import normalise, template_lines

#: Sentences this alike word by word (rapidfuzz ratio over their words) are the same words,
#: not a re-telling: one word changed in ten.
NEAR_RATIO = 90
#: Sentences shorter than this (in words) count only when copied exactly: "If that is what
#: you wish" and "That is what I wish" are two lines of a dialogue.
EXACT_ONLY_WORDS = 10
#: A copied sentence must be this long (in words) to be a finding on its own; the farm
#: labels do not count repeats under 5 words, and short stock phrases recur in any text
#: ("We look forward to your feedback!", a credit line, "Retrieved on 29.09.2021"): on
#: real pages every copied sentence of 6 or 7 words was one of those (issue 12, half a).
NEAR_SENTENCE_WORDS = 8
#: ... and this long to be one even where the rest of its paragraph is new.
LONE_SENTENCE_WORDS = 14
#: Share of a paragraph's words in copied sentences that makes the paragraph a near repeat.
NEAR_SHARE = 0.5
#: Each sentence is looked up through this many of its rarest words, ...
LOOKUP_TERMS = 4
#: ... against at most this many earlier sentences of each (the latest), so that a page
#: repeating one sentence a thousand times stays linear.
LOOKUP_DEPTH = 64


#: A line this short (in words) with no sentence end is a label ("TV show, 6 episodes", "Your
#: registration was successful", a table-of-contents entry), not a statement: a page prints
#: its labels wherever its layout needs them.
LABEL_MAX_WORDS = 8
#: A row of fields with no sentence end is a label up to this long: a film's credits
#: ("Director: Ana Berg | Camera: Tom Weiss"), a schedule row ("Sat 12.03., 14:00, Sky Golf,
#: DP World Tour, round three"), a price line. Pages print such rows once per item.
FIELDS_MAX_WORDS = 20
#: Fields: parted by a bar or a bullet, two of them opened by a "Label:" of one or two words
#: ("Director: … Camera: …"), or holding a clock time or a day and month ("14:00",
#: "12.03."). One "Label:" opens a statement as often ("Breaking: Council votes …"), and a
#: figure with two decimals ("fell 12.40 percent") is no time.
_FIELDS = re.compile(r"\s[|•·]\s|^[^\s:]{2,30}(?:\s[^\s:]{1,30})?:\s.*\s[^\s:]{2,30}:\s"
                     r"|\b\d{1,2}:\d{2}\b|\b\d{1,2}\.\d{1,2}\.(?!\d)")
#: A table's or a list's footnote ("* Prices include VAT.", "¹ Source: …", "(1) As of May."),
#: printed under every table it belongs to, of this many words at most.
_FOOTNOTE = re.compile(r"^(?:\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹†‡]|\(\d{1,2}\))\s?\w")
FOOTNOTE_MAX_WORDS = 30
#: A schedule's rows that the extraction ran into one paragraph ("Do, 14.07. 08:00 Uhr
#: Runde 1 Sky Sport 2 Fr, 15.07. 08:00 Uhr Runde 2 …"): clock times or days and months at
#: least this many, ...
_WHEN = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\.\d{2}\s?(?:Uhr|h)\b|\b\d{1,2}\.\d{1,2}\.(?!\d)",
                   re.IGNORECASE)
SCHEDULE_MIN_TIMES = 3
#: ... one for every this many words at most (a row's few fields), with no sentence end.
SCHEDULE_WORDS_PER_TIME = 12
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»«›)\]]*$")


def is_label(block: Block) -> bool:
    """A block that is a label line (`is_label_line`): the one test of the exact and the
    near routes (`detectors/duplicates.py`), so the two agree on what a label is."""
    return not block.is_heading and is_label_line(block.text, len(normalise(block.text).split()))


def is_label_line(text: str, words: int) -> bool:
    """Whether a line of `words` words is a label the page prints wherever its layout needs
    it, not a statement: short with no sentence end, a row of fields with no sentence end
    (`_FIELDS`), rows of a schedule run together (`_WHEN`, no sentence end), or a footnote.
    Such a line printed twice is the page's doing, word for word or nearly (one credit
    line per film, one row per broadcast)."""
    text = text.strip()
    if _FOOTNOTE.match(text) and words <= FOOTNOTE_MAX_WORDS:
        return True
    if _SENTENCE_END.search(text):
        return False
    if words < LABEL_MAX_WORDS or (words <= FIELDS_MAX_WORDS and bool(_FIELDS.search(text))):
        return True
    times = len(_WHEN.findall(text))
    return times >= SCHEDULE_MIN_TIMES and words <= SCHEDULE_WORDS_PER_TIME * times


@dataclass(frozen=True)
class Sentence:
    block: int
    start: int
    end: int
    text: str
    words: tuple[str, ...]


def sentences_of(page: Page, blocks: list[int]) -> list[Sentence]:
    """Sentences by the parser where the page was parsed, else the whole block as one."""
    out = []
    for index in blocks:
        text = page.blocks[index].text
        spans = (
            [(s.start_char, s.end_char) for s in page.docs[index].sents]
            if index < len(page.docs) else [(0, len(text))]
        )
        for start, end in spans:
            words = tuple(normalise(text[start:end]).split())
            if words:
                out.append(Sentence(index, start, end, text[start:end], words))
    return out


@dataclass
class NearRepeat:
    """A paragraph that copies sentences of earlier ones (or contains one whole)."""

    block: int
    #: (sentence here, the earlier sentence it copies)
    pairs: list[tuple[Sentence, Sentence]] = field(default_factory=list)
    whole: bool = False


def find_near_repeats(page: Page, body: list[int]) -> list[NearRepeat]:
    """Paragraphs made (mostly) of sentences copied from earlier paragraphs.

    A sentence copied between a quote (`QUOTE_KINDS`) and a paragraph that is not one is
    quoted, not repeated (see the module's doc).

    Each sentence is looked up through its `LOOKUP_TERMS` rarest words on the page: a
    copied sentence shares all of them with its original, and looking up only a few keeps
    a long page linear where a cap on common words would switch the search off."""
    # A label line (a credit, a schedule row) is printed again by the layout, not copied.
    labels = {i for i in body if is_label(page.blocks[i])}
    every = sentences_of(page, [i for i in body if i not in labels])
    printed = Counter(s.words for s in every)
    templates = template_lines(" ".join(s.words) for s in every)
    sentences = [s for s in every if len(s.words) >= NEAR_SENTENCE_WORDS
                 and not _deliberate(s, printed, templates)]
    df = Counter(word for s in sentences for word in set(s.words))
    figures = [_figures(s) for s in sentences]
    postings: dict[str, list[int]] = defaultdict(list)
    copies: dict[int, list[tuple[Sentence, Sentence]]] = defaultdict(list)
    for k, sentence in enumerate(sentences):
        deadline.check()
        rare = sorted(set(sentence.words), key=lambda w: (df[w], w))[:LOOKUP_TERMS]
        seen: set[int] = set()
        best: tuple[float, int] | None = None
        for word in rare:
            for other in postings[word][-LOOKUP_DEPTH:]:
                if other in seen or sentences[other].block == sentence.block:
                    continue
                seen.add(other)
                if not _could_be_near(sentence, sentences[other]):
                    continue
                ratio = likeness(sentence, sentences[other])
                if (ratio >= NEAR_RATIO and figures[k] == figures[other]
                        and (best is None or ratio > best[0])):
                    best = (ratio, other)
        if best is not None:
            copies[sentence.block].append((sentence, sentences[best[1]]))
        for word in rare:
            postings[word].append(k)

    words_in: Counter[int] = Counter()
    for s in every:
        words_in[s.block] += len(s.words)
    quotes = {i for i, block in enumerate(page.blocks) if block.kind in QUOTE_KINDS}
    found = []
    for block, pairs in sorted(copies.items()):
        copied = sum(len(here.words) for here, _ in pairs)
        longest = max(len(here.words) for here, _ in pairs)
        whole = copied >= NEAR_SHARE * words_in[block]
        if whole or longest >= LONE_SENTENCE_WORDS or _contains(block, pairs, words_in):
            shown = [(here, there) for here, there in pairs
                     if not _quoting(here, there, quotes)]
            found.append(NearRepeat(block, shown, whole))
    return found


#: Block kinds that are quotes: a quote printed once as a quote and once in the text is
#: the author's repeat (here, and for word-for-word repeats in `detectors/duplicates.py`).
QUOTE_KINDS = frozenset({"blockquote"})
#: Quotation marks a quoted sentence opens or closes with, in the languages of the pages.
_QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›「」『』"


def _in_quotes(sentence: Sentence) -> bool:
    text = sentence.text.strip()
    return bool(text) and (text[0] in _QUOTE_MARKS or text.rstrip(".,;:!?…")[-1:] in _QUOTE_MARKS)


def _quoting(here: Sentence, there: Sentence, quotes: set[int]) -> bool:
    """One of the two is a quote (a quote block, or a sentence in quotation marks) and the
    other is not: the author quoting someone, or printing a quote of the text as a pull
    quote, not telling it twice. A copy with the same marks on both sides stays a copy."""
    return ((here.block in quotes) != (there.block in quotes)
            or _in_quotes(here) != _in_quotes(there))


def _deliberate(sentence: Sentence, printed: Counter[tuple[str, ...]],
                templates: set[str]) -> bool:
    """A question (asked of every guest of an interview series), a line printed three times
    or more, or one template with a word swapped ("Vote for Olga on the last page!", "Vote
    for Yana ...") is repeated on purpose, as with whole blocks."""
    return (sentence.text.rstrip().endswith("?") or printed[sentence.words] >= 3
            or " ".join(sentence.words) in templates)


def likeness(a: Sentence, b: Sentence) -> float:
    """Word-by-word similarity (0-100); short sentences are alike only when equal."""
    if min(len(a.words), len(b.words)) < EXACT_ONLY_WORDS:
        return 100.0 if a.words == b.words else 0.0
    return float(fuzz.ratio(a.words, b.words))


def _could_be_near(a: Sentence, b: Sentence) -> bool:
    """Whether the lengths alone leave `likeness` a chance of `NEAR_RATIO`: the ratio is at
    most 2·shorter / (both lengths), and short sentences must be equal. On a long page each
    sentence meets up to `LOOKUP_TERMS` × `LOOKUP_DEPTH` others, most of another length, so
    this keeps the search from aligning words it could tell apart by counting them."""
    shorter, longer = sorted((len(a.words), len(b.words)))
    if shorter < EXACT_ONLY_WORDS:
        return shorter == longer
    return 200 * shorter >= NEAR_RATIO * (shorter + longer)


def _figures(sentence: Sentence) -> set[str]:
    """Parallel sentences with other figures state other facts ("In Buffalo, 26 inches of
    snow had fallen" / "In Syracuse, 14 inches"), however alike their words."""
    return {word for word in sentence.words if any(c.isdigit() for c in word)}


def _contains(block: int, pairs: list[tuple[Sentence, Sentence]],
              words_in: Counter[int]) -> bool:
    """An earlier paragraph repeated whole inside this longer one."""
    by_twin: Counter[int] = Counter()
    for _, there in pairs:
        by_twin[there.block] += len(there.words)
    return any(n >= words_in[twin] * 0.9 for twin, n in by_twin.items())
