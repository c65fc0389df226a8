"""The measures of how alike the server and the extension read a page (issue 12, item 5):
the pooled share of paragraphs and words both read, and whether the findings of the
engine over both sides' blocks mark the same text. The extension's own path is run in
tests/test_extension_agreement.py; here its blocks are given, so that what is measured is
the measure."""

from __future__ import annotations

from newslint.server.evaluate import agreement
from newslint.server.evaluate.extraction import agreement as report_agreement

REPEATED = ("The council will vote again in March on whether the harbour baths open on "
            "Sundays, after residents asked for longer hours in a petition.")
PARAGRAPHS = [
    "The city council voted on Tuesday night to reopen the harbour baths next summer, "
    "ending a closure that began when the old pumps failed three years ago.",
    "Councillors approved a budget of 2.4 million euros for new pumps, a second changing "
    "room and a ramp for wheelchair users, with the work to start in February.",
    "Swimmers who had campaigned for the reopening filled the public gallery and cheered "
    "when the vote was read out, the chair said afterwards.",
]


def test_alike_pools_paragraphs_and_words_over_pages() -> None:
    one = agreement.compare_page("one", [("p", "a b c d"), ("p", "e f")],
                                 [("p", "a b c d"), ("p", "something else entirely here")])
    two = agreement.compare_page("two", [("p", "g h i")], [("p", "g h i")])
    # Paragraphs: server 2 of 3 shared, extension 2 of 3 shared: 4 / 6.
    # Words: server 7 of 9 shared, extension 7 of 11 shared: 14 / 20.
    assert agreement.alike([one, two]) == {"paragraphs": round(4 / 6, 4), "words": 0.7}
    assert agreement.alike([two]) == {"paragraphs": 1.0, "words": 1.0}
    assert agreement.alike([]) == {"paragraphs": None, "words": None}


def test_the_report_gives_alike_with_and_without_the_apparatus() -> None:
    server = {"x": [("h1", "Baths to reopen"), ("p", PARAGRAPHS[0]), ("p", PARAGRAPHS[1])]}
    extension = {"x": [("h1", "Baths to reopen"), ("p", PARAGRAPHS[0]), ("p", PARAGRAPHS[1]),
                       ("figcaption", "The baths in 2019, before the pumps failed.")]}
    found = report_agreement(server, extension)
    assert found["differ_share"] == 1.0 and found["differ_share_body"] == 0.0
    assert found["alike"]["paragraphs"] == round(6 / 7, 4)
    assert found["alike_body"] == {"paragraphs": 1.0, "words": 1.0}


def test_findings_on_one_side_only_are_counted_and_listed() -> None:
    body = "".join(f"<p>{text}</p>" for text in (PARAGRAPHS[0], REPEATED, PARAGRAPHS[1],
                                                 PARAGRAPHS[2], REPEATED))
    html = (f"<html lang=en><head><title>Baths to reopen</title></head><body><article>"
            f"<h1>Council votes to reopen the harbour baths</h1>{body}</article></body></html>")
    server_like = [("h1", "Council votes to reopen the harbour baths"), ("p", PARAGRAPHS[0]),
                   ("p", REPEATED), ("p", PARAGRAPHS[1]), ("p", PARAGRAPHS[2]),
                   ("p", REPEATED)]
    without_repeat = server_like[:-1]
    report = agreement.findings_agreement(
        [("same", html, ""), ("fewer", html, "")],
        {"same": server_like, "fewer": without_repeat})
    assert report["pages"] == 2 and report["crashes"] == []
    assert report["by_page"]["same"]["server_only"] == []
    assert report["by_page"]["same"]["extension_only"] == []
    # The server marks the repeat; the extension, which did not read it, does not.
    only = report["by_page"]["fewer"]["server_only"]
    assert [(kind, text) for kind, text in only] == [("duplicate", REPEATED)], only
    pooled = report["findings"]
    assert pooled["server"] == 2 and pooled["extension"] == 1 and pooled["both"] == 1
    assert pooled["server_only"] == 1 and pooled["extension_only"] == 0
    assert pooled["alike"] == 0.5
    assert report["same_findings"] == 1
