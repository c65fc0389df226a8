"""Where else a paragraph of the history appeared: "this paragraph also appeared on
example.org, 3 days earlier".

The store keeps each analysed paragraph's MinHash signature (computed when the analysis
is recorded; older analyses get theirs on first use). This module keeps one in-memory
LSH index over them per store (`crosspage.recycled.RecycledIndex`), fills it on the first
page view, and adds what was recorded since on each later one, so a view costs a few
index lookups, not a pass over the history. A page analysed again or deleted leaves its
old paragraphs in the index; lookups skip them (they are not the page's latest run).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterator
from typing import Any

from ..base.errors import NewslintError
from ..crosspage.recycled import PageRef, Paragraph, RecycledIndex, describe
from .store import HistoryStore

log = logging.getLogger("newslint.history")

_INDEXES: weakref.WeakKeyDictionary[HistoryStore, HistoryIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _paragraph(row: Any) -> Paragraph:
    return Paragraph(str(row["block"]), int(row["ordinal"]), 0, int(row["end"]),
                     bytes(row["digest"]), bytes(row["signature"]))


def _page(page_id: int, info: dict[str, Any], analysis: int) -> PageRef:
    # The analysis id travels in `origin` so lookups can skip runs that are no longer latest.
    return PageRef(str(page_id), url=info["url"], site=info["site"] or "",
                   title=info["title"], date=info["date"], origin=f"history:{analysis}")


class HistoryIndex:
    """The LSH index over the history's paragraphs, kept up to date incrementally."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self.index = RecycledIndex()
        self.seen = 0  # the last analysis id added
        self.lock = threading.Lock()

    def _refresh(self) -> dict[int, int]:
        """Add what was recorded since the last call; each page's latest analysis now."""
        while self.store.index_paragraphs():
            pass
        rows = self.store.paragraph_signatures(after=self.seen)
        by_analysis: dict[int, list[Any]] = {}
        for row in rows:
            by_analysis.setdefault(int(row["analysis_id"]), []).append(row)
        pages = self.store.latest_pages(sorted({int(r["page_id"]) for r in rows}))
        for analysis, group in by_analysis.items():
            page_id = int(group[0]["page_id"])
            if page_id in pages:
                self.index.add(_page(page_id, pages[page_id], analysis),
                               [_paragraph(r) for r in group])
            self.seen = max(self.seen, analysis)
        return self.store.latest_analyses()

    def refresh(self) -> None:
        """Bring the index up to date now (the server does it at start, off the request
        path: a history of 60,000 paragraphs takes a second or two)."""
        with self.lock:
            self._refresh()

    def lookup(self, page_id: int, analysis_id: int) -> list[dict[str, Any]]:
        """For each paragraph of one run of a page, the other pages it also appeared on.

        One view at a time per store: the index is not safe to read while it grows."""
        with self.lock:
            return self._lookup(page_id, analysis_id)

    def _lookup(self, page_id: int, analysis_id: int) -> list[dict[str, Any]]:
        analyses = self._refresh()
        info = self.store.latest_pages([page_id]).get(page_id)
        if info is None:
            return []
        latest = {str(pid): f"history:{analysis}" for pid, analysis in analyses.items()}

        def current(ref: PageRef) -> bool:
            return latest.get(ref.id) == ref.origin

        here = _page(page_id, info, analysis_id)
        found = []
        for row in self.store.paragraph_signatures_of(analysis_id):
            paragraph = _paragraph(row)
            matches = self.index.lookup(here, paragraph, accept=current)
            if matches:
                places = [{**describe(m), "origin": "history", "page": int(m.other.page.id)}
                          for m in matches]
                found.append({"block": paragraph.block, "paragraph": paragraph.ordinal,
                              "appears_on": places})
        return found


def index_for(store: HistoryStore) -> HistoryIndex:
    with _LOCK:
        index = _INDEXES.get(store)
        if index is None:
            index = _INDEXES[store] = HistoryIndex(store)
        return index


def warm_up(store: HistoryStore) -> threading.Thread:
    """Fill the store's index in the background, so the first page view does not wait."""

    def fill() -> None:
        try:
            index_for(store).refresh()
        except NewslintError as exc:  # an unreadable history: page views will say so
            log.warning("the history's paragraph index was not built: %s", exc.detail)

    thread = threading.Thread(target=fill, name="newslint-history-index", daemon=True)
    thread.start()
    return thread


def recycled_paragraphs(store: HistoryStore, page_id: int,
                        analysis_id: int) -> list[dict[str, Any]]:
    """What the history's page view shows under each paragraph found on other pages."""
    return index_for(store).lookup(page_id, analysis_id)


def history_pages(settings: dict[str, Any]) -> Iterator[tuple[PageRef, list[Paragraph]]]:
    """Every page of the desktop history with its paragraphs, for `newslint batch --history`."""
    from . import open_store

    store = open_store(settings)
    try:
        while store.index_paragraphs():
            pass
        pages = store.latest_pages()
        by_page: dict[int, list[Paragraph]] = {}
        for row in store.paragraph_signatures():
            by_page.setdefault(int(row["page_id"]), []).append(_paragraph(row))
        for page_id, paragraphs in by_page.items():
            info = pages[page_id]
            yield (PageRef(str(page_id), url=info["url"], site=info["site"] or "",
                           title=info["title"], date=info["date"], origin="history"),
                   paragraphs)
    finally:
        store.close()
