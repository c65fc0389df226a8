"""The history: every analysed page kept, searchable, with what changed between runs.

`store` is the only module that talks to SQLite; views and the CLI go through
`store_for(app)` / `open_store(settings)` and the helpers here.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.errors import NewslintError
from .store import Filters, HistoryStore, path_from_settings

if TYPE_CHECKING:
    from flask import Flask

    from ..engine.page import Result

__all__ = ["Filters", "HistoryStore", "open_store", "record_result", "store_for"]

log = logging.getLogger("newslint.history")
EXTENSION_KEY = "newslint_history"


def open_store(settings: dict[str, Any]) -> HistoryStore:
    """The store the settings name (not opened until first used)."""
    return HistoryStore(path_from_settings(settings))


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = open_store(app.config["NEWSLINT"])


def store_for(app: Flask) -> HistoryStore:
    store: HistoryStore = app.extensions[EXTENSION_KEY]
    return store


def record_result(store: HistoryStore, result: Result, *, url: str | None = None,
                  page_id: int | None = None, body: dict[str, Any] | None = None,
                  reuse_unchanged: bool = False,
                  failures: list[NewslintError] | None = None) -> int | None:
    """Keep one analysis; its id, or None (logged, and added to `failures`) when the
    history cannot take it.

    An analysis the user asked for is never lost because the history failed; the caller
    tells the user it was not kept (the API adds a `not-saved` notice)."""
    try:
        return store.record(body or result.to_json(),
                            [block.to_json() for block in result.page.blocks],
                            url=url, page_id=page_id, reuse_unchanged=reuse_unchanged)
    except NewslintError as exc:
        log.warning("analysis not kept in the history: %s", exc.detail)
        if failures is not None:
            failures.append(exc)
        return None


def file_url(path: str) -> str | None:
    """The address the CLI keeps a checked file under, so re-checking it shows changes."""
    return None if path == "-" else Path(path).resolve().as_uri()
