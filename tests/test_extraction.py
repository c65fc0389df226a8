"""Extraction: bytes decoded right, the article and only the article, its language told.

The golden pages with an `extraction` key (tests/pages/extraction-*) are the traps real
pages set: two menus, a breadcrumb <h1>, captions that re-tell the body, a Latin-1 page,
a list-heavy English page. They go through the API and through `newslint check --json`.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from newslint.server.batch import sources
from newslint.server.cli import main
from newslint.server.engine import language
from newslint.server.pages.extract import page_from_html
from newslint.server.pages.extraction import blocks, decode, headline, markup, notices

from .golden import Case, cases

EXTRACTION_CASES = cases("extraction")


def _check_extraction(case: Case, response: dict[str, Any]) -> None:
    expected = case.expected["extraction"]
    found = response["blocks"]
    texts = [b["text"] for b in found]
    assert found[0]["kind"] == "h1" and texts[0] == expected["headline"], texts[:2]
    assert sum(1 for b in found if b["kind"] == "h1") == 1, texts
    assert response["page"]["language"] == expected["language"]
    if expected["language"] == "en":
        assert not [n for n in response["notices"] if n["type"] == "unsupported-language"]
    for snippet in expected["must_contain"]:
        assert any(snippet in text for text in texts), f"{snippet!r} is missing: {texts}"
    for snippet in expected["must_not_contain"]:
        assert not any(snippet in text for text in texts), f"{snippet!r} was read: {texts}"
    if "blocks" in expected:
        assert len(found) == expected["blocks"], texts
    for start, kind in expected.get("kinds", {}).items():
        kinds = [b["kind"] for b in found if b["text"].startswith(start)]
        assert kinds == [kind], (start, kinds)
    if expected.get("no_replacement_characters"):
        assert not any("\ufffd" in text for text in texts)


@pytest.mark.parametrize("case", EXTRACTION_CASES, ids=lambda c: c.slug)
def test_extraction_traps_through_the_api(client: FlaskClient, case: Case) -> None:
    response = client.post("/v1/analyze", json=case.request())
    assert response.status_code == 200, response.get_json()
    _check_extraction(case, response.get_json())


@pytest.mark.parametrize("case", EXTRACTION_CASES, ids=lambda c: c.slug)
def test_extraction_traps_through_the_cli(case: Case) -> None:
    result = CliRunner().invoke(main, ["check", "--json", "--no-history", str(case.source)])
    assert result.exit_code == 0, result.output
    _check_extraction(case, json.loads(result.output))


def test_every_trap_has_a_golden_page() -> None:
    slugs = {case.slug for case in EXTRACTION_CASES}
    assert {"extraction-two-menus", "extraction-breadcrumb-h1", "extraction-captions",
            "extraction-latin1", "extraction-list-heavy-english", "extraction-standfirst",
            "extraction-header-outside-article", "extraction-credits-and-read-also",
            "extraction-carousel-and-embeds", "extraction-side-column-and-consent-rows"} <= slugs


# --- decoding ------------------------------------------------------------------------------

FRENCH = "<p>Fermé l'été, le café « Chez Noël » rouvre près de la façade</p>"


@pytest.mark.parametrize(("raw", "declared", "encoding"), [
    (b"\xef\xbb\xbf<p>x</p>", "iso-8859-1", "utf-8"),
    ("<p>x</p>".encode("utf-16"), None, "utf-16-le"),
    (f'<meta charset="iso-8859-1">{FRENCH}'.encode("latin-1"), None, "cp1252"),
    (f'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">{FRENCH}'
     .encode("iso8859_15"), None, "iso8859_15"),
    (FRENCH.encode("latin-1"), "text/html; charset=windows-1252", "cp1252"),
    # Declared Latin-1, saved as UTF-8: what was meant is UTF-8.
    (f'<meta charset="iso-8859-1">{FRENCH}'.encode(), None, "utf_8"),
    # Undeclared, not UTF-8: detection, and a Western page is read as windows-1252.
    (FRENCH.encode("cp1252"), None, "cp1252"),
    (("<p>" + "Москва — столица России и крупнейший город страны. " * 4 + "</p>")
     .encode("cp1251"), None, "cp1251"),
])
def test_the_encoding_comes_from_bom_header_meta_then_detection(
        raw: bytes, declared: str | None, encoding: str) -> None:
    assert decode.choose_encoding(raw, decode.header_charset(declared) or declared) == encoding
    text = decode.decode_html(raw, declared)
    assert "\ufffd" not in text and not text.startswith("\ufeff")


def test_a_page_mostly_utf8_is_utf8_and_its_stray_bytes_are_windows_1252() -> None:
    """der-erfolg-gibt-recht.de (web pages half a): a recipe blog in UTF-8 with an old
    widget's alt text in Latin-1. The page had been read as Windows-1252 whole."""
    raw = (f'<meta charset="utf-8">{FRENCH}<img alt="K'.encode() + b"\xfc"
           + b'chenblogs">' + FRENCH.encode())
    assert decode.choose_encoding(raw) == "utf_8"
    text = decode.decode_html(raw)
    assert text.count("Fermé l'été, le café « Chez Noël »") == 2
    assert 'alt="Küchenblogs"' in text


def test_a_legacy_page_with_a_utf8_menu_keeps_its_declared_charset() -> None:
    """A Polish page in windows-1250 whose menu and footer a template prints in UTF-8
    (review-s28 B1): its article is windows-1250, as a browser reads it."""
    menu = "".join(f"<li>{name}</li>" for name in (
        "Wiadomości", "Gospodarka", "Świat", "Kultura", "Sport", "Zdrowie", "Nauka", "Podróże",
        "Motoryzacja", "Edukacja", "Pogoda", "Ogłoszenia")).encode()
    article = ("<p>Nowy most w Gdańsku otwarty dla ruchu. W poniedziałek rano pierwsze "
               "samochody przejechały nad Motławą.</p>").encode("cp1250")
    # A menu printed six times (desktop, mobile, footer, …): 30 sequences against the
    # article's 5 invalid bytes, past the margin, so that the declared charset alone decides.
    raw = b'<meta charset="windows-1250"><ul>' + menu * 6 + b"</ul>" + article
    assert decode.choose_encoding(raw) == "cp1250"
    assert "nad Motławą" in decode.decode_html(raw)


def test_mostly_utf8_needs_a_margin_and_follows_the_first_declared_charset() -> None:
    """Three sequences per invalid byte are no margin (review-s28-2 S5); the HTTP header's
    UTF-8 is read before a <meta> Latin-1, and a page declaring Latin-1 whose stray bytes
    are Latin-1 anyway is mostly UTF-8 too (review-s28-2 S6)."""
    utf8 = ("<p>" + "Grüße aus Köln " * 4 + "</p>").encode()  # 12 sequences
    stray = ("<p>" + "Größe " * 2 + "</p>").encode("cp1252")  # 4 invalid bytes: 3 to 1
    assert decode.choose_encoding(utf8 + stray) == "cp1252"
    page = utf8 * 2 + stray  # 24 to 4
    assert decode.choose_encoding(page) == "utf_8"
    latin1 = b'<meta charset="iso-8859-1">' + page
    assert decode.choose_encoding(latin1) == "utf_8"
    central = b'<meta charset="windows-1250">' + page
    assert decode.choose_encoding(central) == "cp1250"
    assert decode.choose_encoding(central, "utf-8") == "utf_8"  # the header is read first
    assert "Größe" in decode.decode_html(central, "utf-8")


def test_a_latin1_page_with_one_accidental_utf8_sequence_stays_latin1() -> None:
    """mix1.de (web pages half a): 18 Latin-1 accents, and one pair of bytes that happens
    to be valid UTF-8. More invalid bytes than sequences: the page is not UTF-8."""
    raw = ("<p>" + "Grüße aus Köln, schöne Tage. " * 6 + "</p>").encode("cp1252") + b"\xc3\xa9"
    assert decode.choose_encoding(raw) == "cp1252"
    assert "Grüße aus Köln" in decode.decode_html(raw)


def test_latin1_text_round_trips_through_the_decoder() -> None:
    raw = f'<html><head><meta charset="latin1"></head><body>{FRENCH}</body></html>'
    assert FRENCH in decode.decode_html(raw.encode("latin-1"))


def test_utf8_decoded_as_latin1_by_the_sender_is_repaired_and_nothing_else_is() -> None:
    assert decode.repair_mojibake(FRENCH.encode().decode("cp1252")) == FRENCH
    assert decode.repair_mojibake(FRENCH) == FRENCH
    assert decode.repair_mojibake("Ã la carte, déjà vu") == "Ã la carte, déjà vu"
    page = page_from_html(f"<html><body><article><h1>Le café rouvre</h1>{FRENCH * 3}"
                          "</article></body></html>".encode().decode("cp1252"))
    assert any("café « Chez Noël »" in b.text for b in page.blocks)


@pytest.mark.parametrize(("raw", "why"), [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary content, not a text page"),
    (gzip.compress(b"<p>a page, compressed</p>" * 20), "binary content, not a text page"),
])
def test_binary_and_empty_input_is_named_not_decoded(raw: bytes, why: str) -> None:
    assert decode.why_not_text(raw) == why


def test_check_reports_a_binary_file_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.html"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    result = CliRunner().invoke(main, ["check", "--no-history", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [f"Error: {path}: binary content, not a text page"]


def test_check_reads_a_latin1_file_by_its_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes((f'<html lang="fr"><head><meta charset="iso-8859-1"></head><body><article>'
                      f'<h1>Le café du port</h1>{FRENCH * 3}</article></body></html>')
                     .encode("latin-1"))
    result = CliRunner().invoke(main, ["check", "--json", "--no-history", str(path)])
    assert result.exit_code == 0, result.output
    texts = [b["text"] for b in json.loads(result.output)["blocks"]]
    assert any("café « Chez Noël »" in text for text in texts) and "\ufffd" not in str(texts)


def test_batch_reads_the_charset_of_the_http_header() -> None:
    raw = FRENCH.encode("cp1252")
    assert FRENCH in sources.decode_html(raw, "text/html; charset=windows-1252")
    assert FRENCH in sources.decode_html(raw, "windows-1252")


# --- the article's blocks -----------------------------------------------------------------


def _page(body: str, head: str = "") -> list[tuple[str, str]]:
    page = page_from_html(f"<html lang='en'><head>{head}</head><body>{body}</body></html>")
    return [(b.kind, b.text) for b in page.blocks]


PROSE = "".join(
    f"<p>Paragraph {n} of the story tells what the council decided on the ferry timetable, "
    f"why it decided it, and what the commuters who use the first sailing said about it.</p>"
    for n in range(1, 6))


def test_apparatus_keeps_its_own_kind() -> None:
    found = dict((text[:12], kind) for kind, text in _page(
        "<article><h1>Council approves the ferry timetable</h1>"
        "<p class='byline'>By Mara Lindqvist, Transport Reporter</p>"
        f"{PROSE}"
        "<p class='photo-credit'>Photo: Harbour Post archive, taken at the north quay</p>"
        "<aside><blockquote>What the council decided on the ferry timetable</blockquote></aside>"
        f"{PROSE.replace('Paragraph', 'Section')}</article>"))
    assert found.get("Paragraph 1 ") == "p"
    assert found.get("Photo: Harbo") == "figcaption"
    assert "By Mara Lind" not in found or found["By Mara Lind"] == "byline"
    assert "What the cou" not in found or found["What the cou"] == "pullquote"


def test_a_menu_printed_twice_is_read_once_at_most() -> None:
    menu = "".join(f"<li><a href='/{n}'>Section {n}</a></li>" for n in range(8))
    runs = [("li", f"Section {n}") for n in range(8)]
    assert blocks.drop_repeated_runs([*runs, ("p", "Story."), *runs]) == [*runs, ("p", "Story.")]
    found = _page(f"<div class='wrap'><ul class='desk'>{menu}</ul><ul class='mob'>{menu}</ul>"
                  f"<h1>Council approves the ferry timetable</h1>{PROSE}</div>")
    assert sum(1 for kind, text in found if text == "Section 3") <= 1


def test_the_headline_is_the_declared_title_not_the_first_h1() -> None:
    tree = lxml.html.document_fromstring(
        "<html><head><title>Ferry timetable changes in January | Harbour Post</title>"
        "<meta property='og:title' content='Ferry timetable changes in January'></head><body>"
        "<h1 class='site-logo'>Harbour Post</h1>"
        "<div class='crumbs'><h1>News and transport</h1></div>"
        "<h2>Ferry timetable changes in January</h2></body></html>")
    titles = headline.declared_titles(tree)
    assert titles[0] == "Ferry timetable changes in January"
    assert headline.choose(tree, titles) == ("h2", "Ferry timetable changes in January")
    title_only = lxml.html.document_fromstring(
        "<html><head><title>Harbour Post: Ferry timetable changes in January</title></head>"
        "<body><h1>Ferry timetable changes in January</h1></body></html>")
    assert headline.declared_titles(title_only) == [  # the <title> minus the site's name
        "Ferry timetable changes in January", "Harbour Post: Ferry timetable changes in January"]


def test_jsonld_headline_counts_as_a_declared_title() -> None:
    tree = lxml.html.document_fromstring(
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
        ' "headline": "Storm closes the coast road"}]}</script></head><body>'
        "<h1>Weather warnings</h1><h1>Storm closes the coast road</h1></body></html>")
    chosen = headline.choose(tree, headline.declared_titles(tree))
    assert chosen == ("h1", "Storm closes the coast road")


def test_a_heading_in_a_page_wide_header_is_the_headline_only_when_it_is_the_title() -> None:
    head = ("<title>Ferry timetable changes in January | Harbour Post</title>"
            "<meta property='og:title' content='Ferry timetable changes in January'>")
    story = (f"<header class='story-header has-sharing'><h1>{{}}</h1></header>"
             f"<article>{PROSE}</article>")
    found = _page(story.format("Ferry timetable changes in January"), head)
    assert found[0] == ("h1", "Ferry timetable changes in January")
    # Alike but not the title (80 is enough outside a header, not in one): no headline.
    found = _page(story.format("Ferry timetables change from January on"), head)
    assert not [text for kind, text in found if kind == "h1"]
    # A breadcrumb inside the header stays chrome.
    found = _page("<header><nav class='crumbs'><h1>Ferry timetable changes in January</h1>"
                  f"</nav></header><article>{PROSE}</article>", head)
    assert not [text for kind, text in found if kind == "h1"]


def test_the_lede_under_the_headline_is_read_back_but_not_a_dateline() -> None:
    lede = ("The first ferry of the day will leave an hour earlier from January, after the "
            "island council approved a revised timetable")
    found = _page("<main><h1>Ferry timetable changes in January</h1>"
                  f"<h2 class='article-deck'>{lede}</h2><div class='body'>{PROSE}</div></main>")
    assert ("standfirst", lede) in found
    # In the headline's own <header>, a paragraph of prose is the lede, with no class name;
    # a line holding the date is the header's dateline, and is not read back as the lede.
    posted = "Posted: 8 November 2023, 16:43, by the transport desk of the Harbour Post"
    head = "<meta property='og:title' content='Ferry timetable changes in January'>"
    found = _page(f"<header><h1>Ferry timetable changes in January</h1><p>{posted}</p>"
                  f"<p>{lede}.</p></header><article>{PROSE}</article>", head)
    assert [kind for kind, text in found if text == f"{lede}."] == ["standfirst"]
    assert not [text for kind, text in found if text.startswith("Posted")]
    found = _page(f"<header><h1>Ferry timetable changes in January</h1>"
                  f"<p>Thread started by Mara on <time>8 November 2023</time>, 16:43.</p>"
                  f"</header><article>{PROSE}</article>", head)
    assert not [text for kind, text in found if text.startswith("Thread")]
    # A lede printed in a bold <div>, of 15 words or more, is read back with no class name.
    found = _page("<article><h1>Ferry timetable changes in January</h1>"
                  f"<div class='mb-6 font-bold'><div>{lede} on Monday.</div></div>"
                  f"<div class='mt-4'><a href='/x'>Share</a></div><div>{PROSE}</div></article>",
                  head)
    assert [kind for kind, text in found if text == f"{lede} on Monday."] == ["standfirst"]


# --- language -----------------------------------------------------------------------------

GERMAN = ["Die Stadt hat am Dienstag beschlossen, den Fahrplan der Fähre zu ändern, nachdem "
          "sich Pendler monatelang über die späte erste Abfahrt beschwert hatten."] * 3
CHECKLIST = ["Torch, spare batteries", "Wind-up radio", "Power bank, charged", "Candles, matches",
             "Bottled water: three litres, person, day", "Tinned soup, beans, fish",
             "Tin opener", "Blankets, sleeping bags", "Hats, gloves, thermal socks",
             "Prescription medicines, seven days", "First aid kit", "Cash, small notes"]


def test_a_list_heavy_english_page_is_english() -> None:
    assert language.stopword_share(" ".join(CHECKLIST)) < language.ENGLISH_STOPWORD_SHARE
    assert language.decide("en", CHECKLIST) == "en"
    assert language.decide(None, CHECKLIST) == "en"


def test_a_page_declared_english_but_written_in_german_is_german() -> None:
    assert language.decide("en-US", GERMAN) == "de"
    assert language.decide(None, GERMAN) == "de"


def test_short_pages_keep_their_declared_language_and_placeholders_are_none() -> None:
    assert language.decide("fr-FR", ["Bonjour"]) == "fr"
    assert language.decide(None, ["Hello"]) is None
    assert language.primary_subtag("lang=") is None
    assert language.primary_subtag("en_GB") == "en"


def test_a_page_declared_english_with_a_mostly_english_body_is_english() -> None:
    texts = [*CHECKLIST, "Stand: Oktober 2024, geprüft"]
    assert language.decide("en", texts) == "en"


def test_php_warnings_and_screen_reader_copies_are_not_the_article() -> None:
    warning = ("Warning: Use of undefined constant comments - assumed 'comments' in "
               "/var/www/site/wp-content/themes/plain/single.php on line 41")
    assert notices.is_server_error(warning)
    assert not notices.is_server_error("Warning: storms are expected on the coast tonight.")
    found = _page(f"<p>{warning}</p><article><h1>Council approves the ferry timetable</h1>"
                  f"<span class='screen-reader-text'>Council approves the ferry timetable</span>"
                  f"{PROSE}<p>{warning}</p></article>")
    texts = [text for _, text in found]
    assert warning not in texts
    assert texts.count("Council approves the ferry timetable") == 1


LABELLED_LINKS = [
    "<p>Read also: <a href='/a'>Harbour baths close for the winter after the pumps fail</a></p>",
    "<p><em>Czytaj też: <a href='/b'>Wyścig zbrojeń ruszył z kopyta</a></em></p>",
    "<h3>MIRA: <a href='/c'>Madre se acerca a conocer los motivos de captura</a></h3>",
]
CREDITS = ["© Oli Scarff/Getty Images", "Quelle: Landesregierung Hessen", "Foto: M. Rädel",
           "Fuente: EFE", "Beitragsbild: Titelseite der Zeitung vom 2. April, Ausriss."]


def test_a_label_and_a_link_and_credit_lines_are_not_the_article() -> None:
    """"Read also: <a>…</a>" announces a story told elsewhere; "© …", "Quelle: …" say who
    made the picture or where the story came from (and are printed once per picture)."""
    linked = ("<p>The council said <a href='/d'>the report on the harbour baths</a>, "
              "published on Monday, settles the question of the pumps for good.</p>")
    found = _page(f"<article><h1>Council approves the ferry timetable</h1>{PROSE}"
                  + "".join(LABELLED_LINKS) + "".join(f"<p>{c}</p>" for c in CREDITS)
                  + f"{linked}<p class='aawp-disclaimer'>Letzte Aktualisierung am 2.02.2022 / "
                  "Bei den Verlinkungen handelt es sich um Affiliate Links</p>"
                  "<div class='TestReport__AuthorBox'><p>Inga Buller ist Redakteurin bei uns und "
                  "testet gerne neue Geräte für den Haushalt.</p></div></article>")
    texts = [text for _, text in found]
    assert not [t for t in texts if t.startswith(("Read also", "Czytaj", "MIRA", *CREDITS,
                                                  "Letzte Aktualisierung", "Inga"))]
    assert any(t.startswith("The council said the report") for t in texts)  # a link in prose
    # A label and a name (a photo's author, linked) is not a story told elsewhere.
    found = _page(f"<article><h1>Council approves the ferry timetable</h1>{PROSE}"
                  "<p>Account: <a href='/u/darkzip'>@darkzip</a></p></article>")
    assert ("p", "Account: @darkzip") in found
    assert not notices.is_credit("Quelle: Nach Angaben der Landesregierung stiegen die Preise im "
                                "vergangenen Jahr um mehr als zwölf Prozent, so die Statistik.")


def test_a_paragraph_of_links_and_the_heading_over_it_are_not_the_article() -> None:
    links = "<br>".join(f"<a href='/{n}'>Story number {n} about the harbour, the ferry and "
                        "the new timetable for the winter</a>" for n in range(3))
    found = _page(f"<article><h1>Council approves the ferry timetable</h1>{PROSE}"
                  f"<h2>Also on Harbour Post</h2><p>{links}</p>"
                  f"<h2>What happens next</h2>{PROSE.replace('Paragraph', 'Part')}</article>")
    texts = [text for _, text in found]
    assert not [t for t in texts if t.startswith(("Also on", "Story number"))], texts
    assert "What happens next" in texts and any(t.startswith("Part 1") for t in texts)


def test_markup_trafilatura_hands_back_as_it_is_is_read_by_its_paragraphs() -> None:
    """trafilatura's fallback extractors return the page's own markup (a styled-components
    site wraps each <p> in a <div>); read whole, the article was one "paragraph" of 13,000
    characters on a real page, with sentences glued together ("dance.The new")."""
    body = lxml.html.fromstring(
        "<div><div class=sc-a><div class=sc-b><p>The ferry runs again from Monday.</p></div>"
        "<div class=sc-b><p>Tickets cost four euros.</p></div><div class=ad></div>"
        "<h2>What changes</h2>Loose words between blocks<ul><li>One</li><li>Two</li></ul>"
        "<div class=sc-b><blockquote>We waited a year.</blockquote></div></div></div>")
    assert blocks.trafilatura_blocks(body) == [
        ("p", "The ferry runs again from Monday."), ("p", "Tickets cost four euros."),
        ("h2", "What changes"), ("p", "Loose words between blocks"), ("li", "One"),
        ("li", "Two"), ("blockquote", "We waited a year.")]
    # trafilatura's own vocabulary reads as before.
    own = lxml.etree.fromstring(
        "<body><head rend='h3'>Timetable</head><p>Boats leave at six.</p>"
        "<list><item>Mon</item><item>Tue</item></list><quote>It is back.</quote></body>")
    assert blocks.trafilatura_blocks(own) == [
        ("h3", "Timetable"), ("p", "Boats leave at six."), ("li", "Mon"), ("li", "Tue"),
        ("blockquote", "It is back.")]


def test_slider_clones_consent_boxes_and_print_copies_are_not_the_article() -> None:
    """A carousel's script clones its slides so that it can loop; a consent manager prints a
    "Purpose: ..." box per cookie; a page prints its text again for paper: each repeats
    what the reader sees once, and none of it is the article."""
    for names in ("slick-slide slick-cloned", "owl-item cloned", "glide__slide--clone",
                  "swiper-slide swiper-slide-duplicate", "print-only", "visible-print-block"):
        assert markup.is_chrome(lxml.html.fromstring(f"<div class='{names}'>x</div>")), names
    for names in ("CybotCookiebotDialog", "BorlabsCookieBox", "_brlbs-content-blocker",
                  "onetrust-pc-sdk", "cmplz-cookiebanner", "usercentrics-root"):
        assert markup.is_chrome(lxml.html.fromstring(f"<div id='{names}'>x</div>")), names
    assert markup.is_chrome(lxml.html.fromstring("<div class='copyright'>x</div>"))
    for names in ("slick-slide", "swiper-slide", "printed-edition", "cloud-news"):
        assert not markup.is_chrome(lxml.html.fromstring(f"<div class='{names}'>x</div>"))
    purpose = "<p>Purpose: Remembers the choices the visitor made in this box for a year.</p>"
    found = _page(f"<article><h1>Council approves the ferry timetable</h1>{PROSE}"
                  f"<div id='CybotCookiebotDialog'>{purpose}{purpose}</div></article>")
    assert not [t for _, t in found if t.startswith("Purpose")], found
    assert sum(1 for _, t in found if t.startswith("Paragraph")) == 5


def test_captions_of_a_gallery_and_notices_beside_an_embed_are_captions() -> None:
    """The text beside a slide's picture is its caption, and the short text in an embedded
    video's own box is its caption or consent notice (trafilatura parts it at its `<br>`;
    the line after it is judged where it sits)."""
    slide = ("<div class='carousel-item'><img src='/a.jpg'><p>The mayor at the north quay on "
             "the first morning of the new timetable.</p></div>")
    notice = ("<address><iframe src='https://video.example/1'></iframe><address>Note: playing "
              "this video sends data to its provider.<br>We have no say in what the provider "
              "stores about you or for how long.</address></address>")
    found = _page(f"<article><h1>Council approves the ferry timetable</h1>{PROSE}"
                  f"<div class='carousel'>{slide}</div>{notice}"
                  f"{PROSE.replace('Paragraph', 'Section')}</article>")
    kinds = {text[:20]: kind for kind, text in found}
    assert kinds.get("The mayor at the nor") == "figcaption", found
    # The line cut at the <br> is read, as the notice's caption (not left unjudged).
    assert [(kind, text[:16]) for kind, text in found if "provider" in text] == [
        ("figcaption", "We have no say i")], found
    assert kinds.get("Paragraph 1 of the s") == kinds.get("Section 1 of the sto") == "p", found
    # A video in the article's own box, among its paragraphs, leaves them paragraphs.
    found = _page(f"<article><h1>Council approves the ferry timetable</h1><div>{PROSE}"
                  "<iframe src='https://video.example/1'></iframe></div></article>")
    assert {kind for kind, text in found if text.startswith("Paragraph")} == {"p"}


def test_the_label_over_an_advertisement_is_not_the_article() -> None:
    found = _page(f"<article><h1>Council approves the ferry timetable</h1>{PROSE}"
                  "<p>Anzeige</p><h6>Advertisement</h6><p>- Publicidad -</p>"
                  f"{PROSE.replace('Paragraph', 'Section')}"
                  "<p>Advertisement rates for the harbour magazine rise in May.</p></article>")
    texts = [text for _, text in found]
    assert not {"Anzeige", "Advertisement", "- Publicidad -"} & set(texts), texts
    assert "Advertisement rates for the harbour magazine rise in May." in texts
    assert notices.is_ad_label("ANZEIGE", "p") and not notices.is_ad_label("Ad hoc", "p")
    # A section of a piece on marketing may be called just that.
    assert notices.is_ad_label("Werbung", "h6") and not notices.is_ad_label("Werbung", "h2")


def test_words_over_counts_as_text_of_reads() -> None:
    """`words_over` stops early (a block's parent is often the whole body, asked once per
    block); it must still count the words `text_of` gives, where words run across tags
    ("h<em>i</em>j" is one word) and scripts are not read."""
    pieces = ["a", "b c", " ", "  d", "e ", "<b>f</b>", "<i> g</i>", "<script>x y z</script>",
              "<span>h<em>i</em>j</span>", "\n", "k<!-- note -->l", "<style>q</style> m"]
    rng = random.Random(7)
    for _ in range(500):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        element = lxml.html.fromstring(f"<div>{body}</div>")
        count = len(markup.text_of(element).split())
        over = [markup.words_over(element, n) for n in range(8)]
        assert over == [count > n for n in range(8)], body


def test_text_of_reads_nested_markup_in_order_and_sets_blocks_apart() -> None:
    """The text of an element must be what a reader reads, because block texts are matched
    to the page's elements by it: a child's tail after the child's own descendants, and
    two words where a line break or a block stands between them with no white space."""
    def read(html: str) -> str:
        return markup.text_of(lxml.html.fromstring(html))

    assert read("<p>Hello <a>big <b>bold</b> world</a> again</p>") == "Hello big bold world again"
    assert read("<p>Wash<b>ing</b>ton<!-- a note -->, D.C.<script>x()</script></p>") == (
        "Washington, D.C.")
    assert read("<p>in February.<br>Swimmers who</p>") == "in February. Swimmers who"
    assert read("<blockquote><p>the baths.</p><p>Three summers</p></blockquote>") == (
        "the baths. Three summers")
    # trafilatura's own vocabulary: a line break and a quote's paragraphs.
    tree = lxml.etree.fromstring("<quote><p>council</p><p>We ask<lb/>and</p></quote>")
    assert markup.text_of(tree) == "council We ask and"


def test_the_server_reads_words_apart_where_the_page_sets_them_apart() -> None:
    """A `<br>` or a quote's paragraphs with no white space around them are still two
    words to the detectors ("February.Swimmers" is one token to a word counter)."""
    page = page_from_html(
        "<html><head><title>Pool</title></head><body><article><h1>Pool</h1>"
        + "<p>The pool opened in February.<br>Swimmers who came early found it cold, "
          "and the council said the heating would be fixed within the coming weeks.</p>"
        + "<blockquote><p>We want the baths.</p><p>Three summers is too long to wait for "
          "the repairs the council promised.</p></blockquote>"
        + "<p>The council met on Tuesday to discuss the pool and the cost of the repairs "
          "that the swimmers have asked for since the summer.</p>" * 2
        + "</article></body></html>")
    text = " ".join(block.text for block in page.blocks)
    assert "February. Swimmers" in text and "baths. Three" in text, text


def test_the_extensions_thresholds_are_the_servers() -> None:
    """page.js mirrors the server's extraction thresholds by name (`const LINK_SHARE = 0.8;`);
    one changed on one side only would make the two read different paragraphs."""
    script = (Path(__file__).parent.parent / "extension" / "content" / "page.js").read_text(
        encoding="utf-8")
    shared = {}
    for name, value in re.findall(r"const ([A-Z][A-Z0-9_]+) = ([\d._]+);", script):
        for module in (blocks, markup, notices):
            if hasattr(module, name):
                shared[name] = (float(value.replace("_", "")), float(getattr(module, name)))
    assert len(shared) >= 12, shared  # LINK_SHARE, MENU_WORDS, BOX_DEPTH, CREDIT_WORDS, ...
    # s23's thresholds (site notices, teasers, headings over nothing, author notes, page
    # turns) by name, so that one renamed on one side cannot drop out of the comparison.
    assert {"DISCLAIMER_WORDS", "COPYRIGHT_WORDS", "APPEAL_WORDS", "CLICK_WORDS",
            "RELATED_LABEL_WORDS", "NOTICE_WORDS", "TEASER_SLUG_CHARS", "EMPTY_HEADING_WORDS",
            "AUTHOR_NOTE_WORDS", "PAGE_TURN_WORDS", "LABEL_LINK_SHARE",
            # s24's: the site's promotion in one rule, the comment section's heading.
            "PROMO_WORDS", "COMMENT_HEADING_WORDS", "CONSENT_NOTICE_WORDS",
            "BROWSER_NOTICE_WORDS",
            # s25's: the opinion disclaimer in the site's voice.
            "OPINION_WORDS",
            # s26's: how long a login or registration box may be.
            "ACCOUNT_BOX_WORDS"} <= set(shared), shared
    assert {name: pair for name, pair in shared.items() if pair[0] != pair[1]} == {}
    pairs = re.findall(r"const (TEASER_WORDS) = \[(\d+), (\d+)\];", script)
    assert [(int(low), int(high)) for _, low, high in pairs] == [blocks.TEASER_WORDS]
    # The tags of a player a lone heading may title (the server's `_Players.TAGS`): one
    # added on one side only would drop different headings.
    tags = re.findall(r"static TAGS = new Set\(\[([^\]]*)\]\);", script)
    assert [sorted(re.findall(r'"([A-Z]+)"', found)) for found in tags] == [
        sorted(tag.upper() for tag in blocks._Players.TAGS)]


def _is_chrome(attributes: str) -> bool:
    return markup.is_chrome(lxml.html.fromstring(f"<div {attributes}>x</div>"))


def test_side_columns_widgets_and_tag_boxes_are_chrome_but_alignments_are_not() -> None:
    """A side column named only by its class or id ("rightBx", id "right"), WordPress's
    sidebar widgets and a "themes" box of tag links are not the article; the alignment
    classes the article's own paragraphs carry ("text-right", "alignright"), a page
    builder's widgets and a shop's "tab-menu" holding its panels are not chrome."""
    for names in ("class='rightBx right_greenBx'", "id='rightWrap'", "class='right-col'",
                  "class='col-right'", "class='rightRail'", "class='rechte-spalte'",
                  "id='right'", "class='eventbox__right-col'", "class='widget widget_rss'",
                  "class='widget_recent_entries'", "class='widget-area'",
                  "class='detail-themes'", "class='article-keywords'", "class='temas'",
                  "class='main-menu'", "class='tab-menu main-menu'"):
        assert _is_chrome(names), names
    for names in ("class='text-right'", "class='alignright'", "class='pull-right'",
                  "class='float-right'", "class='right'", "class='bright-box'",
                  "class='elementor-widget elementor-widget-text-editor'",
                  "class='elementor-widget-container'", "class='Widget__chip'",
                  "class='tab-menu--product'", "class='tabmenu'", "class='themed'",
                  "id='upright'"):
        assert not _is_chrome(names), names
    # Blogger's widget of the blog's posts holds the post, headline and all.
    assert not _is_chrome("class='widget Blog' id='Blog1'")
    assert _is_chrome("class='widget PopularPosts' id='PopularPosts1'")
    post = (f"<div class='widget Blog' id='Blog1'><div class='post hentry'>"
            f"<h1 class='post-title'>Council approves the ferry timetable</h1>{PROSE}</div></div>")
    assert _page(post, "<title>Council approves the ferry timetable</title>")[0] == (
        "h1", "Council approves the ferry timetable")
    # A paged table's "pager-1" names a page of its own rows, not the page's pager.
    table = lxml.html.fromstring("<table><tbody class='pager-1'><tr><td>x</td></tr></tbody>"
                                 "</table>")
    assert not markup.in_chrome(next(table.iter("td")))
    # In a shop's tabbed box, the panels are the article's text, read where trafilatura
    # gives up on the page too.
    tree = lxml.html.document_fromstring(
        "<html><body><div class='tab-menu--product'><div class='tab--navigation'>"
        "<a href='#d'>Description</a><a href='#p'>Details</a></div><div class='tab--content'>"
        "<p>The rosé is pale pink and smells of red berries and a little of melon.</p>"
        "<p>It goes well with Asian dishes and with grilled fish in the summer.</p>"
        "</div></div></body></html>")
    assert [text for _, text in blocks.fallback_blocks(tree)] == [
        "The rosé is pale pink and smells of red berries and a little of melon.",
        "It goes well with Asian dishes and with grilled fish in the summer."]


def test_dialogs_and_account_boxes_are_chrome_but_their_namesakes_are_not() -> None:
    """A site's login, sign-up and registration boxes are printed hidden in every page,
    and their formulaic lines became "repeated paragraph" findings (minusl.de's
    "loginForm" boxes). A class word decides, split at camelCase, on a box that holds the
    form's controls; a bare "register", "registration" (a voter-registration story's
    section), "password" or "modal" (a lightbox) does not, nor a state ("login-required"),
    nor a box without controls, nor a long box."""
    def account(names: str, inside: str = "<input type='email' name='email'>") -> bool:
        return markup.is_chrome(lxml.html.fromstring(f"<div {names}>x{inside}</div>"))
    for attributes in ("", "class='login-form'"):
        assert markup.is_chrome(lxml.html.fromstring(f"<dialog {attributes}>x</dialog>"))
    assert _is_chrome("aria-modal='true'")
    for names in ("class='loginForm press'", "id='loginSwitch'", "class='td-login-wrap'",
                  "id='loginBoxWrapper'", "class='rty-login-modal'", "class='td-register-section'",
                  "class='register-form-wrapper'", "id='registerPopup'", "class='sign-in'",
                  "class='sign_in'", "class='log-in-button'", "class='signInBox'",
                  "class='sign-up-box'", "class='registration-form'", "class='account-modal'",
                  "class='mainLogin__aboItem'"):
        assert account(names), names
    for names in ("aria-modal='false'", "class='register'", "class='handelsregister'",
                  "class='registered-users'", "class='registration'",
                  "class='registration-info'", "class='password'", "class='password-tip'",
                  "class='modal'", "class='gallery-modal'", "class='blogin'",
                  "class='catalogin'", "class='logo'", "class='loginless'",
                  "class='login-required'", "class='is-login'", "class='has-login'",
                  "class='sel_login_optional'", "class='logın-form'"):
        assert not account(names), names
    # Named so, but holding no control: a wrapper of the story's own paragraphs.
    assert not account("class='contentForSignIn'", inside="<p>The story goes on.</p>")
    # A wrapper named for a logged-in state holds the whole page: not a login box.
    wrapper = lxml.html.fromstring(f"<div class='login-page'><input type='text'>{PROSE}{PROSE}"
                                   "</div>")
    assert not markup.is_chrome(wrapper)
    assert len(markup.text_of(wrapper).split()) > markup.ACCOUNT_BOX_WORDS
    # A <dialog> holding the page's headline is the story opened over its teaser card.
    assert not markup.is_chrome(lxml.html.fromstring("<dialog open><h1>Pier</h1>x</dialog>"))


def test_a_login_field_beside_the_story_does_not_take_the_story_with_it() -> None:
    """Paywall teasers, forum threads and live blogs share a short box with a login field
    (review-s26-dialogs B1): the story's lines are read; a form's own alert is not."""
    gate = ("<div class='gate'><p>Der Hafenrat von Kestrel hat am Dienstag beschlossen, den "
            "Nordpier um vierzig Meter zu verlängern, ein Projekt, das seit Jahren geplant "
            "wird.</p><form><p>Weiterlesen mit Plus</p><input type='email' name='email'>"
            "<input type='password' name='pw'><button>Anmelden</button></form></div>")
    found = _page(f"<article><h1>Kestrel verlängert den Nordpier</h1>{gate}</article>")
    texts = [text for _, text in found]
    assert texts[0] == "Kestrel verlängert den Nordpier", texts
    assert any("Der Hafenrat von Kestrel hat am Dienstag" in text for text in texts), texts
    # A form's own alert was chrome before: a <form> is.
    alert = lxml.html.fromstring("<form><p role='alert'>Bitte trage eine E-Mail-Adresse ein."
                                 "</p></form>")
    assert markup.in_chrome(next(alert.iter("p")))


def test_the_extensions_account_words_are_the_servers() -> None:
    """page.js mirrors `_ACCOUNT_WORDS` letter for letter: a word added on one side only
    would have the two read different paragraphs."""
    script = (Path(__file__).parent.parent / "extension" / "content" / "page.js").read_text(
        encoding="utf-8")
    found = re.findall(r"const ACCOUNT_WORDS = /(.*)/i;", script)
    assert found == [markup._ACCOUNT_WORDS.pattern]
    # JavaScript's /i (no /u) folds ASCII letters only: so does Python's with re.ASCII.
    assert markup._ACCOUNT_WORDS.flags & re.ASCII and markup._ACCOUNT_WORDS.flags & re.IGNORECASE
    assert re.findall(r"const CAMEL = /(.*)/g;", script) == [markup._CAMEL.pattern]


def test_a_table_row_is_judged_where_it_sits_even_with_no_space_between_its_cells() -> None:
    """trafilatura reads a row's cells parted by a space ("Price: 4 euros"); the row's own
    text runs them together when the markup has no white space between them, and a row
    found nowhere on the page was read whatever box it sat in."""
    story = ("The harbour cafe reopens on Monday after a winter of repairs to its roof, "
             "and the owners say the menu stays as it was last year.")
    tree = lxml.html.document_fromstring(
        f"<html><body><article><p>{story}</p></article><div class='related'><table>"
        "<tr><td>Price:</td><td>4 euros</td></tr><tr><th>Opening</th><td>9 to 5</td></tr>"
        "</table></div></body></html>")
    finder = blocks.Sources(tree)
    assert finder.find("Price: 4 euros") is next(tree.iter("tr"))
    read = blocks.refine([("p", story), ("tr", "Price: 4 euros"), ("tr", "Opening 9 to 5")],
                         tree)
    assert read == [("p", story)]


def test_the_rows_of_a_cookie_declaration_are_not_the_article() -> None:
    """A consent dialog prints "Provider: … / Purpose: … / Expiry: …" per service, under
    whatever name its markup gives it: two rows of two different labels near each other,
    or one block holding two, one of them naming what is stored or for how long, are such
    a declaration; one label, a loan's facts ("Anbieter", "Laufzeit", "Zweck") and a
    sentence are not."""
    german = [("h2", "Statistik"), ("p", "Anbieter: Google Ireland Limited"),
              ("p", "Zweck: Misst, wie Besucher die Seite nutzen."),
              ("p", "Speicherdauer: 2 Jahre"), ("p", "Anbieter: Meta Platforms"),
              ("p", "Zweck: Misst, wie Besucher die Seite nutzen."),
              ("p", "The council meets again on Friday.")]
    assert blocks.drop_consent_rows(german) == [
        ("h2", "Statistik"), ("p", "The council meets again on Friday.")]
    assert blocks.drop_consent_rows([("p", "Provider: Vimeo Purpose: Shows videos. Expiry: "
                                            "1 year")]) == []
    rows = [("tr", "Provider Streamly Ltd"), ("tr", "Purpose Counts how often videos play"),
            ("tr", "Expiry 1 year")]
    assert blocks.drop_consent_rows(rows) == []
    kept = [("li", "Anbieter: Sparkasse"), ("li", "Laufzeit: drei Jahre"),
            ("li", "Zweck: Kauf eines Autos"),
            ("p", "Provider: the town's own water company."),
            ("p", "The meeting had one purpose: to agree on the timetable."),
            ("p", "Das Treffen diente einem Zweck: Den Investoren zu zeigen, dass das Thema "
                  "Klima Chefsache ist."), ("p", "Expiry of the old contract is in May.")]
    assert blocks.drop_consent_rows(kept) == kept
    far = [("p", "Provider: Streamly Ltd"), *[("p", f"Paragraph {n}.") for n in range(4)],
           ("p", "Expiry: 1 year")]
    assert blocks.drop_consent_rows(far) == far


def test_a_shops_short_description_is_its_standfirst() -> None:
    """A shop prints a short description beside the price and a long one in its tabs that
    opens with the same paragraph: the short one sums the long one up, as a standfirst."""
    text = "Pale pink in the glass, with red berries and a little melon on the nose."
    for names in ("ebrosia-article-short", "product-short-description", "short-desc",
                  "kurzbeschreibung"):
        box = lxml.html.fromstring(f"<div class='{names}'><p>{text}</p></div>")
        assert markup.apparatus_kind(box[0], text) == "standfirst", names
    for names in ("shortcuts", "article-body", "shortlist"):
        box = lxml.html.fromstring(f"<div class='{names}'><p>{text}</p></div>")
        assert markup.apparatus_kind(box[0], text) is None, names


def test_a_blogs_disclosure_of_advertising_is_not_the_article() -> None:
    """"*Werbung. Dieser Beitrag enthält Werbung für …" over a post, "This post contains
    affiliate links" under it: the site's notice. A line opening with the word for the
    article's own matter ("Werbung: 2 Mio. Euro" in a budget) is the article's."""
    for text in ("*Werbung. Dieser Beitrag enthält Werbung für eine Teemarke.",
                 "Dieser Artikel enthält Affiliate-Links und/oder werbende Inhalte.",
                 "[Anzeige] In Kooperation mit dem Fährhaus Holm",
                 "This post contains affiliate links: we earn a commission on purchases.",
                 "Werbung | unbeauftragt, Markennennung"):
        assert notices.is_disclosure(text), text
    for text in ("Werbung: 2 Mio. Euro", "Anzeige: Die Firma sucht einen Kapitän.",
                 "Dieser Artikel enthält viele Zahlen zur Fähre.",
                 "Sponsored by the council, the ferry runs twice a day. " * 6):
        assert not notices.is_disclosure(text), text
    found = _page(f"<article><h1>Council approves the ferry timetable</h1>"
                  "<p>*Werbung. Dieser Beitrag enthält Werbung für eine Teemarke.</p>"
                  f"{PROSE}<p>Anzeigen</p></article>")
    assert [text for _, text in found][1:] == [
        f"Paragraph {n} of the story tells what the council decided on the ferry timetable, "
        "why it decided it, and what the commuters who use the first sailing said about it."
        for n in range(1, 6)], found


def test_the_site_asking_to_subscribe_to_its_own_edition_is_not_the_article() -> None:
    """"Subscribe now to our … edition for the full story" closes a teaser page; the news
    that an app "is available now", or a quote about "our app", is the article's."""
    for text in ("Subscribe now to our Harbour edition for the full story.",
                 "Sie möchten mehr? Schauen Sie mal in unseren Fährnewsletter!",
                 "Sign up for our daily newsletter here.",
                 "Download our app for iOS and Android to follow the ferry live."):
        assert notices.is_own_promotion(text), text
    for text in ("The app is available now for iOS and Android.",
                 "Our newsletter readers chose the ferry as the project of the year.",
                 "Wir haben unsere App jetzt komplett überarbeitet, sagte der Chef der Reederei.",
                 "Subscribers of our edition " + "read the whole report on the ferry " * 5):
        assert not notices.is_own_promotion(text), text
    found = _page(f"<article><h1>Council approves the ferry timetable</h1>{PROSE}"
                  "<p>Subscribe now to our Harbour edition for the full story.</p></article>")
    assert not [t for _, t in found if t.startswith("Subscribe")], found
