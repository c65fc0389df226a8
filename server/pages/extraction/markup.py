"""What an element of the page *is*, from its tags, roles and class names.

Extraction keeps a paragraph's text; where it sat on the page says whether a reader
takes it for the article (a paragraph), for its apparatus (a caption, a byline, a
dateline, a pull quote, the standfirst) or for the site's chrome (menus, breadcrumbs,
share bars, related links, newsletter boxes, cookie banners, comments, footers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml.etree import _Element

_SPACE = re.compile(r"\s+")

#: Class/id words of the site's chrome, matched as whole words of a class or id
#: ("main-menu", "share_bar", "cookie-notice"), never inside other words.
_CHROME_WORDS = re.compile(
    r"(?:^|[-_ ])(?:menu|menus|nav|navbar|navigation|breadcrumbs?|crumbs?|share|sharing|"
    r"social|sharebar|related|recommended|newsletter|cookies?|consent|gdpr|comments?|"
    r"disqus|footer|sidebar|subscribe|subscription|sign-?up|outbrain|taboola|promo|disclaimer|"
    r"author-?box|author-?bio|about-?the-?author|"
    r"paywall|toolbar|pagination|pager|tags|topics|themes|temas|keywords|schlagworte|"
    r"more-stories|read-more|readmore|"
    r"jump-link|skip-link|masthead|site-header|offcanvas|drawer|hamburger|"
    r"table-of-contents|toc_container|toc-container|toc_list|ez-toc-container|"
    # Text no reader sees (screen-reader copies), the Wayback Machine's toolbar on
    # archived pages, and an Instagram embed's "View this post on Instagram".
    r"sr-only|visually-hidden|screen-reader-text|wm-ipp|instagram-media|"
    # A slider's clones of its own slides (Slick's "slick-cloned", Owl's "cloned", Swiper's
    # "swiper-slide-duplicate", Glide's "glide__slide--clone"): the same slide printed again
    # so that the carousel can loop; and a copy printed for paper only ("print-only",
    # Bootstrap's "visible-print-block"), which no reader sees on the screen.
    r"cloned|clone|slide-duplicate|print-only|printonly|visible-print|show-for-print|"
    r"only-print|"
    # A site's copyright notice ("Materiał chroniony prawem", "© 2024 …"), and a photo's
    # credit line boxed as such ("image-copyright"): neither is the article.
    r"copyright)(?:$|[-_ ])",
    re.IGNORECASE,
)
#: Consent managers' dialogs and cookie declarations, by the names their scripts give them
#: anywhere in a class or id ("CybotCookiebotDialog", "BorlabsCookieBox", "_brlbs-content",
#: "onetrust-pc-sdk", "cmplz-cookiebanner"): their "Purpose: ..." boxes print the same
#: lines once per cookie, and none of it is the article.
_CONSENT_TOOLS = re.compile(
    r"cookiebot|cookiedeclaration|borlabs|_brlbs|onetrust|optanon|usercentrics|cookieconsent|"
    r"cookiebanner|cookie_banner|cmplz|cookiefirst|consentmanager|cmpbox|didomi|iubenda|"
    r"tarteaucitron|cookieyes|cky-consent|cookie-law-info|klaro",
    re.IGNORECASE,
)
#: A side column by its name: "rightBx", "rightWrap", "right-col", "col-right", "rightRail",
#: "sidebar-right", "rechte-spalte". (Bare "right" is an alignment class, "text-right",
#: "alignright", on the article's own paragraphs and pictures: only the id names a column.)
_SIDE_COLUMN = re.compile(
    r"(?:^|[-_ ])(?:right|rechte?)[-_]?(?:bx|box|boxes|col|column|wrap|wrapper|bar|side|rail|"
    r"spalte|sidebar)(?:$|[-_ ])|(?:^|[-_ ])(?:col|column|rail|spalte)[-_]?(?:right|rechts)"
    r"(?:$|[-_ ])",
    re.IGNORECASE)
_SIDE_IDS = frozenset({"right", "rechts"})
#: WordPress's sidebar and footer widgets ("widget widget_rss", "widget_recent_entries",
#: "widget-area"), as whole class words in WordPress's spelling: not a page builder's
#: "elementor-widget-text-editor", which holds the article's own paragraphs, nor a style
#: sheet's "Widget__chip", nor Blogger's "widget Blog" (`_BLOG_POSTS`).
#: (The bare "widget" is chrome wherever it sits: another system names a recipe box in a
#: story so, but letting such boxes in inside the article's container let that page's
#: teaser cards of other stories in beside it, 4 blocks on the server and some 80 in the
#: extension, for the one box; s23.)
_WIDGET = re.compile(r"(?:^|\s)(?:widget|widget_[a-z][a-z0-9_-]*|widget-area|widgets)(?:$|\s)")
#: Blogger's widget of the blog's posts ("widget Blog", id "Blog1") holds the article, its
#: headline among it: a widget, but no sidebar's.
_BLOG_POSTS = re.compile(r"(?:^|\s)Blog(?:$|\s)")
#: A tabbed box's "tab-menu" holds its panels, the article's own text in a shop's product
#: page: not a menu (its row of tab titles is a list of links, or a "tab-nav").
_TAB_MENU = re.compile(r"tabs?[-_]?menu", re.IGNORECASE)
#: Custom elements of the chrome, by a word of their tag name: <pp-navigation>,
#: <site-header>, and a component teasing another page between the paragraphs
#: (<pp-inline-teaser>: a picture, a linked title, a line and a button "Zu den FAQs").
_CUSTOM_CHROME = re.compile(r"(?:^|-)(?:nav|navigation|menu|header|footer|breadcrumbs?|"
                            r"cookies?|consent|share|sidebar|newsletter|teaser)(?:$|-)")
#: A site's account machinery, printed in every page's HTML and hidden until used: login
#: boxes ("loginForm", "td-login-wrap", "login-Box-Wrapper"), sign-in and registration
#: modals ("rty-login-modal", "td-register-section", "register-form-wrapper"). Whole words
#: of a class or id, camelCase split first (`_CAMEL`), so "loginForm" and "mainLogin" are
#: two words each; not "blogin" or "registered", nor a state ("is-login", "has-login",
#: "login-required", "login-optional"). Not a bare "register" or "registration" (a
#: magazine's index, a story's box on the land register, a voter-registration story's
#: section), nor "password" (a tech story's tip box), nor a bare "modal", which names
#: galleries and lightboxes too. (A sign-up box is `_CHROME_WORDS`' "signup", "sign-up".)
_ACCOUNT_WORDS = re.compile(
    r"(?:^|[-_ ])(?<!is-)(?<!has-)(?<!sel_)(?:log[-_]?in|sign[-_]?in|"
    r"(?:registration|registrierung|register)[-_]?(?:form|modal|box|popup|panel|section|tab|"
    r"step|wrap|wrapper|container)|account[-_]?modal|auth[-_]?modal)"
    r"(?![-_]?(?:required|optional|only|needed|state|status))(?:$|[-_ ])",
    re.IGNORECASE | re.ASCII)
#: ... and it holds the form's own controls: a wrapper named for a logged-in state
#: ("login-required", "contentForSignIn" around the story's paragraphs) holds none.
_CONTROLS = ("form", "input", "button", "select", "textarea")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: An account box or a modal dialog holds this many words at most
#: (the largest in half a of the web pages, a two-form login modal, some 110); more is a
#: page's wrapper named for a logged-in state, or a magazine's "Register" (its index),
#: which the article can be.
ACCOUNT_BOX_WORDS = 150
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "form", "button", "select", "menu"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "menu",
                           "menubar", "search", "dialog", "alertdialog"})
#: Containers that hold the article, as whole class names ("entry-content", not
#: "post-navigation"): the search for chrome stops there, whatever else the class says.
_ARTICLE = re.compile(r"(?:article|post|entry|story)(?:[-_]?(?:body|content|text))?",
                      re.IGNORECASE)

_APPARATUS = (
    # Loose on purpose: "icaption_nonfloating", "media-caption__text", "bildunterschrift".
    ("figcaption", re.compile(r"caption|credits?(?:$|[-_ ])|bildunterschrift|bildnachweis|"
                              r"image-?desc|photo-?desc|img-?desc|(?:^|[-_ ])legende?(?:$|[-_ ])",
                              re.IGNORECASE)),
    ("byline", re.compile(r"(?:^|[-_ ])(?:byline|by-?line|author|authors|author-?name|"
                          r"contributor|writer)(?:$|[-_ ])", re.IGNORECASE)),
    ("dateline", re.compile(r"(?:^|[-_ ])(?:dateline|timestamp|date|published|pubdate|"
                            r"updated|post-?date|article-?date|meta-?date)(?:$|[-_ ])",
                            re.IGNORECASE)),
    ("pullquote", re.compile(r"(?:^|[-_ ])(?:pull-?quote|pullout|pull_quote|callout-?quote)"
                             r"(?:$|[-_ ])", re.IGNORECASE)),
    ("standfirst", re.compile(r"(?:^|[-_ ])(?:standfirst|dek|deck|sub-?headline|subtitle|"
                              r"article-?summary|article-?lead|lede|intro|teaser-?text|"
                              r"strapline|kicker-?text|excerpt|"
                              # A shop's short description over its long one, which
                              # begins with it again ("article-short", "short-description").
                              r"(?:article|product)-?short|short-?desc|short-?description|"
                              r"kurzbeschreibung)(?:$|[-_ ])", re.IGNORECASE)),
)
#: Apparatus lines are short: a "byline" of 60 words is a paragraph under a loose class.
_MAX_WORDS = {"byline": 15, "dateline": 15, "figcaption": 80, "pullquote": 60, "standfirst": 80}
#: How far up the tree an element's apparatus class may sit.
_APPARATUS_DEPTH = 3
#: One slide of a carousel or a gallery, as a whole class word ("swiper-slide",
#: "slick-slide", "carousel-item", "slider__item", "gallery-item"): the text beside a
#: slide's picture is that picture's caption, and a gallery's captions often say again
#: what the article says (the same person in two photos, two captions).
_SLIDE = re.compile(r"(?:^|\s)(?:swiper-slide|slick-slide|glide__slide|splide__slide|"
                    r"carousel-item|carousel-cell|owl-item|slider-item|slider__item|"
                    r"slideshow-item|slideshow__item|gallery-item|gallery__item)(?:$|\s)",
                    re.IGNORECASE)
#: Embedded players and frames: the short text in their own box is their title, caption or
#: consent notice ("If you play this video, data is sent to YouTube"), printed once per
#: embed.
_EMBEDS = ("iframe", "video", "audio", "embed", "object")
#: An embed's box holds this much text at most (its caption); more is the article around it.
EMBED_BOX_WORDS = 60
_PICTURES = ("img", "picture")


def text_of(element: _Element) -> str:
    """The element's text as a reader sees it: white space collapsed, no script/style."""
    return _SPACE.sub(" ", "".join(text_pieces(element))).strip()


#: Content no reader sees as text.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
#: Elements a browser sets apart on the screen (a line break, a block), in page markup and
#: in trafilatura's output vocabulary (`lb`, `head`, `item`, `list`, `quote`, `row`,
#: `cell`): the text on either side of one is two words, "February. Swimmers", even when
#: the markup has no white space there ("February.<br>Swimmers", a quote's `<p>`s).
APART_TAGS = frozenset({
    "br", "hr", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table",
    "caption", "thead", "tbody", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "figcaption", "address", "details", "summary", "form", "fieldset", "legend", "center",
    "lb", "head", "item", "list", "quote", "row", "cell",
})


def text_pieces(element: _Element) -> Iterator[str]:
    """The pieces of text `text_of` joins, in reading order.

    Walked with start and end events, because a child's tail comes after the child's own
    descendants ("Hello <a>big <b>bold</b> world</a> again"): a flat walk of the elements
    puts each tail before them ("Hello big againbold world"), and such a text then matches
    no block trafilatura reads."""
    if not isinstance(element.tag, str):  # a comment or processing instruction: no text
        return
    walk = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    for event, node in walk:
        tag = node.tag
        shown = isinstance(tag, str) and tag not in HIDDEN_TAGS
        if event in ("comment", "pi"):  # one event each, no end: only its tail is text
            if node is not element and node.tail:
                yield node.tail
        elif event == "start":
            if not shown:
                walk.skip_subtree()  # its end event still comes, with its tail
                continue
            if node is not element and tag in APART_TAGS:
                yield " "
            if node.text:
                yield node.text
        else:
            if node is element:
                break
            if shown and tag in APART_TAGS:
                yield " "
            if node.tail:
                yield node.tail


def words_over(element: _Element, limit: int) -> bool:
    """Whether `text_of(element)` has more than `limit` words, read only as far as needed:
    asked of a block's parent, which is often the whole article body, for every block."""
    count, open_word = 0, False
    for piece in text_pieces(element):
        found = len(piece.split())
        if found and open_word and not piece[0].isspace():
            found -= 1  # the piece goes on with the word the last one ended in
        count += found
        if count > limit:
            return True
        open_word = not piece[-1].isspace()
    return False


def names_of(element: _Element) -> str:
    """The element's class and id, as one text of words: what sites name their boxes by."""
    return f"{element.get('class') or ''} {element.get('id') or ''}"


#: An inline style that hides the element.
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)


def unshown(element: _Element) -> bool:
    """Whether a browser hides the element itself (the `hidden` attribute, an inline
    `display:none`): text a reader does not read, which page.js's `visible` leaves out too.
    (Not `aria-hidden`: that hides it from assistive technology only.)"""
    return element.get("hidden") is not None \
        or bool(_DISPLAY_NONE.search(element.get("style") or ""))


def _hidden(element: _Element) -> bool:
    """Hidden from assistive technology: decoration and closed menus. (Inline
    `display:none` is not: galleries and tabs hide article text that scripts show.)"""
    return element.get("aria-hidden") == "true"


def is_chrome(element: _Element) -> bool:
    """Whether the element itself is the site's chrome (not whether it sits in some)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _CHROME_TAGS or (element.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if tag == "header" and not _inside_article(element):
        return True
    if _hidden(element) or _is_modal_box(element):
        return True
    if "-" in tag and _CUSTOM_CHROME.search(tag):
        return True  # custom elements: <pp-navigation>, <site-header>, <x-footer>
    if tag in ("tbody", "thead", "tfoot"):
        return False  # a table's rows are its own: "pager-1" names a page of the rows
    names = names_of(element)
    if (element.get("id") or "").lower() in _SIDE_IDS:
        return True
    if _is_account_box(element):
        return True
    return bool(_CHROME_WORDS.search(_TAB_MENU.sub("tabs", names))
                or _CONSENT_TOOLS.search(names) or _SIDE_COLUMN.search(names)
                or (_WIDGET.search(element.get("class") or "")
                    and not _BLOG_POSTS.search(element.get("class") or "")))


def _is_account_box(element: _Element) -> bool:
    """Whether the element is named as a login, sign-up or registration box, holds its
    controls, and is short. Their messages ("Passwort vergessen?", "Bitte trage eine
    E-Mail-Adresse ein.") are formulaic, printed once per form, and became "repeated
    paragraph" findings. Only the markup decides: a story *about* passwords has none of
    these names."""
    return (bool(_ACCOUNT_WORDS.search(_CAMEL.sub("-", names_of(element))))
            and any(True for _ in element.iter(*_CONTROLS))
            and not words_over(element, ACCOUNT_BOX_WORDS))


def _is_modal_box(element: _Element) -> bool:
    """A `<dialog>` or an `aria-modal` box: one the browser sets apart, hidden until a script
    opens it (a login, a sign-up, "are you sure?"), as `role=dialog` is. A long one, or one
    holding the page's `<h1>`, holds the story itself (a reader view opened over a teaser
    card), which is read."""
    return ((element.tag == "dialog" or element.get("aria-modal") == "true")
            and not any(True for _ in element.iter("h1"))
            and not words_over(element, ACCOUNT_BOX_WORDS))


def _inside_article(element: _Element) -> bool:
    return any(ancestor.tag in ("article", "main") for ancestor in element.iterancestors())


def in_chrome(element: _Element, wrappers: frozenset[_Element] | set[_Element] = frozenset()
              ) -> bool:
    """Whether the element is, or sits in, the site's chrome, looking up to the article's
    own container (`<article>`, `<main>`, a class like "article-body").

    Page-wide wrappers with loose names ("with-sidebar", "nav-open") hold the article
    too: `wrappers` are the article's container and its ancestors (see
    `article_container`), where the search stops."""
    node: _Element | None = element
    while node is not None and node.tag not in ("body", "html"):
        if node is not element and (node in wrappers or is_article_container(node)):
            return False
        if is_chrome(node):
            return True
        if node.tag in ("article", "main"):
            return False
        node = node.getparent()
    return False


def is_article_container(element: _Element) -> bool:
    """An element whose class or id is a name for the article's body ("entry-content")."""
    return any(_ARTICLE.fullmatch(word) for word in names_of(element).split())


def article_container(sources: list[tuple[_Element, int]], share: float = 0.5
                      ) -> set[_Element]:
    """The deepest element holding `share` of the article's text (given as (element,
    characters) of each block's source), with its ancestors: what `in_chrome` must not
    take for chrome."""
    total = sum(chars for _, chars in sources)
    if not total:
        return set()
    held: dict[_Element, int] = {}
    depth: dict[_Element, int] = {}
    for element, chars in sources:
        chain = [element, *element.iterancestors()]
        for level, node in enumerate(reversed(chain)):
            held[node] = held.get(node, 0) + chars
            depth[node] = level
    enough = [node for node, chars in held.items() if chars >= share * total]
    if not enough:
        return set()
    container = max(enough, key=lambda node: depth[node])
    return {container, *container.iterancestors()}


def apparatus_kind(element: _Element, text: str) -> str | None:
    """'figcaption', 'byline', 'dateline', 'pullquote' or 'standfirst' when the element is
    that part of the article's apparatus, else None (a paragraph, a heading, a list item)."""
    words = len(text.split())
    if words <= _MAX_WORDS["dateline"]:
        # A wrapper whose whole text is one <time>: "<div><time>26 January 2022</time></div>".
        for time in element.iter("time"):
            if text_of(time) == text:
                return "dateline"
    parent = element.getparent()
    if _beside_embed(element) or (parent is not None and _beside_embed(parent)):
        return "figcaption"
    node: _Element | None = element
    for depth in range(_APPARATUS_DEPTH + 1):
        if node is None or node.tag in ("article", "main", "body"):
            break
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("figcaption", "caption") and words <= _MAX_WORDS["figcaption"]:
            return "figcaption"
        if tag == "figure" and depth > 0 and element.tag != "blockquote" \
                and words <= _MAX_WORDS["figcaption"] and not _in_tag(element, "blockquote"):
            return "figcaption"
        if words <= _MAX_WORDS["figcaption"] and _SLIDE.search(node.get("class") or "") \
                and any(True for _ in node.iter(*_PICTURES)):
            return "figcaption"
        authored = tag == "address" or "author" in (node.get("rel"), node.get("itemprop"))
        if authored and words <= _MAX_WORDS["byline"]:
            return "byline"
        if tag == "time" and depth == 0 and words <= _MAX_WORDS["dateline"]:
            return "dateline"
        if tag == "blockquote" and _in_tag(node, "aside"):
            return "pullquote"
        names = names_of(node)
        for kind, pattern in _APPARATUS:
            if pattern.search(names) and words <= _MAX_WORDS[kind]:
                return kind
        node = node.getparent()
    return None


def _beside_embed(box: _Element) -> bool:
    """Whether `box` (a block's element or its parent) holds an embedded player or frame
    and little text besides: that text is the embed's caption or notice, not the
    article's (nor a byline, in the `<address>` some sites wrap it in)."""
    if box.tag in ("article", "main", "body") or words_over(box, EMBED_BOX_WORDS):
        return False
    return any(True for _ in box.iter(*_EMBEDS))


#: Class words of a quote box: "section-quote", "content-block--quote", a forum's
#: "bbCodeBlock--quote" around the post it answers.
_QUOTE = re.compile(r"(?:^|[-_ ])(?:quote|blockquote|zitat|cita)(?:$|[-_ ])", re.IGNORECASE)


def is_quote(element: _Element) -> bool:
    """Whether the element sits in a quote: a `<blockquote>`, or a box whose class says
    quote, up to the article's container. trafilatura keeps many such quotes as plain
    paragraphs, and a quote printed once as a quote and once in the text (a pull quote, a
    forum post quoting an earlier one) is the author's repeat, which the detectors can
    only leave alone when they know which block is the quote."""
    node: _Element | None = element
    for _ in range(_APPARATUS_DEPTH + 1):
        if node is None or node.tag in ("article", "main", "body"):
            break
        if node.tag in ("blockquote", "q") or _QUOTE.search(names_of(node)):
            return True
        node = node.getparent()
    return False


def _in_tag(element: _Element, tag: str) -> bool:
    return any(a.tag == tag for a in element.iterancestors())


def link_share(element: _Element) -> float:
    """Share of the element's text that is link text: 1.0 for a menu entry, and for
    anything inside a link (a teaser card's label is link text)."""
    if any(a.tag == "a" for a in element.iterancestors()):
        return 1.0
    total = len(text_of(element))
    if not total:
        return 0.0
    linked = sum(len(text_of(a)) for a in element.iter("a"))
    return min(1.0, linked / total)
