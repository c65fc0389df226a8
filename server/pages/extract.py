"""Turn a raw HTML page into the engine's blocks: the article only, in reading order.

The pieces live in `server/pages/extraction/`: `decode` (bytes → text), `blocks` (trafilatura's
article, traced back to the page's elements to drop chrome and name captions, bylines,
datelines, pull quotes and the standfirst), `headline` (the declared title matched
against the visible headings), `jsonld` (what the page declares: its headline, and the body
of a page that draws it by script), `markup` (what an element is). This module puts them
together behind `page_from_html`.

Two things trafilatura does that newslint must not inherit:

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

from ..engine.errors import EngineError
from ..engine.page import HEADING_KINDS, Block, Page
from .extraction import blocks as extraction_blocks
from .extraction import headline as extraction_headline
from .extraction import jsonld as extraction_jsonld
from .extraction.decode import repair_mojibake
from .extraction.inline import keep_words_in_sentences
from .extraction.markup import text_of

log = logging.getLogger(__name__)

#: `<?xml version="1.0" encoding="utf-8"?>`: lxml refuses a str that declares its bytes' encoding.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def page_from_html(html: str, url: str | None = None) -> Page:
    """Extract the article of `html`; a page with no article gives a page with no blocks."""
    if not html.strip():
        return Page(blocks=[], url=url, source="html")
    html = _XML_DECLARATION.sub("", repair_mojibake(html), count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as exc:
        raise EngineError("unreadable-html", f"The HTML could not be parsed: {exc}") from exc
    keep_words_in_sentences(tree)
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        deduplicate=False,
    )
    # Without as_dict, trafilatura gives its Document (or None); it types either result.
    assert not isinstance(document, dict)
    # trafilatura edits the tree it is given: the page's own elements come from a fresh one.
    tree = lxml.html.document_fromstring(html)
    texts: list[tuple[str, str]] = []
    # Counted once, when a rule first asks, for every rule that asks (captions, players,
    # the standfirst).
    order = extraction_blocks.DocumentOrder(tree)
    if document is not None and document.body is not None:
        texts = extraction_blocks.refine(extraction_blocks.trafilatura_blocks(document.body),
                                         tree, order)
    if not texts:
        # trafilatura refuses fragments and pages it finds no article in; a page that has
        # text still deserves to be read, block by block.
        texts = extraction_blocks.fallback_blocks(tree)
    if "articleBody" in html:
        # A body drawn by script is in the page only as declared data: read it there.
        texts += [("p", text) for text in extraction_jsonld.script_drawn_body(
            tree, texts, extraction_headline.page_titles(tree))]
    titles = extraction_headline.declared_titles(tree)
    body = next((text for kind, text in texts if kind == "p"), None)
    headline = extraction_headline.choose(tree, titles, body)
    if headline:
        lede = extraction_blocks.missing_standfirst(tree, headline[1], texts, order)
        texts = _with_headline(texts, *headline, printed_once=_printed_once(tree, headline[1]))
        if lede:
            # Under the headline, where the page prints it.
            at = next((i for i, (kind, _) in enumerate(texts) if kind == "h1"), -1) + 1
            texts.insert(at, ("standfirst", lede))
    blocks = [Block(id=f"b{i}", kind=kind, text=text) for i, (kind, text) in enumerate(texts, 1)]
    return Page(
        blocks=blocks,
        url=url or _meta(tree, "og:url") or (document.url if document is not None else None),
        title=(titles[0] if titles else None) or (document.title if document is not None
                                                  else None),
        language=_declared_language(tree),
        published=published_date(tree),
        source="html",
    )


def _with_headline(texts: list[tuple[str, str]], tag: str, headline: str,
                   printed_once: bool = False) -> list[tuple[str, str]]:
    """The headline as the page's first `h1` block.

    trafilatura moves the page's `<h1>` into metadata, so an `<h1>` headline goes back in
    first, and a copy of it in the body (an `<h2>` printing the same words: a content
    farm's habit) stays, to be seen. A headline printed in an `<h2>` is that block."""
    if tag != "h1":
        for i, (kind, text) in enumerate(texts):
            if text == headline and (kind in HEADING_KINDS or kind == "p"):
                return [("h1", t) if j == i else (("h2", t) if k == "h1" else (k, t))
                        for j, (k, t) in enumerate(texts)]
    elif any(kind == "h1" and text == headline for kind, text in texts) or printed_once:
        # The page prints the headline once: trafilatura's block of that text (an h1, or
        # the h1 turned into a paragraph) is the headline itself, not a repeat of it.
        at = next((i for i, (kind, text) in enumerate(texts) if kind == "h1" and text == headline),
                  next((i for i, (kind, text) in enumerate(texts)
                        if text == headline and kind in ("p", *HEADING_KINDS)), None))
        if at is None:
            return [("h1", headline), *[("h2", t) if k == "h1" else (k, t) for k, t in texts]]
        texts[at] = ("h1", headline)
        return [("h2", t) if k == "h1" and j != at else (k, t) for j, (k, t) in enumerate(texts)]
    # Any other <h1> trafilatura kept (a kicker, a section name) is a heading below it.
    return [("h1", headline), *[("h2", t) if k == "h1" else (k, t) for k, t in texts]]


def _printed_once(tree: _Element, headline: str) -> bool:
    """Whether one element of the page's body alone carries the headline's words."""
    body = tree.find("body")
    if body is None:
        return False
    tags = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span")
    # Big containers cannot be the headline alone; skipping them keeps this cheap.
    same = [e for e in body.iter(*tags) if len(e) <= 3 and text_of(e) == headline]
    # Nested wrappers of one heading (<div><h1>x</h1></div>) are one place on the page.
    return len([e for e in same if not any(a in same for a in e.iterancestors())]) == 1


def _declared_language(tree: _Element) -> str | None:
    """The language the markup declares: `<html lang>`, else Content-Language, else og:locale."""
    tag = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    if not tag:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                tag = (meta.get("content") or "").split(",")[0].strip()
                break
    if not tag:
        tag = (_meta(tree, "og:locale") or "").replace("_", "-")
    return tag or None


def _meta(tree: _Element, prop: str) -> str | None:
    return extraction_headline.meta_content(tree, prop)


def published_date(html: str | lxml.html.HtmlElement) -> dt.date | None:
    """The publication date the page declares (metadata, time elements, URL), never a guess."""
    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is a heuristic over arbitrary markup; no date beats a crash
        log.debug("htmldate failed", exc_info=True)
        return None
    return dt.date.fromisoformat(found) if found else None
