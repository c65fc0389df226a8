"""Every date phrase of a page, read and resolved in reading order.

Order matters: an anaphoric phrase counts from the event told before it, and a
year-less date borrows the year of the story around it, so the page is walked once,
block by block, and each resolved mention becomes context for the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..page import Page
from .expressions import Phrase, find_phrases, sentence_count
from .grammar import Meaning, read
from .resolve import Resolution, Resolver


@dataclass
class Mention:
    """A date phrase on the page with what it means and, when it names a period, which."""

    block_id: str
    phrase: Phrase
    meaning: Meaning
    resolution: Resolution | None

    @property
    def kind(self) -> str:
        """'point' when resolved to a period, else the meaning's kind (duration, vague...)."""
        if self.resolution is not None:
            return "point"
        return self.meaning.kind

    def to_json(self) -> dict[str, Any]:
        """The mention object of the API (evidence and timeline)."""
        r = self.resolution
        return {
            "block": self.block_id,
            "start": self.phrase.display_start,
            "end": self.phrase.end,
            "expression": self.phrase.display_text,
            "value": r.value if r else None,
            "granularity": r.granularity if r else None,
            "range": [r.start.isoformat(), r.end.isoformat()] if r else None,
            "anchor": r.anchor.to_json() if r else None,
        }


def find_mentions(page: Page) -> list[Mention]:
    """Find and resolve every date phrase of an already parsed page."""
    resolver = Resolver(page.published)
    mentions: list[Mention] = []
    sentence_offset = 0
    for index, (block, doc) in enumerate(zip(page.blocks, page.docs, strict=True)):
        for phrase in find_phrases(doc, index, sentence_offset):
            meaning = read(phrase.text)
            if meaning.kind == "anaphoric" and _counts_from_named_event(block.text, phrase):
                # "two days after the vote": counted from an event the page does not date.
                mentions.append(Mention(block.id, phrase, meaning, None))
                continue
            before = block.text[max(0, phrase.start - 12):phrase.start].split()
            resolution = resolver.resolve(meaning, phrase.text, block=index,
                                          sentence=phrase.sentence, tense=phrase.tense,
                                          preceding=before[-1] if before else "",
                                          start=phrase.start, end=phrase.end,
                                          text=block.text)
            mentions.append(Mention(block.id, phrase, meaning, resolution))
        sentence_offset += sentence_count(doc)
    return mentions


_BEFORE_AFTER = re.compile(r"\b(?:before|after|prior to|since)$", re.I)
_NOUN_PHRASE_NEXT = re.compile(r"\s+(?!that\b|this\b)[\w\"“'‘]", re.I)


def _counts_from_named_event(text: str, phrase: Phrase) -> bool:
    """'a day before the vote' is counted from the vote, not from the last dated event."""
    return bool(_BEFORE_AFTER.search(phrase.text)) and bool(
        _NOUN_PHRASE_NEXT.match(text, phrase.end)
    )
