"""Repeats a page makes on purpose (issue 12): not findings, and not re-tellings either.

Each case isolates one deliberate repeat seen on real pages, with a real repeat beside it
where the rule could swallow one. The texts are written for these tests.
"""

from __future__ import annotations

import lxml.html
import pytest
from newslint.server.engine.analyze import analyze
from newslint.server.engine.page import Block, Page
from newslint.server.pages.extraction.blocks import refine

CLAIM = ("The regional water board voted on Thursday to raise the price of drinking water by "
         "eleven percent from January, citing the cost of replacing old pipes.")
OTHER = ("Opposition councillors asked for a discount for pensioners, which the board promised "
         "to study before the spring session.")
QUOTED = ("Board chair Imogen Farrow said the increase would pay for forty kilometres of new "
          "mains every year until the end of the decade.")


def findings(*blocks: tuple[str, str]) -> list[tuple[str, str]]:
    page = Page([Block(f"b{i}", kind, text) for i, (kind, text) in enumerate(blocks)],
                language="en")
    return [(a.rule, a.span.block) for a in analyze(page).annotations if a.type == "duplicate"]


def test_a_paragraph_printed_twice_is_still_a_repeat() -> None:
    assert ("duplicate.exact", "b3") in findings(("h1", "Water to cost more"), ("p", CLAIM),
                                                 ("p", OTHER), ("p", CLAIM))


def test_a_quote_printed_as_a_quote_and_in_the_text_is_the_authors() -> None:
    assert findings(("p", CLAIM), ("blockquote", QUOTED), ("p", OTHER), ("p", QUOTED)) == []
    # Two quote blocks printing the same words are a repeat like any other.
    assert ("duplicate.exact", "b3") in findings(("blockquote", QUOTED), ("p", CLAIM),
                                                 ("p", OTHER), ("blockquote", QUOTED))


def test_a_sentence_in_quotation_marks_and_in_the_text_is_quoted_not_copied() -> None:
    assert findings(("p", CLAIM), ("p", f"“{QUOTED}”"), ("p", f"{OTHER} {QUOTED}")) == []
    # The same sentence copied with the same marks is a copy.
    assert ("duplicate.near", "b2") in findings(("p", CLAIM), ("p", f"{OTHER} {QUOTED}"),
                                                ("p", f"{QUOTED} The vote passed nine to four."))


def test_short_labels_and_section_titles_printed_again_are_layout() -> None:
    assert findings(
        ("h1", "Water to cost more"), ("p", "Serves 4 · Ready in 90 minutes"), ("p", CLAIM),
        ("h3", "1. Gather the seeds"), ("p", OTHER), ("h3", "1. Gather the seeds"),
        ("p", "Serves 4 · Ready in 90 minutes"),
    ) == []


def test_the_headline_again_over_a_later_part_is_a_title_right_under_it_a_repeat() -> None:
    assert findings(("h1", "Water to cost more from January"), ("p", CLAIM),
                    ("h2", "Water to cost more from January"), ("p", OTHER)) == []
    assert ("duplicate.exact", "b1") in findings(("h1", "Water to cost more from January"),
                                                 ("h2", "Water to cost more from January"),
                                                 ("p", CLAIM), ("p", OTHER))


def test_a_box_printed_twice_is_read_once_and_a_repeated_paragraph_twice() -> None:
    steps = "".join(f"<div class=step><span>{n}</span><p>{text}</p></div>"
                    for n, text in enumerate((CLAIM, OTHER), 1))
    tree = lxml.html.document_fromstring(
        f"<html><body><article><p>{QUOTED}</p><div class='steps hidden-xs'>{steps}</div>"
        f"<div class='steps-mobile visible-xs'>{steps}</div><p>{QUOTED}</p></article>"
        "</body></html>")
    blocks = [("p", QUOTED), ("p", CLAIM), ("p", OTHER), ("p", CLAIM), ("p", OTHER),
              ("p", QUOTED)]
    assert [text for _, text in refine(blocks, tree)] == [QUOTED, CLAIM, OTHER, QUOTED]



def _forum(*posts: str) -> lxml.html.HtmlElement:
    """A XenForo thread: each post's text in a `bbWrapper`, a quote as its `<blockquote>`."""
    return lxml.html.document_fromstring(
        "<html><body><div class='block-body'>"
        + "".join(f"<article class='message'><div class='bbWrapper'>{body}</div>"
                  "<div class='js-selectToQuoteEnd'>&nbsp;</div></article>" for body in posts)
        + "</div></body></html>")


def _quote(who: str, body: str) -> str:
    return (f"<blockquote class='bbCodeBlock--quote'><div class='bbCodeBlock-title'>"
            f"<a href='/goto/post'>{who} said:</a></div><div class='bbCodeBlock-content'>"
            f"<div class='bbCodeBlock-expandContent'>{body}</div></div></blockquote>")


THANKS = "Thank you, we will ask the board."


def _phpbb_quote(who: str, body: str) -> str:
    return f"<blockquote><div><cite>{who} wrote: </cite>{body}</div></blockquote>"


@pytest.mark.parametrize("lines", [True, False], ids=["line-by-line", "joined"])
def test_a_forum_reply_after_the_quote_it_answers_is_the_reply_not_the_next_quote(
        lines: bool) -> None:
    """A forum reply is loose text after the `<blockquote>` it answers, so no element's
    whole text is the reply; the next post, quoting it, holds the same words in its quote
    (XenForo's quote on its own, phpBB's after "Ollie wrote:"). The reply is read where it
    is printed, as a paragraph, whether trafilatura gives its two lines apart or as one:
    the later quote of it is then a quote, not the reply "repeating itself word for word"
    (a real forum thread)."""
    quote = _quote if lines else _phpbb_quote
    tree = _forum(CLAIM, f"{quote('Tamsin', CLAIM)}{QUOTED}<br>\n{OTHER}",
                  f"{quote('Ollie', f'{QUOTED}<br>{OTHER}')}{THANKS}")
    if lines:
        blocks = [("p", CLAIM), ("blockquote", CLAIM), ("p", QUOTED), ("p", OTHER),
                  ("blockquote", f"{QUOTED} {OTHER}"), ("p", THANKS)]
    else:
        blocks = [("p", CLAIM), ("blockquote", f"Tamsin wrote: {CLAIM}"),
                  ("p", f"{QUOTED} {OTHER}"), ("blockquote", f"Ollie wrote: {QUOTED} {OTHER}"),
                  ("p", THANKS)]
    read = refine(blocks, tree)
    assert read == blocks
    assert findings(*read) == []


def test_a_quotes_lines_are_the_quote_once_the_reply_is_read() -> None:
    """Each run of loose text is one place: when trafilatura gives the quote's lines as
    paragraphs too, the second copy of each is the quote's, not the reply read again."""
    tree = _forum(CLAIM, f"{_quote('Tamsin', CLAIM)}{QUOTED}<br>\n{OTHER}",
                  f"{_quote('Ollie', f'{QUOTED}<br>{OTHER}')}{THANKS}")
    blocks = [("p", CLAIM), ("blockquote", CLAIM), ("p", QUOTED), ("p", OTHER),
              ("p", QUOTED), ("p", OTHER), ("p", THANKS)]
    assert [kind for kind, _ in refine(blocks, tree)] == [
        "p", "blockquote", "p", "p", "blockquote", "blockquote", "p"]


FERRY = ("The new ferry timetable leaves the island without a morning crossing on Sundays, "
         "which means anyone working an early shift in town has to stay overnight on Saturday.")
OPERATOR = ("I wrote to the operator last week and they told me the Sunday boat was cut because "
            "only a dozen people used it in winter. A dozen people is still a dozen people who "
            "now cannot get to the hospital for a seven o'clock start, so I hope the council "
            "pushes back on this.")
COUNCIL = ("The council meets on the fourteenth and the ferry contract is on the agenda, so "
           "anyone who wants to speak should register by Friday.")


def test_a_post_quoting_the_post_it_answers_is_no_retelling() -> None:
    """A phpBB thread, each reply opening with its quote of the post before, the quote's
    "X wrote: ↑date" glued to it: the quote is not the words "re-told", on any route."""
    found = findings(("h1", "Sunday ferry cut - Island Forum"), ("p", FERRY),
                     ("blockquote", f"Tamsin wrote: ↑Mon Nov 01, 2026 10:00 am{FERRY}"),
                     ("p", OPERATOR),
                     ("blockquote", f"Ollie wrote: ↑Mon Nov 02, 2026 10:00 am{OPERATOR}"),
                     ("p", COUNCIL),
                     ("blockquote", f"Tamsin wrote: ↑Tue Nov 03, 2026 10:00 am{COUNCIL}"),
                     ("p", "Thanks, I have registered and will bring the petition with all "
                           "the signatures we collected."))
    assert [block for _, block in found if block in ("b2", "b4", "b6")] == []


def test_an_article_printed_twice_whole_is_read_once() -> None:
    """A page that prints its whole article again (a copy for print or for another layout):
    both copies' boxes hold the same long text, however long, and the second is not read."""
    paragraphs = [f"{CLAIM} Part {n} of the story." for n in range(40)]
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    assert len(body) > 5000
    tree = lxml.html.document_fromstring(
        f"<html><body><article><div class='story'>{body}</div>"
        f"<div class='story-print'>{body}</div></article></body></html>")
    kept = [text for _, text in refine([("p", t) for t in paragraphs * 2], tree)]
    assert kept == paragraphs


CREDITS = "Director: Ana Berg | Camera: Tom Weiss | Music: Lena Kroll | 14 minutes"
SCHEDULE = "Sat 15.06., 18:30, Harbour cinema, tickets at the door, seven pounds"
FOOTNOTE = "* Prices include VAT and the board's own fee for connecting a new house."
NEAR_CREDITS = ("Director: Ana Berg | Camera: Tom Weiss | Sound: Lena Kroll and Piet Moss | "
                "Edit: Ulla Vogt | 14 minutes")


def test_credit_lines_schedule_rows_and_footnotes_printed_again_are_labels() -> None:
    """A film's credits under each film of one crew, a broadcast's row under each table, a
    table's footnote under each table: rows of fields the layout prints once per item,
    word for word or nearly, never a statement told twice."""
    for line in (CREDITS, SCHEDULE, FOOTNOTE):
        assert findings(("h1", "Water to cost more"), ("p", CLAIM), ("p", line), ("p", OTHER),
                        ("p", line)) == [], line
    # A schedule of three rows that the extraction ran into one paragraph, under two
    # tables of one tournament.
    rows = ("Do, 14.07. 08:00 Uhr Erste Runde Sky Sport 2 Fr, 15.07. 08:00 Uhr Zweite Runde "
            "Sky Sport 2 Sa, 16.07. 13:30 Uhr Dritte Runde Sky Sport 1")
    assert findings(("h1", "Water to cost more"), ("p", CLAIM), ("p", rows), ("p", OTHER),
                    ("p", rows)) == []
    near = NEAR_CREDITS.replace("Piet Moss", "Piet Mohs")
    assert findings(("h1", "Water to cost more"), ("p", CLAIM), ("p", NEAR_CREDITS),
                    ("p", OTHER), ("p", near)) == []
    # A statement opened by a label, or long and without a full stop, or with a figure
    # of two decimals, is no label.
    for line in (f"Update: {CLAIM}", CLAIM.rstrip("."),
                 "Breaking: Council votes to raise water prices by 12 percent from May",
                 "Shares of Harbour Foods fell 12.40 percent on Tuesday after the company cut "
                 "its yearly forecast",
                 # Times in a statement: a sentence, or not one time per row of fields.
                 "The first boat leaves at 7:15, the second at 9:30 and the last at 18:40.",
                 "The council met at 9:00 and again at 14:00 and at 17:30 to argue about the "
                 "water prices that the harbour company wants to raise by twelve percent from "
                 "May onwards while the town keeps its own tariff as it was"):
        assert ("duplicate.exact", "b4") in findings(
            ("h1", "Water to cost more"), ("p", line), ("p", OTHER), ("p", QUOTED), ("p", line))
