"""The measures of how alike the server and the extension read a page (issue 12, item 5):
the pooled share of paragraphs and words both read, and whether the findings of the
engine over both sides' blocks mark the same text. The extension's own path is run in
tests/test_extension_agreement.py; here its blocks are given, so that what is measured is
the measure."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from newslint.server.cli import main
from newslint.server.evaluate import agreement
from newslint.server.evaluate.extraction import _print
from newslint.server.evaluate.extraction import agreement as report_agreement

from .harbour import PARAGRAPHS

REPEATED = ("The council will vote again in March on whether the harbour baths open on "
            "Sundays, after residents asked for longer hours in a petition.")


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


def _words(*texts: str) -> int:
    return sum(len(text.split()) for text in texts)


def test_a_paragraph_one_side_reads_twice_is_read_alike_once() -> None:
    # The extension reads the article's box twice: each copy must not find a match.
    first, second = PARAGRAPHS[0], PARAGRAPHS[1]
    twice = agreement.compare_page("x", [("p", first), ("p", second)],
                                   [("p", first), ("p", second), ("p", first), ("p", second)])
    assert not twice.agrees
    assert twice.server_only == []
    assert [(d.text, d.why) for d in twice.extension_only] == [
        (first, "repeated"), (second, "repeated")]
    assert twice.server_read == agreement.Read(2, 2, _words(first, second), _words(first, second))
    assert twice.extension_read == agreement.Read(4, 2, 2 * _words(first, second),
                                                  _words(first, second))
    # Paragraphs: 2 + 2 shared of 2 + 4; words likewise.
    assert agreement.alike([twice]) == {"paragraphs": round(4 / 6, 4), "words": round(4 / 6, 4)}
    assert twice.extension_share == 0.5
    # A copy the other side also reads twice is alike twice.
    both_twice = agreement.compare_page("y", [("p", first), ("p", first)],
                                        [("p", first), ("p", first)])
    assert both_twice.agrees
    # The same paragraph twice on a side that reads nothing else is not a page agreed on.
    report = report_agreement({"x": [("p", first)]}, {"x": [("p", first), ("p", first)]})
    assert report["differ_share"] == 1.0 and report["differ_share_body"] == 1.0
    assert report["causes"]["paragraphs_only_in"]["extension"] == {"repeated": 1}
    assert report["causes"]["pages_differing_only_by_normalisation"] == 0


def test_matching_takes_exact_paragraphs_before_near_ones() -> None:
    near = PARAGRAPHS[0].replace("Tuesday", "Tuesday evening")
    assert agreement.same(near, PARAGRAPHS[0])
    # `near` comes first, but the exact copy gets the one match; `near` is the repeat.
    assert agreement.shared([near, PARAGRAPHS[0]], [PARAGRAPHS[0]]) == [False, True]
    assert agreement.shared([near, PARAGRAPHS[0]], [PARAGRAPHS[0], near]) == [True, True]
    assert agreement.shared([], [PARAGRAPHS[0]]) == []


def test_both_body_measures_are_one_comparison_and_cannot_disagree() -> None:
    # The extension reads the server's first body paragraph as a caption: the server's
    # detectors judge it, the extension's do not, so the body is not read alike.
    server = {"x": [("p", PARAGRAPHS[0]), ("p", PARAGRAPHS[1])]}
    extension = {"x": [("figcaption", PARAGRAPHS[0]), ("p", PARAGRAPHS[1])]}
    found = report_agreement(server, extension)
    assert found["differ_share_body"] == 1.0
    assert found["alike_body"]["paragraphs"] == round(2 / 3, 4)
    # The full comparison reads the same text on both sides (kinds aside).
    assert found["differ_share"] == 0.0 and found["alike"]["paragraphs"] == 1.0
    # Nothing but apparatus on either side: no body share, and no body difference.
    captions = report_agreement({"x": [("figcaption", PARAGRAPHS[2])]},
                                {"x": [("byline", "By A. Writer")]})
    assert captions["alike_body"] == {"paragraphs": None, "words": None}
    assert captions["differ_share_body"] == 0.0 and captions["differ_share"] == 1.0


def test_a_comparison_made_only_to_count_leaves_the_differences_unclassed() -> None:
    counted = agreement.compare_page("x", [("p", PARAGRAPHS[0])], [("h2", "Related stories")],
                                     classify=False)
    assert [d.why for d in counted.server_only + counted.extension_only] == ["", ""]
    classed = agreement.compare_page("x", [("p", PARAGRAPHS[0])], [("h2", "Related stories")])
    assert [d.why for d in classed.server_only + classed.extension_only] == ["other", "heading"]
    assert counted.server_read == classed.server_read == agreement.Read(
        1, 0, _words(PARAGRAPHS[0]), 0)


def test_the_printed_report_says_n_a_for_a_share_of_nothing(
        capsys: pytest.CaptureFixture[str]) -> None:
    versus = report_agreement({"x": [("figcaption", PARAGRAPHS[2])]},
                              {"x": [("byline", "By A. Writer")]})
    versus["findings"] = agreement.findings_agreement([], {})
    _print({"folder": "pages", "half": None, "layout": "web-pages", "pages": 1,
            "extractors": {}, "server_vs_extension": versus}, details=True)
    out = capsys.readouterr().out
    assert "(apparatus left out): n/a, n/a" in out, out
    assert "read alike by both: 0.0% of the paragraphs" in out, out
    assert "findings: server 0, extension 0, both 0 (none on either side)" in out, out
    assert "leaving the apparatus (captions, bylines, ...) out: 0.0%" in out, out


NAV = "Home News Sport Weather Subscribe to our newsletter today for all the latest"


def _web_pages(folder: Path, pages: dict[str, str]) -> None:
    """`pages` (file name -> html) in the web-pages data set's layout: html/NAME.gz and an
    expected.json of `with`/`without` snippets for each."""
    (folder / "html").mkdir()
    expected = {}
    for name, html in pages.items():
        (folder / "html" / f"{name}.gz").write_bytes(gzip.compress(html.encode()))
        expected[f"test::{name}"] = {"file": name, "with": [PARAGRAPHS[0][:60]],
                                     "without": [NAV]}
    (folder / "expected.json").write_text(json.dumps(expected), encoding="utf-8")


def _article(*paragraphs: str) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (f"<!doctype html><html lang=en><head><title>Baths to reopen | Daily Example</title>"
            f"</head><body><nav><a href=/>{NAV}</a></nav><article>"
            f"<h1>Council votes to reopen the harbour baths</h1>{body}</article></body></html>")


@pytest.mark.node  # the extension's side runs Readability.js in Node (jsdom)
def test_eval_extraction_with_findings_and_details_from_the_command_line(
        tmp_path: Path) -> None:
    _web_pages(tmp_path, {
        "plain.html": _article(*PARAGRAPHS),
        "repeat.html": _article(PARAGRAPHS[0], REPEATED, PARAGRAPHS[1], PARAGRAPHS[2],
                                REPEATED)})
    args = ["eval", "extraction", str(tmp_path), "--extractor", "newslint",
            "--extractor", "extension", "--findings"]
    as_json = CliRunner().invoke(main, [*args, "--json"])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.output)
    assert "skipped" not in report["extractors"]["extension"], report["extractors"]
    versus = report["server_vs_extension"]
    assert versus["pages"] == 2
    marks = versus["findings"]
    assert marks["pages"] == 2 and marks["crashes"] == []
    # Both sides read the repeat twice, and the server marks it.
    assert marks["findings"]["server"] >= 1

    printed = CliRunner().invoke(main, [*args, "--details"])
    assert printed.exit_code == 0, printed.output
    out = printed.output
    assert "2 pages from" in out
    alike, body = versus["alike"], versus["alike_body"]
    assert (f"read alike by both: {alike['paragraphs']:.1%} of the paragraphs either reads, "
            f"{alike['words']:.1%} of the words; of what the detectors judge (apparatus left "
            f"out): {body['paragraphs']:.1%}, {body['words']:.1%}") in out, out
    pooled = marks["findings"]
    assert (f"findings: server {pooled['server']}, extension {pooled['extension']}, "
            f"both {pooled['both']}") in out, out
    assert f"{marks['same_findings']} of 2 pages get the same findings; crashes 0" in out, out
    assert f"out: {versus['differ_share_body']:.1%}" in out, out
    # --details lists every finding of one side only, and every snippet missed or leaked.
    listed = [line for line in out.splitlines() if line.startswith("  [finding, ")]
    assert len(listed) == pooled["server_only"] + pooled["extension_only"], out
    for name in ("newslint", "extension"):
        entry = report["extractors"][name]
        assert out.count(f"[{name}] missed ") == len(entry["missed"]), out
        assert out.count(f"[{name}] leaked ") == len(entry["leaked"]), out
