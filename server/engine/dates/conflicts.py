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
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from ..page import Annotation, Page, Span
from .events import MOVES, PLACE_LABELS, Cast, Event, EventReader
from .mentions import Mention

#: Below this confidence a conflict is not reported.
MIN_SCORE = 0.6
#: How sure one event is when it rests on what the tellings say, not on a full cast.
CONTENT_MATCH = 0.75
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


#: Acts a person goes through once: one named person is cast enough ("Slepian was killed").
ONCE_ONLY = frozenset({"death", "birth"})


def needed_participants(event: Event, cast: Cast | None = None) -> int:
    """How many participants two tellings must share: two, or one person for an act a
    person goes through once (a death, a birth)."""
    if event.action in ONCE_ONLY and cast is not None and any(
            cast.people[i].label == "PERSON" for i in event.key_participants()):
        return 1
    return 2


#: The share of the shorter telling's content words the other must hold.
SAME_CONTENT = 0.8


def says_the_same(a: Event, b: Event) -> bool:
    """Whether two tellings of one act say the same of it: the same word for the act, and
    what each says besides its cast and date (its object, its circumstances) mostly
    found in the other, at least two words of it or one definite thing ("was charged
    with the slaying", "searched the site of the shooting"). A different object or
    amount sets them apart ("the transcript was released", "rose 2%" / "rose 3%")."""
    if a.trigger_lemma != b.trigger_lemma:
        return False
    if a.trigger_lemma in MOVES and not same_move(a, b):
        return False
    shared = a.content & b.content
    smaller = min(len(a.content), len(b.content))
    if not shared or len(shared) < SAME_CONTENT * smaller:
        return False
    if (a.is_set or b.is_set) and len(shared) < 3 and not amounts(a) & amounts(b):
        return False  # "the protests on Saturday drew thousands": sets recur
    return len(shared) >= 2 or bool(shared & a.definite & b.definite)


def same_move(a: Event, b: Event) -> bool:
    """Two tellings of a price's or a count's move are one move only on figures no other
    day would give: the same figures, among them a level ("closed at $45.75, down 25
    cents"), and either two figures or a level with a fraction. A change alone recurs
    ("Apple shares rose 1%" on Monday and on Wednesday; "gained 12 seats" in two cities),
    and so does a round level ("closed at $82"): the page then leaves it unclear, and a
    missed conflict costs less than a false one."""
    figures = amounts(a)
    if not figures or figures != amounts(b) or not a.levels or a.levels != b.levels:
        return False
    return len(figures) >= 2 or any("." in level for level in a.levels)


def amounts(event: Event) -> frozenset[str]:
    """The figures a telling gives ("45.75", "25"): what tells one day's move of a price
    from another's."""
    return frozenset(w for w in event.content if any(c.isdigit() for c in w))


def rests_on_content(a: Event, b: Event, shared: Set[int], cast: Cast | None) -> bool:
    """Whether the cast they share does not make two tellings one event on its own, so that
    what both say of the act must (`says_the_same`): fewer shared participants than either
    needs (two, when none of them is a person), or a telling that needs content anyway."""
    need = min(needed_participants(a, cast), needed_participants(b, cast))
    if need == 1 and not any(cast is not None and cast.people[i].label == "PERSON"
                             for i in shared):
        need = 2
    return len(shared) < need or a.needs_content or b.needs_content


def same_event(a: Event, b: Event, cast: Cast | None = None) -> float:
    """How sure we are that two tellings are of one event (0 when they are not).

    Two tellings sharing their act and cast are one event. One sharing fewer (a single
    participant: "Kopp was charged with the slaying"), or a statement ("Israel warned
    people in northern Gaza to move south"; a statement can be made twice), is one event
    only when both also say the same of the act (`says_the_same`), and is less sure.
    """
    if a.action is None or a.action != b.action:
        return 0.0
    ka, kb = a.key_participants(), b.key_participants()
    shared = ka & kb
    if rests_on_content(a, b, shared, cast):
        if not shared or not says_the_same(a, b):
            return 0.0
        if not shared & (a.borrowed | b.borrowed):
            # Both tellings write the names they share: a pronoun or a borrowed cast
            # elsewhere in them made no part of the match, so it lowers nothing.
            return CONTENT_MATCH
        return CONTENT_MATCH * min(a.confidence, b.confidence)
    cover = len(shared) / min(len(ka), len(kb))
    if cover < 2 / 3:
        return 0.0
    score = 0.6 + 0.4 * len(shared) / max(len(ka), len(kb))
    if a.trigger_lemma != b.trigger_lemma:
        score *= 0.95
    return score * min(a.confidence, b.confidence)


#: How many earlier tellings sharing a participant one telling is compared with. Real
#: pages tell an event a handful of times; a page telling one cast's acts hundreds of
#: times is a list or hostile, and comparing all pairs there would grow quadratically.
MAX_COMPARED = 40


def find_conflicts(page: Page, cast: Cast, dated: list[Dated]) -> list[Annotation]:
    """A `date_conflict` annotation for each pair of tellings of one event that disagree.

    Tellings are indexed by (action, participant): one is compared only with earlier
    tellings of the same action that share a participant with it, the nearest
    `MAX_COMPARED` of them, and a telling that repeats an earlier one's action, cast and
    date adds no new comparison. The work grows with the page, not with its square.

    A pair whose conflict is already reported (same two dates, action and cast) is not
    judged again: on a page telling one event hundreds of times, building each repeat's
    message only to drop it was most of the work.
    """
    index: dict[tuple[str, int], list[int]] = {}
    positions = page.block_index()
    items: list[Dated] = []
    #: Each indexed telling's cast, read once (`key_participants` builds a new set).
    casts: list[frozenset[int]] = []
    signatures: set[tuple[Any, ...]] = set()
    annotations: list[Annotation] = []
    seen: set[tuple[Any, ...]] = set()
    for item in dated:
        e = item.event
        r = item.mention.resolution
        participants = e.key_participants()
        if not (e.action and not e.repeated and not e.plural and r is not None
                and r.granularity in COMPATIBLE and participants):
            continue  # `same_event` decides how many participants each pair needs
        keys = [(e.action, pid) for pid in sorted(participants)]
        compared: set[int] = set()
        for key in keys:
            for i in reversed(index.get(key, [])[-MAX_COMPARED:]):
                if i in compared:
                    continue
                compared.add(i)
                if not casts[i] & participants:
                    continue
                earlier = items[i]
                er = earlier.mention.resolution
                assert er is not None
                seen_key = (er.value, r.value, e.action, casts[i] | participants)
                if seen_key in seen:
                    continue  # reported already: this pair's annotation would be dropped
                annotation = _conflict(page, cast, earlier, item, positions)
                if annotation is None:
                    continue
                seen.add(seen_key)
                annotations.append(annotation)
        signature = (e.action, participants, r.value, r.granularity)
        if signature in signatures:
            continue  # told again alike: the first telling already stands for it
        signatures.add(signature)
        items.append(item)
        casts.append(participants)
        for key in keys:
            index.setdefault(key, []).append(len(items) - 1)
    return annotations


def _conflict(page: Page, cast: Cast, earlier: Dated, later: Dated,
              positions: dict[str, int]) -> Annotation | None:
    a, b = earlier.mention, later.mention
    ra, rb = a.resolution, b.resolution
    assert ra is not None and rb is not None
    if a.phrase.sentence == b.phrase.sentence or ra.overlaps(rb):
        return None
    if _only_a_filled_in_year_differs(a, b):
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
    match = same_event(earlier.event, later.event, cast)
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
    shared = sorted(event.key_participants() & later.event.key_participants())
    names = [cast.people[i].short for i in shared]
    action = (f"event told as '{event.trigger}'" if event.generic
              else event.action or "event")
    words = [w for w in (event.trigger, later.event.trigger) if w]
    told = (f"'{words[0]}' and '{words[1]}'" if len(words) == 2
            and words[0].lower() != words[1].lower() else f"'{words[0]}'" if words else action)
    # When the cast alone does not make them one event, what both say of it does.
    by_content = rests_on_content(event, later.event, set(shared), cast)
    alike = sorted(event.content & later.event.content) if by_content else []
    said = f", both saying {_join([repr(w) for w in alike[:4]])}" if alike else ""
    labels = [cast.people[i].label for i in shared]
    cast_said = _between(names, labels)
    message = (
        f"The {action} {cast_said} is dated {_telling(page, a, positions)} and "
        f"{_telling(page, b, positions)}. Both tell one {'act' if event.generic else action} "
        f"({told}, with {_join(_named(names, labels))} in "
        f"each{said}, and no word such as 'again' or 'second' setting them apart)."
    )
    event_evidence = event_json(cast, earlier.event, later.event)
    event_evidence["why_one_event"] = {
        "action": action,
        "told_as": words,
        "shared_participants": [cast.people[i].name for i in shared],
        "said_alike": alike,
    }
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
            "event": event_evidence,
            "mentions": [a.to_json(), b.to_json()],
        },
    )


def _only_a_filled_in_year_differs(a: Mention, b: Mention) -> bool:
    """Two dates of one day and month, one of them (or both) written without its year
    ("on Nov. 6" and "on 6 November", or "a Jan. 14 return date" and "January 14,
    2000"), say the same day to a reader, who lends a bare date the year the page writes
    for that day elsewhere. The years they differ by were filled in (from the
    publication date and the tense), so the clash is the engine's guess, not the page's.
    A year the text itself lends ("As the year 2020 comes to a close, December 14 …") is
    the page's word, and such a date can clash.
    """
    ra, rb = a.resolution, b.resolution
    assert ra is not None and rb is not None
    bare = any(m.meaning.kind == "date" and not r.explicit_year and r.anchor.kind == "published"
               for m, r in ((a, ra), (b, rb)))
    return (bare and ra.granularity == rb.granularity == "day"
            and (ra.start.month, ra.start.day) == (rb.start.month, rb.start.day))


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
            f"The page is dated {_human(page.published)}, but "
            f"{page.label(page.ordinal(m.block_id) - 1)} tells as past an event of "
            f"{human_period(r)} "
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
    timeline: list[dict[str, Any]] = []
    for head, members in entries:
        r = head.mention.resolution
        assert r is not None
        timeline.append({
            "date": r.value,
            "when": human_period(r),
            "granularity": r.granularity,
            "label": _label(cast, head.event, head.mention),
            "event": event_json(cast, head.event),
            "mentions": [m.mention.to_json() for m in members],
            "_sort": (r.start, r.end),
        })
    timeline.sort(key=lambda row: row["_sort"])
    for row in timeline:
        del row["_sort"]
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


def _named(names: list[str], labels: list[str]) -> list[str]:
    """The names a message writes: a nation's adjective ("American") is left out beside a
    place the cast names ("Kenya")."""
    places = [n for n, label in zip(names, labels, strict=True)
              if label in PLACE_LABELS and label != "NORP"]
    kept = [n for n, label in zip(names, labels, strict=True) if label != "NORP"]
    return kept if places else names


def _between(names: list[str], labels: list[str] | None = None) -> str:
    """'between Trump and Zelensky', 'of Kopp'; 'in Kenya and Tanzania' when the cast is
    only places."""
    if labels and names and all(label in PLACE_LABELS for label in labels):
        return f"in {_join(_named(names, labels))}"
    return f"between {_join(names)}" if len(names) > 1 else f"of {_join(names)}"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _telling(page: Page, mention: Mention, positions: dict[str, int]) -> str:
    """'6 Nov 2024 in paragraph 5 ('just a day earlier' than 'November 7, 2024')': the
    value, where, the words, and what they were counted from."""
    r = mention.resolution
    assert r is not None
    # Named as a reader counts paragraphs, as every message and surface does.
    where = page.label(positions[mention.block_id])
    said = f"'{mention.phrase.display_text}'"
    if r.anchor.kind == "mention" and mention.meaning.kind == "anaphoric":
        said += f" than '{r.anchor.expression}'"
    elif r.anchor.kind == "mention":
        said += f", its year from '{r.anchor.expression}'"
    elif r.anchor.kind == "published" and mention.meaning.kind == "date":
        said += ", its year from the publication date"
    elif r.anchor.kind == "published":
        said += ", counted from the publication date"
    return f"{human_period(r)} in {where} ({said})"


def _human(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def human_period(r: Any) -> str:
    """A period as a reader writes it: '6 Nov 2024', 'the week of 18 Nov 2019',
    'November 2019', 'Q3 2019', 'summer 2019', 'the 1990s', 'the 14th century' —
    never the TimeML value ('2019-W47', '199', '13')."""
    g, start = r.granularity, r.start
    if g == "day":
        return _human(start)
    if g in ("week", "weekend"):
        return f"the {g} of {_human(start)}"
    if g == "month":
        return f"{start:%B %Y}"
    if g == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if g == "half":
        return f"the {'first' if start.month < 7 else 'second'} half of {start.year}"
    if g == "season":
        season = _SEASONS.get(r.value.rsplit("-", 1)[-1], "season")
        if season == "winter" and start.month == 12:
            return f"winter {start.year}–{(start.year + 1) % 100:02d}"
        return f"{season} {start.year}"
    if g == "year":
        return str(start.year)
    if g == "decade":
        return f"the {start.year - start.year % 10}s"
    if g == "century":
        number = start.year // 100 + 1
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
            number % 10, "th")
        return f"the {number}{suffix} century"
    return str(r.value)
