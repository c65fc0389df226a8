"""What a date phrase means before we know when it was said.

"a day earlier", "last Tuesday", "on Nov. 8" and "November 7, 2024" need different
reference points (another event, the publication date, the context's year, nothing).
This module reads a phrase into a `Meaning` that says which reference it needs and
what to do with it; `resolve.py` then applies it. Reading is pure and cached, so a
phrase repeated across a page (or a corpus) is read once.

The grammar is our own rather than dateparser's because dateparser cannot tell the
kinds apart: it returns None for anaphoric phrases, silently invents the year of a
year-less date from "now", and resolves durations ("two years") to a point in time.
dateparser remains the fallback for absolute forms this grammar does not know.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["date", "relative", "anaphoric", "duration", "vague", "set", "unknown"]
Base = Literal["published", "mention", "context"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "couple of": 2, "a couple": 2, "a dozen": 12, "dozen": 12,
}  # fmt: skip
#: Counts that name no number: "several years ago" is a vague past, not a date.
VAGUE_COUNTS = ("several", "a few", "few", "many", "some", "numerous", "dozens of",
                "hundreds of", "a number of", "countless")  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "final": 4, "last": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty first": 21,
    "twenty-first": 21,
}  # fmt: skip
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
UNITS = {
    "day": "day", "days": "day", "night": "day", "nights": "day", "week": "week",
    "weeks": "week", "fortnight": "week", "weekend": "weekend", "weekends": "weekend",
    "month": "month", "months": "month", "quarter": "quarter", "quarters": "quarter",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "half": "half", "season": "season",
    "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
    "morning": "day", "evening": "day", "afternoon": "day",
}  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_NUM_WORDS = "|".join(sorted((k for k in NUMBERS if " " not in k), key=len, reverse=True))
_NUM = (
    rf"(?:a couple of|couple of|a couple|a dozen|\d+(?:\.\d+)?|"
    rf"(?:{_NUM_WORDS})(?:[ -](?:{_NUM_WORDS}))?)"
)
_VAGUE_NUM = "|".join(VAGUE_COUNTS)
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_TIME_OF_DAY = r"(?:morning|afternoon|evening|night|noon|midday|midnight|overnight)"


@dataclass(frozen=True)
class Meaning:
    """A date phrase read without a reference date.

    kind:
      date       a calendar period, possibly missing its year (`year` None → from context)
      relative   counted from the publication date ("yesterday", "last week", "two days ago")
      anaphoric  counted from another event's date ("a day earlier", "the following week")
      duration   a length of time ("for over two years"): never a point date
      vague      a vague reference to past, present or future ("recently", "now")
      set        a recurrence ("every Monday", "daily")
      unknown    not understood by the grammar (dateparser may still read it)
    """

    kind: Kind
    granularity: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: int | None = None
    century: int | None = None
    #: Shift from the reference, in `unit`s (negative: earlier).
    unit: str | None = None
    amount: int = 0
    #: For weekdays, months and seasons named relative to the reference: -1 the last one
    #: before, +1 the next one after, 0 the one in the same week/year, None: from tense.
    direction: int | None = None
    #: Anaphoric phrases that may also be read from the publication date ("earlier this week").
    deictic: bool = False
    ref: str | None = None
    special: str | None = None


UNKNOWN = Meaning("unknown")


def number(text: str) -> int | None:
    """'two' → 2, 'twenty four' → 24, '3' → 3; None for vague counts."""
    text = text.strip()
    if text in NUMBERS:
        return NUMBERS[text]
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return round(float(text))
    parts = re.split(r"[ -]", text)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _year(text: str) -> int | None:
    text = text.strip().lstrip("'")
    if re.fullmatch(r"\d{4}", text):
        value = int(text)
        return value if 1000 <= value <= 2999 else None
    if re.fullmatch(r"\d{2}", text):
        value = int(text)
        return 1900 + value if value >= 30 else 2000 + value
    return None


# --- normalisation ----------------------------------------------------------------------

_PREPOSITIONS = (
    "on", "in", "at", "by", "during", "since", "until", "till", "til", "from", "through",
    "throughout", "as of", "before", "after", "within", "around", "into", "of", "to",
    "between", "beginning", "starting", "as early as", "as late as", "as recently as",
    "as soon as", "no later than", "no earlier than", "not until", "sometime", "some time",
    "sometime in", "up to", "up until", "ahead of", "prior to",
)  # fmt: skip
_APPROX = (
    "just", "only", "about", "around", "roughly", "approximately", "nearly", "almost",
    "some", "exactly", "precisely", "at least", "more than", "less than", "over", "under",
    "barely", "fully", "well over", "well", "already", "still", "even", "also", "again",
    "probably", "possibly", "perhaps", "a full", "a mere", "another", "mere", "full",
)  # fmt: skip
_PART = (
    "the end of", "the beginning of", "the start of", "the middle of", "the first part of",
    "the latter part of", "the early part of", "the later part of", "the rest of",
    "the remainder of", "the close of", "the turn of", "the balance of", "the course of",
    "end of", "start of", "beginning of", "middle of", "early", "mid", "late", "earlier",
    "later",
)  # fmt: skip


def _alternation(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


_PREFIX = re.compile(rf"^(?:{_alternation(_PREPOSITIONS + _APPROX)})\s+")
_PART_PREFIX = re.compile(rf"^(?:{_alternation(_PART)})\s+")
_CLOCK = re.compile(
    r"\b(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|o'clock)(?:\s+[a-z]{2,4}t)?\b"
    r"|\b(?:at\s+)?(?:noon|midnight)\b"
)


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}  # fmt: skip
_TENS_RE, _ONES_RE = "|".join(_TENS), "|".join(_ONES)
_SPELLED_YEAR = re.compile(
    rf"\b(?P<c>nineteen|eighteen|twenty) (?P<t>{_TENS_RE})(?:[ -](?P<o>{_ONES_RE}))?\b"
    rf"|\btwo thousand(?: and)?(?: (?P<n>{_TENS_RE}|{_ONES_RE}))?\b"
)


def _spelled_years(text: str) -> str:
    """Transcripts spell years out: 'nineteen ninety-six' → '1996', 'two thousand' → '2000'."""

    def digits(m: re.Match[str]) -> str:
        if m["c"]:
            century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m["c"]]
            return str(century * 100 + _TENS[m["t"]] + (_ONES[m["o"]] if m["o"] else 0))
        extra = m["n"]
        return str(2000 + (_TENS.get(extra) or _ONES.get(extra) or 0 if extra else 0))

    return _SPELLED_YEAR.sub(digits, text)


def normalise(text: str) -> str:
    """Lower-case, plain quotes and spaces, abbreviation dots and possessives dropped."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    if "nineteen" in text or "thousand" in text or "twenty" in text:
        text = _spelled_years(text)
    text = re.sub(rf"\b({_MONTH}|{_WEEKDAY})\.", r"\1", text)
    text = _CLOCK.sub(" ", text)
    text = re.sub(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)", "", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:!?()[]\"'")
    return text


# --- the grammar ------------------------------------------------------------------------

_VAGUE = {
    "PRESENT_REF": (
        "now", "right now", "just now", "currently", "current", "at present", "presently",
        "these days", "nowadays", "the present", "present", "at the moment", "the moment",
        "this time", "at this time", "this point", "at this point", "the present time",
        "the current time", "today's", "as of now", "for now", "so far", "to date",
        "the time being", "for the time being", "right now", "immediately", "the moment",
        "yet",
    ),
    "PAST_REF": (
        "recently", "recent", "lately", "the past", "previously", "formerly", "once",
        "earlier", "the time", "some time ago", "a while ago", "long ago", "not long ago",
        "a while back", "years ago", "decades ago", "months ago", "weeks ago", "days ago",
        "in the past", "then", "the other day", "historically", "of late", "past",
        "recent years", "recent months", "recent weeks", "recent days", "recent times",
        "former", "the old days", "the early days", "the last few years",
    ),
    "FUTURE_REF": (
        "future", "the future", "soon", "the near future", "the coming years",
        "the coming months", "the coming weeks", "the coming days", "someday", "some day",
        "one day", "eventually", "shortly", "the long run", "the long term", "the years ahead",
        "the months ahead", "the weeks ahead", "the days ahead", "later", "the next few years",
        "the future", "from time to time", "in the future", "the near term", "the short term",
        "down the road", "ahead",
    ),
}  # fmt: skip
_VAGUE_INDEX = {phrase: ref for ref, phrases in _VAGUE.items() for phrase in phrases}

_SET = re.compile(
    rf"^(?:every|each|once a|twice a|per)\s.*|^(?:daily|weekly|monthly|annually|yearly|nightly|"
    rf"hourly|quarterly|biweekly|annual|semiannually|(?:{_WEEKDAY})s|every other .*)$"
)

_SHIFT = re.compile(
    rf"^(?:the )?(?P<num>{_NUM}|{_VAGUE_NUM})[ -](?P<unit>{_UNIT})(?: and a half)?"
    rf"(?: or so| or more| or two)? (?P<rel>ago|earlier|later|before|after|from now|hence|"
    rf"back|previously|afterwards?|prior|since|further on|on|before that|after that|"
    rf"earlier than that|later than that)$"
)
_DURATION = re.compile(
    rf"^(?:for |over |the |about |nearly |almost )?"
    rf"(?:(?:past|last|next|previous|first|final|coming|following|ensuing|latest|recent|"
    rf"preceding|remaining|last few|past few|next few|past several|last several|next several"
    rf"|entire|whole) )?"
    rf"(?:(?:{_NUM}|{_VAGUE_NUM}|the better part of|the|a full|full|several|few)[ -])?"
    rf"(?:(?:{_NUM_WORDS})[ -])?(?:{_UNIT})"
    rf"(?:(?: and a half| or so| or more| or two| long| old| running| straight| in a row|"
    rf" of .*))?$"
)
_DEICTIC_DAY = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "yesterday": -1, "last night": -1,
    "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2,
    "overnight": 0, "today and tomorrow": 0,
}  # fmt: skip
_UNIT_REL = re.compile(
    r"^(?:(?P<the>the) )?(?P<rel>this|that|last|next|past|coming|previous|preceding|prior|"
    r"current|present|following|same|ensuing|latest|most recent|recent|upcoming|"
    r"just completed|just ended|this past|this coming|very same|very next)"
    r" (?P<unit>week|weekend|month|year|quarter|decade|century|fiscal year|financial year|"
    r"season|half|day|morning|afternoon|evening|night)$"
)
_UNIT_EDGE = re.compile(
    r"^(?:the )?(?P<unit>day|week|month|year|weekend|morning|night|evening)"
    r" (?P<rel>before|after|earlier|later|prior|previous|following|before that|after that)$"
)
_WEEKDAY_RE = re.compile(
    rf"^(?:(?P<rel>last|this|next|past|coming|this past|this coming|the following|"
    rf"the next|the previous|the preceding|that) )?(?P<wd>{_WEEKDAY})"
    rf"(?: {_TIME_OF_DAY})?$"
)
_MONTH_DAY = re.compile(
    rf"^(?:(?P<wd>{_WEEKDAY}),? )?(?P<m>{_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,? (?P<y>\d{{4}}|'\d\d))?(?:,? (?P<wd2>{_WEEKDAY}))?(?: {_TIME_OF_DAY})?$"
)
_DAY_MONTH = re.compile(
    rf"^(?:(?P<wd>{_WEEKDAY}),? )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m>{_MONTH})"
    rf"(?:,? (?P<y>\d{{4}}|'\d\d))?(?: {_TIME_OF_DAY})?$"
)
_ORD_MONTH = re.compile(rf"^(?:the )?(?P<d>{_ORD}) of (?P<m>{_MONTH})(?:,? (?P<y>\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"^(?P<m>{_MONTH})(?:,| of)? (?P<y>\d{{4}}|'\d\d)$")
_MONTH_REL_YEAR = re.compile(
    rf"^(?P<m>{_MONTH})(?: (?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,| of)? (?P<rel>this|last|next|"
    rf"the following|the previous) year$"
)
_MONTH_ONLY = re.compile(
    rf"^(?:(?P<rel>last|this|next|past|coming|this past|this coming|the following|"
    rf"the previous|that) )?(?P<m>{_MONTH})$"
)
_YEAR = re.compile(
    r"^(?:(?:the )?(?:fiscal|calendar|financial|model|tax|school|academic)(?: year)? |"
    r"(?:the )?year |fy ?|the )?(?P<y>\d{4}|'\d\d)"
    r"(?: (?:fiscal|financial|calendar|model|tax|school) year| season| year| budget)?$"
)
_YEAR_SPAN = re.compile(r"^(?:fiscal )?(?P<y>\d{4})[-/](?P<z>\d{2}|\d{4})$")
_DECADE = re.compile(r"^(?:the )?(?P<c>'|\d\d)?(?P<d>\d)0'?s$")
_DECADE_WORD = re.compile(rf"^(?:the )?(?:(?P<c>\d\d|19|20) ?)?(?P<w>{'|'.join(DECADE_WORDS)})$")
_CENTURY = re.compile(rf"^(?:the )?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_ORD}) century$")
_QUARTER = re.compile(
    r"^(?:the )?(?:fiscal |calendar )?(?:(?P<y1>\d{4}) )?(?:fiscal )?"
    r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last) (?:fiscal )?quarter"
    r"(?: of (?:the )?(?:fiscal |calendar )?(?:(?P<y2>\d{4}|'\d\d)|(?P<rel>this|last|next|"
    r"the current|the previous|the past|the year)(?: year)?)(?: fiscal year)?|"
    r" (?P<y3>\d{4}))?$"
)
_Q = re.compile(r"^(?:fiscal |the )?(?:(?P<y1>\d{4}) )?q(?P<q>[1-4])(?: (?:fy)?(?P<y2>\d{4}))?$")
_HALF = re.compile(
    r"^(?:the )?(?P<h>first|second|1st|2nd|latter|last|final|back|front) half"
    r"(?: of (?:the )?(?:fiscal )?(?:(?P<y>\d{4})|(?P<rel>this|last|next)(?: year)?|"
    r"the year|the decade))?$"
)
_SEASON = re.compile(
    r"^(?:(?P<rel>last|this|next|past|coming|this past|this coming|that|the following|"
    r"the previous|the) )?(?P<s>spring|summer|fall|autumn|winter)(?: (?:of )?(?P<y>\d{4}))?$"
)
_SEASON_YEAR = re.compile(r"^(?:the )?(?P<y>\d{4}) (?P<s>spring|summer|fall|autumn|winter)$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_SLASH = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})$")
_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year day": (1, 1), "new years day": (1, 1),
    "new year's eve": (12, 31), "new years eve": (12, 31), "independence day": (7, 4),
    "july fourth": (7, 4), "the fourth of july": (7, 4), "fourth of july": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "valentine day": (2, 14),
    "boxing day": (12, 26), "veterans day": (11, 11), "armistice day": (11, 11),
    "st. patrick's day": (3, 17), "st patrick day": (3, 17), "st. patrick day": (3, 17),
}  # fmt: skip
_MOVABLE = {
    "easter": "easter", "easter sunday": "easter", "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving", "labor day": "labor", "memorial day": "memorial",
    "election day": "election", "good friday": "good_friday",
}  # fmt: skip
_YEAR_AGO_PERIOD = re.compile(
    r"^(?:the )?(?:year ago|year earlier|prior year|previous year|comparable|"
    r"comparable year ago|same|corresponding|year ago|year-earlier)"
    r" (?P<unit>quarter|period|month|week|year|half)(?: (?:a year earlier|last year|"
    r"a year ago|of last year|the year before))?$"
)
_LATEST_PERIOD = re.compile(
    r"^(?:the )?(?:latest|most recent|recent|just completed|just ended|past|last|"
    r"previous|prior|current|present|)\s?(?P<unit>quarter|period|fiscal year|year|month|week|"
    r"half)$"
)


def _strip(text: str) -> tuple[str, str]:
    """Peel prepositions, hedges and "the end of"-like parts off a phrase.

    Returns the core and a hint: 'for' when the phrase opened with "for" (a duration).
    """
    hint = ""
    text = re.sub(r"^(?:its|their|his|her|our|my|your|a(?= \d+(?:st|nd|rd|th) century)) (?=\S)",
                  "", text)
    text = re.sub(r"^the (?:early|mid|late)\b[\s-]*(?=\S)", "the ", text)
    text = re.sub(r"^the day (?=\w+day\b)", "", text)
    for _ in range(6):
        if text.startswith("for "):
            hint = "for"
            text = text[4:]
            continue
        stripped = _PREFIX.sub("", text, count=1)
        stripped = _PART_PREFIX.sub("", stripped, count=1)
        stripped = re.sub(r"^(?:early|mid|late)-(?=\w)", "", stripped)
        if stripped == text:
            break
        text = stripped
    text = re.sub(rf"\s+{_TIME_OF_DAY}$", "", text) if not text.startswith(
        ("this ", "last ", "that ", "the ")
    ) else text
    return text, hint


@functools.lru_cache(maxsize=8192)
def read(raw: str) -> Meaning:
    """Read a date phrase (the text of a span) into its `Meaning`."""
    text = normalise(raw)
    if not text:
        return UNKNOWN
    if text in _VAGUE_INDEX:
        return Meaning("vague", ref=_VAGUE_INDEX[text])
    core, hint = _strip(text)
    core = core.replace("year-ago", "year ago").replace("year-earlier", "year earlier")
    if core in _VAGUE_INDEX:
        return Meaning("vague", ref=_VAGUE_INDEX[core])
    meaning = _read_core(core)
    if meaning.kind == "unknown" and "-" in core:
        meaning = _read_core(re.sub(r"(?<=[a-z])-(?=[a-z])", " ", core))
    if hint == "for" and meaning.kind in ("relative", "anaphoric") and meaning.unit:
        return Meaning("duration", unit=meaning.unit)
    return meaning


def _read_core(t: str) -> Meaning:
    """Read a stripped phrase: the first reader that knows it answers (order matters:
    "march 3" is a day before it could be a month, "the week of …" a week before " of "
    takes its tail)."""
    for reader in _READERS:
        meaning = reader(t)
        if meaning is not None:
            return meaning
    return UNKNOWN


def _read_numeric_or_set(t: str) -> Meaning | None:
    """Vague words, recurrences ("every Monday") and all-digit dates (ISO, 11/02/89)."""
    if t in _VAGUE_INDEX:
        return Meaning("vague", ref=_VAGUE_INDEX[t])
    if _SET.match(t):
        return Meaning("set")
    if m := _ISO.match(t):
        return _date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m := _SLASH.match(t):
        return _date(_year(m["y"]), int(m["m"]), int(m["d"]))
    return None


def _read_deictic_day(t: str) -> Meaning | None:
    """Days named from the publication date: "yesterday", "late tomorrow", "this morning"."""
    if t in _DEICTIC_DAY:
        return Meaning("relative", "day", unit="day", amount=_DEICTIC_DAY[t])
    for word, amount in (("yesterday", -1), ("today", 0), ("tomorrow", 1), ("tonight", 0)):
        if re.fullmatch(rf"(?:(?:early|late|earlier|later) )?{word}(?: {_TIME_OF_DAY})?", t) or (
            re.fullmatch(rf"{_TIME_OF_DAY} {word}", t)
        ):
            return Meaning("relative", "day", unit="day", amount=amount)
    return None


def _read_shift(t: str) -> Meaning | None:
    """Counted shifts: "two days ago", "a week later", "the day before"."""
    if m := _SHIFT.match(t):
        return _shift(m)
    if m := _UNIT_EDGE.match(t):
        unit = UNITS.get(m["unit"], m["unit"])
        amount = -1 if m["rel"] in ("before", "earlier", "prior", "previous", "before that") else 1
        return Meaning("anaphoric", unit, unit=unit, amount=amount)
    return None


def _read_day_or_month(t: str) -> Meaning | None:
    """Weekdays, days of a month ("Monday, Oct. 26", "the 3rd of May") and months."""
    if m := _WEEKDAY_RE.match(t):
        return _weekday(m["rel"], WEEKDAYS[m["wd"]])
    if m := _MONTH_DAY.match(t) or _DAY_MONTH.match(t):
        meaning = _date(_year(m["y"]) if m["y"] else None, MONTHS[m["m"]], int(m["d"]))
        weekday = m["wd"] or m.groupdict().get("wd2")
        if weekday and meaning.kind == "date":
            # "Monday, Oct. 26": the weekday tells the year when the phrase does not.
            return Meaning("date", "day", year=meaning.year, month=meaning.month,
                           day=meaning.day, weekday=WEEKDAYS[weekday])
        return meaning
    if m := _ORD_MONTH.match(t):
        return _date(_year(m["y"]) if m["y"] else None, MONTHS[m["m"]], ORDINALS[m["d"]])
    if m := _MONTH_YEAR.match(t):
        return Meaning("date", "month", year=_year(m["y"]), month=MONTHS[m["m"]])
    if m := _MONTH_REL_YEAR.match(t):
        amounts = {"this": 0, "last": -1, "next": 1, "the following": 1, "the previous": -1}
        day = int(m["d"]) if m["d"] else None
        kind: Kind = "anaphoric" if m["rel"].startswith("the ") else "relative"
        return Meaning(kind, "day" if day else "month", month=MONTHS[m["m"]], day=day,
                       unit="year", amount=amounts[m["rel"]], special="in_year")
    if m := re.fullmatch(rf"(?:last|this|next|this past|this coming) ((?:{_MONTH}) \d{{1,2}})"
                         r"(?:st|nd|rd|th)?", t):
        return _read_core(m.group(1))
    if m := _MONTH_ONLY.match(t):
        return _month(m["rel"], MONTHS[m["m"]])
    return None


def _read_year_or_longer(t: str) -> Meaning | None:
    """Years, fiscal spans, decades ("the eighties", "'90s") and centuries."""
    if m := _YEAR.match(t):
        year = _year(m["y"])
        return Meaning("date", "year", year=year) if year else UNKNOWN
    if m := _YEAR_SPAN.match(t):
        return Meaning("date", "year", year=int(m["y"]))
    if m := _DECADE.match(t):
        century = m["c"]
        if century in (None, "'"):
            return Meaning("date", "decade", decade=190 + int(m["d"]) if int(m["d"]) >= 2 else
                           200 + int(m["d"]))
        return Meaning("date", "decade", decade=int(century) * 10 + int(m["d"]))
    if m := _DECADE_WORD.match(t):
        century = int(m["c"]) if m["c"] else 19
        return Meaning("date", "decade", decade=century * 10 + DECADE_WORDS[m["w"]])
    if m := _CENTURY.match(t):
        raw = m["n"]
        n = ORDINALS.get(raw) or int(re.sub(r"\D", "", raw))
        return Meaning("date", "century", century=n - 1)
    return None


def _read_part_of_year(t: str) -> Meaning | None:
    """Quarters, halves, seasons and holidays."""
    if m := _QUARTER.match(t):
        return _quarter(m)
    if m := _Q.match(t):
        year_text = m["y1"] or m["y2"]
        return Meaning("date", "quarter", year=int(year_text) if year_text else None,
                       quarter=int(m["q"]))
    if m := _HALF.match(t):
        half = 1 if m["h"] in ("first", "1st", "front") else 2
        if m["rel"]:
            amount = {"this": 0, "last": -1, "next": 1}[m["rel"]]
            return Meaning("relative", "half", unit="year", amount=amount, half=half)
        return Meaning("date", "half", year=int(m["y"]) if m["y"] else None, half=half)
    if m := _SEASON.match(t) or _SEASON_YEAR.match(t):
        return _season(m)
    if t in _HOLIDAYS:
        month, day = _HOLIDAYS[t]
        return _date(None, month, day)
    if t in _MOVABLE:
        return Meaning("date", "day", special=_MOVABLE[t])
    return None


def _read_period(t: str) -> Meaning | None:
    """Periods named against the reference: "the year-ago quarter", "next week", "earlier
    this month", "the weekend", "the next morning"."""
    if m := _YEAR_AGO_PERIOD.match(t):
        unit = m["unit"] if m["unit"] != "period" else "quarter"
        return Meaning("relative", unit, unit="year", amount=-1, special="latest_" + unit)
    if m := _UNIT_REL.match(t):
        return _unit_rel(m)
    if m := _LATEST_PERIOD.match(t):
        unit = {"period": "quarter", "fiscal year": "year"}.get(m["unit"], m["unit"])
        if unit in ("quarter", "half"):
            return Meaning("relative", unit, unit=unit, amount=0, special="latest_" + unit)
        return Meaning("relative", unit, unit=unit, amount=0)
    if m := re.fullmatch(
        r"(?P<rel>earlier|later|early|late) (?P<this>this|that|the same|last|next) "
        r"(?P<unit>week|month|year|day|morning|evening|season|decade|quarter)",
        t,
    ):
        unit = UNITS[m["unit"]]
        amount = {"last": -1, "next": 1}.get(m["this"], 0)
        kind: Kind = "anaphoric" if m["this"] in ("that", "the same") else "relative"
        return Meaning(kind, unit, unit=unit, amount=amount, deictic=m["this"] == "this")
    if t in ("the weekend", "weekend", "the week"):
        unit = "weekend" if "weekend" in t else "week"
        return Meaning("relative", unit, unit=unit, amount=0, direction=None, special="nearest")
    if re.fullmatch(r"(?:the )?(?:next|following) (?:morning|evening|night|afternoon)", t):
        return Meaning("anaphoric", "day", unit="day", amount=1)
    if re.fullmatch(r"(?:that|the same) (?:morning|evening|night|afternoon|day)", t):
        return Meaning("anaphoric", "day", unit="day", amount=0)
    return None


def _read_part_of(t: str) -> Meaning | None:
    """A period named by what it is part of: "the week of March 3", "the first nine
    months of 1997", "the early hours of Thursday"."""
    if m := re.fullmatch(r"(?:the )?week of (.+)", t):
        inner = _read_core(m.group(1))
        if inner.kind == "date" and inner.granularity == "day":
            return Meaning("date", "week", year=inner.year, month=inner.month, day=inner.day)
    if " of " in t:
        tail = _read_core(t.rsplit(" of ", 1)[1])
        if tail.kind in ("date", "relative"):
            return tail
    return None


def _read_duration(t: str) -> Meaning | None:
    """A length of time with no point date: "over the past two years", "a few weeks"."""
    if _DURATION.match(t):
        return Meaning("duration")
    if re.fullmatch(rf"(?:{_VAGUE_NUM}) (?:{_UNIT})", t) or re.fullmatch(rf"(?:{_UNIT})", t):
        return Meaning("duration")
    return None


#: The readers `_read_core` tries, in this order.
_READERS: tuple[Callable[[str], Meaning | None], ...] = (
    _read_numeric_or_set, _read_deictic_day, _read_shift, _read_day_or_month,
    _read_year_or_longer, _read_part_of_year, _read_period, _read_part_of, _read_duration,
)


def _date(year: int | None, month: int, day: int) -> Meaning:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return UNKNOWN
    return Meaning("date", "day", year=year, month=month, day=day)


def _shift(m: re.Match[str]) -> Meaning:
    unit = UNITS[m["unit"]]
    count = number(m["num"])
    rel = m["rel"]
    if rel in ("since", "on"):
        # "two years since", "a year on": read as a shift forward from the other event.
        rel = "later" if rel == "on" else "ago"
    if unit in ("hour", "minute"):
        unit, count = "day", 0 if count is not None else None
    if count is None:
        # "several years ago": only a vague past; "several days later": no point date.
        return Meaning("vague", ref="PAST_REF" if rel == "ago" else None)
    sign = -1 if rel in ("ago", "earlier", "before", "back", "previously", "prior",
                         "before that", "earlier than that") else 1
    if m["unit"] == "fortnight":
        count *= 2
    gran = "day" if unit == "day" else unit
    if rel in ("ago", "from now", "hence", "back"):
        return Meaning("relative", gran, unit=unit, amount=sign * count)
    return Meaning("anaphoric", gran, unit=unit, amount=sign * count)


#: The words before a weekday, month or season that say which one is meant: -1 the last
#: one before the reference, +1 the next one after, 0 the one in the same week or year.
_DIRECTION = {
    "last": -1, "past": -1, "this past": -1, "the previous": -1, "the preceding": -1,
    "next": 1, "coming": 1, "this coming": 1, "the following": 1, "the next": 1,
    "this": 0, "that": 0,
}  # fmt: skip
#: Of those, the ones counted from another event ("the following Monday"), not from the
#: publication date ("next Monday").
_ANAPHORIC_DIRECTION = frozenset({"the following", "the next", "the previous", "the preceding",
                                  "that"})


def _direction(rel: str | None) -> tuple[Kind, int | None]:
    """The kind and direction a direction word gives ("relative", None without one)."""
    if rel is None:
        return "relative", None
    return ("anaphoric" if rel in _ANAPHORIC_DIRECTION else "relative"), _DIRECTION[rel]


def _weekday(rel: str | None, weekday: int) -> Meaning:
    kind, direction = _direction(rel)
    return Meaning(kind, "day", weekday=weekday, direction=direction)


def _month(rel: str | None, month: int) -> Meaning:
    if rel is None:
        return Meaning("date", "month", month=month)
    kind, direction = _direction(rel)
    return Meaning(kind, "month", month=month, direction=direction)


def _quarter(m: re.Match[str]) -> Meaning:
    q = ORDINALS[m["q"]]
    year_text = m["y1"] or m["y2"] or m["y3"]
    if year_text:
        return Meaning("date", "quarter", year=_year(year_text), quarter=q)
    rel = m["rel"]
    if rel in ("last", "the previous", "the past"):
        return Meaning("relative", "quarter", unit="year", amount=-1, quarter=q)
    if rel == "next":
        return Meaning("relative", "quarter", unit="year", amount=1, quarter=q)
    if rel in ("this", "the current", "the year"):
        return Meaning("relative", "quarter", unit="year", amount=0, quarter=q)
    return Meaning("date", "quarter", quarter=q)


def _season(m: re.Match[str]) -> Meaning:
    code = SEASON_CODES[m["s"]]
    if m["y"]:
        return Meaning("date", "season", year=int(m["y"]), season=code)
    rel = m.groupdict().get("rel")
    if rel in (None, "the"):
        return Meaning("date", "season", season=code)
    kind, direction = _direction(rel)
    return Meaning(kind, "season", season=code, direction=direction)


def _unit_rel(m: re.Match[str]) -> Meaning:
    unit = {"fiscal year": "year", "financial year": "year", "morning": "day",
            "afternoon": "day", "evening": "day", "night": "day"}.get(m["unit"], m["unit"])
    rel = m["rel"]
    the = bool(m["the"])
    if unit == "season":
        return UNKNOWN
    if rel in ("this", "current", "present", "this coming" if unit == "weekend" else ""):
        if unit == "day" and m["unit"] != "day":
            return Meaning("relative", "day", unit="day", amount=0)
        return Meaning("relative", unit, unit=unit, amount=0, deictic=True)
    if rel in ("that", "same", "very same"):
        return Meaning("anaphoric", unit, unit=unit, amount=0)
    if rel in ("last", "past", "latest", "most recent", "recent", "just completed",
               "just ended", "this past"):
        if unit == "day" and m["unit"] == "night" and not the:
            return Meaning("relative", "day", unit="day", amount=-1)
        if unit in ("quarter", "half") and rel != "last":
            return Meaning("relative", unit, unit=unit, amount=0, special="latest_" + unit)
        return Meaning("relative", unit, unit=unit, amount=-1)
    if rel in ("previous", "preceding", "prior"):
        return Meaning("anaphoric", unit, unit=unit, amount=-1)
    if rel in ("next", "coming", "upcoming", "this coming"):
        if the and rel == "next":
            return Meaning("anaphoric", unit, unit=unit, amount=1)
        return Meaning("relative", unit, unit=unit, amount=1)
    if rel in ("following", "ensuing", "very next"):
        return Meaning("anaphoric", unit, unit=unit, amount=1)
    return UNKNOWN
