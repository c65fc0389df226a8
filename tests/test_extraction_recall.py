"""Extraction recall: article text the server used to drop or mis-read (issue 12).

Each test reads a small page of its own through `page_from_html`, the server's whole
extraction (trafilatura, then the page's elements), and fails on the code before its fix.
"""

from __future__ import annotations

from newslint.server.pages.extract import page_from_html

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
            f"<article><h1>Harbour wall approved</h1>"
            f"<figure><img src='lead.jpg' alt=''><figcaption>The old quay under water in "
            f"January, the fourth flood of the winter.</figcaption></figure>"
            f"<div class='article-body'>{body}</div></article>{aside}"
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
