"""Find the date phrases of a parsed block: spaCy's DATE entities plus what the small model misses.

The small English model tags "November 7, 2024" and "a day earlier" as DATE, but it
misses vague references ("recently", "now"), some anaphoric phrases ("the following
week", "later that day") and, at times, a bare weekday. A handful of regular
expressions over the block text add those, never overlapping an entity the model found.

Each phrase keeps two extents: the expression proper (what TimeML would mark:
"November 8", "just a day earlier") and the extent shown to a reader, which takes a
directly preceding "on" ("on November 8"), because that is how the sentence reads.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from .grammar import MONTHS, WEEKDAYS

_MONTH = "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(
    d.capitalize() for d in sorted(WEEKDAYS, key=len, reverse=True) if len(d) > 4
)
_NUM = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|\d{1,3}|a couple of|several|a few)"
)

#: Phrases the model tends to miss. Case-insensitive unless the pattern needs capitals.
_PATTERNS = [
    re.compile(
        rf"\b{_NUM} (?:days?|weeks?|months?|years?|decades?) "
        r"(?:earlier|later|before|after|ago|previously|afterwards?)\b",
        re.I,
    ),
    re.compile(
        r"\bthe (?:next|following|previous|preceding|prior|same) "
        r"(?:day|week|weekend|month|year|morning|afternoon|evening|night)\b",
        re.I,
    ),
    re.compile(r"\b(?:earlier|later) (?:this|that) (?:week|month|year|day|morning|evening)\b",
               re.I),
    re.compile(r"\b(?:later|earlier) that (?:day|night|morning|evening|week|month)\b", re.I),
    re.compile(r"\bthe (?:day|week|month|year) (?:before|after)\b(?! (?:the|a|an|his|her|its|"
               r"their|our|my)\b)", re.I),
    re.compile(r"\b(?:yesterday|today|tomorrow|tonight)\b", re.I),
    re.compile(rf"\b(?:(?:last|this|next) )?(?:{_WEEKDAY})\b"),
    re.compile(
        rf"\b(?:(?:{_WEEKDAY}),? )?(?:(?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH})\b\.?"
        rf"|(?:{_MONTH})\.? \d{{1,2}}(?:st|nd|rd|th)?\b)(?:,? \d{{4}}\b)?"
    ),
    re.compile(
        r"\b(?:now|currently|recently|lately|nowadays|"
        r"the (?:near )?future|the past|recent (?:years|months|weeks|days))\b",
        re.I,
    ),
]
#: Words before a phrase that belong to it ("just a day earlier", "nearly two years ago").
_MODIFIERS = re.compile(
    r"(?:\b(?:just|only|some|about|nearly|almost|around|roughly|approximately|barely|"
    r"more than|less than|at least|exactly|precisely)\s+)$",
    re.I,
)
#: "over" and "under" belong to a counted phrase ("over two years"), not to "over the weekend".
_OVER = re.compile(r"\b(?:over|under|well over)\s+$", re.I)
_COUNTED = re.compile(rf"{_NUM}\b|\d", re.I)
_LEADING_PREPOSITION = re.compile(
    r"^(?:on|in|at|by|since|until|from|during|between|its|their|his|her|our)\s+", re.I
)
_DISPLAY_ON = re.compile(r"\b[Oo]n\s+$")
_TRAILING = re.compile(r"(?:['’]s|['’]|[\s.,;:!?)\]\"”]+|\s+(?:and|or|to|through|until))$")
_SPLIT = re.compile(
    r"\s*(?:,?\s*\band\b|\bto\b|\bthrough\b|\bor\b|\bended\b|\bending\b|,|[-–—/])\s*"
)
_BARE_NUMBER = re.compile(r"\d{1,3}")
_TIME_DATE_WORD = re.compile(
    rf"\b(?:{_WEEKDAY}|{_MONTH}|today|yesterday|tomorrow|tonight|last night)\b", re.I
)


@dataclass(frozen=True)
class Phrase:
    """A date phrase found on the page, with its place and the grammar of its sentence."""

    block: int
    #: The expression proper, in code points of the block text.
    start: int
    end: int
    text: str
    #: Where a reader's highlight starts (includes a directly preceding "on").
    display_start: int
    #: Index of its sentence among all sentences of the page (for "the previous sentence").
    sentence: int
    #: Token range of the phrase and of its sentence in the block's Doc.
    token_start: int
    token_end: int
    sent_start: int
    sent_end: int
    #: -1 past, +1 future, 0 unknown: the tense of the clause around the phrase.
    tense: int
    #: "ner" for the model's entities, "pattern" for ours.
    source: str

    #: The text a reader sees highlighted ("on November 8").
    display_text: str


def find_phrases(doc: Doc, block: int, sentence_offset: int) -> Iterator[Phrase]:
    """The date phrases of one block, in text order."""
    text = doc.text
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if _BARE_NUMBER.fullmatch(ent.text):
            continue  # ages and counts the model calls DATE ("52")
        if ent.label_ == "DATE" or (
            ent.label_ == "TIME" and _TIME_DATE_WORD.search(ent.text)
        ):
            start, end = _trim(text, ent.start_char, ent.end_char)
            spans.extend((s, e, "ner") for s, e in _split(text, start, end))
    taken = sorted(spans)
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == end:
                continue
            overlapping = [s for s in taken if s[0] < end and start < s[1]]
            if not overlapping:
                taken.append((start, end, "pattern"))
                taken.sort()
            elif all(start <= s[0] and s[1] <= end for s in overlapping) and (
                end - start > max(s[1] - s[0] for s in overlapping)
            ):
                # Our phrase contains the model's ("the following week" vs "week").
                for s in overlapping:
                    taken.remove(s)
                taken.append((start, end, "pattern"))
                taken.sort()
    if not taken:
        return
    sent_starts = [sent.start for sent in doc.sents]
    sent_bounds = [(sent.start, sent.end) for sent in doc.sents]
    for start, end, source in taken:
        start, end = _tidy(text, start, end)
        if start >= end:
            continue
        display_start = start
        if display := _DISPLAY_ON.search(text, max(0, start - 4), start):
            display_start = display.start()
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        index = bisect.bisect_right(sent_starts, span.start) - 1
        sent_start, sent_end = sent_bounds[index]
        yield Phrase(
            block=block,
            start=start,
            end=end,
            text=text[start:end],
            display_start=display_start,
            sentence=sentence_offset + index,
            token_start=span.start,
            token_end=span.end,
            sent_start=sent_start,
            sent_end=sent_end,
            tense=clause_tense(doc, span.start, span.end, sent_start, sent_end),
            source=source,
            display_text=text[display_start:end],
        )


def sentence_count(doc: Doc) -> int:
    return sum(1 for _ in doc.sents)


def _tidy(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop possessives, trailing punctuation and a leading preposition; take hedges in."""
    phrase = text[start:end]
    while (match := _TRAILING.search(phrase)) and match.start() > 0:
        phrase = phrase[: match.start()]
    end = start + len(phrase)
    if match := _LEADING_PREPOSITION.match(phrase):
        start += match.end()
    match = _MODIFIERS.search(text, max(0, start - 20), start)
    if match is None and _COUNTED.match(text, start):
        match = _OVER.search(text, max(0, start - 12), start)
    if match is not None:
        start = match.start()
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut words the model ran into a DATE ("March 4, 2024, after months") until it reads."""
    from .grammar import read

    phrase = text[start:end]
    if read(phrase).kind != "unknown":
        return start, end
    words = list(re.finditer(r"\S+", phrase))
    for cut in range(len(words) - 1, max(0, len(words) - 5), -1):
        head = phrase[: words[cut - 1].end()]
        if read(head).kind not in ("unknown", "duration"):
            return start, start + len(head.rstrip(",;: "))
    for cut in range(1, min(4, len(words))):
        tail = phrase[words[cut].start():]
        if read(tail).kind not in ("unknown", "duration"):
            return start + words[cut].start(), end
    return start, end


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a range the model tags as one DATE ("Nov. 7 and 8", "1990 to 1995") when each
    side is a date on its own; otherwise keep the entity whole."""
    from .grammar import read

    phrase = text[start:end]
    parts = list(_SPLIT.finditer(phrase))
    if not parts or read(phrase).kind != "unknown":
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for sep in parts:
        pieces.append((cursor, sep.start()))
        cursor = sep.end()
    pieces.append((cursor, len(phrase)))
    pieces = [(a, b) for a, b in pieces if b > a]
    if len(pieces) >= 2 and all(read(phrase[a:b]).kind in ("date", "relative") for a, b in pieces):
        return [(start + a, start + b) for a, b in pieces]
    return [(start, end)]


_FUTURE_WORDS = frozenset({"will", "'ll", "shall", "wo", "’ll"})
_FUTURE_LEMMAS = frozenset({"plan", "schedule", "expect", "due", "set", "intend", "aim",
                            "hope", "upcoming", "next"})


#: Verbs that set a date for something ("has scheduled"). Not "set" or "plan": "has set
#: a record Thursday", "have planned the raid Monday" are done.
_SCHEDULING = frozenset({"schedule"})


def _has_scheduled(doc: Doc, i: int) -> bool:
    """'has scheduled', 'have set': a date set now for what is to come."""
    return doc[i].tag_ == "VBN" and doc[i].lemma_ in _SCHEDULING and i > 0 and \
        doc[i - 1].lower_ in ("has", "have")


def clause_tense(doc: Doc, start: int, end: int, sent_start: int, sent_end: int) -> int:
    """-1 when the verb nearest the phrase is past, +1 when it is future, else 0.

    Without a parser, the verb a date attaches to is approximated by the nearest verb
    that shows its tense ("said Friday", "will meet Friday"), however far: in "Readers
    will remember that they obtained a warrant in the Oct. 23 shooting" the date is of
    the past clause, not of the frame's "will". The whole sentence decides only when no
    verb shows a tense.
    """
    lo, hi = start, end
    while lo > sent_start and doc[lo - 1].text not in _CLAUSE_PUNCT:
        lo -= 1
    # A clause the date is followed by is another act's ("approved an amendment on
    # Tuesday that will grant billions": the grant is to come, the approval is past).
    while hi < sent_end and doc[hi].text not in _CLAUSE_PUNCT and not (
            hi > start and doc[hi].lower_ in _CLAUSE_WORDS):
        hi += 1
    k = word_before(doc, start, sent_start)
    fronted = fronted_opener(doc, start, sent_start)
    if fronted is not None:
        # "Readers will remember that in Paris on May 9, Scholz met …": the date is in a
        # phrase fronted in the clause "that" opens; the frame's "will" is not its tense.
        k = fronted
    if k >= sent_start and doc[k].lower_ in CLAUSE_OPENERS:
        lo = k + 1
    # The phrase's own clause first: in "… plans to announce products on 6 November, the
    # report said" the date is of the announcing, not of the attribution after the comma.
    # A date that opens a clause ("Readers will remember that on Monday, …, Acheson
    # signed", ", on 3 May, police raided") then looks ahead, to the verb it opens.
    opens = (k < sent_start or doc[k].text == "," or doc[k].lower_ in CLAUSE_OPENERS
             or fronted is not None)
    if fronted is not None:
        lo = fronted + 1
    searches = [(lo, hi)] + ([(end, sent_end)] if opens else []) + [(sent_start, sent_end)]
    # "will then travel to Berlin on Friday to meet Scholz": the infinitive after the date
    # is the travel's purpose; the "will" before it tells the date's tense. Without such a
    # word ("has invited them to a ceremony on March 12 to mark …") the infinitive still
    # says the tense is not told.
    future_before = any(doc[j].lower_ in _FUTURE_WORDS or _has_scheduled(doc, j)
                        for j in range(lo, start))
    for bounds in searches:
        for distance in range(1, max(10, sent_end - sent_start)):
            for i in (end - 1 + distance, start - distance):
                if bounds[0] <= i < bounds[1]:
                    tense = _verb_tense(doc, i, after=i >= end and future_before,
                                        own=i == k)
                    if tense is not None:
                        return tense
    return _tense(doc, sent_start, sent_end)


#: Parts of speech of a verbless phrase fronted before its clause ("in Paris on May 9",
#: "in national over-the-counter trading on Tuesday").
_FRONTED_POS = frozenset({"ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "PART"})


def fronted_opener(doc: Doc, start: int, sent_start: int) -> int | None:
    """The "that" (or another subordinator) that opens a clause whose first words are a
    verbless phrase holding the date at `start` ("… remember that in Paris on May 9, 2024,
    Scholz met Macron", "It bears repeating that in national trading on Tuesday, POP
    plunged"): the date is of the clause after the phrase, not of the verb before "that".
    None when a verb, a pronoun or a break stands between, or the phrase does not open
    with a preposition."""
    k = start - 1
    while k >= sent_start and (doc[k].pos_ in _FRONTED_POS or doc[k].tag_ == "HYPH"):
        if _subordinator(doc, k):
            break
        k -= 1
    if k < sent_start or not _subordinator(doc, k) or k + 1 >= start:
        return None
    return k if doc[k + 1].pos_ == "ADP" else None


def _subordinator(doc: Doc, k: int) -> bool:
    """'that' as a complementizer (tagged IN, or a "determiner" before a preposition, as
    the small model tags it in "bears repeating that in …"), or another subordinator."""
    token = doc[k]
    if token.lower_ == "that":
        return token.tag_ == "IN" or (k + 1 < len(doc) and doc[k + 1].pos_ == "ADP")
    return token.pos_ == "SCONJ"


#: Words after which a date opens a clause of its own ("… remember that on Monday …").
CLAUSE_OPENERS = frozenset({"that", "but", "and", "yet", "so"})


def word_before(doc: Doc, start: int, sent_start: int) -> int:
    """The index of the word before a date phrase starting at `start`, its prepositions
    skipped ("that on Monday" → "that"); below `sent_start` when the sentence opens with it.
    What it is tells whether the date opens a clause (`CLAUSE_OPENERS`, a comma)."""
    k = start - 1
    while k >= sent_start and doc[k].pos_ == "ADP":
        k -= 1
    return k


#: Punctuation between clauses, for `clause_tense`.
_CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")"})
#: Words that open a relative or a reported clause after a date, for `clause_tense`.
_CLAUSE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "where"})


#: Verbs after "will" that frame a telling of what is done ("Readers will remember that").
_RECALLING = frozenset({"remember", "recall", "note", "know", "see", "read", "hear", "learn",
                        "find", "notice", "say", "tell"})


def _only_told_ahead(doc: Doc, i: int) -> bool:
    """Whether every "will" before `i` in its sentence frames a telling ("Readers will
    remember that a statement published Saturday …"), so a participle's own past stands;
    "will keep the roads closed Friday" is an act to come, and so is its Friday."""
    return all(
        t.i + 1 >= len(doc) or doc[t.i + 1].lemma_ in _RECALLING
        for t in doc[doc[i].sent.start:i] if t.lower_ in _FUTURE_WORDS)


def _verb_tense(doc: Doc, i: int, after: bool = False, own: bool = False) -> int | None:
    """The tense the word at `i` shows, or None. `after`: the word stands after the date
    phrase, whose own tense an infinitive there does not tell ("will then travel to
    Berlin on Friday to sign": the signing's "to" says nothing of the travel). `own`: the
    word stands just before the date (its prepositions aside), so a participle there is
    the date's own ("a statement published Saturday")."""
    token = doc[i]
    lower, tag = token.lower_, token.tag_
    if lower in _FUTURE_WORDS or (tag == "MD" and lower == "would"):
        return 1
    if tag == "VBD":
        return -1
    if tag in ("VB", "VBN", "VBG"):
        before = [t.lower_ for t in doc[max(0, i - 3): i]]
        if any(w in _FUTURE_WORDS or w == "would" for w in before):
            return 1
        if _has_scheduled(doc, i):
            # "has scheduled a news conference Thursday": what is set now is to come.
            return 1
        if tag == "VBN" and any(w in ("has", "have", "had", "was", "were") for w in before):
            return -1
        if own and tag == "VBN" and i > 0 and doc[i - 1].pos_ in ("NOUN", "PROPN") and \
                token.lemma_ not in _FUTURE_LEMMAS and i + 1 < len(doc) and \
                doc[i + 1].lower_ not in ("for", "to") and _only_told_ahead(doc, i):
            # "a joint statement published Saturday": a participle after its noun tells
            # a done act, whatever "will" frames the sentence ("Readers will remember").
            return -1
        if tag == "VB" and before and before[-1] == "to" and any(
            t.lemma_ in _FUTURE_LEMMAS for t in doc[max(0, i - 4): i]
        ):
            return 1
        if tag == "VB" and before and before[-1] == "to" and not after:
            # "subpoenaed him to testify on Feb. 10": the infinitive's act comes after the
            # main verb's, and its time is not told; the main verb's past is not its own.
            return 0
    if token.lemma_ in _FUTURE_LEMMAS and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
        return 1
    return None


def _tense(doc: Doc, lo: int, hi: int) -> int:
    future = past = False
    for token in doc[lo:hi]:
        lower = token.lower_
        following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if (lower in _FUTURE_WORDS or (token.tag_ == "MD" and lower == "would")
                or (following == "to" and (lower == "going" or token.lemma_ in _FUTURE_LEMMAS))):
            future = True
        elif token.tag_ == "VBD":
            past = True
    if future:
        return 1
    return -1 if past else 0
