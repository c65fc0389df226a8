"""Extraction recall: article text the server used to drop or mis-read (issue 12).

Each test reads a small page of its own through `page_from_html`, the server's whole
extraction (trafilatura, then the page's elements), and fails on the code before its fix.
"""

from __future__ import annotations

import lxml.html
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
