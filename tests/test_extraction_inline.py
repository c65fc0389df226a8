"""Dates a CMS marks with `<time>` inside its sentences, and a recipe's times, stay in the
text (extraction/inline.py).

trafilatura deletes `<time>` elements whole; the golden page extraction-dates-in-time-elements
shows what that cost the date checks. These tests pin which `<time>`s are a sentence's words."""

from __future__ import annotations

import lxml.html
import pytest
from newslint.server.pages.extract import page_from_html
from newslint.server.pages.extraction.inline import keep_words_in_sentences


def _unwrapped(fragment: str) -> tuple[int, str]:
    tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    count = keep_words_in_sentences(tree)
    return count, lxml.html.tostring(tree, encoding="unicode")


@pytest.mark.parametrize("fragment", [
    '<p>The council voted on <time datetime="2024-11-08">November 8</time>, ending it.</p>',
    '<p>Die Sitzung endete am <time>8. November</time>.</p>',
    '<p>Signed <b>on</b> <time>10 May</time> and sealed <time>a day later</time> by both.</p>',
])
def test_a_date_between_words_of_its_sentence_is_unwrapped(fragment: str) -> None:
    count, html = _unwrapped(fragment)
    assert count == fragment.count("<time")
    assert "<time" not in html


@pytest.mark.parametrize("fragment", [
    # A byline's date: no word right before it (a separator) and nothing after it.
    '<div class="meta">By Ruth Calloway · <time>12 November 2024</time></div>',
    # A teaser's date after its last sentence.
    "<p>Die zweite Reihe feierte Erfolge. <time>31.01.2022</time></p>",
    # An embed's 'on <date>' that ends its line: nothing follows in a sentence.
    "<p>A post shared by Someone (@someone) on <time>Jun 16, 2019</time></p>",
    # A date alone in its box.
    "<div><time>30 Nov 2026</time></div>",
])
def test_a_date_standing_alone_is_left_to_trafilatura(fragment: str) -> None:
    count, html = _unwrapped(fragment)
    assert count == 0 and "<time" in html


def test_the_server_reads_the_date_of_a_sentence() -> None:
    body = " ".join(["The depot has stood empty for years and costs the town money."] * 3)
    page = page_from_html(
        "<html><head><title>Depot sold</title></head><body><article><h1>Depot sold</h1>"
        f"<p>The council voted to sell the depot on <time>November 8</time>, ending a long "
        f"dispute that had divided the town.</p><p>{body}</p><p>{body}</p></article>"
        "</body></html>")
    texts = [block.text for block in page.blocks]
    assert any("depot on November 8, ending" in text for text in texts), texts


def test_a_recipes_times_are_its_text_and_are_read() -> None:
    """muffinrezept.net (web pages half a): EasyRecipe prints each time as a schema.org
    duration in a box of its own, which trafilatura deleted; "Backzeit" was read without
    its value. A date in a box of its own still goes (the test above)."""
    count, html = _unwrapped('<div class="ERSTimeItem"><time itemprop="cookTime" '
                             'datetime="">15 – 30 Min</time></div>')
    assert count == 1 and "<time" not in html and "15 – 30 Min" in html
    # itemprop is a list of names (review-s28-2).
    count, html = _unwrapped('<div><time itemprop="cookTime totalTime">40 Min</time></div>')
    assert count == 1 and "40 Min" in html
    card = ("<div class='easyrecipe' itemscope itemtype='http://schema.org/Recipe'><div "
            "class='ERSTimes'>" + "".join(
                f"<div class='ERSTime'><div class='ERSTimeHeading'>{name}</div><div "
                f"class='ERSTimeItem'><time itemprop='{prop}'>{value}</time></div></div>"
                for name, prop, value in (("Zubereitung", "prepTime", "15 Min"),
                                          ("Backzeit", "cookTime", "15 – 30 Min"),
                                          ("Gesamt", "totalTime", "30 – 45 Min")))
            + "</div><ul><li>250 Gramm Mehl</li><li>250 Gramm Butter</li><li>2 Eier</li></ul>"
            "</div>")
    steps = " ".join(["Die Butter schmelzen und mit dem Zucker schaumig rühren."] * 3)
    page = page_from_html(
        "<html lang='de'><head><title>Muffin Grundrezept</title></head><body><article><h1>"
        f"Muffin Grundrezept</h1><p>{steps}</p>{card}<p>{steps}</p></article></body></html>")
    texts = [block.text for block in page.blocks]
    assert "15 – 30 Min" in texts and "30 – 45 Min" in texts, texts
