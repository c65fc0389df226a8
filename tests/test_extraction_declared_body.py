"""Extraction of a body the page draws by script: read from its JSON-LD `articleBody`.

The shape is the South China Morning Post's (web pages half a, scmp.com.playbook): the HTML
as sent prints the headline, the standfirst and a photo's caption, and the body is only in
the page's JSON-LD, for a script to draw. The text here is made up for these tests. A page
that prints its body, or the opening of it, keeps what it prints.

trafilatura has a rescue of its own (its `baseline`), which reads `articleBody` only when it
found under 250 characters; a standfirst and a caption are more than that, so these pages
print both, as the real page did.
"""

from __future__ import annotations

import html
import json

import lxml.html
from click.testing import CliRunner
from flask.testing import FlaskClient
from newslint.server.cli import main
from newslint.server.pages.extract import page_from_html
from newslint.server.pages.extraction import jsonld

HEADLINE = "The night ferry's last winter, and what the harbour town loses with it"
PARAGRAPHS = [
    f"Paragraph {n}: the council's report on the night ferry counted {n * 40} passengers "
    f"a week, and the harbour master told the committee that the crossing at a quarter to "
    f"eleven carries nurses, bakers and students who have no other way home after dark."
    for n in range(1, 7)
]
CAPTION = ("The ferry Saltmarsh leaves the old harbour on a winter evening, its deck empty but for "
           "two cyclists and a van of fish bound for the market across the bay. Photo: Ana Ruiz")
STANDFIRST = ("The council votes next week on a crossing that runs at a loss, and the town's "
              "night workers say the vote will decide whether they can keep their jobs. The "
              "operator wants a smaller boat; the unions want the timetable kept as it is, "
              "and both sides have asked the regional transport board to pay for it.")


def _jsonld(body: str, kind: str = "NewsArticle") -> str:
    data = {"@context": "https://schema.org", "@type": kind, "headline": HEADLINE,
            "articleBody": body}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _page(body_html: str, declared: str) -> str:
    return (f"<!doctype html><html lang='en'><head><title>{HEADLINE} | Harbour Post</title>"
            f"<meta property='og:title' content=\"{HEADLINE}\">{declared}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article>"
            f"<h1>{HEADLINE}</h1>{body_html}</article></main>"
            f"<footer>© Harbour Post. All rights reserved.</footer></body></html>")


#: What the page prints before its script draws the body into the empty box.
SHELL = (f"<p class='standfirst'>{STANDFIRST}</p><figure><img src='ferry.jpg' alt=''>"
         f"<figcaption>{CAPTION}</figcaption></figure>"
         "<div id='article-body' data-hydrate='true'></div>")
SCRIPT_DRAWN = _page(SHELL, _jsonld(" ".join(PARAGRAPHS[:3]) + "\n" + " ".join(PARAGRAPHS[3:])))


def _texts(page: str) -> list[str]:
    return [b.text for b in page_from_html(page).blocks]


def test_a_body_drawn_by_script_is_read_from_the_declared_data() -> None:
    texts = _texts(SCRIPT_DRAWN)
    assert texts[0] == HEADLINE
    # One block per line of the declared body: the page's own paragraphs are not known.
    assert " ".join(PARAGRAPHS[:3]) in texts and " ".join(PARAGRAPHS[3:]) in texts
    assert STANDFIRST in texts
    assert not any("All rights reserved" in text or text == "Home" for text in texts)


def test_a_declared_body_opening_with_the_standfirst_reads_it_once() -> None:
    texts = _texts(_page(SHELL, _jsonld("\n".join([STANDFIRST, *PARAGRAPHS]))))
    assert texts.count(STANDFIRST) == 1
    assert [t for t in texts if t.startswith("Paragraph")] == PARAGRAPHS


def test_a_declared_body_in_markup_is_read_paragraph_by_paragraph() -> None:
    markup = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    for body in (markup, html.escape(markup)):  # both as sites print it
        page = _page(SHELL, _jsonld(body, kind="BlogPosting"))
        assert [t for t in _texts(page) if t.startswith("Paragraph")] == PARAGRAPHS


def test_a_page_that_prints_its_body_is_read_as_printed_and_once() -> None:
    printed = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    texts = _texts(_page(printed, _jsonld("\n".join(PARAGRAPHS))))
    assert [t for t in texts if t.startswith("Paragraph")] == PARAGRAPHS


def test_a_paywall_teaser_keeps_what_the_reader_sees() -> None:
    """The opening is printed and the whole body declared: the rest is not the reader's."""
    teaser = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:1])
    texts = _texts(_page(teaser + "<div class='paywall'>Subscribe to read on.</div>",
                         _jsonld("\n".join(PARAGRAPHS))))
    assert PARAGRAPHS[0] in texts
    assert not any(p in texts for p in PARAGRAPHS[1:])


def test_a_declared_summary_is_not_a_body() -> None:
    summary = "The council votes next week on the night ferry, which runs at a loss."
    texts = _texts(_page(SHELL, _jsonld(summary)))
    assert summary not in texts


def test_broken_or_hostile_declared_data_is_left_alone() -> None:
    for declared in ('<script type="application/ld+json">{"articleBody": "unclosed</script>',
                     '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000
                     + "</script>",
                     '<script type="application/ld+json">{"articleBody": 42}</script>',
                     _jsonld("<p>" * 3000 + "word " * 200)):
        page = page_from_html(_page(SHELL, declared))
        assert page.blocks[0].text == HEADLINE


def test_declared_objects_include_graph_members_and_lists() -> None:
    body = json.dumps({"@graph": [{"@type": "WebPage", "headline": "Site"},
                                  [{"@type": "NewsArticle", "headline": "Storm closes the road",
                                    "articleBody": "One.\nTwo."}]]})
    tree = lxml.html.document_fromstring(
        f'<html><head><script type="application/ld+json">{body}</script></head>'
        "<body><p>x</p></body></html>")
    assert jsonld.declared_body(tree, ["Storm closes the road"]) == ["One.", "Two."]
    assert list(jsonld.headlines(tree)) == ["Storm closes the road", "Site"]


def test_a_raw_line_break_in_a_string_is_read_in_the_body_not_in_the_headline() -> None:
    """Sites print long bodies with raw line breaks, which strict JSON refuses. The body
    reads them; the headline is read strictly, as the extension's JSON.parse reads it."""
    tree = lxml.html.document_fromstring(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"Storm closes the road", "articleBody": "One.\nTwo."}</script></head><body><p>x</p>'
        "</body></html>")
    assert jsonld.declared_body(tree, ["Storm closes the road"]) == ["One.", "Two."]
    assert list(jsonld.headlines(tree)) == []


def test_a_body_in_markup_is_parted_as_a_browser_parts_it() -> None:
    """At two line breaks and at a block's edge; loose text between blocks is a paragraph
    and a single line break is a space (review-s28 S2). Plain text naming a tag is text."""
    def parted(body: str) -> list[str]:
        data = json.dumps({"@type": "BlogPosting", "headline": HEADLINE, "articleBody": body})
        return jsonld.declared_body(lxml.html.document_fromstring(
            f'<html><head><script type="application/ld+json">{data}</script></head><body>'
            "<p>x</p></body></html>"), [HEADLINE])
    assert parted("First.<br><br>Second,<br />on two lines.<br/><br/>Third.") == [
        "First.", "Second, on two lines.", "Third."]
    assert parted("Intro before any tag.<p>In a p.</p>Loose after it.<div>In a div.</div>") == [
        "Intro before any tag.", "In a p.", "Loose after it.", "In a div."]
    assert parted("Use the <p> tag for a paragraph.\nSecond line.") == [
        "Use the <p> tag for a paragraph.", "Second line."]


def _teaser(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs) + "<div class='paywalled'></div>"


def test_a_teaser_printed_with_other_quotes_or_a_dateline_is_known_as_the_body() -> None:
    """A paywall's teaser prints curly quotes or a dateline where the declared body has
    straight quotes and none (review-s28 B3): it is still the body's opening, and the
    rest, which the reader does not see, is not read."""
    body = "\n".join(PARAGRAPHS)
    curly = [p.replace("council's", "council’s") for p in PARAGRAPHS[:1]]
    dateline = [f"PORT ELLIS (HP) – {PARAGRAPHS[0]}"]
    for printed in (curly, dateline):
        texts = _texts(_page(SHELL.replace("<div id='article-body' data-hydrate='true'></div>",
                                           _teaser(printed)), _jsonld(body)))
        assert not any(p in texts for p in PARAGRAPHS[1:]), texts


def test_only_the_pages_one_article_object_naming_its_title_gives_a_body() -> None:
    """A blog index declares each post (review-s28 B3), a live blog its updates, another
    object another article: none is this page's body."""
    body = "\n".join(PARAGRAPHS)
    other = "\n".join(p.replace("night ferry", "harbour crane") for p in PARAGRAPHS)
    posts = {"@graph": [
        {"@type": "BlogPosting", "headline": HEADLINE, "articleBody": body},
        {"@type": "BlogPosting", "headline": HEADLINE + ", part two", "articleBody": other}]}
    index = f'<script type="application/ld+json">{json.dumps(posts)}</script>'
    for declared in (index, _jsonld(body, kind="LiveBlogPosting"),
                     _jsonld(body).replace(HEADLINE, "Harbour crane sold to a museum in Leeds")):
        texts = _texts(_page(SHELL, declared))
        assert not any(p in texts for p in PARAGRAPHS), declared[:80]


def test_a_page_printing_a_body_of_its_own_is_not_given_the_declared_one() -> None:
    """What the page prints is more than a quarter of the declared body, though none of
    it is in the declared body (another text, a translation): the page prints its body."""
    own = [f"Absatz {n}: Der Rat zählte {n * 40} Fahrgäste pro Woche auf der Nachtfähre, und "
           f"der Hafenmeister sagte, die Fähre bringe Pflegekräfte und Bäcker nach Hause."
           for n in range(1, 4)]
    texts = _texts(_page(SHELL.replace("<div id='article-body' data-hydrate='true'></div>",
                                       "".join(f"<p>{p}</p>" for p in own)),
                         _jsonld("\n".join(PARAGRAPHS))))
    assert own[0] in texts and not any(p in texts for p in PARAGRAPHS), texts


def test_the_declared_body_reaches_the_api_and_the_command_line(client: FlaskClient) -> None:
    response = client.post("/v1/analyze", json={"html": SCRIPT_DRAWN})
    assert response.status_code == 200, response.get_json()
    texts = [b["text"] for b in response.get_json()["blocks"]]
    assert " ".join(PARAGRAPHS[3:]) in texts
    result = CliRunner().invoke(main, ["check", "--json", "--no-history", "-"],
                                input=SCRIPT_DRAWN)
    assert result.exit_code == 0, result.output
    assert " ".join(PARAGRAPHS[3:]) in [b["text"] for b in json.loads(result.output)["blocks"]]


def test_a_paywall_the_page_prints_keeps_the_body_hidden() -> None:
    """Google's paywall markup names the paywalled part by a selector (review-s28-2 S4).
    Printed on the page, the reader meets the paywall; not printed (SCMP's metered pages
    declare one that the script fills), the body is drawn for the reader."""
    def declared(selector: str) -> str:
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
                "articleBody": "\n".join(PARAGRAPHS), "isAccessibleForFree": "False",
                "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False,
                            "cssSelector": selector}}
        return f'<script type="application/ld+json">{json.dumps(data)}</script>'
    paywall = SHELL + "<div class='paywall'>Subscribe to read the whole story.</div>"
    assert not any(p in _texts(_page(paywall, declared(".paywall"))) for p in PARAGRAPHS)
    assert not any(p in _texts(_page(paywall, declared("main > .paywall"))) for p in PARAGRAPHS)
    assert PARAGRAPHS[0] in _texts(_page(SHELL, declared(".paywalled-content")))


def test_two_article_objects_of_one_title_give_no_body() -> None:
    """Which of two would be a guess: a page declaring two bodies under its title (an
    article and its translation, an old and a new version) gets neither."""
    other = [p.replace("night ferry", "harbour crane") for p in PARAGRAPHS]
    both = {"@graph": [{"@type": "NewsArticle", "headline": HEADLINE,
                        "articleBody": "\n".join(texts)} for texts in (PARAGRAPHS, other)]}
    texts = _texts(_page(SHELL, f'<script type="application/ld+json">{json.dumps(both)}'
                                "</script>"))
    assert not any(p in texts for p in [*PARAGRAPHS, *other]), texts


def test_a_body_of_paragraphs_left_open_is_markup() -> None:
    body = "".join(f"<p>{p}" for p in PARAGRAPHS)
    assert [t for t in _texts(_page(SHELL, _jsonld(body))) if t.startswith("Paragraph")] == \
        PARAGRAPHS
