"""Calendar arithmetic at a granularity: the periods a date expression can name.

A resolved date is a period, not a day: "November 2024" is the whole month, "the
third quarter" three months. Keeping the first and last day of that period lets two
mentions be compared honestly (a day inside a month agrees with the month), and the
value string follows TimeML's normalisation ("2024-11", "2024-W45", "2024-Q3", "199")
so results can be checked against annotated corpora.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt

#: Granularities from finest to coarsest.
GRANULARITIES = (
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)
RANK = {name: i for i, name in enumerate(GRANULARITIES)}

#: Seasons by TimeML code and their first month; winter starts in December of the year named.
SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def coarser(a: str, b: str) -> str:
    """The coarser of two granularities (a shift by a year is no finer than a year)."""
    return a if RANK[a] >= RANK[b] else b


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the target month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, amount: int) -> dt.date:
    """`day` moved by `amount` units (negative: back in time)."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=amount)
    if unit == "month":
        return add_months(day, amount)
    if unit in ("quarter", "season"):
        return add_months(day, 3 * amount)
    if unit == "half":
        return add_months(day, 6 * amount)
    if unit == "year":
        return add_months(day, 12 * amount)
    if unit == "decade":
        return add_months(day, 120 * amount)
    if unit == "century":
        return add_months(day, 1200 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def period(day: dt.date, granularity: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period of `granularity` that contains `day`."""
    if granularity == "day":
        return day, day
    if granularity == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if granularity == "weekend":
        saturday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5)
        return saturday, saturday + dt.timedelta(days=1)
    if granularity == "month":
        last = _calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if granularity == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        start = dt.date(day.year, first, 1)
        return start, add_months(start, 3) - dt.timedelta(days=1)
    if granularity == "half":
        start = dt.date(day.year, 1 if day.month <= 6 else 7, 1)
        return start, add_months(start, 6) - dt.timedelta(days=1)
    if granularity == "season":
        year = day.year - 1 if day.month <= 2 else day.year
        first = {12: 12, 1: 12, 2: 12}.get(day.month, 3 * ((day.month - 3) // 3) + 3)
        start = dt.date(year, first, 1)
        return start, add_months(start, 3) - dt.timedelta(days=1)
    if granularity == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if granularity == "decade":
        first = day.year - day.year % 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    if granularity == "century":
        first = day.year - day.year % 100
        return dt.date(first, 1, 1), dt.date(first + 99, 12, 31)
    raise ValueError(f"unknown granularity {granularity!r}")


def value(day: dt.date, granularity: str) -> str:
    """TimeML-style value of the period of `granularity` containing `day`."""
    start, _ = period(day, granularity)
    if granularity == "day":
        return start.isoformat()
    if granularity in ("week", "weekend"):
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{start.year}-{start.month:02d}"
    if granularity == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{start.year}-H{1 if start.month <= 6 else 2}"
    if granularity == "season":
        code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[start.month]
        return f"{start.year}-{code}"
    if granularity == "year":
        return str(start.year)
    if granularity == "decade":
        return str(start.year // 10)
    if granularity == "century":
        return str(start.year // 100)
    raise ValueError(f"unknown granularity {granularity!r}")


def season_start(year: int, code: str) -> dt.date:
    return dt.date(year, SEASONS[code], 1)


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th `weekday` (0 = Monday) of a month; n = -1 is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.weekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    last = dt.date(year, month, _calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
