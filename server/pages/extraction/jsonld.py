"""What a page declares about its article in JSON-LD: its headline, and its body.

Sites describe their articles to search engines in `<script type="application/ld+json">`.
Two fields help the extraction:

- `headline` names the article, so the visible heading that matches it is the headline
  (`headline.declared_titles`);
- `articleBody` holds the article's text. Some sites (the South China Morning Post among
  them) send the headline and a photo in the HTML and draw the body later by script. A reader
  sees the body once the script has run, but trafilatura reads the HTML as sent and finds
  a caption. For those pages only, `script_drawn_body` gives the declared body.

The declared body is read only when the page prints almost none of it. A page that
prints the opening of its body and declares all of it (a paywall's teaser) keeps what it
prints: the reader sees that much and no more, and two copies of one body would be
reported as a page repeating itself.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml.etree import ParserError, _Element

from .markup import text_of

#: A declared body shorter than this (in words) is a summary, not a body.
BODY_LEAST_WORDS = 150
#: The page prints a script-drawn body when what was read of it is at most this share of the
#: declared body's words (the South China Morning Post's opinion page: 24 of 702).
READ_MOST_SHARE = 0.25
#: A read paragraph this long (characters) found in the declared body means the page prints
#: the body itself, or its opening.
_SHARED_LEAST = 40
#: Block kinds that count as the article's body when weighing what was read.
_BODY_KINDS = frozenset({"p", "li", "blockquote", "pre"})
#: Markup in a declared body ("<p>…</p>", often escaped as "&lt;p&gt;").
_MARKUP = re.compile(r"<(?:p|br|div|h[1-6]|li|ul|ol|blockquote)\b[^>]*>", re.IGNORECASE)
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")


def objects(tree: _Element, strict: bool = True) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts, `@graph` members included.

    A script that is not JSON is skipped: page text is untrusted, and no field is
    worth a failed page. Not `strict`, a raw line break inside a string is read, as
    sites print long bodies; the headline is read strictly, as the extension's
    `JSON.parse` reads it, so that both sides find the same titles."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=strict)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if graph is not None:
                    stack.append(graph)


def headlines(tree: _Element) -> Iterator[str]:
    """The `headline` of every declared object, in the page's order."""
    for item in objects(tree):
        value = item.get("headline")
        if isinstance(value, str) and value.strip():
            yield value.strip()


def declared_body(tree: _Element) -> list[str]:
    """The paragraphs of the longest `articleBody` the page declares (none: [])."""
    bodies = [value for item in objects(tree, strict=False)
              if isinstance(value := item.get("articleBody"), str) and value.strip()]
    if not bodies:
        return []
    body = html.unescape(max(bodies, key=len))
    if _MARKUP.search(body):
        return _paragraphs_of_markup(body)
    return [line for line in (" ".join(part.split()) for part in body.splitlines()) if line]


def _paragraphs_of_markup(body: str) -> list[str]:
    try:
        fragment = lxml.html.fragment_fromstring(body, create_parent="div")
    except (ParserError, ValueError):
        return []
    outer = [e for e in fragment.iter(*_BLOCK_TAGS)
             if not any(a.tag in _BLOCK_TAGS for a in e.iterancestors())]
    found = [text_of(e) for e in outer] if outer else [text_of(fragment)]
    return [text for text in found if text]


def script_drawn_body(tree: _Element, read: list[tuple[str, str]]) -> list[str]:
    """The declared body's paragraphs not already read, when the page draws its body by
    script: what was read of the body is a small share of the declared body, and none of it
    is in the declared body. Otherwise []."""
    paragraphs = declared_body(tree)
    declared_words = sum(len(p.split()) for p in paragraphs)
    if declared_words < BODY_LEAST_WORDS:
        return []
    body = [text for kind, text in read if kind in _BODY_KINDS]
    if sum(len(text.split()) for text in body) > READ_MOST_SHARE * declared_words:
        return []
    declared = _squashed(" ".join(paragraphs))
    if any(len(text) >= _SHARED_LEAST and _squashed(text) in declared for text in body):
        return []
    seen = {_squashed(text) for _, text in read}
    return [p for p in paragraphs if _squashed(p) not in seen]


def _squashed(text: str) -> str:
    """Text as compared here: case and white space do not count."""
    return " ".join(text.casefold().split())
