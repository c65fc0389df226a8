"""Turn a raw HTML page into the engine's blocks: the article only, in reading order.

trafilatura finds the article and drops navigation, share bars and sidebars. Two
things it does that newslint must not inherit:

- it moves the page's `<h1>` into metadata, so a headline printed twice (h1, then the
  same words as h2) would go unseen; the headline is kept as a block here;
- it *guesses* a publication date from the body text when the page declares none,
  and a guessed date would make the date checks argue with the page's own words.
  The date comes from htmldate without its extensive (text-guessing) search.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import lxml.html
from htmldate import find_date
from lxml.etree import ParserError, _Element
from trafilatura import bare_extraction

from .engine.errors import EngineError
from .engine.page import Block, Page

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
#: trafilatura's element names → the block kinds of the contract.
_KINDS = {"p": "p", "quote": "blockquote", "code": "pre"}


def _text(element: _Element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def page_from_html(html: str, url: str | None = None) -> Page:
    """Extract the article of `html`; a page with no article gives a page with no blocks."""
    if not html.strip():
        return Page(blocks=[], url=url, source="html")
    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as exc:
        raise EngineError("unreadable-html", f"The HTML could not be parsed: {exc}") from exc
    document = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        deduplicate=False,
    )
    texts: list[tuple[str, str]] = []
    if document is not None and document.body is not None:
        texts = list(_body_blocks(document.body))
    if not texts:
        # trafilatura refuses fragments and pages it finds no article in; a page that has
        # text still deserves to be read, block by block.
        texts = _fallback_blocks(tree)
    headline = _headline(tree, document.title if document is not None else None)
    if headline and not any(kind == "h1" and text == headline for kind, text in texts):
        texts.insert(0, ("h1", headline))
    blocks = [Block(id=f"b{i}", kind=kind, text=text) for i, (kind, text) in enumerate(texts, 1)]
    return Page(
        blocks=blocks,
        url=url or _meta(tree, "og:url") or (document.url if document is not None else None),
        title=_meta(tree, "og:title") or (document.title if document is not None else None),
        language=tree.get("lang") or None,
        published=published_date(html),
        source="html",
    )


def _body_blocks(body: _Element) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    for element in body:
        tag = element.tag
        if tag == "head":
            kind = element.get("rend") or "h2"
            blocks.append((kind if re.fullmatch(r"h[1-6]", kind) else "h2", _text(element)))
        elif tag == "list":
            blocks.extend(("li", _text(item)) for item in element.iter("item"))
        elif tag == "table":
            blocks.extend(("tr", _text(row)) for row in element.iter("row"))
        else:
            blocks.append((_KINDS.get(str(tag), "p"), _text(element)))
    return [(kind, text) for kind, text in blocks if text]


_FALLBACK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre"}


def _fallback_blocks(tree: _Element) -> list[tuple[str, str]]:
    blocks = []
    for element in tree.iter(*_FALLBACK_TAGS):
        if element.getparent() is not None and element.getparent().tag in _FALLBACK_TAGS:
            continue
        text = _text(element)
        if text:
            blocks.append(("blockquote" if element.tag == "blockquote" else str(element.tag), text))
    return blocks


def _headline(tree: _Element, title: str | None) -> str | None:
    """The page's own `<h1>`: the one closest to the declared title when there are several."""
    candidates = [_text(h1) for h1 in tree.iter("h1")]
    candidates = [c for c in candidates if len(c.split()) >= 2]
    if not candidates:
        return None
    if title:
        from rapidfuzz import fuzz

        return max(candidates, key=lambda c: fuzz.ratio(c, title))
    return candidates[0]


def _meta(tree: _Element, prop: str) -> str | None:
    for element in tree.iter("meta"):
        if element.get("property") == prop or element.get("name") == prop:
            content = (element.get("content") or "").strip()
            if content:
                return content
    return None


def published_date(html: str) -> dt.date | None:
    """The publication date the page declares (metadata, time elements, URL), never a guess."""
    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is a heuristic over arbitrary markup; no date beats a crash
        log.debug("htmldate failed", exc_info=True)
        return None
    return dt.date.fromisoformat(found) if found else None
