"""Turn a phrase's `Meaning` into a period on the calendar, saying what it was counted from.

Three references exist, and a phrase needs exactly one of them:

* nothing (absolute: "November 7, 2024");
* the publication date (deictic: "yesterday", "last Tuesday", "two weeks ago");
* another event's date (anaphoric: "a day earlier", "the following week") — the most
  recent dated mention before the phrase, a few paragraphs back at most. Readers do the
  same, and the page's own story of the Trump call ("it followed a dialogue ... just a
  day earlier") only makes sense that way.

Year-less dates ("on Nov. 8") take their year from a nearby fully dated expression,
then from the publication date (and the tense: "in March" said in November of a past
event is this March, of a future one next March). Without any reference a phrase stays
unresolved: a guessed date would only create false alarms.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from . import calendar as cal
from .grammar import MONTHS, WEEKDAYS, Meaning

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

AnchorKind = Literal["absolute", "published", "mention"]

#: How many paragraphs back an anaphoric phrase may look for the event it refers to.
ANCHOR_BLOCKS_BACK = 3
#: Words before a dated phrase that make it a bound or a comparison, not the story's year.
_NOT_A_FRAME = frozenset({"since", "from", "until", "till", "through", "by", "before", "after",
                          "than", "due", "to", "between", "of", "versus", "vs", "vs."})
#: A relative clause between a year and a date: the year is of the clause's own story
#: ("a program approved in 1987 that did not …, had bought shares through Sept. 29").
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose)\b", re.I)
#: How many paragraphs back a year-less date may borrow its year from.
YEAR_CONTEXT_BLOCKS_BACK = 2


@dataclass(frozen=True)
class Anchor:
    """What a date was counted from: nothing, the publication date, or another mention."""

    kind: AnchorKind
    expression: str | None = None
    value: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "expression": self.expression, "value": self.value}


@dataclass(frozen=True)
class Resolution:
    """A period on the calendar: first and last day, its granularity and TimeML value."""

    start: dt.date
    end: dt.date
    granularity: str
    value: str
    anchor: Anchor
    #: True when the phrase itself carries the year ("November 7, 2024", "2019").
    explicit_year: bool = False
    #: How sure the reading is (a borrowed year or a fallback reference lowers it).
    confidence: float = 1.0

    def overlaps(self, other: Resolution) -> bool:
        return self.start <= other.end and other.start <= self.end


def make(day: dt.date, granularity: str, anchor: Anchor, *, explicit_year: bool = False,
         confidence: float = 1.0) -> Resolution:
    start, end = cal.period(day, granularity)
    return Resolution(start, end, granularity, cal.value(day, granularity), anchor,
                      explicit_year, confidence)


@dataclass
class Placed:
    """A resolved mention as the resolver remembers it, for later phrases to refer to."""

    block: int
    sentence: int
    expression: str
    resolution: Resolution
    #: The tense of its clause and the word just before it ("since", "in").
    tense: int = 0
    preceding: str = ""
    #: Where the phrase ends in its block's text.
    end: int = 0


class Resolver:
    """Resolves the date phrases of one page in reading order.

    It keeps the mentions resolved so far, so that "a day earlier" can find the event it
    refers to and "on Nov. 8" the year of the story it belongs to. One instance per page.
    """

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.history: list[Placed] = []
        self._tense = 0
        self._start, self._text = 0, ""

    # -- public ----------------------------------------------------------------------------

    def resolve(self, meaning: Meaning, expression: str, *, block: int, sentence: int,
                tense: int = 0, preceding: str = "", start: int = 0, end: int = 0,
                text: str = "") -> Resolution | None:
        """Resolve one phrase at its place on the page; remember it when it is a point.

        `preceding` is the word before the phrase: "since 1990" is a start, not the year
        the sentence's other dates belong to.
        """
        self._tense = tense
        self._start, self._text = start, text
        try:
            resolution = self._resolve(meaning, expression, block=block, sentence=sentence,
                                       tense=tense)
        except (OverflowError, ValueError) as exc:
            # Counting from a reference near year 1 or 9999 ("yesterday" of a page dated
            # 0001-01-01, "a century later" than 9950) leaves the calendar Python can hold:
            # no page means such a day, so the phrase stays unresolved rather than the
            # analysis failing. Other errors are bugs and go on up.
            if "out of range" not in str(exc):
                raise
            resolution = None
        if resolution is not None:
            self.history.append(Placed(block, sentence, expression, resolution, tense,
                                       preceding.lower(), end))
        return resolution

    # -- dispatch --------------------------------------------------------------------------

    def _resolve(self, meaning: Meaning, expression: str, *, block: int, sentence: int,
                 tense: int) -> Resolution | None:
        kind = meaning.kind
        if kind == "date":
            return self._absolute(meaning, block=block, sentence=sentence, tense=tense)
        if kind in ("relative", "anaphoric") and (
            period := self._period_a_year_off(meaning, sentence)
        ):
            r = period.resolution
            return make(cal.shift(r.start, "year", meaning.amount), r.granularity,
                        Anchor("mention", period.expression, r.value), confidence=0.8)
        if kind == "relative":
            if self.published is not None:
                return _relative(meaning, self.published, Anchor("published", None,
                                 self.published.isoformat()), "day", tense)
            if meaning.deictic or meaning.unit in ("week", "weekend", "month", "year"):
                # "earlier this week" without a publication date: the nearby event's week.
                placed = self._anchor(meaning, block, sentence, tight=True)
                if placed is not None:
                    return self._from_mention(meaning, placed, tense, confidence=0.7)
            return None
        if kind == "anaphoric":
            placed = self._anchor(meaning, block, sentence)
            if placed is not None:
                return self._from_mention(meaning, placed, tense)
            if self.published is not None:
                resolution = _relative(meaning, self.published,
                                       Anchor("published", None, self.published.isoformat()),
                                       "day", tense)
                return _with_confidence(resolution, 0.6)
            return None
        if kind == "unknown":
            return self._dateparser(expression, block=block, tense=tense)
        return None

    def _from_mention(self, meaning: Meaning, placed: Placed, tense: int,
                      confidence: float = 0.9) -> Resolution | None:
        base = placed.resolution
        anchor = Anchor("mention", placed.expression, base.value)
        resolution = _relative(meaning, base.start, anchor, base.granularity, tense)
        return _with_confidence(resolution, min(confidence, base.confidence))

    # -- references --------------------------------------------------------------------

    def _anchor(self, meaning: Meaning, block: int, sentence: int,
                tight: bool = False) -> Placed | None:
        """The most recent earlier mention this phrase can be counted from."""
        unit = meaning.unit or meaning.granularity or "day"
        if meaning.weekday is not None:
            unit = "week"
        limit = cal.RANK.get(unit, cal.RANK["year"])
        if unit in ("day", "week", "weekend"):
            limit = cal.RANK["week"]
        for placed in reversed(self.history):
            if block - placed.block > (1 if tight else ANCHOR_BLOCKS_BACK):
                return None
            if tight and sentence - placed.sentence > 1:
                return None
            if cal.RANK[placed.resolution.granularity] <= limit:
                return placed
        return None

    def _year_reference(self, block: int, sentence: int) -> tuple[dt.date, Anchor, str] | None:
        """Where a year-less date takes its year from, and how to choose among years.

        A fully dated expression in the same or the previous sentence tells the story's
        year; otherwise the publication date does; otherwise any dated expression a few
        paragraphs back.

        A year the text itself writes earlier in the same sentence, in a clause of the
        same tense, wins over the publication date ("Date: November 30, 2021 … As the
        year 2020 comes to a close, December marks …" is December 2020): the writer set
        the story's year there, and the page's date only says when it was published. Not
        a year that only bounds something ("since 1990", "due 1993", "than 2019"), and not
        one of an earlier sentence of the paragraph, nor one a relative clause ("that",
        "which") stands between: on TimeBank those are nearly always the year of another
        story told in passing.
        """
        same_sentence = self._explicit_year(
            block, lambda p: p.sentence == sentence and p.tense == self._tense
            and p.resolution.granularity == "year" and p.preceding not in _NOT_A_FRAME
            and not _RELATIVE.search(self._text, p.end, max(p.end, self._start)))
        if same_sentence is not None:
            return same_sentence
        for placed in reversed(self.history):
            if sentence - placed.sentence > 1:
                break
            if placed.block != block and self.published is not None and \
                    placed.resolution.start > self.published:
                # The paragraph before ends on another story's day ("… until the
                # restriction expires on Dec. 31, 1990."); with a publication date to go
                # by, only the text's own paragraph sets the year before it does.
                break
            r = placed.resolution
            if r.explicit_year and r.granularity == "day":
                return r.start, Anchor("mention", placed.expression, r.value), "closest"
        if self.published is not None:
            return self.published, Anchor("published", None, self.published.isoformat()), "tense"
        for placed in reversed(self.history):
            if block - placed.block > YEAR_CONTEXT_BLOCKS_BACK:
                break
            r = placed.resolution
            if r.explicit_year and cal.RANK[r.granularity] <= cal.RANK["year"]:
                # "a tour in 2020 ... stops on July 22": the story's year is that year,
                # however near to its first day the previous July is.
                mode = "same_year" if r.granularity == "year" else "closest"
                return r.start, Anchor("mention", placed.expression, r.value), mode
        return None

    def _explicit_year(self, block: int,
                       accept: Callable[[Placed], bool]) -> tuple[dt.date, Anchor, str] | None:
        """The nearest earlier mention of this paragraph that writes its year and passes
        `accept`: a year names the story's year, a month or day its nearest date."""
        for placed in reversed(self.history):
            if placed.block != block:
                return None
            r = placed.resolution
            if (accept(placed) and r.explicit_year and r.anchor.kind == "absolute"
                    and r.granularity in ("day", "week", "month", "quarter", "season", "half",
                                          "year")):
                mode = "same_year" if r.granularity == "year" else "closest"
                return r.start, Anchor("mention", placed.expression, r.value), mode
        return None

    def _period_a_year_off(self, meaning: Meaning, sentence: int) -> Placed | None:
        """For "a year ago" / "a year earlier" right after a quarter or a month: that period.

        "Profit rose in the third quarter from a year ago" compares quarters, not years.
        """
        if (meaning.unit != "year" or not meaning.amount or meaning.special or meaning.month
                or meaning.quarter):
            return None
        if not self.history:
            return None
        placed = self.history[-1]
        allowed = ("quarter", "half") if meaning.kind == "relative" else (
            "quarter", "half", "month")
        if sentence - placed.sentence <= 1 and placed.resolution.granularity in allowed:
            return placed
        return None

    # -- absolute --------------------------------------------------------------------------

    def _absolute(self, m: Meaning, *, block: int, sentence: int,
                  tense: int) -> Resolution | None:
        gran = m.granularity or "day"
        if gran == "decade" and m.decade is not None:
            return make(dt.date(m.decade * 10, 1, 1), "decade", Anchor("absolute"),
                        explicit_year=True)
        if gran == "century" and m.century is not None:
            return make(dt.date(max(m.century * 100, 1), 1, 1), "century", Anchor("absolute"),
                        explicit_year=True)
        if m.year is not None:
            day = _first_day(m, m.year)
            if day is None:
                return None
            return make(day, gran, Anchor("absolute"), explicit_year=True)
        reference = self._year_reference(block, sentence)
        if reference is None:
            return None
        base, anchor, mode = reference
        candidates = [d for y in (base.year - 1, base.year, base.year + 1)
                      if (d := _first_day(m, y)) is not None]
        if m.weekday is not None and gran == "day":
            matching = [d for d in candidates if d.weekday() == m.weekday]
            candidates = matching or candidates
        if not candidates:
            return None
        same_year = [d for d in candidates if d.year == base.year] if mode == "same_year" else []
        day = same_year[0] if same_year else _choose_year(
            candidates, gran, base, tense if mode == "tense" else 0)
        confidence = 0.9 if anchor.kind == "mention" else 0.85
        return make(day, gran, anchor, confidence=confidence)

    # -- dateparser fallback -------------------------------------------------------------

    def _dateparser(self, expression: str, *, block: int, tense: int) -> Resolution | None:
        """Absolute forms the grammar does not know; never anything relative to today."""
        text = _strip_for_dateparser(expression)
        if not text or not re.search(rf"\d|\b(?:{'|'.join(MONTHS)})\b", text.lower()):
            return None
        first = _parse_with_dateparser(text, dt.date(2001, 6, 15))
        second = _parse_with_dateparser(text, dt.date(2013, 2, 3))
        if first is None or second is None:
            return None
        if first != second:
            return None  # it depends on the reference date: not an absolute form we trust
        day, gran = first
        if str(day.year) not in text and f"'{day.year % 100:02d}" not in text:
            return None  # dateparser took a day or a count for the year ("April 24 and 25")
        return make(day, gran, Anchor("absolute"), explicit_year=True, confidence=0.8)


# --- pure helpers -------------------------------------------------------------------------


def _with_confidence(resolution: Resolution | None, confidence: float) -> Resolution | None:
    if resolution is None:
        return None
    return Resolution(resolution.start, resolution.end, resolution.granularity,
                      resolution.value, resolution.anchor, False,
                      min(resolution.confidence, confidence))


def _first_day(m: Meaning, year: int) -> dt.date | None:
    """The first day of the period `m` names in `year`."""
    try:
        if m.special in ("easter", "good_friday"):
            day = cal.easter(year)
            return day - dt.timedelta(days=2) if m.special == "good_friday" else day
        if m.special == "thanksgiving":
            return cal.nth_weekday(year, 11, 3, 4)
        if m.special == "labor":
            return cal.nth_weekday(year, 9, 0, 1)
        if m.special == "memorial":
            return cal.nth_weekday(year, 5, 0, -1)
        if m.special == "election":
            return cal.nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
        if m.day is not None and m.month is not None:
            return dt.date(year, m.month, m.day)
        if m.month is not None:
            return dt.date(year, m.month, 1)
        if m.quarter is not None:
            return dt.date(year, 3 * (m.quarter - 1) + 1, 1)
        if m.half is not None:
            return dt.date(year, 1 if m.half == 1 else 7, 1)
        if m.season is not None:
            return cal.season_start(year, m.season)
        if m.granularity == "year":
            return dt.date(year, 1, 1)
    except ValueError:
        return None  # "February 30"
    return None


def _choose_year(candidates: list[dt.date], gran: str, base: dt.date, tense: int) -> dt.date:
    """Pick the year of a year-less date: by tense when told from the publication date."""
    periods = [(d, *cal.period(d, gran)) for d in candidates]
    if tense < 0:
        past = [d for d, start, _ in periods if start <= base]
        if past:
            return max(past)
    elif tense > 0:
        future = [d for d, _, end in periods if end >= base]
        if future:
            return min(future)

    def distance(item: tuple[dt.date, dt.date, dt.date]) -> int:
        _, start, end = item
        if start <= base <= end:
            return 0
        return min(abs((start - base).days), abs((end - base).days))

    return min(periods, key=distance)[0]


def _relative(m: Meaning, base: dt.date, anchor: Anchor, base_gran: str,
              tense: int) -> Resolution | None:
    """Apply a relative meaning to a reference day."""
    gran = m.granularity or "day"
    if m.weekday is not None:
        return make(_weekday(base, m.weekday, m.direction, tense), "day", anchor,
                    confidence=0.9)
    if m.special == "in_year":
        day = _first_day(m, cal.shift(base, "year", m.amount).year)
        return make(day, gran, anchor) if day else None
    if m.month is not None or m.season is not None:
        return _named_in_year(m, base, anchor, tense)
    if m.quarter is not None or (m.half is not None and m.special is None):
        year = cal.shift(base, m.unit or "year", m.amount).year
        day = _first_day(m, year)
        return make(day, gran, anchor) if day else None
    if m.special in ("latest_quarter", "latest_half"):
        unit = m.special.removeprefix("latest_")
        day = cal.shift(base, unit, -1)
        if m.unit and m.unit != unit:
            day = cal.shift(day, m.unit, m.amount)
        return make(day, unit, anchor)
    if m.special and m.special.startswith("latest_"):
        unit = m.special.removeprefix("latest_")
        return make(cal.shift(base, m.unit or "year", m.amount), unit, anchor)
    if m.special == "nearest":
        if m.granularity == "weekend":
            saturday = base + dt.timedelta(days=5 - base.weekday())
            if tense < 0 and saturday > base:
                saturday -= dt.timedelta(days=7)
            return make(saturday, "weekend", anchor)
        return make(base, gran, anchor)
    unit = m.unit or gran
    if unit not in cal.RANK:
        return None
    day = cal.shift(base, unit, m.amount)
    # A shift keeps the precision of its reference, and is no finer than its unit:
    # "a day earlier" than 7 November is a day, "a year earlier" only a year.
    return make(day, cal.coarser(cal.coarser(gran, unit), base_gran), anchor)


def _weekday(base: dt.date, weekday: int, direction: int | None, tense: int) -> dt.date:
    """The named weekday nearest the reference, in the direction the phrase or tense says.

    A bare weekday that is the reference's own weekday is the reference day itself
    (dateparser's commonest slip is to go back a week).
    """
    delta = weekday - base.weekday()
    if direction == -1:
        return base - dt.timedelta(days=(base.weekday() - weekday - 1) % 7 + 1)
    if direction == 1:
        return base + dt.timedelta(days=(delta - 1) % 7 + 1)
    if direction == 0:
        return base + dt.timedelta(days=delta)
    if tense > 0:
        return base + dt.timedelta(days=delta % 7)
    return base - dt.timedelta(days=(-delta) % 7)


def _named_in_year(m: Meaning, base: dt.date, anchor: Anchor, tense: int) -> Resolution | None:
    """"last February", "this summer", "next March": a named month or season near a date."""
    gran = "month" if m.month is not None else "season"
    candidates = [d for y in (base.year - 1, base.year, base.year + 1)
                  if (d := _first_day(m, y)) is not None]
    base_start, _ = cal.period(base, gran)
    if m.direction == -1:
        before = [d for d in candidates if d < base_start]
        day = max(before) if before else None
    elif m.direction == 1:
        after = [d for d in candidates if d > base_start]
        day = min(after) if after else None
    elif m.direction == 0:
        day = _first_day(m, base.year)
    else:
        day = _choose_year(candidates, gran, base, tense)
    return make(day, gran, anchor) if day else None


def _strip_for_dateparser(expression: str) -> str:
    text = re.sub(r"^(?:on|in|at|by|since|until|from|during|of)\s+", "", expression.strip(),
                  flags=re.I)
    return text.strip(" .,;:()")


@functools.lru_cache(maxsize=4096)
def _parse_with_dateparser(text: str, base: dt.date) -> tuple[dt.date, str] | None:
    """One cached dateparser call: the day and dateparser's period, or None."""
    try:
        data = _date_data_parser(base).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    gran = {"week": "week", "month": "month", "year": "year"}.get(data.period or "", "day")
    if gran == "day" and text.lower() in WEEKDAYS and (base - day).days == 7:
        # dateparser's commonest slip: the base's own weekday goes back a week.
        day = base
    return day, gran


@functools.cache
def _date_data_parser(base: dt.date) -> DateDataParser:
    """dateparser's parser for one reference day (building one is the slow part)."""
    from dateparser.date import DateDataParser  # lazy: most pages never need it

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12),
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)
