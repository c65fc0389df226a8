"""What a worker does with one page: the same function on a local process and on a Dask
worker, so both engines give the same result.

The engine loads spaCy once per process (`nlp.load` is cached): `warm_up` does it when
the worker starts, so the first page is not slower than the rest and a worker without
the model fails at once, not page by page.
"""

from __future__ import annotations

import resource
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from .sources import Item


@dataclass
class Outcome:
    """What came back for one page: its result line, or why there is none."""

    id: str
    source: str
    line: dict[str, Any] | None = None
    error: str | None = None
    #: The page's indexable paragraphs (`recycled.Paragraph.to_json()` rows).
    paragraphs: list[list[Any]] = field(default_factory=list)
    worker: str = ""
    peak_rss_kb: int = 0
    seconds: float = 0.0


def warm_up() -> None:
    """Load the engine's model and detectors once in this process."""
    from ..engine import nlp
    from ..engine.registry import detectors

    nlp.load()
    detectors()


def analyse_chunk(items: tuple[Item, ...], limits: dict[str, Any]) -> list[Outcome]:
    """A few pages per task: each task costs the scheduler and the pipes the same, however
    short, so a handful of pages a task halves what the engine spends on itself."""
    return [analyse(item, limits) for item in items]


def analyse(item: Item, limits: dict[str, Any]) -> Outcome:
    """One page through the API's own path (validation, limits, extraction, every
    detector), plus its paragraph signatures; a bad page is an outcome, never a raise."""
    import os
    import socket

    from ..base.errors import NewslintError
    from ..crosspage import recycled
    from ..engine.analyze import analyze
    from ..engine.errors import EngineError
    from ..pages.contract import page_from_request

    started = time.perf_counter()
    outcome = Outcome(item.id, item.source, worker=f"{socket.gethostname()}:{os.getpid()}")
    try:
        page = page_from_request(item.request, limits)
        result = analyze(page, echo_blocks=page.source == "html")
        outcome.line = result.to_json()
        outcome.paragraphs = [p.to_json() for p in
                              recycled.paragraphs(b.to_json() for b in page.blocks)]
    except NewslintError as exc:
        outcome.error = exc.detail
    except EngineError as exc:
        outcome.error = exc.message
    except RecursionError:
        outcome.error = "the page is nested too deeply to read"
    except Exception as exc:  # a bug on one page must not end a run of a million
        outcome.error = f"internal error: {type(exc).__name__}: {exc}"
        outcome.line = None
        outcome.paragraphs = []
        traceback.print_exc()
    outcome.seconds = time.perf_counter() - started
    outcome.peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return outcome
