"""The date-conflict detector: one event dated twice in ways that cannot both be true."""

from __future__ import annotations

from ..dates.conflicts import (
    build_timeline,
    find_after_publication,
    find_conflicts,
    read_events,
)
from ..dates.mentions import find_mentions
from ..language import is_english
from ..page import Page
from ..registry import Findings, detector


@detector("dates")
def find_date_conflicts(page: Page) -> Findings:
    """Resolve every date phrase, read its event, flag disagreeing tellings, list the timeline."""
    if not is_english(page) or not page.docs:
        return Findings()
    mentions = find_mentions(page)
    if not mentions:
        return Findings()
    cast, dated = read_events(page, mentions)
    annotations = find_conflicts(page, cast, dated) + find_after_publication(page, dated)
    return Findings(annotations=annotations, timeline=build_timeline(cast, dated))
