"""The article's blocks in reading order, each with its kind, and nothing of the chrome.

trafilatura finds the article and drops most navigation, share bars and sidebars, but it
flattens what it keeps into paragraphs: a caption in `<p class="caption">`, a byline in
`<div class="author">` or a "Read more" list it did not recognise arrive as text like
any other. So every block trafilatura gives is traced back to the element of the page it
came from, and that element (its tag, role, class and its ancestors') says what the block
is: chrome (dropped), apparatus (`figcaption`, `byline`, `dateline`, `pullquote`,
`standfirst`, kept under that kind so detectors can leave it out), or article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from lxml import etree
from lxml.etree import _Element

from .markup import (
    APART_TAGS,
    HIDDEN_TAGS,
    apparatus_kind,
    article_container,
    in_chrome,
    is_quote,
    link_share,
    names_of,
    text_of,
    text_pieces,
    unshown,
)
from .notices import (
    is_ad_label,
    is_comment_heading,
    is_credit,
    is_disclosure,
    is_own_promotion,
    is_server_error,
    is_site_notice,
)

#: trafilatura's element names → the block kinds of the contract.
_KINDS = {"p": "p", "quote": "blockquote", "code": "pre"}
#: Tags of the page whose text a block can be (searched first: cheap and nearly always it).
_BLOCK_TAGS = ("p", "li", "figcaption", "caption", "blockquote", "h1", "h2", "h3", "h4", "h5",
               "h6", "td", "th", "dd", "dt", "pre", "address", "summary")
#: Other elements trafilatura turns into paragraphs (text in a bare <div>, a <span>).
_OTHER_TAGS = ("div", "span", "section", "time", "small", "cite", "header", "figure", "strong",
               "b", "em", "a", "font", "center", "article", "aside", "footer", "nav")
_FALLBACK_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote",
                            "pre", "figcaption"})
#: A paragraph this much link text, and this short, is a link ("Read more: …"), not prose.
LINK_SHARE = 0.8
LINK_MAX_WORDS = 25
#: A list whose every item is a link is a menu or a "related" list, from this many items.
MENU_ITEMS = 3
#: Menu entries are a few words ("Politics", "Jobs and careers"); linked headlines are longer.
MENU_WORDS = 4
#: Headings that may be a label and a link, or head nothing (not the headline).
_LINKED_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_HEADINGS = frozenset({"h1", *_LINKED_HEADINGS})
#: Apparatus that only makes sense at the top: a "lede" class further down is a paragraph.
STANDFIRST_WITHIN = 4
_SPACE = re.compile(r"\s+")
#: Kinds that apparatus replaces (a table's <caption> arrives from trafilatura as a row).
_RETYPED = frozenset({"p", "blockquote", "li", "tr", "pre"})

Blocks = list[tuple[str, str]]


class DocumentOrder:
    """Each element of a page numbered in document order, counted once per page and only
    when some rule asks: captions (where to put them), players (between two headings?) and
    the standfirst (between headline and body?) all need it, and a page walked three times
    cost up to three full passes over its tree."""

    def __init__(self, tree: _Element) -> None:
        self.tree = tree
        self._order: dict[_Element, int] | None = None

    @property
    def of(self) -> dict[_Element, int]:
        """element → its place in document order (the whole tree, comments included)."""
        if self._order is None:
            self._order = {element: n for n, element in enumerate(self.tree.iter())}
        return self._order


def _text(element: _Element) -> str:
    """A block's text, read as the page's elements are (`text_of`), so that the two match."""
    return text_of(element)


def trafilatura_blocks(body: _Element) -> Blocks:
    """trafilatura's output tree → (kind, text), in its order.

    Text trafilatura leaves loose in its output, outside any element of its own (the tail
    of a quote, a list or a paragraph it made), is a paragraph too: trafilatura keeps it
    where a page prints text after a block inside the same box (`<div><div>…</div>Text…
    </div>`, a forum reply after the `<blockquote>` it answers, a speech's paragraphs
    between its section headings), and the reader and the extension's Readability see it.
    Reading only trafilatura's elements lost such paragraphs whole."""
    blocks: Blocks = []
    _read_loose(body.text, blocks)
    for element in body:
        _read(element, blocks)
        _read_loose(element.tail, blocks)
    return [(kind, text) for kind, text in blocks if text]


#: Loose text (after a heading, or outside trafilatura's elements) with fewer words than this
#: is a label, a date or a link, not a paragraph ("24. März 2004, 19:49 |" under a post's
#: title).
LOOSE_TEXT_WORDS = 6


def _read_loose(text: str | None, blocks: Blocks) -> None:
    """A paragraph of loose text, when it reads as one: words that end like a sentence
    (`_SENTENCE_END`). trafilatura also leaves the bits it flattens loose (a post's date
    line, a price, an "edit" link, a promotion, a teaser's "Read more", a caption and its
    credit), which do not."""
    text = _SPACE.sub(" ", text or "").strip()
    if _is_prose(text):
        blocks.append(("p", text))


#: Page markup that trafilatura's fallback extractors hand back as it is (a `<div>` around
#: each `<p>`, on sites built of styled components) instead of its own paragraphs: such a
#: container is read by its block children, or its whole text would be one "paragraph" of
#: 13,000 characters that no finding can point into.
_CONTAINERS = frozenset({"div", "section", "article", "main", "header", "footer", "aside",
                         "figure", "center", "form"})
_BLOCK_CHILDREN = _CONTAINERS | _HEADINGS | frozenset(
    {"p", "ul", "ol", "dl", "li", "blockquote", "table", "pre", "figcaption", "head", "list",
     "quote", "code"})
_UNREAD = frozenset({"graphic", "img", "script", "style", "noscript", "template", "svg"})
_HTML_KINDS = {"blockquote": "blockquote", "pre": "pre", "li": "li", "figcaption": "figcaption"}


def _is_prose(text: str) -> bool:
    """Words that end like a sentence: a paragraph, not a label, a date or a link (the test
    `_read_loose` puts loose text to)."""
    text = _SPACE.sub(" ", text).strip()
    return (sum(any(c.isalpha() for c in word) for word in text.split()) >= LOOSE_TEXT_WORDS
            and bool(_SENTENCE_END.search(text)))


def _read(element: _Element, blocks: Blocks) -> None:
    """Append the blocks of one element of trafilatura's output (its own vocabulary, or
    the page's markup passed through)."""
    tag = element.tag
    if not isinstance(tag, str) or tag in _UNREAD:  # comments, processing instructions
        return
    if tag == "head":
        kind = element.get("rend") or "h2"
        blocks.append((kind if kind in _HEADINGS else "h2", _text(element)))
    elif tag in _HEADINGS:
        blocks.append((tag, _text(element)))
    elif tag in ("list", "ul", "ol"):
        item = "item" if tag == "list" else "li"
        blocks.extend(("li", _text(entry)) for entry in element.iter(item))
    elif tag == "table":
        # A row's cells are set apart by `text_of`: "2014 71", not "201471".
        rows = list(element.iter("row")) or list(element.iter("tr"))
        blocks.extend(("tr", _text(row)) for row in rows)
    elif tag in _CONTAINERS and any(isinstance(child.tag, str) and child.tag in _BLOCK_CHILDREN
                                    for child in element):
        # Loose text between the block children is a paragraph of its own, as a browser
        # shows it.
        run = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and child.tag in _BLOCK_CHILDREN:
                blocks.append(("p", _SPACE.sub(" ", "".join(run)).strip()))
                _read(child, blocks)
                run = [child.tail or ""]
            else:
                if isinstance(child.tag, str) and child.tag not in _UNREAD:
                    text = text_of(child)
                    run.append(f" {text} " if child.tag in APART_TAGS else text)
                run.append(child.tail or "")
        blocks.append(("p", _SPACE.sub(" ", "".join(run)).strip()))
    else:
        blocks.append((_KINDS.get(tag, _HTML_KINDS.get(tag, "p")), _text(element)))


#: Line breaks in trafilatura's vocabulary and in page markup passed through.
_BREAKS = ("lb", "br")


def _next_is_break(line_break: _Element) -> bool:
    """Whether a line break is followed, with nothing but white space between, by another
    (its next sibling; `<br> </strong><br>` closes an inline element between them)."""
    if (line_break.tail or "").strip():
        return False
    node: _Element | None = line_break
    while node is not None:
        after = node.getnext()
        if after is not None:
            if not isinstance(after.tag, str):
                return False
            # The next element, or the first thing inside it, is a break.
            while after.tag not in _BREAKS:
                if (after.text or "").strip() or len(after) == 0:
                    return False
                after = after[0]
            return True
        # The break closes an inline element: what follows that element follows it.
        parent = node.getparent()
        if parent is None or parent.tag in ("p", "div", "li") or (parent.tail or "").strip():
            return False
        node = parent
    return False


#: A line shorter than this is not looked for inside longer elements' text: short lines
#: ("Photo", "Share") are found inside nearly anything.
HOLDER_CHARS = 30


class Sources:
    """Finds the element of the page a block's text came from (same text, white space
    aside), looking at paragraph-like tags first and at the rest only when needed.

    Text printed twice (a menu, a related list) is matched in order: the second block
    with that text is the second element with it, so each copy is judged where it sits."""

    def __init__(self, tree: _Element) -> None:
        self.tree = tree
        self.exact: dict[str, list[_Element]] = {}
        self.prefix: dict[str, list[_Element]] = {}
        self.used: dict[str, int] = {}
        self._index(tree.iter(*_BLOCK_TAGS))
        self._index_rows(tree)
        self._others_indexed = False
        #: Runs of loose text (`_loose_runs`) → the elements they sit in, listed when first
        #: needed.
        self._loose: dict[str, list[_Element]] | None = None
        #: The texts of paragraphs of lines (`_parted`), listed on the first `_holder`
        #: call, when every element is indexed: each line looked up scans only these.
        self._parted_texts: list[str] | None = None

    def _index(self, elements: Iterable[_Element]) -> None:
        for element in elements:
            text = text_of(element)
            if text:
                self.exact.setdefault(text, []).append(element)
                if len(text) >= 40:
                    self.prefix.setdefault(text[:40], []).append(element)

    def _index_rows(self, tree: _Element) -> None:
        """Table rows, by their text (its cells' texts set apart by `text_of`, as
        `trafilatura_blocks` reads a row): a row found nowhere was never judged, chrome or
        not."""
        self._index(tree.iter("tr"))

    def _take(self, table: dict[str, list[_Element]], key: str, heading: bool = False
              ) -> _Element | None:
        found = table.get(key)
        if not found:
            return None
        # Nested elements with the same text (<li><p>x</p></li>) are one place on the page.
        places = [e for e in found if not any(a in found for a in e.iterancestors())]
        # A heading's text is printed first in the table of contents above it ("<li><a
        # href='#was-ist'>Was ist …?</a>"), a menu the heading is not in: trafilatura's
        # heading is the page's heading of that text, counted apart from the other places.
        # (A heading that is all link, a kicker "<h4><a href=/gesundheit>Gesundheit</a>",
        # is the menu's entry printed again: it stays where it was found.)
        headings = [e for e in places if e.tag in _HEADINGS and link_share(e) < LINK_SHARE
                    ] if heading else []
        if headings:
            places = headings
            key = "\1" + key  # counted apart, as `_holder` counts its places ("\0")
        taken = self.used.get(key, 0)
        self.used[key] = taken + 1
        return places[min(taken, len(places) - 1)]

    def find(self, text: str, kind: str = "p") -> _Element | None:
        """The element `text` came from; a section heading's (`kind` h2–h6: the headline has
        its own handling) is a heading when the page prints one of that text."""
        if text not in self.exact and not self._others_indexed:
            self._others_indexed = True
            self._index(e for e in self.tree.iter(*_OTHER_TAGS) if len(e) < 200)
        heading = kind in _LINKED_HEADINGS
        if text in self.exact:
            return self._take(self.exact, text, heading)
        if len(text) >= 40 and text[:40] in self.prefix:
            loose = self._loose_run(text)
            return loose if loose is not None else self._take(self.prefix, text[:40], heading)
        held = self._holder(text)
        if held is None:
            return None
        loose = self._loose_run(text)
        return loose if loose is not None else held

    def _loose_run(self, text: str) -> _Element | None:
        """The element holding `text` as a run of loose text, when the page prints it so.

        Asked only when some element holds `text` as part of a longer text (its start, or a
        line of it). A forum reply written after the `<blockquote>` it answers is loose
        text, so no element's whole text is the reply; but the next post quoting it holds
        the reply in its quote. That quote was taken, and the reply was read as a quote
        repeating itself ("Paragraph 19 repeats paragraph 17 word for word"). The same
        words printed as a run of their own are the better match, as often as the page
        prints them so: a further copy (the quote's own lines) is matched as before."""
        if self._loose is None:
            self._loose = {}
            for parent, run in _loose_runs(self.tree):
                self._loose.setdefault(run, []).append(parent)
        places = self._loose.get(text, [])
        key = "\2" + text  # counted apart, as `_holder` counts its places ("\0")
        taken = self.used.get(key, 0)
        if taken >= len(places):
            return None
        self.used[key] = taken + 1
        return places[taken]

    def _holder(self, text: str) -> _Element | None:
        """The smallest element whose text holds `text`: trafilatura parts an element's
        text at its `<br>`s ("Note: ...<br>Data is sent to ..."), and such a line is
        judged where it sits, as a whole element's text would be (only such a paragraph
        of lines is looked in: the smallest element holding a row of a table or a line
        of a list is some box far above it). The same line printed twice is matched in
        order, as in `find`."""
        if len(text) < HOLDER_CHARS:
            return None
        if self._parted_texts is None:
            self._parted_texts = [other for other, elements in self.exact.items()
                                  if any(_parted(e) for e in elements)]
        best: str | None = None
        for other in self._parted_texts:
            if len(other) > len(text) and (best is None or len(other) < len(best)) \
                    and text in other:
                best = other
        if best is None:
            return None
        found = [e for e in self.exact[best] if _parted(e)]
        places = [e for e in found if not any(a in found for a in e.iterancestors())]
        key = "\0" + text  # counted apart from the elements whose whole text is `text`
        taken = self.used.get(key, 0)
        self.used[key] = taken + 1
        return places[min(taken, len(places) - 1)]


#: Elements that set a box apart on the screen (`APART_TAGS` but a line break): an
#: element holding one of these beside its text holds runs of loose text.
_BOXES = APART_TAGS - {"br"}


def _loose_runs(tree: _Element) -> Iterator[tuple[_Element, str]]:
    """Each run of loose text in `tree`, with the element it sits in: an element's text
    before its first child, or a child's tail, with the inline elements after it, up to the
    next line break, and also the whole text between two boxes when it spans line breaks
    (trafilatura gives a reply of two lines as two blocks or as one). Only elements that
    hold a box (somewhere inside a child) hold such runs: a run in a paragraph is matched
    as the paragraph. One walk: an inline child holding a box ends the run, as the box
    would, and is read on its own, so no element's text is read twice."""
    shown: list[_Element] = []
    walk = etree.iterwalk(tree, events=("start",))
    for _, element in walk:
        if not isinstance(element.tag, str):
            continue
        if element.tag in HIDDEN_TAGS:
            walk.skip_subtree()
            continue
        shown.append(element)
    holds: set[_Element] = set()
    for element in reversed(shown):
        if any(isinstance(child.tag, str) and (child.tag in _BOXES or child in holds)
               for child in element):
            holds.add(element)
    for parent in shown:
        if parent in holds:
            yield from _runs_in(parent, holds)


def _runs_in(parent: _Element, holds: set[_Element]) -> Iterator[tuple[_Element, str]]:
    """The runs of `_loose_runs` that sit in `parent`."""
    line: list[str] = [parent.text or ""]
    between: list[str] = list(line)  # since the last box, across line breaks
    lines = 0
    for child in parent:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag == "br" or tag in _BOXES or child in holds:
            if run := _joined(line):
                yield parent, run
                lines += 1
            line = []
            if tag != "br":
                if lines > 1 and (run := _joined(between)):
                    yield parent, run
                between, lines = [], 0
            else:
                between.append(" ")
        elif tag is not None and tag not in HIDDEN_TAGS:
            pieces = list(text_pieces(child))
            line.extend(pieces)
            between.extend(pieces)
        line.append(child.tail or "")
        between.append(child.tail or "")
    if run := _joined(line):
        yield parent, run
        lines += 1
    if lines > 1 and (run := _joined(between)):
        yield parent, run


def _joined(pieces: list[str]) -> str:
    """Pieces of text as one run, as `text_of` joins an element's: white space collapsed."""
    return _SPACE.sub(" ", "".join(pieces)).strip()


def _parted(element: _Element) -> bool:
    """A paragraph of lines: text and inline markup with a `<br>` among it."""
    return _is_leaf(element) and any(True for _ in element.iter("br"))


def _is_menu_item(item: _Element) -> bool:
    """An <li> that is all link, in a list of short entries that are all links: a menu.
    (A list of linked headlines or products inside the article is left to trafilatura.)"""
    if link_share(item) < LINK_SHARE:
        return False
    parent = item.getparent()
    if parent is None:
        return False
    items = [li for li in parent if li.tag == "li"]
    if len(items) < MENU_ITEMS or any(link_share(li) < LINK_SHARE for li in items):
        return False
    return sum(len(text_of(li).split()) for li in items) / len(items) <= MENU_WORDS


def _is_link_line(element: _Element, text: str) -> bool:
    """A line of links ("Read more: …" all linked), a label and a link, or a list of
    links printed as one paragraph (linked headlines between `<br>`s), however long."""
    share = link_share(element)
    if len(text.split()) > LINK_MAX_WORDS:
        return share >= LINK_SHARE and sum(1 for _ in element.iter("a")) >= LINK_LIST_LINKS
    return share >= LINK_SHARE or _is_label_and_link(element, text, share)


#: A paragraph that is all links, this many of them, is a list of links.
LINK_LIST_LINKS = 3


#: A label and a link: the link holds at least this share of the line (the rest the label), ...
LABEL_LINK_SHARE = 0.3
#: ... the words before it are a label of this many words at most, ending in ":", and
#: the link a story's title of this many words at least.
LABEL_WORDS = 4
LINKED_TITLE_WORDS = 3


def _is_label_and_link(element: _Element, text: str, share: float | None = None) -> bool:
    """"Le puede interesar: <a>…</a>", "Czytaj też: <a>…</a>", "MIRA: <a>…</a>": a story
    told elsewhere, announced by a short label; as a paragraph or as a heading."""
    if len(text.split()) > LINK_MAX_WORDS:
        return False
    if (link_share(element) if share is None else share) < LABEL_LINK_SHARE:
        return False
    rest = text
    for link in element.iter("a"):
        rest = rest.replace(text_of(link), " ", 1)
    label = _SPACE.sub(" ", rest).strip()
    # A story's title is linked, not a name: "Account: @darkzip" credits a photo.
    return (label.endswith(":") and len(label.split()) <= LABEL_WORDS
            and text.startswith(label[:-1])
            and len(text.split()) - len(label.split()) >= LINKED_TITLE_WORDS)


def _wrappers(sources: list[tuple[_Element, int]]) -> set[_Element]:
    """The article's container and its ancestors, found among the blocks outside the
    chrome when there are any: a mega-menu holding most of a page's text is not the
    article; a page-wide wrapper named "with-sidebar" around every paragraph is."""
    outside = [(element, chars) for element, chars in sources if not in_chrome(element)]
    return article_container(outside or sources)


def _links(element: _Element) -> list[str]:
    return [text_of(link) for link in element.iter("a")]


#: How far up from a repeated block to look for the box it was printed in, ...
BOX_DEPTH = 6
#: ... and the most text such a box holds (a card, a step list, a notice, the whole article
#: printed again for paper or another layout; 5,000 characters until stop 21 missed that).
#: Its text is read once per box, only for blocks whose text came before.
BOX_MAX_CHARS = 100_000


class Boxes:
    """Finds text printed twice because its whole box is (a site's desktop and mobile
    copies of a recipe's steps, a notice under every embedded video, one card twice in a
    grid): the repeated block's element and the earlier copy's sit in two different
    elements whose whole text is the same and holds more than the block. An author
    repeating a paragraph repeats it among the article's other paragraphs, in one box."""

    def __init__(self) -> None:
        self.first: dict[str, _Element] = {}
        self.texts: dict[_Element, str] = {}

    def _text(self, element: _Element) -> str:
        if element not in self.texts:
            self.texts[element] = text_of(element)
        return self.texts[element]

    def _boxes(self, element: _Element, block: str) -> dict[str, _Element]:
        """The elements around `element` that hold more than `block`, by their text."""
        found: dict[str, _Element] = {}
        for ancestor in list(element.iterancestors())[:BOX_DEPTH]:
            if ancestor.tag in ("body", "html"):
                break
            text = self._text(ancestor)
            if len(text) > BOX_MAX_CHARS:
                break
            if len(text) > len(block):
                found.setdefault(text, ancestor)
        return found

    def printed_twice(self, text: str, element: _Element) -> bool:
        """Whether the block `text` at `element` is a copy of a box printed earlier."""
        earlier = self.first.setdefault(text, element)
        if earlier is element:
            return False
        before = self._boxes(earlier, text)
        return any(
            box in before and before[box] is not ancestor
            and ancestor not in before[box].iterancestors()
            and before[box] not in ancestor.iterancestors()
            for box, ancestor in self._boxes(element, text).items()
        )


def refine(blocks: Blocks, tree: _Element, order: DocumentOrder | None = None) -> Blocks:
    """Drop the chrome among `blocks` and give apparatus its kind (see the module's doc).
    (`order`: the page's document order, shared with `missing_standfirst`.)"""
    order = order or DocumentOrder(tree)
    finder = Sources(tree)
    boxes = Boxes()
    # trafilatura's own fallback prints the <title>, which no reader sees in the page.
    unseen = {text_of(title) for title in tree.iter("title")}
    sources = [finder.find(text, kind) for kind, text in blocks]
    read_apart = _read_apart(blocks, sources)
    if read_apart:
        # Then judged as trafilatura's blocks are: a heading left over nothing ("Published
        # by …" over the author's box) goes too. A fresh finder: the first one has counted
        # the paragraph's place.
        blocks = read_apart
        finder = Sources(tree)
        sources = [finder.find(text, kind) for kind, text in blocks]
    wrappers = _wrappers([(source, len(text)) for (_, text), source
                          in zip(blocks, sources, strict=True) if source is not None])
    continued = continued_body(wrappers, sources)
    if continued:
        # Read with trafilatura's blocks, so that every pass below judges them too (teasers,
        # page turns, a comment section), and the article's container is found again over
        # all its boxes, as page.js finds it over Readability's blocks and these.
        blocks, sources = _in_page_order(
            list(zip(blocks, sources, strict=True)),
            [((_HTML_KINDS.get(str(child.tag), "p"), _text(child)), child)
             for child in continued],
            order)
        wrappers = _wrappers([(source, len(text)) for (_, text), source
                              in zip(blocks, sources, strict=True) if source is not None])
    teasers = _story_teasers(blocks, sources, own_story(tree))
    judged: list[str | None] = []  # each block's kind as read, None when dropped
    read = 0
    for (kind, text), source, teaser in zip(blocks, sources, teasers, strict=True):
        judged.append(_judge(kind, text, source, wrappers, boxes, unseen, read))
        if judged[-1] is not None and source is not None \
                and (teaser or is_page_turn(source, text)):
            judged[-1] = None
        read += judged[-1] is not None
    # The comment cut counts the blocks read before the lone-heading pass, as page.js does.
    judged = without_comment_section(blocks, _without_empty_sections(blocks, judged))
    judged = _without_headings_over_nothing(blocks, _without_empty_sections(blocks, judged),
                                            sources, order)
    kept = [(kind, text, source) for kind, (_, text), source
            in zip(judged, blocks, sources, strict=True) if kind is not None]
    kept = with_captions(_with_text_after_headings(kept), order, wrappers, boxes)
    return drop_author_note(drop_repeated_runs(drop_consent_rows(
        [(kind, text) for kind, text, _ in kept])))


#: A box holding this many block elements with text (paragraphs, headings, list items) is
#: a page's article and its chrome, not one paragraph (see `_flattened`).
FLATTENED_BLOCKS = 3


def _flattened(blocks: Blocks, sources: list[_Element | None]) -> _Element | None:
    """The box trafilatura's only paragraph was found in (by its text, or its first 40
    characters: the outermost element that starts so, often wider than the paragraph), when
    it holds several blocks of its own; else None.

    When its extractors find nothing, trafilatura's last resort ("baseline") prints the
    text of the page's `<article>` (or of a wrapper `<div>` around the whole page) as one
    paragraph: the post, then its share bar, its rating widget, "Published by", the
    author's motto and the comment form, all one block that every leak sits in and no
    finding can point into. (A one-paragraph answer whose element is a paragraph is that
    paragraph.)"""
    if len(blocks) != 1 or sources[0] is None:
        return None
    box = sources[0]
    if box.tag not in _CONTAINERS:
        return None
    inner = 0
    for element in box.iter(*_FALLBACK_TAGS):
        if element is not box and text_of(element):
            inner += 1
            if inner >= FLATTENED_BLOCKS:
                return box
    return None


def _read_apart(blocks: Blocks, sources: list[_Element | None]) -> Blocks | None:
    """trafilatura's only paragraph read block by block, as `fallback_blocks` reads a page,
    when it is a flattened box (`_flattened`): that box's chrome is then left out as
    anywhere else. None when it is not, or when the reading would lose or add text.

    - It would lose story text the page prints outside paragraph tags (a forum post in a
      `<div>` with `<br>`s, a notice in a `<td>`, loose text): `fallback_blocks` reads only
      headings, paragraphs, list items, quotes and captions, and a share bar's items count as
      blocks as well as any. So the reading stands only when no run of prose is left in
      trafilatura's paragraph once the texts of the box's block elements are taken out.
    - It would add text trafilatura never gave: the box is the outermost element whose
      text starts as the paragraph does, so a wrapper around the article and its sidebar,
      or a story `<div>` whose `<p>` holds a "Listen" button trafilatura leaves out. So
      only the blocks whose text lies inside the paragraph are kept."""
    box = _flattened(blocks, sources)
    if box is None:
        return None
    paragraph = _SPACE.sub(" ", blocks[0][1]).strip()
    left = paragraph
    for _, text in _outer_blocks(box):
        if text in left:
            left = left.replace(text, "\0", 1)
    if any(_is_prose(piece) for piece in left.split("\0")):
        return None
    return [(kind, text) for kind, text in fallback_blocks(box) if text in paragraph] or None


def _with_text_after_headings(kept: list[tuple[str, str, _Element | None]]
                              ) -> list[tuple[str, str, _Element | None]]:
    """`kept` with the paragraph a page prints as loose text right after a heading
    ("<h2>Weltraum-Filme satt!</h2>In einem Trailer wird …<br><br>") put back under it:
    trafilatura keeps the heading and drops the text in its tail, which a reader sees as
    the section's first paragraph. The text runs until a block element or a blank line
    (two `<br>`s); it is added only when no block read holds it already."""
    out: list[tuple[str, str, _Element | None]] = []
    read = [text for _, text, _ in kept]
    for kind, text, source in kept:
        out.append((kind, text, source))
        if kind not in _LINKED_HEADINGS or source is None or source.tag not in _HEADINGS:
            continue
        loose = _text_after(source)
        if (sum(word.isalpha() for word in loose.split()) < LOOSE_TEXT_WORDS
                or any(loose in other for other in read)):
            continue
        if is_server_error(loose) or is_disclosure(loose) or is_own_promotion(loose):
            continue
        out.append(("p", loose, source.getparent()))
        read.append(loose)
    return out


def _text_after(heading: _Element) -> str:
    """The loose text that follows a heading in its parent, up to the next block element
    or blank line (inline elements' text included)."""
    parts = [heading.tail or ""]
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            parts.append(sibling.tail or "")
            continue
        if sibling.tag in _BREAKS and _next_is_break(sibling):
            break
        if sibling.tag not in _INLINE:
            break
        if sibling.tag not in _BREAKS:
            parts.append("".join(text_pieces(sibling)))
        else:
            parts.append(" ")
        parts.append(sibling.tail or "")
    return _SPACE.sub(" ", "".join(parts)).strip()


#: A caption is a sentence or a few; a longer "caption" box is a text panel of its own.
CAPTION_WORDS = 80


def with_captions(kept: list[tuple[str, str, _Element | None]], document: DocumentOrder,
                  wrappers: set[_Element], boxes: Boxes) -> list[tuple[str, str, _Element | None]]:
    """`kept` (kind, text, source element) with the `<figcaption>`s of the article's own
    pictures put back where the page prints them, as `figcaption` blocks.

    trafilatura drops a figure and its caption with it when it is not asked for images,
    while a reader (and the extension's Readability) sees the caption under the picture.
    Kept under their own kind, detectors leave them apart (a caption saying again what the
    body says is not a re-telling). Only captions inside the article's container count
    (the deepest element of `wrappers`, see `_wrappers`), outside its chrome, not printed
    twice, and not already read as (part of) a block."""
    container = _deepest(wrappers)
    if container is None or container.tag in ("body", "html"):
        return kept
    read = [text for _, text, _ in kept]
    found: list[tuple[_Element, str]] = []
    for caption in container.iter("figcaption"):
        text = text_of(caption)
        if (not text or len(text.split()) > CAPTION_WORDS or in_chrome(caption, wrappers)
                or is_ad_label(text, "figcaption")):
            continue
        # A teaser card of another story prints its headline as a linked figcaption.
        if link_share(caption) >= LINK_SHARE:
            continue
        if any(text in other or other in text for other in read):
            continue
        if boxes.printed_twice(text, caption):
            continue
        found.append((caption, text))
        read.append(text)
    placed = _in_page_order([((kind, text), source) for kind, text, source in kept],
                            [(("figcaption", text), caption) for caption, text in found],
                            document)
    return [(kind, text, source) for (kind, text), source in zip(*placed, strict=True)]


def _in_page_order(read: list[tuple[tuple[str, str], _Element | None]],
                   found: list[tuple[tuple[str, str], _Element]], document: DocumentOrder
                   ) -> tuple[Blocks, list[_Element | None]]:
    """The blocks `read` (each with its element) and the blocks `found` on the page (in
    page order) as one list of blocks and one of their elements, each found block where
    the page prints it: after the last block read whose element comes before it (a block
    with no element found stays where trafilatura put it, after its predecessor)."""
    out = list(read)
    if found:
        order = document.of
        placed = []
        last = -1
        for _, source in read:
            if source is not None:
                last = order.get(source, last)
            placed.append(last)
        for block, element in reversed(found):
            at = order[element]
            out.insert(sum(1 for before in placed if before < at), (block, element))
    return [block for block, _ in out], [element for _, element in out]


def _deepest(wrappers: set[_Element]) -> _Element | None:
    """The article's container: the deepest of `wrappers` (see `_wrappers`)."""
    return max(wrappers, key=lambda w: sum(1 for _ in w.iterancestors()), default=None)


#: The blocks a continued body's box is read by: its own paragraphs and quotes. What is
#: nested deeper (a pull quote's <aside>) is not the body, and its headings and lists are
#: left out: on the tuning half they were a "More stories" list of links closing the last
#: box and the linked headline of another story, never a section of the article.
_CONTINUED_TAGS = frozenset({"p", "blockquote"})
#: A box continues the body with this many paragraphs of prose at least (`_is_prose`): a
#: layout's grid names every row alike (Bootstrap's "row-fluid > span12"), and a row above
#: the body holding its byline and its date, or a kicker, reads as no prose; a chunk of
#: wired's body holds several paragraphs.
_CONTINUED_LEAST = 2
#: A box whose first line with text has this share of its characters in links at least
#: opens with a link to another page: it is a card of another story (its linked headline,
#: then a date and a summary) in the body's own box class, not a chunk of the body.
_CONTINUED_LINKED = 0.9


def continued_body(wrappers: set[_Element], sources: list[_Element | None]
                   ) -> list[_Element]:
    """The paragraphs of an article whose body the page prints in several boxes of one
    kind, cut by full-width advertisement rows, that trafilatura did not read (wired.com:
    "<div class=article__chunks><div class=grid><div class=body__container>…</div><div
    class=ad-rail></div></div><div class=ad-row>Advertisement</div><div class=grid><div
    class=body__container>…</div></div></div>"): it reads one box and drops the others, so
    the story stops mid-way where a reader reads on. (page.js's `withContinuedBody` does
    the same from Readability's blocks, which stop at the same box when the boxes are of a
    size.)

    A box continues the body when it is the article container's cousin (`_cousins`: same
    tag and class, under the same grandparent, or deeper in a page builder's sections),
    holds `_CONTINUED_LEAST` paragraphs of prose at least, does not open with a link
    (`_opens_with_link`: a related story's card), and is, as each box on the way to it,
    the only thing with text in its parent, ad labels aside: a next story in an
    endless scroll, a forum reply or a blog index's next post has its own head (headline,
    byline, date) beside its box, and is another text.
    Its `_CONTINUED_TAGS` children are given in page order, but for those already read
    (`sources`, the elements of trafilatura's blocks, or inside or around one): by
    element, not by text, since an author's word-for-word repeat is the article's too;
    and but for those a browser does not show (`markup.unshown`: "This paragraph is
    hidden until you log in" is no text a reader reads; trafilatura drops an inline
    `display:none` in the box it reads too).
    (`wrappers`: the article's container and its ancestors, see `_wrappers`.)"""
    container = _deepest(wrappers)
    if container is None or container.tag in ("body", "html") or not container.get("class"):
        return []
    taken = {source for source in sources if source is not None}
    found: list[_Element] = []
    for box in _cousins(container):
        if in_chrome(box, wrappers) or unshown(box) or _opens_with_link(box):
            continue
        own = [child for child in box
               if isinstance(child.tag, str) and child.tag in _CONTINUED_TAGS
               and not unshown(child) and _text(child)]
        if sum(_is_prose(_text(child)) for child in own) < _CONTINUED_LEAST:
            continue
        found.extend(child for child in own if child not in taken
                     and not any(a in taken for a in child.iterancestors())
                     and not any(d in taken for d in child.iterdescendants()))
    return found


#: How many levels above the article's container its cousins are looked for: wired's
#: chunks are cousins under the grandparent; a page builder nests each text block deeper
#: (munich2022.com: section > inner > article > header > the text block). page.js mirrors
#: the grandparent's level only: Readability scores a paragraph's ancestors up to five
#: levels up, so the sections' common ancestor wins and it reads them all (munich2022.com
#: and every probe of the shape), where trafilatura keeps the first section.
_CONTINUED_LEVELS = 5


def _same_kind(element: _Element, like: _Element) -> bool:
    return element.tag == like.tag and element.get("class") == like.get("class")


def _cousins(container: _Element) -> list[_Element]:
    """The container's cousins, in page order: boxes of its tag and class, reached from an
    ancestor's other children by the same chain of tags and classes that leads from it to
    the container. The nearest ancestor that has some gives them. From the container's own
    branch outwards, each way, they are read up to the first branch that is another text
    (`_read_on`): an endless page's next story, and what follows it, is not this article."""
    chain = [container]
    for _ in range(_CONTINUED_LEVELS):
        parent = chain[-1].getparent()
        if parent is None or parent.tag in ("body", "html"):
            return []
        if len(chain) >= 2:
            branches = [child for child in parent if isinstance(child.tag, str)]
            at = branches.index(chain[-1])
            path, deeper = chain[-2::-1], len(chain) > 2
            before = _read_on(branches[at - 1::-1] if at else [], path, deeper)
            found = [*reversed(before), *_read_on(branches[at + 1:], path, deeper)]
            if found:
                return found
        chain.append(parent)
    return []


def _read_on(branches: list[_Element], path: list[_Element], deeper: bool) -> list[_Element]:
    """The boxes `path` reaches from `branches` in turn, up to the first branch that prints
    text beside its path (another story's title, a reply's author), or, above the
    grandparent's level, a box that opens with a heading of its own (a page builder's
    "Meet the team" section under the article: wired's chunks may open with one)."""
    found: list[_Element] = []
    for branch in branches:
        boxes, other = _down(branch, path)
        if other or (deeper and any(_opens_with_heading(box) for box in boxes)):
            break
        found.extend(boxes)
    return found


def _down(branch: _Element, path: list[_Element]) -> tuple[list[_Element], bool]:
    """The elements reached from `branch` by `path` (children like each of its elements in
    turn), and whether a level on the way holds something else with text."""
    level = [branch]
    for like in path:
        nodes = []
        for node in level:
            matches = [child for child in node if _same_kind(child, like)]
            if matches and _holds_more(node, matches):
                return [], True
            nodes.extend(matches)
        level = nodes
    return level, False


def _opens_with_heading(box: _Element) -> bool:
    first = next((child for child in box if isinstance(child.tag, str) and _text(child)), None)
    return first is not None and first.tag in ("h1", "h2", "h3", "h4", "h5", "h6")


def _opens_with_link(box: _Element) -> bool:
    """Whether the first line with text in `box` is (`_CONTINUED_LINKED`) all link: a
    headline linking to another page, as a related story's card opens. A chunk of the body
    opens with its text, or with a section heading of its own."""
    if (box.text or "").strip():
        return False
    for child in box:
        if isinstance(child.tag, str):  # a script's text is none (`text_of`)
            text = "".join(_text(child).split())
            if text:
                linked = sum(len("".join(_text(link).split()))
                             for link in child.iter("a") if link.get("href"))
                return linked >= _CONTINUED_LINKED * len(text)
        if (child.tail or "").strip():
            return False
    return False


def _holds_more(aunt: _Element, boxes: list[_Element]) -> bool:
    """Whether `aunt` prints text beside its `boxes` (its own loose text, or a child with
    text that is not only an ad's label)."""
    if (aunt.text or "").strip():
        return True
    for child in aunt:
        if (child.tail or "").strip():
            return True
        if child in boxes or not isinstance(child.tag, str):
            continue
        text = text_of(child)
        if text and not is_ad_label(text, child.tag):
            return True
    return False


def _judge(kind: str, text: str, source: _Element | None, wrappers: set[_Element],
           boxes: Boxes, unseen: set[str], kept: int) -> str | None:
    """The kind a block of trafilatura's is read as, or None when it is not the article
    (`kept`: how many blocks before it were read)."""
    if is_server_error(text) or is_ad_label(text, kind) or is_disclosure(text) \
            or is_own_promotion(text) \
            or is_site_notice(text, links=None if source is None else _links(source)):
        return None
    if source is None:
        return kind if text not in unseen and not is_credit(text) else None
    if in_chrome(source, wrappers):
        return None
    if kind == "li" and source.tag == "li" and _is_menu_item(source):
        return None
    if kind == "p" and _is_link_line(source, text):
        return None
    if kind in _LINKED_HEADINGS and _is_label_and_link(source, text):
        return None
    if boxes.printed_twice(text, source):
        return None
    found = apparatus_kind(source, text)
    if "figcaption" not in (found, kind) and is_credit(text):
        return None  # (in a caption's box, it is the caption: kept, as a caption)
    if found == "standfirst" and kept >= STANDFIRST_WITHIN:
        found = None
    return _kind(kind, source, found, kind in _RETYPED or found == "standfirst")


def _without_empty_sections(blocks: Blocks, judged: list[str | None]) -> list[str | None]:
    """A heading whose every block was dropped heads nothing of the article: "Also on
    our site" over a list of links, "Contact" over an address box. (`judged`: each of
    trafilatura's `blocks` as read, None when dropped.)"""
    out = list(judged)
    for i, kind in enumerate(judged):
        if kind not in _LINKED_HEADINGS:
            continue
        section = []
        for (original, _), later in zip(blocks[i + 1:], judged[i + 1:], strict=True):
            if original in _HEADINGS or later in _HEADINGS:
                break
            section.append(later)
        if section and all(later is None for later in section):
            out[i] = None
    return out


#: A line linking to another story by that story's own title: "Były dowódca wojsk USA w
#: Europie: <a>Rosja jest groźna</a>" whose link is ".../byly-dowodca-wojsk-usa-w-europie-
#: rosja-jest-grozna-a-niemcy-kluczowe.read". A site's address spells the story's title
#: (its "slug"), so a short line whose whole text is spelled in the address of a link it
#: holds is that story's teaser, whatever its label or markup; this many words at least
#: (fewer is a name or a label: "<a href=/tags/berlin>Berlin</a>") ...
TEASER_WORDS = (3, 25)
#: ... and this many letters of address they must spell.
TEASER_SLUG_CHARS = 15
#: Letters an address spells without their accent, which Unicode does not decompose.
_SLUG_LETTERS = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe",
                               "ı": "i"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """`text` as a site's address spells it: "Rosja jest groźna" → "rosja-jest-grozna"."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_SLUG_LETTERS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _NOT_SLUG.sub("-", text).strip("-")


def own_story(tree: _Element) -> frozenset[str]:
    """The slugs that name the page itself: the addresses it declares as its own
    (`<link rel=canonical>`, `og:url`) and its titles (`<title>`, `og:title`), so that a
    link to the page itself (a blog's permalink on its post's title) is no teaser."""
    own = [text_of(title) for title in tree.iter("title")]
    for element in tree.iter("link", "meta"):
        rel = (element.get("rel") or "").lower()
        prop = (element.get("property") or element.get("name") or "").lower()
        if element.tag == "link" and rel == "canonical":
            own.append(urlsplit(element.get("href") or "").path)
        elif prop in ("og:url", "og:title", "twitter:title"):
            value = element.get("content") or ""
            own.append(urlsplit(value).path if prop == "og:url" else value)
    return frozenset(found for found in map(slug, own) if found)


def is_story_teaser(element: _Element, text: str, own: frozenset[str]) -> bool:
    """Whether the block is a line linking to another story by that story's title (see
    `TEASER_WORDS`): its whole text is spelled in the address of a link in or around it."""
    if not TEASER_WORDS[0] <= len(text.split()) <= TEASER_WORDS[1]:
        return False
    spelled = slug(text)
    if len(spelled) < TEASER_SLUG_CHARS or any(spelled in name for name in own):
        return False
    links = [*element.iter("a"), *element.iterancestors("a")]
    for link in links:
        address = slug(urlsplit(link.get("href") or "").path)
        if spelled in address and address not in own:
            return True
    return False


def _story_teasers(blocks: Blocks, sources: list[_Element | None], own: frozenset[str]
                   ) -> list[bool]:
    """Which blocks are teasers of other stories (`is_story_teaser`; never the headline).
    A heading counts only as the page's one teaser heading: a roundup ("Our five favourite
    autumn cakes") links every item's title to that item's own page, and those titles
    are the article."""
    teasers = [source is not None and kind != "h1" and is_story_teaser(source, text, own)
               for (kind, text), source in zip(blocks, sources, strict=True)]
    headings = sum(teaser and kind in _LEVELS
                   for (kind, _), teaser in zip(blocks, teasers, strict=True))
    return [teaser and not (kind in _LEVELS and headings >= 2)
            for (kind, _), teaser in zip(blocks, teasers, strict=True)]


#: A link to the next or the previous page of a text told over several pages: "... weiter
#: zu <a>"die Wortwahl"</a>", "Continue reading: <a>…</a>", "Zurück zur <a>Übersicht</a>":
#: the opening words, a link holding `LABEL_LINK_SHARE` of the line at least, ...
_PAGE_TURN = re.compile(
    r"\W*(?:weiter\s+(?:zu|mit|geht'?s)|zur(?:ü|ue)ck\s+zu[rm]?|continue\s+(?:to|reading|with)|"
    r"next\s+(?:page|part|chapter)|previous\s+(?:page|part|chapter)|n(?:ä|ae)chste\s+seite|"
    r"vorherige\s+seite|n(?:ä|ae)chster\s+teil|page\s+suivante|p(?:á|a)gina\s+siguiente|"
    r"back\s+to)\b", re.IGNORECASE)
#: ... in a line this short.
PAGE_TURN_WORDS = 10


def is_page_turn(element: _Element, text: str) -> bool:
    """Whether the block is a paragraph linking to the next or previous page
    (`_PAGE_TURN`); a list item "Continue to <a>the harbour office</a>" is directions."""
    return element.tag == "p" and len(text.split()) <= PAGE_TURN_WORDS \
        and bool(_PAGE_TURN.match(text)) and link_share(element) >= LABEL_LINK_SHARE


#: Headings of sections, by level.
_LEVELS = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: A heading over nothing is a title of this many words at most (more is a paragraph
#: marked up as a heading, as some blogs do, and read as the article's text).
EMPTY_HEADING_WORDS = 20


def _without_headings_over_nothing(blocks: Blocks, judged: list[str | None],
                                   sources: list[_Element | None], order: DocumentOrder
                                   ) -> list[str | None]:
    """A section heading with no text of its own under it: the next block read is a
    heading of the same or a higher level and the page prints a player between the two
    ("Manchester United vs. Brighton, en vivo" over an embedded live ticker, then the
    next section's heading), or it is the last block read ("Auch auf example.de" over a
    row of teasers that were all dropped). Such a heading titles something else than the
    article's text: a player, a widget, links. Without a player between, a heading over
    the next heading opens a section ("Golf im TV" over its days' headings) or titles a
    table or picture trafilatura left out: the article's.

    Only a lone one: a run of such headings is a list printed as headings (a deals page's
    offers, each an `<h2>` link), the article itself. A heading before a lower one opens
    its section; the first block read is left alone (a kicker over the headline).
    (`judged`: as in `_without_empty_sections`.)"""
    read = [i for i, kind in enumerate(judged) if kind is not None]
    players = _Players(order)
    empty = []
    for place, i in enumerate(read):
        kind = judged[i]
        after = read[place + 1] if place + 1 < len(read) else None
        next_kind = judged[after] if after is not None else None
        empty.append(kind in _LEVELS
                     and len(blocks[i][1].split()) <= EMPTY_HEADING_WORDS
                     and (after is None
                          or (next_kind in _LEVELS and _LEVELS[next_kind] <= _LEVELS[kind]
                              and players.between(sources[i], sources[after]))))
    out = list(judged)
    for place, i in enumerate(read):
        alone = not (place > 0 and empty[place - 1]) \
            and not (place + 1 < len(read) and empty[place + 1])
        if empty[place] and alone and place > 0:
            out[i] = None
    return out


class _Players:
    """Where a page prints players (video, audio, embedded frames, a web component with no
    text of its own such as `<opta-widget>`'s live ticker), in document order, to tell
    whether one stands between two elements; the order is counted once, and only when a
    heading over nothing asks."""

    TAGS = ("iframe", "video", "audio", "embed", "object")

    @classmethod
    def is_player(cls, element: _Element) -> bool:
        tag = element.tag
        return isinstance(tag, str) and (
            tag in cls.TAGS or ("-" in tag and not "".join(element.itertext()).strip()))

    def __init__(self, order: DocumentOrder) -> None:
        self.order = order
        self._players: list[int] | None = None

    def between(self, first: _Element | None, then: _Element | None) -> bool:
        if first is None or then is None:
            return False
        if self._players is None:
            self._players = [n for element, n in self.order.of.items()
                             if self.is_player(element)]
        start, end = self.order.of.get(first), self.order.of.get(then)
        return start is not None and end is not None \
            and any(start < player < end for player in self._players)


#: A note on who wrote the article, as its last paragraph: "Candice Sealey is the Founder
#: & Principal Consultant at Ignite! …", "Die Autorin ist Achtsamkeitslehrerin …": the
#: author named (or called "the author"), then what they are by trade.
_AUTHOR_NOTE = re.compile(
    r"\W*(?:(?i:(?:der|die)\s+(?:autor|autorin|verfasser|verfasserin)|the\s+(?:author|writer)|"
    r"l'auteure?|el\s+autor|la\s+autora)|"
    # A name is capitalised; the rest may be ("the Founder & Principal Consultant").
    # Not an article and a noun ("Der Angeklagte ist Lehrer …": German capitalises nouns);
    # an author box speaks in the present ("… was a freelance journalist" ends a story).
    r"(?!(?:Der|Die|Das|Ein|Eine|The|La|Le|El|Les|Los|Las)\s)"
    r"[A-ZÄÖÜ][\w.'’-]+(?:\s+[A-ZÄÖÜ][\w.'’-]+){1,3},?)(?i:\s+(?:is|ist|es|est)\s+"
    # A trade of something the story named ("… is the hospital's medical director") is
    # the news: a possessive before the trade is not the author's note.
    r"(?:(?![\w.!&-]*['’]s\b)[\w&!.'’,-]+\s+){0,5}?(?:co-?)?(?:founder|ceo|director|consultant|journalist|writer|"
    r"author|editor|reporter|correspondent|columnist|freelancer?|blogger|contributor|"
    r"redakteur(?:in)?|journalist(?:in)?|autor(?:in)?|korrespondent(?:in)?|gr(?:ü|ue)nder(?:in)?|"
    r"gesch(?:ä|ae)ftsf(?:ü|ue)hrer(?:in)?|chefredakteur(?:in)?|periodista|redactor(?:a)?|"
    r"fundador(?:a)?|journaliste|r(?:é|e)dact(?:eur|rice)|[\w-]*lehrer(?:in)?))\b")
AUTHOR_NOTE_WORDS = 80


def drop_author_note(blocks: Blocks) -> Blocks:
    """Without a note on the author as the article's last paragraph (`_AUTHOR_NOTE`): an
    author box that the page prints inside the article's container, in a paragraph like
    any other."""
    if blocks and blocks[-1][0] == "p" and len(blocks[-1][1].split()) <= AUTHOR_NOTE_WORDS \
            and _AUTHOR_NOTE.match(blocks[-1][1]):
        return blocks[:-1]
    return blocks


#: Blocks that may head the readers' comments: a heading only (a paragraph is the
#: article's: "One comment on Twitter summed up the mood" must not end it).
_COMMENT_OPENERS = _LINKED_HEADINGS
#: Comment labels that are also a news story's intertitle, and open no cut: Dutch
#: "Reacties" over what politicians said, German "Kommentar" over an editor's comment.
_NEWS_INTERTITLE = re.compile(r"\W*(?:reacties?|kommentar)\W*", re.IGNORECASE)
#: Kinds not counted in telling where the body ends: the headline and its standfirst
#: (the server reads them apart, the extension with the body), and every heading (the
#: extension still holds empty headings here that trafilatura never gives the server:
#: counted, three empty h3s under a page's last paragraph kept a comment on one side only).
_NOT_COUNTED = frozenset({"h1", "standfirst", "h2", "h3", "h4", "h5", "h6"})


def without_comment_section(blocks: Blocks, judged: list[str | None]) -> list[str | None]:
    """Without the readers' comments under the article: from a heading (h2-h6) of a
    comment section ("Comments", "3 thoughts on “…”", "#1 Kommentar von …",
    `is_comment_heading`; itself dropped as the site's label; not "Reacties" or
    "Kommentar" alone, `_NEWS_INTERTITLE`) to the end, when at least as many blocks were
    read before it as after it (headings not counted, `_NOT_COUNTED`), a paragraph among
    them. Half, because a page's comments
    follow the article and a label near its top ("Kommentare" in a toolbar) must cut
    nothing; the position is all there is to go by, since comment bodies are anybody's
    prose ("Danke für dieses Kapitel" under a chapter). (`judged`: as in
    `_without_empty_sections`.)"""
    total = sum(1 for kind in judged if kind is not None and kind not in _NOT_COUNTED)
    before = 0  # blocks read before the i-th, headings and the standfirst aside
    paragraph = False  # a paragraph among them
    for i, (kind, text) in enumerate(blocks):
        if kind in _COMMENT_OPENERS and paragraph and before >= total - before \
                and is_comment_heading(text) and not _NEWS_INTERTITLE.fullmatch(text):
            return [*judged[:i], *[None] * (len(judged) - i)]
        before += judged[i] is not None and judged[i] not in _NOT_COUNTED
        paragraph = paragraph or judged[i] == "p"
    return judged


def _kind(kind: str, element: _Element, found: str | None, retyped: bool) -> str:
    """A block's kind: the apparatus `found` for it where that may replace `kind`
    (`retyped`), else a paragraph inside a quote is the quote (`is_quote`)."""
    if found and retyped:
        return found
    if kind == "p" and is_quote(element):
        return "blockquote"
    return kind


#: The labels of a consent manager's cookie declaration, one row per cookie or service
#: ("Anbieter: Google Ireland Limited", "Zweck: Statistik", "Speicherdauer: 2 Jahre";
#: Cookiebot's "Provider", "Purpose", "Expiry"), whatever the tool is called: a dialog whose
#: class names no tool's name is still these rows. "Name", "Typ" or "Laufzeit" alone are
#: not among them (a loan's "Laufzeit: drei Jahre" is an article's fact), and a row set is
#: a declaration only with a label of what is stored and for how long (`_STORED`): a loan's
#: facts may well say "Anbieter:" and "Zweck:".
_CONSENT_LABEL = re.compile(
    r"(?:zweck|anbieter|speicherdauer|cookie[- ]?laufzeit|laufzeit des cookies|cookie[- ]?namen?|"
    r"datenschutzerkl(?:ä|ae)rung|rechtsgrundlage|purpose|provider|expiry|retention period|"
    r"cookie[- ]?names?|privacy policy|host\(s\)|hosts)\b",
    re.IGNORECASE)
_STORED = frozenset({"speicherdauer", "cookie laufzeit", "cookie-laufzeit", "cookielaufzeit",
                     "laufzeit des cookies", "cookie name", "cookie-name", "cookiename",
                     "cookie namen", "cookie-namen", "cookienamen", "cookie names",
                     "cookie-names", "cookienames", "datenschutzerklärung",
                     "datenschutzerklaerung", "expiry", "retention period", "privacy policy",
                     "host(s)", "hosts"})
#: A row is this short (a label and a name, a purpose, a period) ...
CONSENT_ROW_WORDS = 40
#: ... and has a row of another label at most this many blocks away.
CONSENT_ROW_WINDOW = 3


def _consent_label(kind: str, text: str) -> str | None:
    """The declaration label a block opens with ("Zweck:"; a table row's first cell needs
    no colon), lower-cased, or None."""
    if len(text.split()) > CONSENT_ROW_WORDS:
        return None
    found = _CONSENT_LABEL.match(text)
    if found is None:
        return None
    rest = text[found.end():]
    if not rest.lstrip().startswith(":") and not (kind == "tr" and rest[:1].isspace()):
        return None
    return found.group(0).lower()


def drop_consent_rows(blocks: Blocks) -> Blocks:
    """Without the rows of a cookie declaration: a block opening with one declaration label
    ("Zweck: …") near a block opening with another ("Speicherdauer: …"), or holding two,
    one of them naming what is stored or for how long. A consent dialog prints them once
    per cookie, so a page that reads them gets "repeated paragraphs" by the dozen."""
    labels = [_consent_label(kind, text) for kind, text in blocks]
    dropped = set()
    for i, label in enumerate(labels):
        if label is None:
            continue
        near = labels[max(0, i - CONSENT_ROW_WINDOW):i + CONSENT_ROW_WINDOW + 1]
        inside = {m.group(0).lower() for m in _CONSENT_LABEL.finditer(blocks[i][1])
                  if blocks[i][1][m.end():].lstrip().startswith(":")}
        found = {other for other in near if other} | inside
        if len(found) >= 2 and found & _STORED:
            dropped.add(i)
    return [block for i, block in enumerate(blocks) if i not in dropped]


def drop_repeated_runs(blocks: Blocks, run: int = MENU_ITEMS) -> Blocks:
    """A run of `run` or more list items repeating an earlier run word for word is the
    same menu printed twice (a desktop and a mobile one), not the author's repeat."""
    out: Blocks = []
    i = 0
    seen_runs: set[tuple[str, ...]] = set()
    while i < len(blocks):
        if blocks[i][0] == "li":
            j = i
            while j < len(blocks) and blocks[j][0] == "li":
                j += 1
            texts = tuple(text for _, text in blocks[i:j])
            if j - i >= run and texts in seen_runs:
                i = j
                continue
            if j - i >= run:
                seen_runs.add(texts)
            out.extend(blocks[i:j])
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out


def _outer_blocks(tree: _Element) -> list[tuple[_Element, str]]:
    """The paragraph-like elements of `tree` (`_FALLBACK_TAGS`) that are inside no other,
    with their text, those with some: what a page is read by, block by block."""
    found = []
    for element in tree.iter(*_FALLBACK_TAGS):
        if any(a.tag in _FALLBACK_TAGS for a in element.iterancestors()):
            continue
        text = text_of(element)
        if text:
            found.append((element, text))
    return found


def fallback_blocks(tree: _Element) -> Blocks:
    """Block by block, for fragments and pages trafilatura finds no article in: every
    paragraph-like element outside the chrome, menus and link lines left out."""
    candidates = _outer_blocks(tree)
    wrappers = _wrappers([(element, len(text)) for element, text in candidates])
    boxes = Boxes()
    blocks: Blocks = []
    for element, text in candidates:
        if (in_chrome(element, wrappers) or is_server_error(text)
                or is_ad_label(text, str(element.tag)) or is_disclosure(text)
                or is_own_promotion(text) or is_site_notice(text, links=_links(element))):
            continue
        if element.tag == "li" and _is_menu_item(element):
            continue
        if element.tag == "p" and _is_link_line(element, text):
            continue
        if boxes.printed_twice(text, element):
            continue
        kind = str(element.tag)
        found = apparatus_kind(element, text)
        if "figcaption" not in (found, kind) and is_credit(text):
            continue
        blocks.append((_kind(kind, element, found, kind in _RETYPED or kind == "figcaption"),
                       text))
    return drop_repeated_runs(drop_consent_rows(blocks))


#: Class words of the lede paragraph a page prints between its headline and its body
#: ("story-lead-text", "ts-intro", "entry-excerpt", "abstract", "teaser-text", "article-deck").
_LEDE = re.compile(r"(?:^|[-_ ])(?:standfirst|dek|deck|sub-?headline|subtitle|summary|abstract|"
                   r"lead|lede|leadtext|lead-?text|intro|intro-?text|teaser|teaser-?text|excerpt|"
                   r"description|strapline|short-?info)(?:$|[-_ ])", re.IGNORECASE)
#: A standfirst is a sentence or a few (an "abstract" a short paragraph): shorter is a label,
#: longer is the body.
LEDE_WORDS = (8, 120)
_LEDE_TAGS = ("p", "div", "h2", "h3", "span", "section", "strong")
#: A line this short holding a <time> is a dateline, not a lede; a lede with no class name
#: and outside the headline's <header> is at least this long.
PROSE_WORDS = 15
_SENTENCE_END = re.compile(r"[.!?…][\"'”“»«)]*$")
#: How much of the body's first paragraph locates it on the page.
_START_CHARS = 40


def _starts_with(element: _Element, start: str) -> bool:
    """Whether the element's text begins with `start`, reading no more of it than that
    (so that asking it of every element of a page stays linear)."""
    parts: list[str] = []
    size = 0
    for piece in text_pieces(element):
        parts.append(piece)
        size += len(piece)
        if size >= 2 * len(start):
            break
    return _SPACE.sub(" ", "".join(parts)).strip().startswith(start)


_INLINE = frozenset({"a", "b", "strong", "em", "i", "span", "br", "small", "abbr", "sup", "sub",
                     "u", "mark", "q", "cite", "time", "font"})


def _is_leaf(element: _Element) -> bool:
    """Whether the element holds only text and inline markup (a paragraph, not a box)."""
    return all(not isinstance(child.tag, str) or child.tag in _INLINE for child in element)


#: How many of the first body blocks may stand above the headline ("JavaScript ist
#: deaktiviert", a skip link) before the body is taken not to follow it at all.
_BODY_TRIES = 3


def _body_start(tree: _Element, order: dict[_Element, int], start: int, headline: str,
                blocks: Blocks) -> int | None:
    """Where the body begins after the headline (at `start`): the element of the first
    body block the page prints after it. A line the page prints above its headline (a
    notice that JavaScript is off) is read first but does not begin the body."""
    bodies = [text for kind, text in blocks if kind in ("p", "li") and text != headline]
    for body in bodies[:_BODY_TRIES]:
        first = body[:_START_CHARS]
        end = next((order[e] for e in tree.iter() if isinstance(e.tag, str)
                    and order[e] > start and e.tag not in ("script", "style")
                    and _starts_with(e, first)), None)
        if end is not None:
            return end
    return None


def missing_standfirst(tree: _Element, headline: str, blocks: Blocks,
                       order: DocumentOrder | None = None) -> str | None:
    """The standfirst the page prints between its headline and its body when trafilatura
    dropped it (it often takes the header it sits in for chrome, or a lede printed in a
    bold `<div>` for a label): the first element after the headline's element and before
    the first body block's that has a lede's class name, is a paragraph in the headline's
    own `<header>`, or is a paragraph of prose of `PROSE_WORDS` or more anywhere there;
    of a standfirst's length, outside the chrome, not a link, and not already read.

    Chrome is looked for only below what the element shares with the headline: sites
    print headline and standfirst in a `<header>` or a box named "…-header has-sharing"
    that reads as the site's own, but a related-stories card between the two is still
    chrome. (`order`: the page's document order, when `refine` counted it already.)"""
    place = (order or DocumentOrder(tree)).of
    heads = [e for e in tree.iter("h1", "h2") if text_of(e) == headline]
    if not heads:
        return None
    head = heads[0]
    start = place[head]
    known = [text for _, text in blocks]
    end = _body_start(tree, place, start, headline, blocks)
    if end is None:
        return None
    around = set(head.iterancestors())
    header = next((a for a in head.iterancestors() if a.tag == "header"), None)
    for element in tree.iter(*_LEDE_TAGS):
        at = place[element]
        if at <= start or at >= end:
            continue
        named = _LEDE.search(names_of(element))
        text = text_of(element)
        words = len(text.split())
        if not LEDE_WORDS[0] <= words <= LEDE_WORDS[1]:
            continue
        in_header = element.tag == "p" and header is not None and header in element.iterancestors()
        paragraph = element.tag in ("p", "div") and _is_leaf(element) and words >= PROSE_WORDS
        if not named and not in_header and not paragraph:
            continue
        # Unnamed, it must read as prose: a header's "Posted: 8 Nov 2023 / 16:43" or
        # "Von Claudia Riedler 19. Oktober 2019" is its dateline, not its lede. (Named
        # ones need not: English deks end without a full stop.) A short line holding a
        # <time> is a dateline either way: a forum's "Thread starter X Start date …".
        if not named and not _SENTENCE_END.search(text):
            continue
        if words < PROSE_WORDS and any(True for _ in element.iter("time")):
            continue
        if in_chrome(element, around) or link_share(element) >= LINK_SHARE:
            continue
        found = apparatus_kind(element, text)
        # (A lede named "teaser" may carry a typographic "caption-s5" class too.)
        if found in ("byline", "dateline") or (found == "figcaption" and not named):
            continue
        # (A block of a few words, "Büssing" over a part of the body, is inside
        # nearly any lede: only a block of a lede's length says the lede was read.)
        if any(text in other or (other in text and len(other.split()) >= LEDE_WORDS[0])
               for other in known):
            return None
        return text
    return None
