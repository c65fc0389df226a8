"""Dates on a news page: find the phrases, resolve them, read their events, compare.

`expressions` finds the phrases in spaCy's parse, `grammar` reads what each means,
`resolve` places it on the calendar against the right reference, `events` reads who
did what around it, and `conflicts` decides which tellings of one event disagree.
"""

from __future__ import annotations

from .mentions import Mention, find_mentions

__all__ = ["Mention", "find_mentions"]
