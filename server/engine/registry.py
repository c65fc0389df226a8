"""The registry of detectors: each check on a page is one function registered by name.

Adding a kind of check (numbers, titles and roles that disagree) is adding a module
with one `@detector(...)` function, never editing the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .page import Annotation, Notice, Page


@dataclass
class Findings:
    """What one detector found on a page."""

    annotations: list[Annotation] = field(default_factory=list)
    #: Dated events, for the page's timeline (only the date detector fills it).
    timeline: list[dict[str, Any]] = field(default_factory=list)
    #: What the reader should know about how far this check went (a cap it reached).
    notices: list[Notice] = field(default_factory=list)


Detector = Callable[[Page], Findings]

_DETECTORS: dict[str, Detector] = {}


def detector(name: str) -> Callable[[Detector], Detector]:
    """Register `func` as the detector called `name`; names are part of the API (`rule` ids)."""

    def register(func: Detector) -> Detector:
        if name in _DETECTORS:
            raise ValueError(f"detector {name!r} is registered twice")
        _DETECTORS[name] = func
        return func

    return register


def detectors() -> dict[str, Detector]:
    """The registered detectors, in registration order (which is the order they run in)."""
    # Importing the package registers the built-in detectors.
    from . import detectors as _builtin  # noqa: F401

    return dict(_DETECTORS)
