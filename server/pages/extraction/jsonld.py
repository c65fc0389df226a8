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
import unicodedata
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml.etree import ParserError, _Element
from rapidfuzz import fuzz

#: A declared body shorter than this (in words) is a summary, not a body.
BODY_LEAST_WORDS = 150
#: The page prints a script-drawn body when what was read of it is at most this share of the
#: declared body's words (the South China Morning Post's opinion page: 24 of 702).
READ_MOST_SHARE = 0.25
#: A read paragraph this long (characters) that the declared body holds means the page
#: prints the body itself, or its opening: a teaser.
_SHARED_LEAST = 40
#: ... "holds" by this share of its runs of `_RUN` words at least, so that a teaser printed
#: with curly quotes, a dateline or a reworded phrase is still known (review-s28 B3).
_SHARED_SHARE = 0.5
_RUN = 5
#: The declared title must name the same article this closely (rapidfuzz token_sort_ratio).
_SAME_TITLE = 80
#: Block kinds that count as the article's body when weighing what was read.
_BODY_KINDS = frozenset({"p", "li", "blockquote", "pre"})
#: Types of a single article's page; not a LiveBlogPosting (its updates are printed as they
#: come), nor a page listing several posts.
_ARTICLE_TYPES = frozenset({"BlogPosting", "Report"})
#: Markup in a declared body ("<p>…</p>", often escaped as "&lt;p&gt;"): a closing tag of a
#: block, a line break, or paragraphs left open ("<p>One<p>Two"); a plain text that names
#: "<p>" once is no markup.
_MARKUP = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|pre)\s*>|<br\s*/?>|<p>.*<p>",
                     re.IGNORECASE | re.DOTALL)
#: Where a paragraph of a body in markup ends: two line breaks, or a block's edge.
_PARAGRAPH_EDGE = re.compile(r"(?:<br\s*/?>\s*){2,}|</?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|"
                             r"section|article|figure|table|tr)\b[^>]*>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


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


def declared_body(tree: _Element, titles: list[str]) -> list[str]:
    """The paragraphs of the article's `articleBody`: the page's only article object
    (`_ARTICLE_TYPES`, or a type ending in "Article") with a body, whose `headline` names
    the article the page's `titles` name. Otherwise [] (a blog index declaring each post,
    a live blog, another article's object)."""
    articles = [item for item in objects(tree, strict=False)
                if _is_article(item) and isinstance(item.get("articleBody"), str)
                and item["articleBody"].strip() and _same_title(item.get("headline"), titles)]
    bodies = {item["articleBody"] for item in articles}
    if len(bodies) != 1 or any(_paywall_printed(tree, item) for item in articles):
        return []
    body = html.unescape(bodies.pop())
    if _MARKUP.search(body):
        return _paragraphs_of_markup(body)
    return [line for line in (" ".join(part.split()) for part in body.splitlines()) if line]


def _paywall_printed(tree: _Element, item: dict[str, Any]) -> bool:
    """Whether the object names its paywalled part (schema.org's `hasPart` with
    `isAccessibleForFree: false` and a `cssSelector`, as Google asks) and the page prints
    that part: the reader meets the paywall, not the body. A selector this reads no part of
    (anything but `.class`, `#id`, `tag.class`) counts as printed."""
    parts = item.get("hasPart")
    for part in parts if isinstance(parts, list) else [parts]:
        if (isinstance(part, dict) and _false(part.get("isAccessibleForFree"))
                and isinstance(selector := part.get("cssSelector"), str)
                and any(_matches(tree, one.strip()) for one in selector.split(","))):
            return True
    return False


def _false(value: object) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


_SIMPLE_SELECTOR = re.compile(r"([a-z][a-z0-9]*)?([.#])([\w-]+)", re.IGNORECASE)


def _matches(tree: _Element, selector: str) -> bool:
    found = _SIMPLE_SELECTOR.fullmatch(selector)
    if found is None:
        return True
    tag, mark, name = found.groups()
    for element in tree.iter(tag.lower() if tag else None):
        if not isinstance(element.tag, str):
            continue
        if mark == "#" and element.get("id") == name:
            return True
        if mark == "." and name in (element.get("class") or "").split():
            return True
    return False


def _is_article(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    names = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    return any(isinstance(name, str) and (name.endswith("Article") or name in _ARTICLE_TYPES)
               for name in names)


def _same_title(headline: object, titles: list[str]) -> bool:
    return isinstance(headline, str) and any(
        fuzz.token_sort_ratio(headline.casefold(), title.casefold()) >= _SAME_TITLE
        for title in titles)


def _paragraphs_of_markup(body: str) -> list[str]:
    """A body in markup, read as a browser parts it: at a block's edge or two line breaks
    a paragraph ends; loose text between blocks is a paragraph too."""
    text = _LINE_BREAK.sub("\n", _PARAGRAPH_EDGE.sub("\n\n", body))
    try:
        fragment = lxml.html.fragment_fromstring(text, create_parent="div")
    except (ParserError, ValueError):
        return []
    parts = re.split(r"\n\s*\n", fragment.text_content())
    return [part for part in (" ".join(piece.split()) for piece in parts) if part]


def script_drawn_body(tree: _Element, read: list[tuple[str, str]], titles: list[str]
                      ) -> list[str]:
    """The declared body's paragraphs not already read, when the page draws its body by
    script: what was read of the body is a small share of the declared body, and none of it
    is in the declared body (`_held`). Otherwise [].

    `isAccessibleForFree: false` is no reason to leave it: the South China Morning Post
    declares it on its metered pages, which the reader reads whole once the script ran. A
    paywall's teaser is told by its text, the opening of the declared body."""
    paragraphs = declared_body(tree, titles)
    declared_words = sum(len(p.split()) for p in paragraphs)
    if declared_words < BODY_LEAST_WORDS:
        return []
    body = [text for kind, text in read if kind in _BODY_KINDS]
    if sum(len(text.split()) for text in body) > READ_MOST_SHARE * declared_words:
        return []
    runs = {run for paragraph in paragraphs for run in _runs(paragraph)}
    if any(len(text) >= _SHARED_LEAST and _held(text, runs) for text in body):
        return []
    seen = {_loose(text) for _, text in read}
    return [p for p in paragraphs if _loose(p) not in seen]


def _words(text: str) -> list[str]:
    """The words of a text as compared here: case, quotes, dashes and punctuation aside."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def _loose(text: str) -> str:
    return " ".join(_words(text))


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + _RUN]) for i in range(max(1, len(words) - _RUN + 1))}


def _held(text: str, runs: set[tuple[str, ...]]) -> bool:
    """Whether the declared body holds the paragraph: `_SHARED_SHARE` of its runs."""
    own = _runs(text)
    return sum(run in runs for run in own) >= _SHARED_SHARE * len(own)
