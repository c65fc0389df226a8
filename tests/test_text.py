"""`normalise` is what every repeat check compares; its fast table must say what the
per-character rule says, for every character a page can hold."""

from __future__ import annotations

import unicodedata

from newslint.server.engine.text import normalise


def _by_character(text: str) -> str:
    """The rule itself: punctuation (P*) and symbols (S*) are spaces, case and width fold."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(" " if unicodedata.category(c).startswith(("P", "S")) else c for c in text)
    return " ".join(text.split())


def test_every_character_is_read_as_the_rule_says() -> None:
    characters = [chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000]
    # in runs between letters, so that a wrong space or a lost character shows
    text = "a".join(characters)
    assert normalise(text) == _by_character(text)


def test_news_text() -> None:
    assert normalise("“Biden’s  call,” he SAID—on Nov. 8!") == "biden s call he said on nov 8"
    assert normalise("ﬁnancial ２０２４") == "financial 2024"
