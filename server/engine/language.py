"""A cheap guess of whether a page is English, for pages that do not say.

English prose is about 40 % function words ("the", "of", "and"); other languages
written in Latin script share few of them, and other scripts none. That separates
English from the rest far more cheaply than a language-identification model, and
the engine only needs to know "English or not".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from .page import Page

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Share of English function words above which a text is taken to be English.
ENGLISH_STOPWORD_SHARE = 0.2
#: Words needed before the guess means anything.
MIN_WORDS = 8


def primary_subtag(tag: str | None) -> str | None:
    """'en-GB' → 'en'; the engine only distinguishes languages, not regions."""
    if not tag:
        return None
    return tag.strip().split("-")[0].split("_")[0].lower() or None


def guess(texts: list[str], sample_words: int = 2000) -> str | None:
    """'en' when the sample reads as English, 'und' (undetermined, as BCP 47 says) otherwise.

    Returns None when there are too few words to tell.
    """
    words: list[str] = []
    for text in texts:
        words.extend(_WORD.findall(text[:20_000]))
        if len(words) >= sample_words:
            break
    if len(words) < MIN_WORDS:
        return None
    share = sum(1 for w in words if w.lower() in STOP_WORDS) / len(words)
    return "en" if share >= ENGLISH_STOPWORD_SHARE else "und"


def decide(declared: str | None, texts: list[str]) -> str | None:
    """The page's language: the text's own reading wins over a declared tag that says English,
    because templates declare `lang="en"` on pages written in anything."""
    tag = primary_subtag(declared)
    reading = guess(texts)
    if reading is None:
        return tag
    if reading == "en":
        return "en"
    return tag if tag not in (None, "en") else reading


def is_english(page: Page) -> bool:
    """Undetermined pages (too short to tell) are read as English, the engine's language."""
    return page.language in (None, "en")
