"""`newslint eval dates-injected DIR...`: recall on date conflicts built from real text.

Nobody wrote these pages for the test. The generator takes real pages (a folder with
`articles/*.txt`, one paragraph per blank-line block, as in `shared/data/farm`; one
with `ground-truth.json`, as in `shared/data/articles`; one with `expected.json` and
`html/`, as in `shared/data/web-pages`, whose English pages are read as `newslint check`
reads them; or TimeML `*.tml` files, as in `shared/data/tempeval3/train`, news of
1989–1998), finds sentences that tell a dated happening, and inserts elsewhere on the
page a re-telling of that sentence's happening:

* `absolute`: the day changed ("on March 12" → "on 14 March");
* `relative`: "a day earlier" / "two days later" in the date's place, counted from a
  dated sentence the generator puts just before it, landing on another day;
* `weekday`: "on Thursday", counted from the publication date, another day;
* `year`: the same day and month in another year; a source that does not write its
  year gets it written ("on Feb. 10, 2000"), since a bare "on Feb. 10" beside "on
  February 10, 1999" is one date to a reader;

and, for each kind, a control whose date is unchanged (it must not be flagged). A page
keeps the publication date it declares (TimeML's DCT, the web page's own); a page
without one, and every `weekday` injection (a writer names a weekday only within the
week of publishing), is published two days after the happening (before, for a coming
one).

How the detector is kept from recognising the generator rather than the event:

* the source sentences are chosen without the detector's vocabulary: one day-precise
  date said as a happening's day ("on May 6", "the May 6 vote", "Nov. 3's vote", "was
  last seen May 6"; on a page that declares its date also "said Friday", "On Monday,
  …", "yesterday", counted from that date; not a bound such as "until" or "the quarter
  ended"), found by the generator's own regular expressions (on a TimeML page: the
  corpus's TIMEX3 spans, each kept only when its annotated value agrees with the day
  the generator reads; the annotation confirms the day, it does not set it), a name
  (spaCy's entities), and nearest the date a verb in the past (or "will" and a verb)
  that is not "be" or "have" ("the stock was down … yesterday" tells a state); that
  verb, not any "will" elsewhere in the sentence, says whether a counted day is past or
  coming; never the detector's list of actions, so a happening the detector has no word
  for is a miss;
* the re-telling keeps the writer's own words for the act and its cast (with name
  variants: a surname for a full name; or, for a sentence that opens with its person,
  a pronoun, the sentence then appended to another paragraph that names the person:
  "… Trump said. He spoke to Zelensky a day earlier") and wraps them in frames that
  carry no act and no date vocabulary of the detector's ("As noted, …", "…, according
  to the account.");
* the frames come in two sets: six the detector was tuned with, and six held out,
  written afterwards and whose misses were not read while the detector changed; the
  report gives recall per set (`by_wording`), so wording the detector merely learnt
  shows as a gap between them;
* the detector was tuned on half `a` of the pages (split by the sha256 of the page name)
  and the report gives half `b` beside it.

What the generator cannot hide: a re-telling keeps the source's own words, where a
human re-teller would change them; rules that compare what two tellings say are
favoured by that, and a real page's re-telling is harder.

Recall counts an injection as found when a `date.conflict` joins the source sentence's
paragraph and the inserted one; a control counts as a false alarm when such a conflict
joins them although the dates agree. Conflicts between the insert and other paragraphs
are counted apart (the source sentence may already clash with the page).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from spacy.tokens import Doc, Span, Token

from ..engine import nlp
from ..engine.detectors.dates import find_date_conflicts
from ..engine.page import Block, Page
from .halves import half_of

KINDS = ("absolute", "relative", "weekday", "year")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_MONTH_INDEX = {m.lower(): i + 1 for i, m in enumerate(_MONTHS)}
_MONTH_INDEX.update({m.lower()[:3]: i + 1 for i, m in enumerate(_MONTHS)})
_MONTH_INDEX["sept"] = 9
#: The words that make a bare verb one to come ("will meet", "they'll meet"): the one list
#: the generator's finders share.
_WILL = ("will", "'ll", "’ll")
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
       r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
#: The generator's own date finder (deliberately not the engine's).
_DATE = re.compile(
    rf"\b(?:[Oo]n\s+)?(?:(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MON}))"
    r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: Frames of a re-telling: none names an act or a date. The first six are the frames the
#: detector was tuned with (their misses were read); the last six are held out: written
#: after the tuning, their misses never read while changing the detector, and reported
#: apart, so a detector that only learnt the tuning frames' wording shows it there.
_FRAMES = ["{s}", "As noted, {s}", "{s_no_end}, according to the account.",
           "To recap: {s}", "{s_no_end}, the report said.", "That is how it went: {s}",
           # held out
           "In other words, {s}", "{s_no_end}, as the record shows.",
           "Readers will remember that {s}", "{s_no_end} — a detail worth repeating.",
           "For the record, {s}", "It bears repeating that {s}"]
TUNING_FRAMES = 6
#: How often a re-telling whose sentence opens with its person uses a pronoun instead.
PRONOUN_SHARE = 0.5
#: The frame number of a re-telling whose subject is a pronoun, appended to a paragraph
#: that names the person ("He spoke to Zelensky a day earlier").
PRONOUN_FRAME = -2
RELATIVE_FRAME = -1
#: Frames after which the re-telling goes on in lower case ("As noted, the council …").
_LOWER_AFTER = frozenset({1, 5, 6, 8, 10, 11})
#: Sentences the relative kind counts from: they name no one and no act the detector knows.
_ANCHORS = ["The account was made public on {d}.", "The figures came out on {d}.",
            "A summary appeared on {d}.", "The record was updated on {d}."]


@dataclass
class Source:
    page: str
    texts: list[str]
    block: int
    sentence: str
    date_text: str
    day: dt.date
    has_year: bool
    #: How the date is said: "on" ("on May 6"), "noun" ("the May 6 vote"), "verb" ("was
    #: last seen May 6").
    said: str = "on"
    #: The page's own publication date, when it declares one.
    published: dt.date | None = None
    #: Where the date is said in `sentence` (with its "on", if any); -1 when unknown
    #: (then the generator's own date finder looks for it again).
    start: int = -1
    end: int = -1
    #: What the date is: "date" (a month and day), "weekday" ("on Friday", "last
    #: Thursday"), "yesterday" or "today"; the last three count from the page's date.
    form: str = "date"
    #: "March 12" rather than "12 March", so a control can write the same day the other way.
    month_first: bool = True
    #: Told as coming: the verb nearest the date is "will" and a verb ("will meet on May
    #: 6"), or says it is planned ("is scheduled"). A page without a date of its own is
    #: then published before the happening, not after.
    coming: bool = False


#: A day-precise TimeML DATE value in a paragraph: (start, end, value, type), the offsets
#: those of the paragraph's text.
Gold = tuple[int, int, str, str]


@dataclass
class Injection:
    kind: str
    control: bool
    frame: int
    page: str
    texts: list[str]
    published: dt.date | None
    source_block: int
    source_text: str
    inserted_block: int
    inserted: str


#: A page: its name, its paragraphs, the publication date it declares (if any), and for a
#: TimeML page its TIMEX3 dates and times per paragraph (the corpus's annotation: where a
#: date is said, and a value a source's day must agree with; the day itself is the
#: generator's reading, which the value only confirms).
PageText = tuple[str, list[str], dt.date | None, list[list[Gold]] | None]


def read_pages(folder: Path) -> Iterator[PageText]:
    """Pages from a farm-style, articles-style, web-pages-style or TimeML folder."""
    if (folder / "articles").is_dir():
        for path in sorted((folder / "articles").glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            yield (path.name, [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()],
                   None, None)
        return
    tml = sorted(folder.rglob("*.tml"))
    if tml:
        from .timebank import read_document, to_page

        for path in tml:
            document = read_document(path)
            page, offsets = to_page(document)
            gold: list[list[Gold]] = []
            for block, offset in zip(page.blocks, offsets, strict=True):
                gold.append([(t.start - offset, t.end - offset, t.value, t.type)
                             for t in document.timexes if t.type in ("DATE", "TIME")
                             and offset <= t.start and t.end <= offset + len(block.text)])
            yield path.name, [b.text for b in page.blocks], page.published, gold
        return
    if (folder / "expected.json").is_file() and (folder / "html").is_dir():
        yield from _read_web_pages(folder)
        return
    truth = folder / "ground-truth.json"
    if truth.is_file():
        data = json.loads(truth.read_text(encoding="utf-8"))
        for name, entry in sorted(data.items()):
            body = entry.get("articleBody") or ""
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
            yield f"{name}.html", paragraphs, None, None
        return
    raise click.ClickException(
        f"{folder} has no articles/*.txt, ground-truth.json, expected.json with html/ "
        "or *.tml files")


def _read_web_pages(folder: Path) -> Iterator[PageText]:
    """The English pages of a `shared/data/web-pages`-style folder, read as `newslint check`
    reads a saved page (HTML extraction, then the language decision); the others are
    skipped, since the date detector reads English only."""
    from ..engine import language
    from ..engine.errors import EngineError
    from ..pages.extract import page_from_html
    from .articles import read_articles

    for article in read_articles(folder):
        try:
            page = page_from_html(article.html, url=article.url)
        except EngineError:
            continue
        texts = [b.text for b in page.blocks]
        if language.decide(page.language, texts) == "en":
            yield article.id, texts, page.published, None


def _story_year(texts: list[str]) -> int:
    years = Counter(int(y) for t in texts for y in _YEAR.findall(t))
    return years.most_common(1)[0][0] if years else 2020


def _year_near(published: dt.date, month: int, day: int, future: bool = False) -> int | None:
    """The year a year-less "May 6" has on a page published on `published`, as a reader
    takes it: told as past, the last such day up to the publication date ("was last seen
    Nov. 3" on a page of 7 May 1999 is 3 Nov 1998, though 3 Nov 1999 is nearer); told as
    coming, the next one from it."""
    days = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            days.append(dt.date(year, month, day))
        except ValueError:
            continue
    told = [d for d in days if (d >= published if future else d <= published)]
    return min(told or days, key=lambda d: abs((d - published).days)).year if days else None


#: Date words a source's date must not stand beside: the re-telling changes one date,
#: and "on Dec. 18, a Wednesday" would then contradict itself.
_OTHER_DATES = re.compile(r"\b(?:" + "|".join(_WEEKDAYS) + r"|yesterday|today|tomorrow|tonight)\b",
                          re.I)
#: Days a page names by counting from its own date (the generator's own finder): "on
#: Friday", "last Thursday", "yesterday". Read only on a page that declares its date.
_DEICTIC = re.compile(r"\b(?:[Oo]n\s+)?(?:(?P<last>[Ll]ast)\s+)?(?P<w>" + "|".join(_WEEKDAYS)
                      + r")\b|\b(?P<yd>[Yy]esterday)\b")
#: A part of the day after a weekday ("Friday night"): the date is the two words, which a
#: re-telling of the weekday alone would break ("on April 9 night").
_PART_OF_DAY = re.compile(r"\s+(?:night|morning|afternoon|evening|noon|midnight)\b", re.I)
#: Other words that date a sentence against the page ("tonight", "last week"): a sentence
#: that has them beside its date has two dates, and is left alone.
_OTHER_DEICTIC = re.compile(r"\b(?:today|tomorrow|tonight|(?:this|last|next)\s+(?:week|month|"
                            r"year|night|morning|weekend))\b", re.I)


@dataclass(frozen=True)
class _Said:
    """A date in a sentence, as the generator reads it (offsets in the sentence's text)."""
    start: int
    end: int
    day: dt.date | None
    form: str
    has_year: bool
    month_first: bool
    #: Why a TimeML date is not used though annotated (`_gold_dates`); "" when it is used.
    dropped: str = ""


def find_sources(name: str, texts: list[str], docs: list[Doc],
                 published: dt.date | None = None,
                 gold: list[list[Gold]] | None = None,
                 dropped: Counter[str] | None = None) -> list[Source]:
    """Sentences that tell a dated happening: one day-precise date said as a happening's
    day (see `_how_said`), a name, a verb in the past tense (or "will" and a verb).

    The date is a month and day (the generator's own expression); on a page that declares
    its publication date also a weekday or "yesterday", counted from that date; on a TimeML
    page, every TIMEX3 date or time of the sentence as annotated. A TimeML source is kept
    only when its annotated value agrees with the generator's reading (the written day,
    or the day counted from the DCT): the annotation confirms the day, it does not set it,
    so the sources it removes are the ones where a reader's rule and the annotators part.
    `dropped`, when given, counts those removed sources by reason (`_gold_dates`), so the
    report can say how many there are.
    """
    year = _story_year(texts)
    sources = []
    for index, doc in enumerate(docs):
        for sent in doc.sents:
            if len(sent.text) > 400:
                continue  # run-on text re-tells badly
            names = [e for e in sent.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC",
                                                          "FAC", "EVENT")]
            if not names or not _tells_a_happening(sent):
                continue
            found = (_gold_dates(sent, gold[index], published, year) if gold is not None
                     else _own_dates(sent, published, year))
            said = found[0] if len(found) == 1 else None
            if said is None or said.day is None:
                continue  # one day-precise date, so the re-telling changes the right one
            day = said.day
            text = sent.text
            if re.match(r"\s*(?:and|to|through|-|–)\s*\d", text[said.end:]):
                continue  # "on April 24 and 25": a range, not one day
            how = _how_said(sent, said.start, said.end, said.form != "date")
            if how is None:
                continue  # "until 20 January", "as of 29 November": a bound, not a day
            if how != "noun" and not _dates_a_happening(sent, said.start, said.end):
                continue  # "the stock was down … yesterday": a state, not a happening
            if said.form == "date" and _OTHER_DATES.search(
                    text[max(0, said.start - 16):said.start] + " " + text[said.end:said.end + 16]):
                continue  # "Tuesday, May 18", "on Dec. 18, a Wednesday"
            if said.form != "date" and (published is None or _OTHER_DEICTIC.search(text)):
                continue
            if said.dropped:
                # A source in every other respect, whose annotated value is not the day the
                # page reads as: counted, so the report shows what the check removes.
                if dropped is not None:
                    dropped[said.dropped] += 1
                continue
            shift = len(text) - len(text.lstrip())
            sources.append(Source(name, texts, index, text.strip(), text[said.start:said.end],
                                  day, said.has_year, how, published, said.start - shift,
                                  said.end - shift, said.form, said.month_first,
                                  _told_as_coming_at(sent, said.start, said.end)))
    return sources


def _will_before(verb: Token) -> bool:
    """A bare verb with "will" in the three words before it ("will meet", "will not
    meet", "'ll soon meet"). The pipeline has no parser (a token is its own head), so
    this reads the words in order."""
    return verb.tag_ == "VB" and any(
        t.lower_ in _WILL for t in verb.doc[max(0, verb.i - 3):verb.i])


def _tells_a_happening(sent: Span) -> bool:
    """A verb in the past, or "will" and a verb: a sentence that tells what happens."""
    return any(t.tag_ == "VBD" or _will_before(t) for t in sent)


def _verb_nearest(sent: Span, start: int, end: int) -> Token | None:
    """The verb nearest the date at `start:end` of the sentence in its clause (to the
    left, else to the right: "Yesterday, X said"); None when there is none, or when "be"
    or "have" as a main verb stands between it and the date ("there was no word on
    Tuesday", "the stock was down … yesterday"). No parser: the words in order."""
    start += sent.start_char
    end += sent.start_char
    left = [t for t in sent if t.idx + len(t.text) <= start][::-1]
    right = [t for t in sent if t.idx >= end]
    for tokens in (left, right):
        for i, token in enumerate(tokens):
            if token.text in (",", ";", ":", "—", "–") and i > 0:
                break
            if token.pos_ == "AUX" and token.lemma_ in ("be", "have") and tokens is left:
                return None  # no verb between it and the date: "was down … yesterday"
            if token.pos_ == "VERB":
                return token
    return None


def _dates_a_happening(sent: Span, start: int, end: int) -> bool:
    """Whether the verb nearest the date at `start:end` (`_verb_nearest`) tells a
    happening: past ("closed Friday", "was killed on May 6") or to come ("will meet on
    May 6"); not a state ("be" or "have" as a main verb) nor a verb of another tense."""
    verb = _verb_nearest(sent, start, end)
    return verb is not None and (verb.tag_ in ("VBD", "VBN") or _will_before(verb))


def _told_as_coming_at(sent: Span, start: int, end: int) -> bool:
    """Whether the date at `start:end` is told as coming: read from the verb nearest it
    and the words just before that verb ("will meet", "is scheduled"), not from a "will"
    anywhere in the sentence ("The measure will give voters a choice, Newsom said
    Tuesday" tells a past Tuesday)."""
    verb = _verb_nearest(sent, start, end)
    return verb is not None and _told_as_coming(verb.doc[max(sent.start, verb.i - 3):verb.i + 1])


def _own_dates(sent: Span, published: dt.date | None, year: int) -> list[_Said | None]:
    """The sentence's dates by the generator's own finder: month-and-day dates, and, on a
    page that declares its date, weekdays and "yesterday" counted from it."""
    found: list[_Said | None] = []
    for match in _DATE.finditer(sent.text):
        future = _told_as_coming_at(sent, match.start(), match.end())
        month = _MONTH_INDEX[(match.group("m1") or match.group("m2")).lower().rstrip(".")]
        day_number = int(match.group("d1") or match.group("d2"))
        source_year: int | None
        if match.group("y"):
            source_year = int(match.group("y"))
        elif published is not None:
            source_year = _year_near(published, month, day_number, future)
        else:
            source_year = year
        day = None
        if source_year is not None:
            try:
                day = dt.date(source_year, month, day_number)
            except ValueError:
                day = None
        found.append(_Said(match.start(), match.end(), day, "date", bool(match.group("y")),
                           bool(match.group("m1"))))
    if published is None:
        return found
    for match in _DEICTIC.finditer(sent.text):
        future = _told_as_coming_at(sent, match.start(), match.end())
        if match.group("yd"):
            day = None if future else published - dt.timedelta(days=1)
            found.append(_Said(match.start(), match.end(), day, "yesterday", False, True))
            continue
        if _in_a_name(sent, match.start(), match.start("w"), match.end("w")):
            continue  # "the Sunday Times", "on Super Tuesday", "Black Friday": no day
        if _PART_OF_DAY.match(sent.text, match.end()):
            # "Friday night": a date of the sentence, which the generator does not re-tell
            found.append(_Said(match.start(), match.end(), None, "weekday", False, True))
            continue
        weekday = _WEEKDAYS.index(match.group("w"))
        gap = (published.weekday() - weekday) % 7
        if gap == 0:
            day = None  # "on Friday" on a Friday: today, or a week ago?
        elif future and not match.group("last"):
            day = published + dt.timedelta(days=7 - gap)
        else:
            day = published - dt.timedelta(days=gap)
        found.append(_Said(match.start(), match.end(), day, "weekday", False, True))
    return found


def _in_a_name(sent: Span, start: int, w_start: int, w_end: int) -> bool:
    """Whether the weekday at `w_start:w_end` of the sentence (its match, with any "on" or
    "last", from `start`) is a word of a name rather than a day: inside an entity spaCy
    labels other than a date ("the Sunday Times", "Black Friday"), or after a capitalised
    word of its own date entity ("Good Friday") or after "on" and a capitalised word ("on
    Super Tuesday", "on Ash Wednesday": a place before a day is never said with "on",
    while "in Lisbon Friday", "the Czech Republic Friday" are days)."""
    span = sent.char_span(w_start, w_end, alignment_mode="expand")
    if any(t.ent_type_ not in ("", "DATE") for t in span):
        return True
    if start != w_start:
        return False  # "on Friday", "last Friday": the word before is the match's own
    first = span[0]
    if first.i <= sent.start:
        return False
    before = first.doc[first.i - 1]
    if not before.is_title or before.i == sent.start:
        return False
    same_entity = before.ent_type_ == "DATE" and before.ent_iob_ != "O" and \
        first.ent_iob_ == "I"
    after_on = before.i - 1 >= sent.start and first.doc[before.i - 1].lower_ == "on"
    return same_entity or after_on


def _gold_dates(sent: Span, gold: list[Gold], published: dt.date | None,
                year: int) -> list[_Said | None]:
    """The sentence's TIMEX3 dates and times as annotated: one said as a month and day, a
    weekday, "yesterday" or "today" with a day-precise DATE value is a source's date;
    any other (a month, "last week", a time of day) is a date the sentence also has.

    The value must agree with what a reader of the page reads (`_own_dates`: the written
    month and day, or the day counted from the page's date); the annotation confirms that
    day, it does not set it. Where the two part ("headed Tuesday" on a Monday page, valued
    as the next day though told as past; a creation date a day off the story's), a
    control re-telling the annotated day could be a true conflict to a reader, so the
    date is marked `dropped` with why, and `find_sources` counts it instead of using it:
    "unread" (the generator reads no day there: the page's own weekday, "Friday night"),
    "read_coming" (read as coming, annotated as past), "read_past" (read as past,
    annotated as coming), "another_day" (same side of the page's date, another day: a
    week off, "yesterday" two days back, a written day whose value differs)."""
    own = {(s.start, s.end): s.day for s in _own_dates(sent, published, year) if s is not None}
    found: list[_Said | None] = []
    for start, end, value, kind in gold:
        if end <= sent.start_char or start >= sent.end_char:
            continue
        start, end = start - sent.start_char, end - sent.start_char
        text = sent.text[start:end]
        written = _DATE.fullmatch(text)
        form = ("date" if written else "yesterday" if text.lower() == "yesterday"
                else "today" if text.lower() == "today"
                else "weekday" if re.fullmatch(r"(?:last\s+)?(?:" + "|".join(_WEEKDAYS) + ")",
                                               text, re.I) else None)
        if form is None or kind != "DATE" or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            found.append(None)
            continue
        on = re.search(r"\b[Oo]n\s+$", sent.text[:start])
        if on is not None:
            start = on.start()  # "on Friday": the re-telling changes the whole phrase
        day = dt.date.fromisoformat(value)
        read = own.get((start, end), published if form == "today" else None)
        reason = ""
        if read is None:
            reason = "unread"
        elif read != day if form != "date" or (written and written.group("y")) \
                else (read.month, read.day) != (day.month, day.day):
            # the annotated day is not the page's plain reading
            counted = published if form != "date" else None
            if counted is not None and read > counted >= day:
                reason = "read_coming"
            elif counted is not None and day > counted >= read:
                reason = "read_past"
            else:
                reason = "another_day"
        found.append(_Said(start, end, day, form,
                           bool(written and written.group("y")),
                           not written or bool(written.group("m1")), reason))
    return found


#: Words before a date that make it a bound or a reference, not the day of a happening.
_BOUNDS = frozenset({"until", "till", "by", "since", "through", "from", "of", "before", "after",
                     "effective", "to", "between", "than", "due", "as", "starting", "ended",
                     "ending", "dated", "expires", "expiring"})


def _how_said(sent: Span, start: int, end: int, counted: bool = False) -> str | None:
    """Whether the date at `start:end` of the sentence tells when something happened: said
    with "on" ("on May 6"), before the noun of the happening ("the Aug. 7 bombings", "Nov.
    3's vote"), right after a verb in the past ("was last seen Nov. 3", "published Oct.
    25"), or, for a day `counted` from the page's date, as an adverb anywhere ("Yesterday,
    …", "said Friday"); not a bound ("until 20 January", "as of 29 November", "the quarter
    ended Sept. 30"). Says which: "on", "noun", "verb" or "bare"; None for a bound (and
    for "Friday's vote", which has no "on Thursday" form)."""
    if sent.text[start:end].lower().startswith("on "):
        return "on"
    start += sent.start_char
    end += sent.start_char
    before = [t for t in sent if t.idx + len(t.text) <= start]
    after = [t for t in sent if t.idx >= end]
    if before and (before[-1].lower_ in _BOUNDS or (counted and before[-1].pos_ == "ADP")):
        return None
    if after and (after[0].tag_ == "POS" or (
            after[0].pos_ == "NOUN" and after[0].tag_ in ("NN", "NNS") and (
                not before or before[-1].pos_ in ("DET", "PRON") or before[-1].tag_ == "POS"))):
        return None if counted else "noun"  # "the Aug. 7 bombings", "Nov. 3's vote"
    if before and before[-1].tag_ in ("VBD", "VBN"):
        return "verb"
    return "bare" if counted else None


def _written(day: dt.date, style: int, with_year: bool) -> str:
    text = f"{_MONTHS[day.month - 1]} {day.day}" if style % 2 == 0 else \
        f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{text}, {day.year}" if with_year and style % 2 == 0 else (
        f"{text} {day.year}" if with_year else text)


#: Last words that make a name spaCy calls a person a street or a building ("Ellijay
#: Drive"): shortened to its last word it would be no name at all.
_NOT_A_SURNAME = frozenset({"drive", "road", "street", "avenue", "lane", "boulevard", "way",
                            "place", "court", "square", "park", "hall", "center", "centre",
                            "bridge", "valley", "highway", "parkway", "circle", "terrace"})


def _name_variants(sentence: str, doc: Doc, rng: random.Random) -> str:
    """Full names of people become surnames at times, as a re-teller writes them."""
    return _apply(sentence, _name_edits(doc, rng), -1, -1)[0]


def _name_edits(doc: Doc, rng: random.Random,
                avoid: tuple[int, int] = (-1, -1)) -> list[tuple[int, int, str]]:
    """The surnames `_name_variants` writes for full names, as edits of the sentence; a
    name inside the `avoid` span (the date) is left alone."""
    edits = []
    for ent in reversed(list(doc.ents)):
        if ent.label_ == "PERSON" and len(ent.text.split()) >= 2 and \
                ent.text.split()[-1].lower() not in _NOT_A_SURNAME and rng.random() < 0.6 \
                and not (ent.start_char < avoid[1] and avoid[0] < ent.end_char):
            edits.append((ent.start_char, ent.end_char, ent.text.split()[-1]))
    return edits


#: A conjunction that opens a source sentence ("But on April 8, …"): a frame that goes
#: before the sentence drops it ("As noted, on April 8, …", not "As noted, but on …").
_OPENING_CONJUNCTION = re.compile(r"^(?:But|And|Yet|So|Still),?\s+(?=\S)")


def _frame(sentence: str, frame: int) -> str:
    body = sentence.rstrip()
    return _FRAMES[frame].format(s=body, s_no_end=body.rstrip(".!?"))


def frame_group(frame: int) -> str:
    """'relative', 'pronoun', 'tuning' or 'held-out': how a re-telling was worded."""
    if frame == RELATIVE_FRAME:
        return "relative"
    if frame == PRONOUN_FRAME:
        return "pronoun"
    return "tuning" if frame < TUNING_FRAMES else "held-out"


def _subject_person(doc: Doc) -> Span | None:
    """The person the sentence is about, with any title before the name, when it opens
    with them (or with its date, then them) and a verb follows: "President Trump spoke
    with …", "On May 6, Smith was …"."""
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = ent.start
        while start > 0 and doc[start - 1].is_title and not doc[start - 1].ent_type_ and \
                doc[start - 1].pos_ in ("PROPN", "NOUN"):
            start -= 1  # "President", "Chancellor"
        opens = start == 0 or (doc[start - 1].text == "," and any(
            t.ent_type_ == "DATE" or t.like_num for t in doc[:start - 1]))
        if opens and ent.end < len(doc) and doc[ent.end].pos_ in ("VERB", "AUX"):
            return doc[start:ent.end]
        return None
    return None


def _pronoun(texts: list[str], surname: str) -> str:
    """'He' or 'She', as the page refers to the person (by the pronouns of the sentences
    that name them)."""
    she = he = 0
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if surname in sentence:
                she += len(re.findall(r"\b(?:she|her|hers)\b", sentence, re.I))
                he += len(re.findall(r"\b(?:he|his|him)\b", sentence, re.I))
    return "She" if she > he else "He"


#: Words that tell of a coming happening (the generator's own list, for the page's date).
_FUTURE = frozenset({*_WILL, "plans", "planned", "scheduled", "expected", "intends", "due"})


def _told_as_coming(tokens: Doc | Span) -> bool:
    """Whether words tell of a coming happening (the generator's own list); "due to a gas
    leak" gives a cause, not a time. Read on a verb and the words before it
    (`_told_as_coming_at`), not on a whole sentence."""
    return any(t.lower_ in _FUTURE and not (
        t.lower_ == "due" and t.i + 2 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"
        and t.doc[t.i + 2].tag_ != "VB") for t in tokens)


def build(source: Source, kind: str, control: bool, rng: random.Random,
          parse: Any) -> Injection | None:
    """One page with a re-telling of `source` inserted, its date changed unless `control`."""
    sentence = source.sentence
    doc = parse(sentence)
    start, end = _date_span(source)
    if start < 0:
        return None
    edits = _name_edits(doc, rng, avoid=(start, end))
    host = None
    subject = _subject_person(doc)
    if subject is not None and rng.random() < PRONOUN_SHARE:
        # The pronoun re-telling goes at the end of a paragraph that names the person
        # (the real text is its antecedent): "… Trump said. He spoke to Zelensky on …".
        surname = subject.text.split()[-1]
        hosts = [i for i, text in enumerate(source.texts)
                 if abs(i - source.block) >= 2 and surname in text]
        if hosts and not (subject.start_char < end and start < subject.end_char):
            host = rng.choice(hosts)
            pronoun = _pronoun(source.texts, surname)
            edits = [(subject.start_char, subject.end_char,
                      pronoun if subject.start_char == 0 else pronoun.lower())]
    retold, start, end = _apply(sentence, edits, start, end)
    orig = source.day
    future = source.coming
    counted = source.form != "date"
    # The page keeps its own publication date; one that declares none is published just
    # after a past happening, just before a future one.
    published: dt.date | None = source.published or orig + dt.timedelta(
        days=-2 if future else 2)
    assert published is not None
    said = retold[start:end]
    # A day counted from the page's date is re-told as a date, with "on" ("said Friday" →
    # "said on March 14"); a written date keeps its own "on" or goes without.
    lead = "on " if counted or said.lower().startswith("on ") else ""
    prefix = ""
    if kind == "absolute":
        shifts = [-3, -2, 2, 4, 5]
        if counted and orig < published:
            # "yesterday" re-told as another day before the page's date, as a writer would
            shifts = [d for d in shifts if orig + dt.timedelta(days=d) < published]
        new = orig if control else orig + dt.timedelta(days=rng.choice(shifts))
        if new.month != orig.month and not control:
            new = orig + dt.timedelta(days=1 if orig.day < 27 else -2)
        with_year = source.has_year or (counted and new.year != published.year)
        # A written date is re-told the other way round ("March 12" → "14 March"), the
        # control too: the same day, written another way.
        style = 1 if source.month_first else 0
        if control or counted:
            # A written-date control keeps its style and does not use this draw: the draw
            # is kept so that every later draw of the page (frames, spots, other kinds) is
            # the one main's generator made, and the figures of earlier stops reproduce.
            # Do not "simplify" it away: that silently changes the measure.
            drawn = rng.randrange(2)
            style = drawn if counted else style
        phrase = lead + _written(new, style, with_year)
    elif kind == "year":
        # "on Feb. 10" and "on February 10, 1999" are one date to a reader, who lends the
        # bare one the year written for that day elsewhere: a bare source gets its year
        # written ("on Feb. 10, 2000"), so the two years are both the page's word.
        shift = rng.choice([-1, 1])
        try:
            new = orig if control else orig.replace(year=orig.year + shift)
        except ValueError:
            return None
        phrase = lead + _written(new, 0 if source.month_first else 1, True)
    elif kind == "weekday":
        if source.said == "noun":
            return None  # "an October 11 presentation" has no weekday form
        if counted:
            # The page keeps its date, which the source counts from: another day of the
            # same week before it (after it, for a coming one), never the page's own day.
            if orig == published:
                return None
            side = 1 if orig > published else -1
            days = [orig + dt.timedelta(days=d) for d in ((0,) if control else (-2, -1, 1, 2))]
            days = [d for d in days if 1 <= (d - published).days * side <= 6]
            if not days:
                return None
            new = rng.choice(days)
        else:
            # A writer names a weekday only for a day of the week the page is published
            # in: this page is published two days after the happening (before, for a
            # future one).
            published = orig + dt.timedelta(days=-2 if future else 2)
            new = orig if control else orig + dt.timedelta(days=rng.choice([-1, 1]))
        phrase = lead + _WEEKDAYS[new.weekday()]
    else:  # relative
        if source.said == "noun":
            return None  # "the a day earlier bombings" is no English
        later = rng.random() < 0.5
        if later:
            base = orig - dt.timedelta(days=2 if control else 4)
            shift_text = "Two days later"
        else:
            base = orig + dt.timedelta(days=1 if control else 3)
            shift_text = "A day earlier"
        anchor = rng.choice(_ANCHORS).format(d=_written(base, 0, True))
        prefix = anchor + " "
        # The shift takes the date's own place, so it attaches where the date did:
        # "… ate a wild rabbit two days later, according to …".
        phrase = shift_text if start == 0 else shift_text.lower()
    body = retold[:start] + phrase + retold[end:]
    body = re.sub(r"\s+([,.])", r"\1", re.sub(r"\s{2,}", " ", body)).strip()
    body = re.sub(r"^[,;]\s*|(?<=,)\s*,", "", body).strip()
    body = body[0].upper() + body[1:] if body else body
    if host is not None:
        inserted = prefix + body
        frame = PRONOUN_FRAME
        texts = list(source.texts)
        if kind == "year" and not source.has_year:
            texts[source.block] = _with_year(texts[source.block], source)
        texts[host] = texts[host].rstrip() + " " + inserted
        return Injection(kind, control, frame, source.page, texts, published, source.block,
                         sentence, host, inserted)
    if kind == "relative":
        inserted = prefix + body
        frame = RELATIVE_FRAME
    else:
        frame = rng.randrange(len(_FRAMES))
        first = doc[0]
        if not _FRAMES[frame].startswith("{") and _OPENING_CONJUNCTION.match(body) \
                and len(doc) > 1:
            body = _OPENING_CONJUNCTION.sub("", body)
            body = body[0].upper() + body[1:]
            first = doc[1]
        inserted = _frame(body, frame)
        if frame in _LOWER_AFTER and first.pos_ != "PROPN" and first.ent_type_ not in (
                "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"):
            inserted = inserted.replace(body, body[0].lower() + body[1:], 1)
    texts = list(source.texts)
    if kind == "year" and not source.has_year:
        texts[source.block] = _with_year(texts[source.block], source)
    spots = [i for i in range(len(texts) + 1) if abs(i - source.block) >= 2 and i > 0]
    if not spots:
        return None
    at = rng.choice(spots)
    texts.insert(at, inserted)
    source_block = source.block + (1 if at <= source.block else 0)
    return Injection(kind, control, frame, source.page, texts, published, source_block,
                     sentence, at, inserted)


def _date_span(source: Source) -> tuple[int, int]:
    """Where the source's date is said in its sentence; (-1, -1) when it is not there."""
    if source.start >= 0:
        return source.start, source.end
    match = _DATE.search(source.sentence)
    return (match.start(), match.end()) if match else (-1, -1)


def _apply(text: str, edits: list[tuple[int, int, str]], start: int,
           end: int) -> tuple[str, int, int]:
    """`text` with the edits (none overlapping the date at `start:end`) made, and where
    the date is then."""
    for a, b, replacement in sorted(edits, reverse=True):
        text = text[:a] + replacement + text[b:]
        if b <= start:
            start += len(replacement) - (b - a)
            end += len(replacement) - (b - a)
    return text, start, end


def _with_year(text: str, source: Source) -> str:
    """The source's paragraph with its date's year written ("on Feb. 10, 2000"); a day
    counted from the page's date ("Friday") is left as it is."""
    if source.form != "date":
        return text
    at = text.find(source.sentence)
    start = text.find(source.date_text, max(at, 0))
    if start < 0:
        return text
    end = start + len(source.date_text)
    return f"{text[:end]}, {source.day.year}{text[end:]}"


def _flagged(injection: Injection, docs: list[Doc]) -> tuple[bool, bool]:
    """(a conflict joins the source and the inserted paragraph, any touches the insert)."""
    page = Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(injection.texts)],
                language="en", published=injection.published)
    page.docs = docs
    joined = touched = False
    for a in find_date_conflicts(page).annotations:
        if a.rule != "date.conflict":
            continue
        blocks = {a.span.block} | {r["block"] for r in a.related}
        inserted = f"b{injection.inserted_block}"
        if inserted in blocks:
            touched = True
            if f"b{injection.source_block}" in blocks:
                joined = True
    return joined, touched


def run(folders: list[Path], per_page: int = 4, seed: int = 11) -> dict[str, Any]:
    cache: dict[str, Doc] = {}

    def parse_all(texts: list[str]) -> list[Doc]:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        for text, doc in zip(missing, nlp.parse(missing), strict=True):
            cache[text] = doc
        return [cache[t] for t in texts]

    def parse_one(text: str) -> Doc:
        return parse_all([text])[0]

    counts: dict[tuple[str, str, bool], Counter[str]] = defaultdict(Counter)
    frames: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    alarms: list[dict[str, Any]] = []
    pages = sources_total = 0
    source_counts: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    by_form: dict[str, Counter[str]] = defaultdict(Counter)
    for folder in folders:
        for name, texts, published, gold in read_pages(folder):
            if len(texts) < 3:
                continue
            pages += 1
            docs = parse_all(texts)
            page_dropped: Counter[str] = Counter()
            sources = find_sources(name, texts, docs, published, gold, page_dropped)
            for reason, n in page_dropped.items():
                dropped[f"{half_of(name)}:{reason}"] += n
            sources_total += len(sources)
            for source in sources:
                source_counts[f"{half_of(name)}:{source.form}"] += 1
            rng = random.Random(f"{seed}:{name}")
            for source in rng.sample(sources, min(per_page, len(sources))):
                for kind in KINDS:
                    for control in (False, True):
                        injection = build(source, kind, control, rng, parse_one)
                        if injection is None:
                            continue
                        joined, touched = _flagged(injection, parse_all(injection.texts))
                        h: str = half_of(name)
                        c = counts[(h, kind, control)]
                        c["n"] += 1
                        # A control is a false alarm when the detector says the two
                        # tellings disagree; other conflicts on the insert are counted
                        # apart (the source sentence may clash with the page already).
                        c["hit" if not control else "alarm"] += int(joined)
                        c["other"] += int(touched and not joined)
                        if not control:
                            frames[(h, injection.frame)]["n"] += 1
                            frames[(h, injection.frame)]["hit"] += int(joined)
                            by_form[f"{h}:{source.form}"]["n"] += 1
                            by_form[f"{h}:{source.form}"]["hit"] += int(joined)
                        record = {"page": name, "half": h, "kind": kind,
                                  "wording": frame_group(injection.frame),
                                  "form": source.form, "source": source.sentence,
                                  "inserted": injection.inserted}
                        if not control and not joined:
                            misses.append(record)
                        if control and joined:
                            alarms.append(record)

    def summary(h: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        total_n = total_hit = cn = ca = 0
        for kind in KINDS:
            n = sum(counts[(x, kind, False)]["n"] for x in "ab" if h in (None, x))
            hit = sum(counts[(x, kind, False)]["hit"] for x in "ab" if h in (None, x))
            cnk = sum(counts[(x, kind, True)]["n"] for x in "ab" if h in (None, x))
            cak = sum(counts[(x, kind, True)]["alarm"] for x in "ab" if h in (None, x))
            other = sum(counts[(x, kind, c)]["other"] for x in "ab" for c in (False, True)
                        if h in (None, x))
            out[kind] = {"injected": n, "found": hit, "recall": round(hit / n, 3) if n else None,
                         "controls": cnk, "false_alarms": cak,
                         "other_conflicts_on_insert": other}
            total_n, total_hit, cn, ca = total_n + n, total_hit + hit, cn + cnk, ca + cak
        out["all"] = {"injected": total_n, "found": total_hit,
                      "recall": round(total_hit / total_n, 3) if total_n else None,
                      "controls": cn, "false_alarms": ca,
                      "false_alarm_rate": round(ca / cn, 4) if cn else None}
        return out

    by_frame = {f"{h}:{frame_group(f) if f < 0 else _FRAMES[f]}": dict(c)
                for (h, f), c in sorted(frames.items())}
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for (h, f), c in frames.items():
        groups[f"{h}:{frame_group(f)}"].update(c)
    by_wording = {key: {"injected": c["n"], "found": c["hit"],
                        "recall": round(c["hit"] / c["n"], 3) if c["n"] else None}
                  for key, c in sorted(groups.items())}
    by_source = {key: {"injected": c["n"], "found": c["hit"]}
                 for key, c in sorted(by_form.items())}
    return {"pages": pages, "sources": sources_total,
            "sources_by_half": dict(sorted(source_counts.items())),
            "timeml_dropped": dict(sorted(dropped.items())), "by_source": by_source,
            "half_a": summary("a"),
            "half_b": summary("b"), "all": summary(None), "by_wording": by_wording,
            "by_frame": by_frame, "misses": misses, "control_false_alarms": alarms}


def _report(result: dict[str, Any], show_misses: int) -> str:
    lines = [f"{result['pages']} pages, {result['sources']} sentences telling a dated "
             "happening (tuned on half a; half b is the figure to quote)",
             "sources per half and date form: " + ", ".join(
                 f"{k} {v}" for k, v in result["sources_by_half"].items()),
             "TimeML sources dropped, the annotated value not the page's plain reading "
             "(per half and reason): " + (", ".join(
                 f"{k} {v}" for k, v in result["timeml_dropped"].items()) or "none"), ""]
    for key in ("half_b", "half_a", "all"):
        lines.append(f"{key.replace('_', ' ')}:")
        for kind, s in result[key].items():
            recall = "-" if s["recall"] is None else f"{s['recall']:.3f}"
            lines.append(f"  {kind:9} recall {recall} ({s['found']}/{s['injected']}), "
                         f"control false alarms {s['false_alarms']}/{s['controls']}")
    lines.append("")
    lines.append("by wording (tuning frames, held-out frames, pronoun, relative): " + ", ".join(
        f"{k} {v['found']}/{v['injected']}" for k, v in result["by_wording"].items()))
    lines.append("by source's date form: " + ", ".join(
        f"{k} {v['found']}/{v['injected']}" for k, v in result["by_source"].items()))
    lines.append("by frame: " + ", ".join(f"{k} {v.get('hit', 0)}/{v['n']}"
                                          for k, v in result["by_frame"].items()))
    for alarm in result["control_false_alarms"]:
        lines.append(f"\nFALSE ALARM [{alarm['kind']}] {alarm['page']}\n  source: "
                     f"{alarm['source']}\n  control: {alarm['inserted']}")
    for miss in result["misses"][:show_misses]:
        lines.append(f"\nmissed [{miss['kind']}, {miss['wording']}] {miss['page']} "
                     f"({miss['half']})\n  source: "
                     f"{miss['source']}\n  inserted: {miss['inserted']}")
    return "\n".join(lines)


@click.command("dates-injected")
@click.argument("folders", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--per-page", type=click.IntRange(1, 20), default=4,
              help="Source sentences injected per page (each in every kind, plus controls).")
@click.option("--misses", "show_misses", type=click.IntRange(0), default=20,
              help="How many missed injections to print.")
@click.option("--seed", type=int, default=11, show_default=True,
              help="Seed of the sample of sources, frames and shifts (another seed shows the "
                   "noise).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(folders: tuple[Path, ...], per_page: int, show_misses: int, seed: int,
            as_json: bool) -> None:
    """Recall on date conflicts injected into real pages in FOLDERS, and control false alarms."""
    result = run(list(folders), per_page=per_page, seed=seed)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json
               else _report(result, show_misses))
