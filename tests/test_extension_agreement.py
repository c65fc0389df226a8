"""The extension and the server read the same article (issue 12, item 5).

The extension's own path (Readability.js and content/page.js, unchanged, in a jsdom window
through `extension/tools/collect-blocks.mjs`, as `newslint eval extraction` runs it) against
the server's HTML path on the same pages: the golden extraction traps, the apparatus kinds,
the headings Readability drops and those it must not get back, a page Readability reads in
a second pass, and the findings of every golden page. The real-Chromium path of the same
content script is tests/test_extension.py.

Nothing here skips: without Node.js or the npm packages the tests fail and say why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest
from newslint.server.evaluate import agreement
from newslint.server.evaluate.extraction import normalise
from newslint.server.pages.extract import page_from_html
from newslint.server.pages.extraction.decode import decode_html

from .extension_harness import EXTENSION, PAGES
from .golden import Case, cases
from .harbour import PARAGRAPHS

COLLECTOR = EXTENSION / "tools" / "collect-blocks.mjs"


def collect(pages: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The extension's answer to `collect` on each page (name -> html)."""
    if shutil.which("node") is None:
        pytest.fail("the extension's path needs Node.js (apt-get install nodejs npm)")
    if not (EXTENSION / "node_modules" / "jsdom").is_dir():
        pytest.fail("jsdom is missing: run `make extension/node_modules/.installed`")
    lines = "".join(json.dumps({"id": name, "html": html, "url": "https://news.example/a"})
                    + "\n" for name, html in pages.items())
    done = subprocess.run(["node", str(COLLECTOR)], input=lines, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert not [a for a in answers if "error" in a], answers
    return {a["id"]: a for a in answers}


def blocks_of(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(b["kind"], b["text"]) for b in answer["blocks"]]


def page(body: str, title: str = "Council votes to reopen the harbour baths") -> str:
    return (f"<!doctype html><html lang=en><head><title>{title} | Daily Example</title>"
            f'<meta property="og:title" content="{title}"></head><body>{body}</body></html>')




# --- the golden traps, through the extension's path ------------------------------------------


#: A trap whose server rule the extension does not mirror yet says so in its expected.json
#: ("extension_pending"): strictly expected to fail here, so that mirroring it shows.
TRAPS = [pytest.param(case, marks=pytest.mark.xfail(strict=True,
                                                    reason=case.expected["extension_pending"]))
         if "extension_pending" in case.expected else case for case in cases("extraction")]


@pytest.mark.parametrize("case", TRAPS, ids=lambda c: c.slug)
def test_the_extension_reads_the_golden_traps_as_the_server_does(case: Case) -> None:
    html = decode_html(case.source.read_bytes())
    expected = case.expected["extraction"]
    answer = collect({case.slug: html})[case.slug]
    found = blocks_of(answer)
    texts = [text for _, text in found]
    headlines = [text for kind, text in found if kind == "h1"]
    assert headlines == [expected["headline"]], texts
    for snippet in expected["must_contain"]:
        assert any(snippet in text for text in texts), f"{snippet!r} is missing: {texts}"
    for snippet in expected["must_not_contain"]:
        assert not any(snippet in text for text in texts), f"{snippet!r} was read: {texts}"
    for start, kind in expected.get("kinds", {}).items():
        assert [k for k, t in found if t.startswith(start)] == [kind], (start, found)
    # And paragraph for paragraph, what the server reads (kinds aside), of what the
    # detectors judge: the server leaves out a <figure>'s caption that the extension keeps
    # as a caption, which no detector reads.
    server = [(b.kind, normalise(b.text)) for b in page_from_html(html).blocks
              if b.kind not in agreement.APPARATUS_KINDS]
    ours = [(kind, normalise(text)) for kind, text in found
            if kind not in agreement.APPARATUS_KINDS]
    compared = agreement.compare_page(case.slug, server, ours)
    assert compared.agrees, (compared.server_only, compared.extension_only)


# --- the server's rules, in the page ------------------------------------------------------------


def test_apparatus_gets_the_servers_kinds() -> None:
    body = (
        "<header class=site-header><a href=/>Daily Example</a></header><main><article>"
        "<h1>Council votes to reopen the harbour baths</h1>"
        "<p class=standfirst>The pumps are to be replaced after three years of closure.</p>"
        "<div class=byline>By Mara Lindqvist</div>"
        "<p><time datetime=2024-11-05>5 November 2024</time></p>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        "<figure><img src=baths.jpg alt=''><p class=credit-line>The harbour baths in 2019."
        "</p></figure>"
        "<aside><blockquote>We never stopped swimming here.</blockquote></aside>"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p>"
        "</article></main>")
    html = page(body)
    found = blocks_of(collect({"a": html})["a"])
    kinds = {text: kind for kind, text in found}
    # The extension reads the dateline and the caption, under their kinds (the server's
    # trafilatura leaves both out); Readability takes the byline away, as trafilatura does.
    for text, kind in [("The pumps are to be replaced after three years of closure.",
                        "standfirst"), ("5 November 2024", "dateline"),
                       ("The harbour baths in 2019.", "figcaption"), (PARAGRAPHS[0], "p")]:
        assert kinds.get(text) == kind, (text, found)
    assert "We never stopped swimming here." not in kinds and "By Mara Lindqvist" not in kinds
    server = [(b.kind, b.text) for b in page_from_html(html).blocks]
    assert ("standfirst", "The pumps are to be replaced after three years of closure.") in server
    # What the detectors judge, the same on both sides.
    assert [x for x in found if x[0] not in agreement.APPARATUS_KINDS] == \
        [x for x in server if x[0] not in agreement.APPARATUS_KINDS]


def test_link_lines_menus_printed_twice_and_server_errors_are_not_read() -> None:
    menu = "".join(f"<li><a href=/{w}>{w}</a></li>" for w in ("News", "Sport", "Weather"))
    body = (
        "<div class=page><article>"
        "<h1>Council votes to reopen the harbour baths</h1>"
        f"<ul>{menu}</ul><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        "<p><a href=/more>Read more: the pumps that failed in 2021</a></p>"
        f"<p>{PARAGRAPHS[2]}</p>"
        "<p>Warning: Undefined variable $teaser in /var/www/site/article.php on line 12</p>"
        f"<p>{PARAGRAPHS[3]}</p><ul>{menu}</ul></article></div>")
    texts = [t for _, t in blocks_of(collect({"a": page(body)})["a"])]
    assert PARAGRAPHS[3] in texts and PARAGRAPHS[0] in texts, texts
    assert not [t for t in texts if t.startswith(("Read more", "Warning", "Sport"))], texts


def test_a_label_and_a_link_and_credit_lines_are_not_read() -> None:
    body = ("<article><h1>Council votes to reopen the harbour baths</h1>"
            f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
            "<p>Read also: <a href=/a>Harbour baths close for the winter</a></p>"
            "<h3>MIRA: <a href=/c>Madre se acerca a conocer los motivos de captura</a></h3>"
            f"<p>{PARAGRAPHS[2]}</p><p>© Oli Scarff/Getty Images</p><p>Quelle: Landesregierung</p>"
            f"<p>{PARAGRAPHS[3]}</p></article>")
    html = page(body)
    texts = [t for _, t in blocks_of(collect({"a": html})["a"])]
    assert PARAGRAPHS[3] in texts and PARAGRAPHS[0] in texts, texts
    assert not [t for t in texts if t.startswith(("Read also", "MIRA", "©", "Quelle"))], texts
    assert [t for t in texts if t in PARAGRAPHS] == [
        b.text for b in page_from_html(html).blocks if b.text in PARAGRAPHS]


def test_ad_labels_consent_boxes_copyright_and_clones_are_not_read_and_slides_are_captions(
        ) -> None:
    slide = ("<div class='slick-slide{extra}'><img src='/b.jpg' alt=''><p>The new pumps "
             "arrive at the baths on a lorry from Hull.</p></div>")
    body = ("<article><h1>Council votes to reopen the harbour baths</h1>"
            f"<p>{PARAGRAPHS[0]}</p><p>Anzeige</p><p>{PARAGRAPHS[1]}</p>"
            "<div id='CybotCookiebotDialog'><p>Purpose: Counts the visits to this website "
            "for the editors.</p></div>"
            f"<div class='slider'>{slide.format(extra='')}{slide.format(extra=' slick-cloned')}"
            f"</div><p>{PARAGRAPHS[2]}</p><div class='copyright'>Text protected by copyright, "
            f"reprints by permission only.</div><p>{PARAGRAPHS[3]}</p></article>")
    html = page(body)
    found = blocks_of(collect({"a": html})["a"])
    texts = [t for _, t in found]
    assert PARAGRAPHS[3] in texts and PARAGRAPHS[0] in texts, texts
    assert not [t for t in texts if t.startswith(("Anzeige", "Purpose", "Text protected"))], texts
    assert [k for k, t in found if t.startswith("The new pumps")] == ["figcaption"], found
    assert [t for t in texts if t in PARAGRAPHS] == [
        b.text for b in page_from_html(html).blocks if b.text in PARAGRAPHS]


def test_embed_captions_ad_labels_and_own_headings_read_as_the_server_reads_them() -> None:
    """Where the two paths once parted: a player's config script counted as words of its
    box (the server does not read scripts), a non-Latin word taken for punctuation around
    an ad label (JavaScript's `\\W` is ASCII), an article's own section called "Werbung"."""
    config = "window.playerConfig = {" + ", ".join(
        f'"option{i}": "value number {i}"' for i in range(30)) + "};"
    pages = {
        "script": page("<article><h1>Council votes to reopen the harbour baths</h1>"
                       f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><div class='video'>"
                       "<iframe src='https://video.example/embed/1'></iframe>"
                       f"<script>{config}</script><p>Watch the mayor explain the plan for "
                       "the baths at the council meeting on Tuesday night.</p></div>"
                       f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></article>"),
        "labels": page("<article><h1>Council votes to reopen the harbour baths</h1>"
                       f"<p>{PARAGRAPHS[0]}</p><p>广告 Advertisement</p><p>{PARAGRAPHS[1]}</p>"
                       f"<h2>Werbung</h2><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></article>"),
    }
    answers = collect(pages)
    for name, html in pages.items():
        server = [(b.kind, b.text) for b in page_from_html(html).blocks]
        assert blocks_of(answers[name]) == server, name
    assert ("figcaption", "Watch the mayor explain the plan for the baths at the council "
            "meeting on Tuesday night.") in blocks_of(answers["script"])
    assert ("h2", "Werbung") in blocks_of(answers["labels"])


def test_headings_come_back_only_from_the_article_itself() -> None:
    # Readability drops <h2>s of a "widget" class; the extension brings back those that
    # head part of the article, not a linked teaser nor one after the last paragraph.
    body = (
        "<div id=wrap><div class=article-body>"
        "<h1>Council votes to reopen the harbour baths</h1>"
        f"<p>{PARAGRAPHS[0]}</p><h2 class=widget-title>What the work will cost</h2>"
        f"<p>{PARAGRAPHS[1]}</p>"
        "<h2 class=widget-title><a href=/more>More news from the harbour today</a></h2>"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p>"
        "<h2 class=widget-title>Three comments so far</h2></div></div>")
    found = blocks_of(collect({"a": page(body)})["a"])
    headings = [text for kind, text in found if kind.startswith("h")]
    assert headings == ["Council votes to reopen the harbour baths",
                        "What the work will cost"], found
    assert [text for _, text in found][-1] == PARAGRAPHS[3]


def test_the_declared_title_is_the_headline_where_it_is_printed_but_not_in_navigation() -> None:
    """A title in a wrapper named like chrome (wolfgangschmale.eu: "content-wrapper
    sidebar-included"), or in an element named as the title, is the headline on both
    sides; one printed only at the end of a breadcrumb trail in a <nav> is not. The rule is
    a last resort (review-s28 B2, S1, S3): not where the page has an <h1> of its own outside
    the chrome, never the site's name, a share box's or a sidebar card's title, nor a
    hidden one; a copy of the title opening the body is that headline, not a repeat."""
    title = "Council votes to reopen the harbour baths"
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4])
    reworded = "Harbour baths will reopen, councillors decide"
    pages = {
        "wrapper": (page(f"<div class='content-wrapper sidebar-included right-sidebar'>"
                         f"<h1 class='page-title'>{title}</h1><div class=entry>{story}</div>"
                         "</div>"), [title]),
        "named": (page(f"<div class='h1 page-title'><span>{title}</span></div>"
                       f"<div class=entry>{story}</div>"), [title]),
        "breadcrumb": (page(f"<nav class=crumbs><ol><li><a href=/>Home</a></li><li><h1>{title}"
                            f"</h1></li></ol></nav><div class=entry>{story}</div>"), []),
        # WordPress: <title> is the site's name, printed as the masthead's "site-title".
        "site name": (page(f"<header class=site-header><p class=site-title><a href=/ rel=home>"
                           f"Harbour Gazette News</a></p></header><article><h1>{title}</h1>"
                           f"{story}</article>", title="Harbour Gazette News"), [title]),
        "site name, no h1": (page(f"<header class=masthead><p class=site-title>Harbour Gazette "
                                  f"News</p></header><div class=entry>{story}</div>",
                                  title="Harbour Gazette News"), []),
        # A masthead's site name linking home, a card after the body, and a page declaring
        # no title but its bare <title> (review-s28-2 S2, S3).
        "linked name": (page(f"<div class=top><div class=header-title><a href=/>Harbour Gazette "
                             f"News</a></div></div><div class=entry>{story}</div>",
                             title="Harbour Gazette News"), []),
        "card after": (page(f"<div class=entry>{story}</div><div class=rail><div "
                            f"class=card-title>{title}</div></div>"), []),
        "display none": (page(f"<div style='display: none'><div class=page-title>{title}</div>"
                              f"</div><div class=entry>{story}</div>"), []),
        "site_name": (page(f"<div class=page-title>Harbour Gazette News</div><div class=entry>"
                           f"{story}</div>", title="Harbour Gazette News").replace(
            "</head>", '<meta property="og:site_name" content="Harbour Gazette News"></head>'), []),
        "bare title": (f"<!doctype html><html lang=en><head><title>{title}</title></head><body>"
                       f"<div class=h1>{title}</div><div class=entry>{story}</div></body></html>",
                       []),
        # The page's own <h1> is reworded; a bar above it prints the declared title.
        "own h1": (page(f"<div class=topbar><div class=page-headline>{title}</div></div>"
                        f"<article><h1>{reworded}</h1>{story}</article>"), [reworded]),
        "related card": (page(f"<div class=entry>{story}</div><div class=related-stories><div "
                              f"class=card><div class=card-title>{title}</div></div></div>"), []),
        # The page's own <h1> is reworded; a "Most read" card prints the declared title.
        "most read": (page(f"<article><h1>{reworded}</h1>{story}</article><aside "
                           f"class=most-read><span class=card-title>{title}</span></aside>"),
                      [reworded]),
        "share box": (page(f"<div class=entry>{story}</div><div class=share-widget><div "
                           f"class=widget-title>Share: {title}</div></div>"), []),
        "hidden": (page(f"<div class=modal hidden><p class=modal-title>{title} today</p></div>"
                        f"<div class=entry>{story}</div>"), []),
        # A press release's body opening with its title in bold, under a chrome <h1>.
        "bold copy": (page(f"<div class='content-wrapper sidebar-included'><h1>{title}</h1>"
                           f"<div class=entry><p><b>{title}</b></p>{story}</div></div>"),
                      [title]),
    }
    answers = collect({name: html for name, (html, _) in pages.items()})
    for name, (html, headline) in pages.items():
        server = page_from_html(html)
        extension = blocks_of(answers[name])
        assert [b.text for b in server.blocks if b.kind == "h1"] == headline, name
        assert [text for kind, text in extension if kind == "h1"] == headline, (name, extension)
        if headline:
            assert [b.text for b in server.blocks].count(headline[0]) == 1, name
            assert [text for _, text in extension].count(headline[0]) == 1, (name, extension)


def test_a_page_readability_reads_in_a_second_pass_is_read() -> None:
    # Under 500 characters of article: Readability's first pass gives up, and it starts
    # again from the body it saved (a re-parse: every node of its article is new). The
    # extension must still place each paragraph on the live page.
    short = ["The harbour baths reopen next June after three years, the council said on "
             "Tuesday night.",
             "New pumps and a ramp for wheelchair users will cost 2.4 million euros in all.",
             "Entry stays free for children under twelve, as it was before the closure."]
    body = ("<div class=comment-wrapper><h1>Harbour baths to reopen</h1>"
            + "".join(f"<p>{p}</p>" for p in short) + "</div>")
    answer = collect({"a": page(body, "Harbour baths to reopen")})["a"]
    assert not answer["noArticle"], answer
    texts = [t for _, t in blocks_of(answer)]
    for paragraph in short:
        assert paragraph in texts, texts


# --- the measure ---------------------------------------------------------------------------------


def test_the_classes_of_a_difference() -> None:
    server = [("h1", "Baths to reopen"), ("p", "One two three four. Five six seven."),
              ("p", "Menu Sport Weather"), ("p", "Only the server, for no reason it can tell")]
    extension = [("h1", "baths to  re-open"), ("p", "One two three four."), ("li", "A list item"),
                 ("figcaption", "A caption of the photo"), ("h3", "Related stories")]
    compared = agreement.compare_page("x", server, extension, with_=["A list item"],
                                      without=["Menu Sport"])
    assert not compared.agrees
    assert [(d.text, d.why) for d in compared.server_only] == [
        ("Baths to reopen", "normalisation"),
        ("One two three four. Five six seven.", "split_merged"),
        ("Menu Sport Weather", "boilerplate"),
        ("Only the server, for no reason it can tell", "other")]
    assert [d.why for d in compared.extension_only] == [
        "normalisation", "split_merged", "missed_article", "apparatus", "heading"]
    summary = agreement.summarise([compared], {"server": 0, "extension": 0})
    assert summary["paragraphs_only_in"]["server"]["normalisation"] == 1
    assert summary["pages_differing_only_by_normalisation"] == 0
    same = agreement.compare_page("y", [("p", "A b, c")], [("p", "a B , c")])
    assert agreement.summarise([same], {})["pages_differing_only_by_normalisation"] == 1


def test_every_golden_page_gets_the_same_findings_on_both_paths() -> None:
    sources = sorted(PAGES.glob("*/source.html"))
    html = {path.parent.name: decode_html(path.read_bytes()) for path in sources}
    answers = collect(html)
    report = agreement.findings_agreement(
        [(name, text, "https://news.example/a") for name, text in html.items()],
        {name: blocks_of(answer) for name, answer in answers.items()})
    assert report["pages"] == len(sources) >= 15
    differing = {name: page for name, page in report["by_page"].items()
                 if page["server_only"] or page["extension_only"]}
    assert not differing, differing
    # Not vacuous: the re-telling and date pages are marked on both paths.
    assert sum(page["both"] for page in report["by_page"].values()) >= 10


def test_a_box_printed_twice_is_read_once_and_a_paragraph_said_twice_twice() -> None:
    """A site's desktop and mobile copies of the same steps (the server's `Boxes`): the
    second copy is not the author's repeat, so it is not read; a paragraph the author
    says again among the article's paragraphs, in one box, is read both times."""
    steps = "".join(f"<div class=step><span>{n}</span><p>{text}</p></div>"
                    for n, text in enumerate(PARAGRAPHS[1:3], 1))
    body = ("<article><h1>Council votes to reopen the harbour baths</h1>"
            f"<p>{PARAGRAPHS[0]}</p><div class='steps steps-wide'>{steps}</div>"
            f"<div class='steps steps-narrow'>{steps}</div><p>{PARAGRAPHS[3]}</p>"
            f"<p>{PARAGRAPHS[0]}</p></article>")
    html = page(body)
    texts = [t for _, t in blocks_of(collect({"a": html})["a"])]
    assert [t for t in texts if t in PARAGRAPHS] == [PARAGRAPHS[i] for i in (0, 1, 2, 3, 0)], texts
    assert [t for t in texts if t in PARAGRAPHS] == [
        b.text for b in page_from_html(html).blocks if b.text in PARAGRAPHS]


def test_a_paragraph_with_two_line_breaks_in_it_is_one_paragraph() -> None:
    """Readability cuts a <p> at two <br>s into paragraphs of its own making; the page
    prints one paragraph there and the server reads one block. A closing line after the
    breaks, printed again as the page's last paragraph, is no repeat of the article's.
    (Text in a <div> parted by <br>s stays parted: no <p> says it is one paragraph.)"""
    closing = "We look forward to seeing you at the baths next summer!"
    body = ("<article><h1>Council votes to reopen the harbour baths</h1>"
            f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}<br><br>\n{closing}</p>"
            f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p><p>{closing}</p></article>")
    html = page(body)
    found = blocks_of(collect({"a": html})["a"])
    assert [t for _, t in found] == ["Council votes to reopen the harbour baths", PARAGRAPHS[0],
                                     f"{PARAGRAPHS[1]} {closing}",
                                     PARAGRAPHS[2], PARAGRAPHS[3], closing], found
    server = [(b.kind, normalise(b.text)) for b in page_from_html(html).blocks]
    compared = agreement.compare_page("a", server, [(k, normalise(t)) for k, t in found])
    assert compared.agrees, (compared.server_only, compared.extension_only)


def test_a_list_item_cut_at_two_line_breaks_and_a_quote_opening_with_a_heading() -> None:
    """The cut and the quote are joined whatever element they open with (review): a <li>
    cut at two <br>s stays one item, so its closing line printed again below is no
    repeat, and a quote whose first element is a heading is still one quote."""
    closing = "We look forward to seeing you at the baths next summer!"
    letter = ["An open letter to the council",
              "We, the swimmers of the harbour, ask the council to reopen the baths.",
              "Three summers without them have been three summers too many."]
    body = ("<article><h1>Council votes to reopen the harbour baths</h1>"
            f"<p>{PARAGRAPHS[0]}</p><ul><li>{PARAGRAPHS[1]}<br><br>\n{closing}</li>"
            f"<li>{PARAGRAPHS[2]}</li></ul><blockquote><h3>{letter[0]}</h3>"
            + "".join(f"<p>{line}</p>" for line in letter[1:])
            + f"</blockquote><p>{PARAGRAPHS[3]}</p><p>{closing}</p></article>")
    html = page(body)
    found = blocks_of(collect({"a": html})["a"])
    assert ("li", f"{PARAGRAPHS[1]} {closing}") in found, found
    assert ("blockquote", " ".join(letter)) in found, found
    server = [(b.kind, normalise(b.text)) for b in page_from_html(html).blocks]
    compared = agreement.compare_page("a", server, [(k, normalise(t)) for k, t in found])
    assert compared.agrees, (compared.server_only, compared.extension_only)


def test_a_quote_of_several_paragraphs_is_one_block() -> None:
    """The server reads a <blockquote> as one block (trafilatura's <quote>); the extension
    read each of its paragraphs, so the two cut the same words differently."""
    letter = ["We, the swimmers of the harbour, ask the council to reopen the baths.",
              "Three summers without them have been three summers too many."]
    body = ("<article><h1>Council votes to reopen the harbour baths</h1>"
            f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><blockquote>"
            + "".join(f"<p>{line}</p>" for line in letter)
            + f"</blockquote><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></article>")
    html = page(body)
    found = blocks_of(collect({"a": html})["a"])
    assert ("blockquote", " ".join(letter)) in found, found
    server = [(b.kind, normalise(b.text)) for b in page_from_html(html).blocks]
    # Both read the quote's paragraphs as words apart ("baths. Three", not "baths.Three").
    assert ("blockquote", normalise(" ".join(letter))) in server, server
    compared = agreement.compare_page("a", server, [(k, normalise(t)) for k, t in found])
    assert compared.agrees, (compared.server_only, compared.extension_only)
