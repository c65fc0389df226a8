"""The article's headline: the title the page declares, as printed in a visible heading.

The first `<h1>` is often not the headline: sites put their logo, a section name or a
breadcrumb ("News › Politics") in an `<h1>`, and some print the headline in an `<h2>`.
The page's metadata names the article (`og:title`, JSON-LD `headline`, `<title>` minus
the site's name); the headline is the visible heading that best matches one of those.
A page that declares no title keeps the old rule: its first `<h1>` of two words or more.
"""

from __future__ import annotations

import re

from lxml.etree import _Element
from rapidfuzz import fuzz

from . import jsonld
from .markup import in_chrome, link_share, names_of, text_of, unshown

#: A heading at least this alike (rapidfuzz token_sort_ratio) names the same article.
MATCH = 80
#: "Headline | Site", "Headline - Site", "Site: Headline": the separators of <title>.
_TITLE_PARTS = re.compile(r"\s+[|\-–—:·•»]\s+|:\s+")
_HEADINGS = ("h1", "h2")


def meta_content(tree: _Element, *keys: str) -> str | None:
    """The first non-empty `<meta>` content whose property/name/itemprop is one of `keys`."""
    wanted = {k.lower() for k in keys}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "")
        if key.lower() in wanted:
            content = " ".join((element.get("content") or "").split())
            if content:
                return content
    return None


def declared_titles(tree: _Element) -> list[str]:
    """Every title the page declares for its article, most trustworthy first."""
    meta, printed = _meta_titles(tree), _title_titles(tree)
    return list(dict.fromkeys([*meta, *jsonld.headlines(tree), *printed]))  # each once


def page_titles(tree: _Element) -> list[str]:
    """The titles the page declares outside its JSON-LD (og:title, twitter:title, <title>):
    what a JSON-LD object's `headline` must match to be this page's article."""
    return list(dict.fromkeys([*_meta_titles(tree), *_title_titles(tree)]))


def _declared_by_metadata(tree: _Element) -> bool:
    return bool(_meta_titles(tree)) or next(jsonld.headlines(tree), None) is not None


def _meta_titles(tree: _Element) -> list[str]:
    return [value for value in (meta_content(tree, "og:title"), meta_content(tree, "twitter:title"))
            if value]


def _title_titles(tree: _Element) -> list[str]:
    title = next(tree.iter("title"), None)
    full = text_of(title) if title is not None else ""
    if not full:
        return []
    parts = _TITLE_PARTS.split(full)
    # The article's part is the longest; the site's name is the short one.
    return [max(parts, key=len) if len(parts) > 1 else full, full]


#: A heading in a page-wide `<header>` must match a declared title this closely.
HEADER_MATCH = 90


def _in_page_header(element: _Element) -> bool:
    """Whether the heading sits in a `<header>` with no chrome between the two: what
    lies above that header (the header's own class, a page-wide off-canvas wrapper) is
    not asked, but a breadcrumb or a menu inside it still is chrome."""
    header = next((a for a in element.iterancestors() if a.tag == "header"), None)
    return header is not None and not in_chrome(element, {header})


def _best_match(candidates: list[tuple[str, str]], titles: list[str], least: int = MATCH
                ) -> tuple[str, str] | None:
    """The candidate most like one of the declared titles, when it is at least `least`
    alike."""
    best, score = None, 0.0
    for tag, text in candidates:
        for title in titles:
            # Not token_set_ratio: "Harbour Post" is a subset of "Headline | Harbour Post".
            s = fuzz.token_sort_ratio(text.casefold(), title.casefold())
            # An <h1> is preferred to an <h2> of the same likeness.
            s += 1 if tag == "h1" else 0
            if s > score:
                best, score = (tag, text), s
    return best if best is not None and score >= least else None


#: A class or id naming an element as a title: "page-title", "headline", "h1".
_TITLE_NAME = re.compile(r"(?:^|[-_\s])(?:h1|title|headline)(?:$|[-_\s])", re.IGNORECASE)
#: ... and one naming the site's or a widget's title, not the article's: WordPress's
#: "site-title" and "widget-title", a logo, a brand, a share box's "Share: <title>".
_SITE_NAME = re.compile(r"(?:^|[-_\s])(?:site|logo|brand|widget|share|sharing|social)"
                        r"(?:$|[-_\s])", re.IGNORECASE)
#: A box of other stories' cards, or of share buttons, which may print this article's title.
_CARDS_BOX = re.compile(r"(?:^|[-_\s])(?:related|popular|most-?read|most-?popular|trending|"
                        r"recommended|meistgelesen|widget|share|sharing|social)(?:$|[-_\s])",
                        re.IGNORECASE)
#: What a title is printed in, besides headings.
_TITLE_TAGS = ("div", "span", "p", "header", "strong", "b")
#: The tag `choose` gives a headline the last rule found (`_named_titles`): printed apart
#: from the article's headings, so a block of its text that was read is the headline
#: itself, not a repeat of it (extract's `_with_headline` treats any tag but "h1" so).
NAMED = "named"
#: A title this much of whose text is a link's leads elsewhere (the site's name linking home).
_LINKED_TITLE = 0.5


def _named_titles(tree: _Element, body: str | None) -> list[tuple[str, str]]:
    """(tag, text) of every heading, and every element named as a title, with two words or
    more, that a reader takes for this page's title: printed before the body's first
    paragraph (`body`; a footer's or a sidebar card's title comes after it); not in the
    page's navigation (a breadcrumb trail ending in the title is still a breadcrumb), not a
    link, in one or holding one as its text (a link home), nor in an `<aside>` or a box of
    other stories (a "Most read" card printing this article's title); not the site's name
    (`_SITE_NAME`, og:site_name); and shown."""
    site = (meta_content(tree, "og:site_name") or "").casefold()
    found = []
    for element in tree.iter():
        if body is not None and element.tag == "p" and text_of(element) == body:
            break
        if element.tag not in _HEADINGS and element.tag not in _TITLE_TAGS:
            continue
        names = names_of(element)
        named = element.tag in _HEADINGS or bool(_TITLE_NAME.search(names))
        if (not named or _SITE_NAME.search(names)
                or sum(isinstance(child.tag, str) for child in element) > 3
                or not _apart_from_other_pages(element)):
            continue
        text = text_of(element)
        if (len(text.split()) >= 2 and text.casefold() != site
                and link_share(element) < _LINKED_TITLE):
            found.append((str(element.tag), text))
    return found


def _apart_from_other_pages(element: _Element) -> bool:
    """Whether the element is shown and not in a menu, a link, an aside or a box of other
    stories' cards: the places a page prints titles that lead elsewhere."""
    for node in (element, *element.iterancestors()):
        if (node.tag in ("nav", "a", "aside", "template", "noscript")
                or (node.get("role") or "").lower() == "navigation"
                or unshown(node) or node.get("aria-hidden") == "true"
                or (node is not element and _CARDS_BOX.search(names_of(node)))):
            return False
    return True


def choose(tree: _Element, titles: list[str], body: str | None = None
           ) -> tuple[str, str] | None:
    """(tag, text) of the visible heading that is the article's headline (tag `NAMED`: the
    title printed apart from the article's headings), or None. `body`: the text of the
    article's first paragraph, which a headline comes before."""
    candidates = []
    in_header = []
    for element in tree.iter(*_HEADINGS):
        text = text_of(element)
        if len(text.split()) < 2:
            continue
        if not in_chrome(element):
            candidates.append((str(element.tag), text))
        elif _in_page_header(element):
            in_header.append((str(element.tag), text))
    if titles:
        best = _best_match(candidates, titles)
        # Many sites print the article's headline and standfirst in a `<header>` outside
        # their `<article>`, which reads as the site's header: a heading there counts
        # only when it is the declared title itself, never the first <h1> found.
        best = best or _best_match(in_header, titles, HEADER_MATCH)
        if best is not None:
            return best
        # Last, on a page with no <h1> outside the chrome (a lone one is its own heading,
        # below) that declares its title in its metadata (a bare <title> is often only the
        # site's name), the declared title printed where the rules above do not look: a
        # heading in what reads as chrome (a wrapper named "with-sidebar", a breadcrumb
        # row), or an element named as the title (`<div class="h1 page-title">`).
        if not any(tag == "h1" for tag, _ in candidates) and _declared_by_metadata(tree):
            named = _best_match(_named_titles(tree, body), titles, HEADER_MATCH)
            if named is not None:
                return (NAMED, named[1])
    if not candidates:
        return None
    h1s = [(tag, text) for tag, text in candidates if tag == "h1"]
    # With a declared title nothing matches: a lone <h1> outside the chrome is still the
    # page's own heading (an SEO title may differ from the printed one); several are not.
    if not titles or len(h1s) == 1:
        return h1s[0] if h1s else None
    return None
