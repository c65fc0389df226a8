"""One event, two dates that cannot both be true; and the page's timeline of dated events.

A false alarm costs more than a miss, so a conflict needs all of:

* the same kind of action ("call" = "conversation" = "dialogue" = "spoke with"),
  told of by a singular word ("talks" and "meetings" are many events);
* the same participants: at least two shared, covering most of each telling's cast;
* no word saying it is another occurrence ("again", "a second call", "a follow-up");
* two day-precise dates (a week against a day at most) whose ranges do not meet.

An event told twice with overlapping dates is agreement, and both tellings go to the
same timeline entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..page import Annotation, Page, Span
from .events import Cast, Event, EventReader
from .mentions import Mention

#: Below this confidence a conflict is not reported.
MIN_SCORE = 0.6
#: Granularities precise enough to contradict another date.
PRECISE = frozenset({"day"})
COMPATIBLE = frozenset({"day", "weekend", "week"})


@dataclass
class Dated:
    """A resolved mention with the event around it."""

    mention: Mention
    event: Event


def read_events(page: Page, mentions: list[Mention]) -> tuple[Cast, list[Dated]]:
    """The event around each mention that names a period."""
    cast = Cast(page.docs)
    reader = EventReader(page.docs, cast)
    dated = []
    for mention in mentions:
        if mention.resolution is None:
            continue
        p = mention.phrase
        event = reader.read(p.block, p.token_start, p.token_end, p.sent_start, p.sent_end)
        dated.append(Dated(mention, event))
    return cast, dated


def same_event(a: Event, b: Event) -> float:
    """How sure we are that two tellings are of one event (0 when they are not)."""
    if a.action is None or a.action != b.action:
        return 0.0
    ka, kb = a.key_participants(), b.key_participants()
    shared = ka & kb
    if len(shared) < 2:
        return 0.0
    cover = len(shared) / min(len(ka), len(kb))
    if cover < 2 / 3:
        return 0.0
    score = 0.6 + 0.4 * len(shared) / max(len(ka), len(kb))
    if a.trigger_lemma != b.trigger_lemma:
        score *= 0.95
    return score * min(a.confidence, b.confidence)


def find_conflicts(page: Page, cast: Cast, dated: list[Dated]) -> list[Annotation]:
    """A `date_conflict` annotation for each pair of tellings of one event that disagree."""
    by_action: dict[str, list[Dated]] = {}
    for item in dated:
        e = item.event
        r = item.mention.resolution
        if (e.action and not e.repeated and not e.plural and r is not None
                and r.granularity in COMPATIBLE and len(e.key_participants()) >= 2):
            by_action.setdefault(e.action, []).append(item)
    annotations: list[Annotation] = []
    seen: set[tuple[Any, ...]] = set()
    for items in by_action.values():
        # Lists are short (dated events with one action on one page); pairs are cheap.
        for j, later in enumerate(items):
            for earlier in items[:j]:
                annotation = _conflict(page, cast, earlier, later)
                if annotation is None:
                    continue
                key = (earlier.mention.resolution.value, later.mention.resolution.value,
                       earlier.event.action, earlier.event.key_participants()
                       | later.event.key_participants())
                if key not in seen:
                    seen.add(key)
                    annotations.append(annotation)
    return annotations


def _conflict(page: Page, cast: Cast, earlier: Dated, later: Dated) -> Annotation | None:
    a, b = earlier.mention, later.mention
    ra, rb = a.resolution, b.resolution
    assert ra is not None and rb is not None
    if a.phrase.sentence == b.phrase.sentence or ra.overlaps(rb):
        return None
    if not (ra.granularity in PRECISE or rb.granularity in PRECISE):
        return None
    if (b.meaning.kind == "anaphoric" and rb.anchor.kind == "mention"
            and rb.anchor.expression == a.phrase.text):
        return None  # counted from the other telling itself: a different event by design
    if a.phrase.block == b.phrase.block and min(earlier.event.confidence,
                                                later.event.confidence) < 1:
        # Two dates a sentence apart in one paragraph are nearly always two events (the
        # tour's stop and its ticket sale); only a telling that names its own cast says
        # otherwise, not one that borrowed the cast of the sentence before.
        return None
    match = same_event(earlier.event, later.event)
    if match == 0:
        return None
    score = match * min(ra.confidence, rb.confidence)
    if a.phrase.block == b.phrase.block:
        score *= 0.85
    if ra.granularity != rb.granularity:
        score *= 0.85
    if score < MIN_SCORE:
        return None
    event = earlier.event
    names = [cast.people[i].short for i in sorted(event.key_participants()
                                                  & later.event.key_participants())]
    action = event.action or "event"
    message = (
        f"The {action} {_between(names)} is dated {_telling(page, a)} and "
        f"{_telling(page, b)}."
    )
    return Annotation(
        type="date_conflict",
        rule="date.conflict",
        severity="warning",
        span=Span(b.block_id, b.phrase.display_start, b.phrase.end),
        message=message,
        related=[{"block": a.block_id, "start": a.phrase.display_start, "end": a.phrase.end,
                  "role": "other_date"}],
        score=round(score, 3),
        evidence={
            "event": event_json(cast, earlier.event, later.event),
            "mentions": [a.to_json(), b.to_json()],
        },
    )


def find_after_publication(page: Page, dated: list[Dated]) -> list[Annotation]:
    """Events the page tells as past but dates after its own publication date."""
    if page.published is None:
        return []
    annotations = []
    for item in dated:
        m, r = item.mention, item.mention.resolution
        assert r is not None
        if not (r.anchor.kind == "absolute" and r.explicit_year and r.start > page.published
                and r.granularity in COMPATIBLE and m.phrase.tense < 0
                and item.event.action is not None and _told_as_past(page, m)):
            continue
        message = (
            f"The page is dated {_human(page.published)}, but paragraph "
            f"{page.ordinal(m.block_id)} tells as past an event of {_human_res(r)} "
            f"('{m.phrase.display_text}')."
        )
        annotations.append(Annotation(
            type="date_conflict",
            rule="date.after_publication",
            severity="warning",
            span=Span(m.block_id, m.phrase.display_start, m.phrase.end),
            message=message,
            related=[],
            score=0.7,
            evidence={"event": {"action": item.event.action, "participants": []},
                      "mentions": [m.to_json()], "published": page.published.isoformat()},
        ))
    return annotations


def _told_as_past(page: Page, mention: Mention) -> bool:
    """The clause itself (not just the sentence) has a past-tense verb and no future marker."""
    doc = page.docs[page.block_index()[mention.block_id]]
    p = mention.phrase
    lo, hi = p.token_start, p.token_end
    while lo > p.sent_start and doc[lo - 1].text not in {",", ";", ":"}:
        lo -= 1
    while hi < p.sent_end and doc[hi].text not in {",", ";", ":"}:
        hi += 1
    words = doc[lo:hi]
    if any(t.lower_ in {"will", "would", "'ll", "shall", "scheduled", "expected", "planned",
                        "due", "set"} for t in words):
        return False
    return any(t.tag_ == "VBD" for t in words)


def build_timeline(cast: Cast, dated: list[Dated]) -> list[dict[str, Any]]:
    """Dated events in date order, tellings of one event on one date merged."""
    entries: list[tuple[Dated, list[Dated]]] = []
    by_value: dict[tuple[str, str], list[tuple[Dated, list[Dated]]]] = {}
    for item in dated:
        r = item.mention.resolution
        assert r is not None
        bucket = by_value.setdefault((r.value, r.granularity), [])
        for head, members in bucket:
            if _agree(head, item):
                members.append(item)
                break
        else:
            entry = (item, [item])
            bucket.append(entry)
            entries.append(entry)
    timeline = []
    for head, members in entries:
        r = head.mention.resolution
        assert r is not None
        timeline.append({
            "date": r.value,
            "granularity": r.granularity,
            "label": _label(cast, head.event, head.mention),
            "event": event_json(cast, head.event),
            "mentions": [m.mention.to_json() for m in members],
            "_sort": (r.start, r.end),
        })
    timeline.sort(key=lambda entry: entry["_sort"])
    for entry in timeline:
        del entry["_sort"]
    return timeline


def _agree(a: Dated, b: Dated) -> bool:
    ra, rb = a.mention.resolution, b.mention.resolution
    assert ra is not None and rb is not None
    if ra.value != rb.value or ra.granularity != rb.granularity:
        return False
    if a.event.action is None and b.event.action is None:
        return a.mention.phrase.text.lower() == b.mention.phrase.text.lower()
    return same_event(a.event, b.event) > 0


def event_json(cast: Cast, *events: Event) -> dict[str, Any]:
    ids: set[int] = set()
    for event in events:
        ids |= event.actors | (event.places if len(event.actors) < 2 else frozenset())
    return {"action": events[0].action or events[0].trigger_lemma,
            "participants": [cast.people[i].name for i in sorted(ids)]}


def _label(cast: Cast, event: Event, mention: Mention) -> str:
    names = [cast.people[i].short for i in sorted(event.key_participants())]
    action = event.action or event.trigger_lemma
    if not action and not names:
        return mention.phrase.display_text
    if not names:
        return str(action)
    if not action:
        return ", ".join(names)
    if len(names) == 1:
        return f"{names[0]} {action}"
    return f"{names[0]} {action} with {_join(names[1:])}"


def _between(names: list[str]) -> str:
    return f"between {_join(names)}" if len(names) > 1 else f"of {_join(names)}"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _telling(page: Page, mention: Mention) -> str:
    r = mention.resolution
    assert r is not None
    where = f"paragraph {page.ordinal(mention.block_id)}"
    said = f"'{mention.phrase.display_text}'"
    if r.anchor.kind == "mention" and mention.meaning.kind == "anaphoric":
        said += f" than '{r.anchor.expression}'"
    elif r.anchor.kind == "published" and mention.meaning.kind != "date":
        said += ", counted from the publication date"
    return f"{_human_res(r)} in {where} ({said})"


def _human(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _human_res(r: Any) -> str:
    if r.granularity == "day":
        return _human(r.start)
    if r.granularity in ("week", "weekend"):
        return f"the {r.granularity} of {_human(r.start)}"
    if r.granularity == "month":
        return f"{r.start:%B %Y}"
    return r.value if r.granularity != "year" else str(r.start.year)

