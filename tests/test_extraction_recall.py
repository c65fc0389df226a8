"""Extraction recall: article text the server used to drop or mis-read (issue 12).

Each test reads a small page of its own through `page_from_html`, the server's whole
extraction (trafilatura, then the page's elements), and fails on the code before its fix.
"""

from __future__ import annotations

import lxml.html
from flask.testing import FlaskClient
from newslint.server.pages.extract import page_from_html
from newslint.server.pages.extraction import blocks as blocks_module

_BODY = [
    "The council approved the new harbour wall on Tuesday after a debate that lasted most "
    "of the afternoon and ended with a clear majority for the plan.",
    "Engineers say the wall will protect the old quay from winter storms for at least fifty "
    "years, and the work is expected to start in the spring.",
    "Fishermen welcomed the decision, saying the quay had flooded four times last winter "
    "and that their boats had been damaged twice.",
    "The harbour master said the quay would stay open while the wall is built, with one "
    "berth closed at a time so that the boats can still land their catch.",
]


def _page(figures: str, aside: str = "") -> list[tuple[str, str]]:
    body = "".join(f"<p>{text}</p>" for text in _BODY[:2]) + figures + "".join(
        f"<p>{text}</p>" for text in _BODY[2:])
    html = (f"<html lang='en'><head><title>Harbour wall approved</title></head><body>"
            f"<nav><ul><li><a href='/a'>News</a></li><li><a href='/b'>Sport</a></li></ul></nav>"
            f"<article><h1>Harbour wall approved</h1><div class='article-body'>"
            f"<figure><img src='lead.jpg' alt=''><figcaption>The old quay under water in "
            f"January, the fourth flood of the winter.</figcaption></figure>"
            f"{body}</div></article>{aside}"
            f"<footer><p>Harbour Gazette, all rights reserved.</p></footer></body></html>")
    return [(block.kind, block.text) for block in page_from_html(html).blocks]


def test_the_captions_of_the_articles_pictures_are_read_as_captions_where_they_are_printed(
) -> None:
    blocks = _page("<figure><img src='wall.jpg' alt=''><figcaption>A drawing of the new wall, "
                   "which will be four metres high.</figcaption></figure>")
    lead = ("figcaption", "The old quay under water in January, the fourth flood of the winter.")
    middle = ("figcaption", "A drawing of the new wall, which will be four metres high.")
    assert lead in blocks and middle in blocks, blocks
    texts = [text for _, text in blocks]
    # Where the page prints them: the lead picture under the headline, the drawing after
    # the second paragraph.
    assert texts.index(lead[1]) < texts.index(_BODY[0])
    assert texts.index(_BODY[1]) < texts.index(middle[1]) < texts.index(_BODY[2])


def test_teaser_cards_ad_labels_and_side_columns_captions_are_not_read() -> None:
    blocks = _page(
        "<figure class='card'><a href='/other'><img src='x.jpg' alt=''></a><figcaption>"
        "<a href='/other'>Lifeboat crew rescues two walkers from the cliffs</a></figcaption>"
        "</figure><figure><figcaption>Anzeige</figcaption></figure>",
        aside="<aside class='sidebar'><figure><img src='y.jpg' alt=''><figcaption>Our "
              "photographer of the year, at work on the pier.</figcaption></figure></aside>")
    texts = " ".join(text for _, text in blocks)
    assert "Lifeboat crew" not in texts
    assert "Anzeige" not in texts
    assert "photographer of the year" not in texts
    assert "The old quay under water" in texts  # (the page's own caption still is)


def test_a_short_block_inside_the_lede_does_not_hide_the_lede() -> None:
    # "Harbourline", a subheading (or a line parted from the body by a blank line), is in
    # the lede's words; only a block of a lede's length means the lede was read already.
    lede = ("For seven decades the name Harbourline stood for sturdy ferries, and some of "
            "them still sail today.")
    html = (f"<html lang='en'><head><title>Ferries of the north</title></head><body>"
            f"<div id='content'><h1>Ferries of the north</h1><div class='intro'>{lede}</div>"
            f"<div class='text'><p>{_BODY[0]}</p><h3>Harbourline</h3><p>{_BODY[1]}</p>"
            f"</div></div></body></html>")
    blocks = [(block.kind, block.text) for block in page_from_html(html).blocks]
    assert ("standfirst", lede) in blocks, blocks


def test_a_line_printed_above_the_headline_does_not_hide_the_lede() -> None:
    # A notice the page prints above its headline is read as the first paragraph; the
    # body still begins after the headline, and the lede between the two is found.
    lede = ("For seven decades the name Harbourline stood for sturdy ferries, and some of "
            "them still sail today.")
    html = (f"<html lang='en'><head><title>Ferries of the north</title></head><body>"
            f"<div id='content'><p class='notice'>JavaScript is switched off in your browser, "
            f"so some parts of this page will not work as they should.</p>"
            f"<h1>Ferries of the north</h1><div class='intro'>{lede}</div>"
            f"<div class='text'><p>{_BODY[0]}</p><p>{_BODY[1]}</p></div></div></body></html>")
    notice = ("JavaScript is switched off in your browser, so some parts of this page will "
              "not work as they should.")
    read = [("p", notice), ("h1", "Ferries of the north"), ("p", _BODY[0]), ("p", _BODY[1])]
    tree = lxml.html.fromstring(html)
    assert blocks_module.missing_standfirst(tree, "Ferries of the north", read) == lede


def _blocks_of(body: str) -> list[tuple[str, str]]:
    html = (f"<html lang='en'><head><title>Harbour wall approved</title></head><body>{body}"
            f"</body></html>")
    return [(block.kind, block.text) for block in page_from_html(html).blocks]


def test_the_loose_text_under_a_heading_is_the_sections_first_paragraph() -> None:
    blocks = _blocks_of(
        f"<div id='content'><h1>Harbour wall approved</h1><div class='text'>"
        f"<p>{_BODY[0]}</p><h2>What the fishermen say</h2>{_BODY[2]}<br><br>{_BODY[3]}"
        f"<h2>Posted</h2>12 March 2024, 10:15 |<br><br>{_BODY[1]}</div></div>")
    texts = [text for _, text in blocks]
    assert ("p", _BODY[2]) in blocks, blocks
    assert texts.index("What the fishermen say") + 1 == texts.index(_BODY[2])
    # A date line under a heading is no paragraph of the article.
    assert not any("10:15" in text for text in texts), blocks


def test_text_trafilatura_leaves_loose_in_its_output_is_read_as_paragraphs() -> None:
    """A reply printed after the box it answers, in the same box (a forum's quoted post in a
    <div>, then the reply): trafilatura keeps the reply as loose text outside its own
    elements, which the server did not read at all; a date line left loose stays out."""
    blocks = _blocks_of(
        f"<article class='post'><div class='content'><p>{_BODY[0]}</p>"
        f"<div class='wrap'><div class='quote'>{_BODY[1]}</div>{_BODY[2]}<br>"
        f"{_BODY[3]}</div><div class='wrap'><p>{_BODY[1][:60]} again.</p>"
        f"24. March 2024, 19:49 | Harbour</div></div></article>")
    texts = [text for _, text in blocks]
    assert ("p", _BODY[2]) in blocks, blocks
    assert texts.index(_BODY[1]) < texts.index(_BODY[2]) < texts.index(_BODY[3]), blocks
    assert not any("19:49" in text for text in texts), blocks


def test_a_section_heading_listed_first_in_a_table_of_contents_is_read() -> None:
    # A guide's page (haus.de's): a table of contents links to each section heading
    # before the body prints it. The heading was traced to its entry in the contents,
    # a menu, and dropped with it.
    headings = ["What does the new wall protect?", "When will the work start?"]
    contents = "".join(f"<li><a href='#s{i}'>{heading}</a></li>"
                       for i, heading in enumerate(headings))
    sections = "".join(f"<h2 id='s{i}'>{heading}</h2><p>{_BODY[2 * i]}</p><p>{_BODY[2 * i + 1]}</p>"
                       for i, heading in enumerate(headings))
    html = ("<html lang='en'><head><title>Harbour wall approved</title></head><body>"
            "<article class='article-full'><h1>Harbour wall approved</h1>"
            "<div class='anchor-navigation__toc'><div class='anchor-navigation__menu'><ul>"
            f"{contents}</ul></div></div><section class='article-full__content'>{sections}"
            "</section></article><footer><p>Harbour Gazette, all rights reserved.</p></footer>"
            "</body></html>")
    blocks = [(block.kind, block.text) for block in page_from_html(html).blocks]
    assert blocks == [("h1", "Harbour wall approved"), ("h2", headings[0]), ("p", _BODY[0]),
                      ("p", _BODY[1]), ("h2", headings[1]), ("p", _BODY[2]),
                      ("p", _BODY[3])], blocks


_MORE = [
    "The wall will cost the town about four million pounds, most of it paid by a national "
    "fund for coastal defences that the council applied to last year.",
    "Some residents asked whether the money would be better spent on the road to the "
    "harbour, which is closed for several days every winter by landslides.",
    "The council said the road would be repaired next year, and that the two projects did "
    "not compete for the same money.",
]


def _chunked(*boxes: str) -> str:
    """A page printing its article's body in several boxes of one class, each beside an
    empty ad rail, cut by full-width ad rows (wired.com's article__chunks)."""
    ad_row = ("<div class='row full-bleed-ad'><div class='ad ad--mid-content'>"
              "<span class='ad-label'>Advertisement</span></div></div>")
    grids = ad_row.join(
        "<div class='grid grid-items-2'><div class='body body__container article__body'>"
        f"{box}</div><div class='grid-layout__aside'><div class='ad ad--rail'></div></div>"
        "</div>" for box in boxes)
    return ("<html lang='en'><head><title>Harbour wall approved</title></head><body>"
            "<nav><ul><li><a href='/a'>News</a></li><li><a href='/b'>Sport</a></li></ul></nav>"
            "<article class='article main-content'><header><h1>Harbour wall approved</h1>"
            f"</header><div class='article__chunks'>{grids}</div></article>"
            "<footer><p>Harbour Gazette, all rights reserved.</p></footer></body></html>")


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_an_article_body_printed_in_several_boxes_is_read_to_its_end() -> None:
    # Two boxes of a size: trafilatura (and Readability) read the first one only, and the
    # story stopped after its fourth paragraph. The pull quote's <aside> is not the body.
    quote = "<aside class='pullquote-embed'><p>A wall for fifty years.</p></aside>"
    html = _chunked(_paragraphs(_BODY) + quote, _paragraphs(_MORE) + quote)
    blocks = [(block.kind, block.text) for block in page_from_html(html).blocks]
    assert blocks == [("h1", "Harbour wall approved"),
                      *[("p", text) for text in [*_BODY, *_MORE]]], blocks


def test_a_later_box_is_judged_as_the_first_one_is() -> None:
    # Every rule that judges trafilatura's blocks judges a later box's paragraphs too: a
    # teaser of another story by its title, a link to the article's next page. An exact
    # repeat of an earlier paragraph is read (the repeat is a finding), not taken for text
    # already read.
    teaser = ("<p><a href='/b/school-roof-repairs-delayed-again-as-contractor-withdraws'>"
              "School roof repairs delayed again as contractor withdraws</a></p>")
    turn = "<p>Next page: <a href='?page=2'>What the wall will cost and who pays</a></p>"
    html = _chunked(_paragraphs(_BODY[:3]), _paragraphs([*_MORE, _BODY[0]]) + teaser + turn)
    texts = [block.text for block in page_from_html(html).blocks]
    assert texts == ["Harbour wall approved", *_BODY[:3], *_MORE, _BODY[0]], texts


_FOLLOW_UP = [
    "Residents of the old town asked on Monday for a second vote on the harbour wall, "
    "saying the plan had been rushed through before the winter.",
    "Last week the council backed the new harbour wall after an afternoon-long debate, "
    "which ended with a large majority in favour of the plan.",
    "According to engineers, the wall should shield the old quay from winter storms for "
    "fifty years or more, and building is due to begin in spring.",
]


def _analyzed(client: FlaskClient, html: str) -> tuple[list[str], list[object]]:
    """The local API's reading of `html`: its blocks' texts and its annotations."""
    response = client.post("/v1/analyze", json={"html": html, "url": "https://news.example/a"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    return [block["text"] for block in body["blocks"]], body["annotations"]


def test_the_next_story_of_an_endless_page_is_not_read_as_the_article(
        client: FlaskClient) -> None:
    # Its box has the class of the article's own and sits as deep, but beside its own head
    # (headline, byline): another text. Read, the follow-up re-telling the first story's
    # background gave two false "re-tells paragraph n" findings (branch s26-recall).
    html = ("<html lang='en'><head><title>Council approves harbour wall</title></head><body>"
            "<main class='infinite-stream'><article class='story'><header><h1>Council "
            "approves harbour wall</h1><p class='byline'>By Ann Reed</p></header><div "
            f"class='story__body'>{_paragraphs(_BODY)}</div></article><div>Next story</div>"
            "<article class='story'><header><h2><a href='/b/harbour-wall-residents-ask'>"
            "Harbour wall: residents ask for a second vote</a></h2><p class='byline'>By Tom "
            f"Hale</p></header><div class='story__body'>{_paragraphs(_FOLLOW_UP)}</div>"
            "</article></main><footer><p>Coast Times</p></footer></body></html>")
    texts, annotations = _analyzed(client, html)
    assert texts == ["Council approves harbour wall", *_BODY], texts
    assert annotations == [], annotations


def test_forum_replies_and_a_blog_indexs_other_posts_are_not_read_as_the_article() -> None:
    # A reply, like a post on a blog's index, prints its author and date beside its box.
    replies = "".join(
        f"<div class='topic-body crawler-post'><div class='crawler-post-meta'><a href='/u/{who}'>"
        f"{who}</a> <time datetime='2026-10-01'>October 1, 2026</time></div>"
        f"<div class='post'>{_paragraphs(texts)}</div></div>"
        for who, texts in (("ferngully", _BODY), ("hillwalker", _MORE)))
    forum = ("<html lang='en'><head><title>Harbour wall approved</title></head><body>"
             f"<div id='main-outlet'><div><h1>Harbour wall approved</h1>{replies}</div></div>"
             "</body></html>")
    posts = "".join(
        f"<article class='post type-post'><header class='entry-header'><h2><a href='/{n}/'>"
        f"{title}</a></h2><time datetime='2026-11-20'>20 November 2026</time></header>"
        f"<div class='entry-content'>{_paragraphs(texts)}</div></article>"
        for n, (title, texts) in enumerate((("Harbour wall approved", _BODY),
                                            ("Who pays for the wall", _MORE))))
    index = ("<html lang='en'><head><title>Harbour blog</title></head><body class='home blog'>"
             f"<main id='main' class='site-main'>{posts}</main></body></html>")
    for html in (forum, index):
        texts = " ".join(block.text for block in page_from_html(html).blocks)
        assert _BODY[0] in texts and not any(text in texts for text in _MORE), texts


_CARD = ("<h3><a href='/b/harbour-wall-bill-rises'>Harbour wall bill rises by a million</a></h3>"
         "<p class='date'>12 March 2026</p><p>The harbour wall will cost the town about five "
         "million pounds, a million more than planned, because steel prices rose in winter.</p>"
         "<p>Engineers said last year that the new wall would shield the old quay from the "
         "winter storms for fifty years or more.</p>")


def test_a_related_storys_card_in_the_bodys_box_class_is_not_read(client: FlaskClient) -> None:
    # The card reuses the body's box (same tag and class, its parent holds nothing else), but
    # opens with its linked headline: another story, whose date and summary re-telling the
    # article gave false "re-tells paragraph n" findings (review-s27-recall B1).
    html = _chunked(_paragraphs(_BODY), _CARD)
    texts, annotations = _analyzed(client, html)
    assert texts == ["Harbour wall approved", *_BODY], texts
    assert annotations == [], annotations
    # A chunk of the body opening with a section heading of its own (not a link) is read on.
    html = _chunked(_paragraphs(_BODY), "<h2>Who pays for the wall</h2>" + _paragraphs(_MORE))
    texts = [block.text for block in page_from_html(html).blocks]
    assert texts[-3:] == _MORE, texts


def test_a_row_of_the_grid_holding_a_byline_and_a_date_is_not_read_as_the_body() -> None:
    # Two lines, but no prose: the author and the date, in a row named like the body's
    # (a sign-off row after it; Bootstrap's "row-fluid > span12" above it). Only paragraphs
    # of prose count towards a box continuing the body (review-s27-recall S1).
    sign_off = ("<p>Tom Reid, Transport Correspondent</p>"
                "<p>Tuesday 16 September 2026, 10:42</p>")
    texts = [block.text for block in page_from_html(_chunked(_paragraphs(_BODY),
                                                             sign_off)).blocks]
    assert texts == ["Harbour wall approved", *_BODY], texts
    rows = "".join(f"<div class='row-fluid'><div class='span12'>{row}</div></div>" for row in (
        "<h1>Harbour wall approved</h1>",
        "<p class='author'>By Tom Reid, Transport Correspondent</p><p class='date'>Published "
        "16 September 2026, updated 17 September 2026</p>",
        _paragraphs([*_BODY, *_MORE])))
    html = ("<html lang='en'><head><title>Harbour wall approved</title></head><body><div "
            "class='navbar'><a href='/'>Harbour Gazette</a> <a href='/news'>News</a></div>"
            f"<div class='container-fluid'><div class='main'>{rows}</div></div></body></html>")
    texts = [block.text for block in page_from_html(html).blocks]
    assert "By Tom Reid, Transport Correspondent" not in texts, texts
    assert texts[-len(_BODY) - len(_MORE):] == [*_BODY, *_MORE], texts


def test_a_hidden_paragraph_of_a_later_box_is_not_read() -> None:
    # A browser does not show it (page.js's `visible` leaves it out), as it does not show a
    # paragraph styled `display:none`, which trafilatura leaves out of the box it reads.
    hidden = ("<p hidden>This paragraph is hidden until you log in to your account here.</p>"
              "<p style='display: none'>Subscribers can read the full council report in our "
              "archive section today.</p>")
    html = _chunked(_paragraphs(_BODY), _paragraphs(_MORE[:2]) + hidden + _paragraphs(_MORE[2:]))
    texts = [block.text for block in page_from_html(html).blocks]
    assert texts == ["Harbour wall approved", *_BODY, *_MORE], texts


def _builder(*sections: str) -> str:
    """A page builder's article (munich2022.com, web pages half a): every part of the page is
    a section of one class, and each text block sits four levels down in its section
    (section > inner > article > header > text block), beside an embed's consent box, a
    photo and a row of tags in sections of their own."""
    def text_block(texts: list[str], head: str = "") -> str:
        return ("<article class='ImageText_Container__Gg7 ImageText_Right__x'><header "
                f"class='ImageText_Description__l'>{head}<p class='ImageText_DescriptionText"
                f"__2r'></p><div class='Richtext_Block__Sty'>{_paragraphs(texts)}</div>"
                "</header></article>")
    blocks = {
        "body": text_block(_BODY, "<h3 class='ImageText_Title__2PI'>Harbour wall approved</h3>"),
        "more": text_block(_MORE),
        "next": text_block(_FOLLOW_UP, "<h3 class='ImageText_Title__2PI'><a href='/b/vote'>"
                                       "Residents ask for a second vote</a></h3>"),
        "team": text_block(["Anna Reed has led the newsroom since 2015, after ten years as the "
                            "paper's court reporter in the county town.",
                            "Ben Okafor edits our features and joined from a national daily "
                            "in 2019, where he covered the coast."]).replace(
            "<div class='Richtext_Block__Sty'>", "<div class='Richtext_Block__Sty'><h3>Meet the "
                                                 "team</h3>"),
        "consent": ("<div class='css-53ndhp-Box'><div>External content</div><div>To protect "
                    "your data, loading content from twitter.com was blocked.</div><button>"
                    "Agree and load</button></div>"),
        "photo": ("<figure class='ArticleAlignedImage_Block__2ya'><img src='wall.jpg' alt=''>"
                  "<figcaption>© Ana Ruiz</figcaption></figure>"),
        "tags": ("<div class='Tags_Block__cri'><h3>Tags</h3><span>Harbour</span>"
                 "<span>Council</span></div>"),
    }
    parts = "".join("<section class='PageSection_Section__1HC PageSection_IsPadded__E'><div "
                    f"class='PageSection_SectionInner__1nR'>{blocks[name]}</div></section>"
                    for name in sections)
    return ("<html lang='en'><head><title>Harbour wall approved</title></head><body><nav>"
            "<a href='/'>Home</a> <a href='/news'>News</a></nav><main class='BasePageLayout'>"
            f"<div class='css-110u5ax-Box'><div class='css-15ypf0g-Box'>{parts}</div></div>"
            "</main><footer><p>© Harbour Gazette</p></footer></body></html>")


def test_a_body_a_page_builder_prints_in_sections_is_read_to_its_end() -> None:
    # trafilatura keeps the first section; the text block of a later one is the first's
    # cousin four levels up, by the same chain of tags and classes.
    html = _builder("body", "consent", "more", "photo", "tags")
    texts = [block.text for block in page_from_html(html).blocks]
    assert texts[-len(_BODY) - len(_MORE):] == [*_BODY, *_MORE], texts


def test_a_later_section_beside_its_own_head_is_not_read_as_the_body() -> None:
    # The next story's block has the same chain, but its header prints its linked title.
    texts = [block.text for block in page_from_html(_builder("body", "consent", "next",
                                                              "tags")).blocks]
    assert _BODY[-1] in texts and not any(text in texts for text in _FOLLOW_UP), texts


def test_a_page_builders_sections_are_read_up_to_the_next_text() -> None:
    # Read on from the article's section, and stop at the first section that is another
    # text (review-s28-2 S1): the next story's section with its own title, and all after it
    # (its second section has no title, but it is that story's); a section opening with a
    # heading of its own ("Meet the team") under the article.
    texts = [block.text for block in page_from_html(
        _builder("body", "photo", "next", "photo", "more")).blocks]
    assert _BODY[-1] in texts and not any(t in texts for t in [*_FOLLOW_UP, *_MORE]), texts
    texts = [block.text for block in page_from_html(
        _builder("body", "consent", "more", "photo", "team")).blocks]
    assert texts[-len(_MORE):] == _MORE, texts
