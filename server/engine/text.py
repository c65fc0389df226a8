"""Text as the repeat checks compare it, and the lines a page prints from one template."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable


class _PunctuationToSpace(dict[int, int]):
    """`str.translate` table that maps punctuation and symbols to a space, every other
    character to itself: filled per character on first sight, so a page's text costs one
    C-level pass instead of a Python call per character (the repeat checks normalise every
    sentence they compare; on a 100k-word page that was a quarter of the phrase route)."""

    def __missing__(self, code: int) -> int:
        category = unicodedata.category(chr(code))
        mapped = ord(" ") if category.startswith(("P", "S")) else code
        if code < _KEPT_BELOW:
            self[code] = mapped
        return mapped


#: Characters kept in the table: the Basic Multilingual Plane, where nearly all text is. A
#: page is untrusted, and one that prints every code point must not grow the table of a
#: long-running server without bound (the rare character above is looked up each time).
_KEPT_BELOW = 0x10000


_SPACING = _PunctuationToSpace()


def normalise(text: str) -> str:
    """Case, white space, punctuation and typographic variants do not make text different."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.translate(_SPACING).split())


#: Lines up to this many words are checked for being one template with a word swapped.
TEMPLATE_MAX_WORDS = 12


def template_lines(lines: Iterable[str]) -> set[str]:
    """Short lines that are one template with a word swapped ("Vote for Olga on the last
    page!", "Vote for Yana ..."): a skeleton shared by three or more different lines."""
    skeletons: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key in set(lines):
        words = key.split()
        if len(words) <= TEMPLATE_MAX_WORDS:
            for i in range(len(words)):
                skeletons[(*words[:i], "*", *words[i + 1 :])].add(key)
    return {key for keys in skeletons.values() if len(keys) >= 3 for key in keys}
