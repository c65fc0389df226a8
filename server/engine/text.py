"""Text as the repeat checks compare it."""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """Case, white space, punctuation and typographic variants do not make text different."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(" " if unicodedata.category(c).startswith(("P", "S")) else c for c in text)
    return " ".join(text.split())
