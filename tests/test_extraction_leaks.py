"""Extraction, what must not get in: the site's own words around the article.

Each rule here came from a leak on half a of the web pages (`newslint eval extraction
--half a --details`), traced to the element it came from; each is a shape that many sites
share (a post's taxonomy line, a link whose address spells another story's title, a
heading over an embedded player, an author's note), never one site's words. Every test
fails on the code before the rule. The golden page `extraction-leak-site-notices` puts
them together in one real page.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
from lxml.etree import _Element
from newslint.server.pages.extract import page_from_html
from newslint.server.pages.extraction import blocks, markup, notices

PROSE = "".join(
    f"<p>Paragraph {n} of the story tells what the council decided on the ferry timetable, "
    f"why it decided it, and what the commuters who use the first sailing said about it.</p>"
    for n in range(1, 6))
HEADLINE = "<h1>Council approves the ferry timetable</h1>"


def _page(body: str, head: str = "") -> list[tuple[str, str]]:
    page = page_from_html(f"<html lang='en'><head>{head}</head><body>{body}</body></html>")
    return [(b.kind, b.text) for b in page.blocks]


def _texts(body: str, head: str = "") -> list[str]:
    return [text for _, text in _page(body, head)]


def _the_sites(text: str) -> bool:
    """Whether the line is dropped as the site's own words: a notice, or (since s24, one
    rule in one place) the site promoting itself, its appeals, app offers and "click here"
    among them."""
    return notices.is_site_notice(text) or notices.is_own_promotion(text)


def test_the_site_speaking_of_itself_is_not_the_article() -> None:
    """Its taxonomy line, a disclaimer, its licence, an appeal to join, its app, "click
    here" and its next issue on sale, each in a line of its own; the same words inside
    the article's sentences, or in a long paragraph, are the article's."""
    for text in ("News date : 04/21/2022 Category : Press Releases",
                 "Kategorie: Fähren", "Abgelegt unter: Verkehr, Hafen | Tags: Fähre, Holm",
                 "Filed under: Transport |", "(Alle Angaben ohne Gewähr)",
                 "Änderungen und Irrtümer vorbehalten.",
                 "Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY",
                 "This work is licensed under a Creative Commons Attribution 4.0 License.",
                 "© 2021 Harbour Post Media. All rights reserved.",
                 "Hacemos periodismo desde hace 100 años. HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS",
                 "Dieser Artikel ist wichtig! Sichere diesen Journalismus!",
                 "For the latest stories download the Harbour Post apps for iOS and Android.",
                 "Hafenblatt jetzt auch digital! Einfach hier klicken und registrieren!",
                 "Click here to subscribe to the Harbour Newsletter",
                 "Die aktuelle Ausgabe des Hafenblatts jetzt am Kiosk und als e-Paper erhältlich.",
                 "The latest issue is available at newsstands now."):
        assert _the_sites(text), text
    for text in ("The ferry's new category of ticket costs less for commuters.",
                 "Tag: Montag, 9 Uhr, am Nordkai",
                 "Die Reederei macht alle Angaben zum Fahrplan, sagte der Sprecher.",
                 "The app is available now for iOS and Android.",
                 "Users could download the app for iOS and Android, the company said, "
                 + "and book a seat on the first sailing of the day " * 3,
                 "The council says all rights to the quay are reserved for the ferry, "
                 "and that the harbour master will decide who may moor there in the winter.",
                 "Die neue Ausgabe des Fahrplans gilt ab Montag.",
                 "Members of the ferry club met on Monday to discuss the timetable.",
                 # the same words in the news, where they open no appeal or call (more in
                 # tests/probes/notices.json: `test_the_shared_probes_are_the_sites_or_…`)
                 "Die Texte dieser Seite dokumentieren Verstöße gegen Menschenrechte in Belarus."):
        assert not _the_sites(text), text
    found = _texts(f"<article>{HEADLINE}<p>Kategorie: <a href='/kategorie/faehren'>Fähren</a>"
                   f"</p>{PROSE}"
                   "<p>(Alle Angaben ohne Gewähr)</p>"
                   "<p>For the latest stories download the Harbour Post apps for iOS and "
                   "Android.</p></article>")
    assert found[1:] == [text for _, text in _page(f"<article>{HEADLINE}{PROSE}</article>")][1:]


def test_labels_counts_and_footer_lines_are_not_the_article() -> None:
    """A label over other stories alone on its line ("Mehr zum Thema Gesundheit:"), a
    count of comments ("chat_bubble 0 Kommentare") and the footer's links run into one
    line (two of "Impressum", "Datenschutzerklärung", "Cookie-Erklärung" …) are the site's;
    a sentence that begins the same way, or names one such page, is the article's."""
    for text in ("Mehr zum Thema Fähren:", "A lire aussi :", "You may also like:",
                 "chat_bubble 0 Kommentare", "12 comments",
                 "Service Kontakt Impressum Datenschutzerklärung Cookie-Erklärung"):
        assert notices.is_site_notice(text), text
    for text in ("Mehr zum Thema sagte der Kapitän nichts, nur dass die Fähre fährt.",
                 "More news, fewer readers", "Más noticias, menos lectores",
                 "Read more about the timetable in the council's minutes of Monday.",
                 "The council received 12 comments on the timetable before it voted.",
                 "Das Impressum der Reederei nennt einen neuen Geschäftsführer."):
        assert not notices.is_site_notice(text), text


def test_a_picture_credit_under_a_label_of_its_own_is_not_the_article() -> None:
    """"Crédit photo : …", "Photocredits Studio: …", "Bildcredit: …", "Fotos/Illustration:
    …": a picture's credit under the labels that name picture and credit together, as
    "Foto: …" already was; a sentence opening with such words is the article's."""
    for text in ("Crédit photo : KB / Harbour Blog", "Photocredits STUDIOHOLM: Mara Lind",
                 "Bildcredit: (c) holm - pictures.example", "Fotos/Illustration: Bär Kittel",
                 "Photo credit: Harbour Post archive"):
        assert notices.is_credit(text), text
    for text in ("Photo credits are given under each picture of the ferry in the gallery.",
                 "Fotos zeigen die Fähre am Kai im Winter."):
        assert not notices.is_credit(text), text


def test_a_line_linking_to_another_story_by_its_title_is_not_the_article() -> None:
    """"Były dowódca wojsk USA w Europie: <a>Rosja jest groźna</a>" linking to
    ".../byly-dowodca-wojsk-usa-w-europie-rosja-jest-grozna.read": the site's address
    spells the other story's title. A link to the page itself (a blog's permalink on its
    post's title), a short name linked to its tag page, and a sentence with a link of its
    own are not such teasers."""
    assert blocks.slug("Były dowódca wojsk USA w Europie: Rosja jest groźna") == \
        "byly-dowodca-wojsk-usa-w-europie-rosja-jest-grozna"
    teaser = lxml.html.fromstring(
        "<p><em>Były dowódca wojsk USA w Europie: <a href='https://example.pl/swiat/1926578,1,"
        "byly-dowodca-wojsk-usa-w-europie-rosja-jest-grozna-a-niemcy.read'>Rosja jest groźna"
        "</a></em></p>")
    assert blocks.is_story_teaser(teaser, markup.text_of(teaser), frozenset())
    own = frozenset({blocks.slug("/2021/ferry-line-to-holm-island-resumes/")})
    permalink = lxml.html.fromstring(
        "<h2><a href='/2021/ferry-line-to-holm-island-resumes/'>Ferry line to Holm Island "
        "resumes</a></h2>")
    assert not blocks.is_story_teaser(permalink, markup.text_of(permalink), own)
    tag = lxml.html.fromstring("<p><a href='/tags/holm-island'>Holm Island</a></p>")
    assert not blocks.is_story_teaser(tag, markup.text_of(tag), frozenset())
    sentence = lxml.html.fromstring(
        "<p>The council approved the timetable, as the <a href='/council-approves-timetable'>"
        "minutes</a> show.</p>")
    assert not blocks.is_story_teaser(sentence, markup.text_of(sentence), frozenset())
    found = _texts(
        f"<article>{HEADLINE}{PROSE}<p><em>Winter storms close the quay: "
        "<a href='https://example.org/news/winter-storms-close-the-quay-for-two-days'>for two "
        f"days</a></em></p>{PROSE.replace('Paragraph', 'Part')}</article>",
        "<link rel='canonical' href='https://example.org/news/council-approves-timetable'>")
    assert not [t for t in found if t.startswith("Winter storms")], found
    assert len(found) == 11, found


def test_a_link_to_the_next_page_is_not_the_article() -> None:
    """"... weiter zu <a>"die Wortwahl"</a>" under a text told over several pages; the
    same words opening a sentence with no link, or a long line, are the article's."""
    turn = lxml.html.fromstring("<p>... weiter zu <a href='/wortwahl'>\"die Wortwahl\"</a></p>")
    assert blocks.is_page_turn(turn, markup.text_of(turn))
    back = lxml.html.fromstring("<p>Back to <a href='/ferries'>all ferry stories</a></p>")
    assert blocks.is_page_turn(back, markup.text_of(back))
    for html in ("<p>Weiter zu den Inseln fährt die Fähre nur im Sommer.</p>",
                 "<li>Continue to <a href='/map'>the harbour office</a> and wait.</li>",
                 "<p>Continue to the quay, the sign says, <a href='/map'>then turn left at the "
                 "harbour office</a> and wait by the ramp.</p>"):
        line = lxml.html.fromstring(html)
        assert not blocks.is_page_turn(line, markup.text_of(line)), html
    found = _texts(f"<article>{HEADLINE}{PROSE}<p>... weiter zu <a href='/teil-2'>\"Teil 2\""
                   "</a></p></article>")
    assert not [t for t in found if "weiter zu" in t], found


def test_a_lone_heading_over_nothing_is_dropped_but_a_list_of_headings_is_not() -> None:
    """A heading over an embedded live ticker (no text under it, then the next section's
    heading), or closing the article over links that were dropped, heads nothing of the
    article; a run of headings with nothing between is a list printed as headings (a
    deals page), and a heading over a lower one opens its section."""
    found = _texts(
        f"<article>{HEADLINE}{PROSE}<h2>The first sailing, live</h2>"
        "<div class='ticker'><iframe src='https://ticker.example/live'></iframe></div>"
        f"<h2>What the commuters said</h2>{PROSE}<h2>Part two</h2><h3>The timetable</h3>"
        f"{PROSE}<h3>Also on the Harbour Post</h3></article>")
    assert "The first sailing, live" not in found and "Also on the Harbour Post" not in found
    assert {"What the commuters said", "Part two", "The timetable"} <= set(found), found
    deals = "".join(f"<h2>Offer {n}: a ferry pass for ten crossings at a lower price</h2>"
                    for n in range(1, 5))
    found = _texts(f"<article>{HEADLINE}{PROSE}{deals}{PROSE}</article>")
    assert sum(t.startswith("Offer") for t in found) == 4, found
    # with no player under it, a heading over same-level ones opens a section
    days = "".join(f"<h2>Day {n} of the regatta</h2><table><tr><td>10:00</td><td>Race {n}"
                   "</td></tr></table>" for n in (1, 2))
    found = _texts(f"<article>{HEADLINE}{PROSE}<h2>The regatta on television</h2>{days}"
                   f"{PROSE}</article>")
    assert "The regatta on television" in found, found
    # a web component with no text of its own is a player too (a live ticker's widget)
    found = _texts(f"<article>{HEADLINE}{PROSE}<h2>The second sailing, live</h2>"
                   "<div><regatta-ticker match='12' live='true'></regatta-ticker></div>"
                   f"<h2>What the crew said</h2>{PROSE}</article>")
    assert "The second sailing, live" not in found and "What the crew said" in found, found


def test_a_note_on_the_author_closing_the_article_is_not_the_article() -> None:
    """"Mara Lindqvist is the Founder & Principal Consultant at …" or "Die Autorin ist
    Journalistin …" as the last paragraph: an author box printed as a paragraph. The same
    shape earlier in the article, or naming no trade, is the article's."""
    for text in ("Mara Lindqvist is the Founder & Principal Consultant at Harbour PR, a "
                 "full-service agency.",
                 "Die Autorin ist Achtsamkeitslehrerin und lebt in Wien.",
                 "The author is a freelance writer based in Kestrel Bay."):
        assert blocks.drop_author_note([("p", "Story."), ("p", text)]) == [("p", "Story.")]
        assert blocks.drop_author_note([("p", text), ("p", "Story.")]) == \
            [("p", text), ("p", "Story.")]
    for text in ("Holmline is the only company that runs the crossing in winter.",
                 "Mara Lindqvist is the mayor of Kestrel Bay.",
                 "Der Angeklagte ist Lehrer an einer Grundschule in Kassel.",
                 "Anna Kowalski was a freelance journalist who covered the war since 2014.",
                 "Stop Killer Robots ist ein Zusammenschluss von 180 Organisationen."):
        assert blocks.drop_author_note([("p", "Story."), ("p", text)]) == \
            [("p", "Story."), ("p", text)]
    found = _texts(f"<article>{HEADLINE}{PROSE}<p>Mara Lindqvist is a freelance journalist "
                   "who writes about ferries and harbours.</p></article>")
    assert not [t for t in found if t.startswith("Mara")], found


def test_a_teaser_component_is_chrome() -> None:
    """<pp-inline-teaser>: a component teasing another page between the paragraphs."""
    teaser = lxml.html.fromstring("<pp-inline-teaser><p>FAQ</p></pp-inline-teaser>")
    assert markup.in_chrome(teaser[0])
    found = _texts(f"<article>{HEADLINE}{PROSE}<pp-inline-teaser><pp-link href='/faq'>"
                   "<h3>FAQs on the ferry timetable</h3></pp-link><div><p>Answers to your "
                   "questions on the winter timetable of the ferry.</p></div>"
                   f"</pp-inline-teaser>{PROSE}</article>")
    assert not [t for t in found if "FAQ" in t or t.startswith("Answers")], found


def test_a_box_named_widget_is_chrome_even_inside_the_article() -> None:
    """A box named only "widget" is chrome wherever it sits. One system names an in-story
    recipe box so, but the same system names its teaser cards of other stories "widget"
    too, inside the same container: reading the one lets in the others (a half-b page: 4
    teaser blocks on the server, some 80 headlines in the extension, for one recipe box).
    (Through a whole page trafilatura drops most such boxes first: the container is given
    here as `refine` finds it.)"""
    page = lxml.html.fromstring(
        "<html><body><div class='story'><div class='text'><p>One</p>"
        "<div class='insert'><div class='widget story_fake'><p>Teaser</p></div></div>"
        "<div class='widget_text'><p>Text widget</p></div></div></div>"
        "<div class='widget'><p>Sidebar</p></div></body></html>")
    container = next(page.iterfind(".//div[@class='text']"))
    wrappers: set[_Element] = {container, *container.iterancestors()}
    for text in ("Teaser", "Text widget", "Sidebar"):
        element = next(e for e in page.iter("p") if markup.text_of(e) == text)
        assert markup.in_chrome(element, wrappers), text
    assert not markup.in_chrome(next(page.iter("p")), wrappers)


def test_a_category_line_that_links_nothing_is_the_article() -> None:
    """A post's taxonomy line links its terms to their archives (or is the bare label
    whose links were dropped); an award list's "Kategorie: …" lines link nothing, and they
    are the page's own text."""
    awards = ("<div><p>Hafenpreis 2016</p><p>Kategorie: Bester Fährfilm für Nordkai</p></div>"
              "<div><p>Hafenpreis 2014</p><p>Kategorie: Bester Kurzfilm für Holm</p></div>")
    found = _texts(f"<article>{HEADLINE}{PROSE}{awards}</article>")
    assert "Kategorie: Bester Fährfilm für Nordkai" in found
    assert "Kategorie: Bester Kurzfilm für Holm" in found
    linked_film = ("<p>Kategorie: Bester Film – <a href='/film/nordkai'>Nordkai</a> von "
                   "Anna Berg</p>")
    assert "Kategorie: Bester Film – Nordkai von Anna Berg" in _texts(
        f"<article>{HEADLINE}{PROSE}{linked_film}</article>")
    assert not notices.is_site_notice("Kategorie: Bester Kurzfilm für Holm", links=[])
    assert not notices.is_site_notice("The festival hands out prizes in 12 categories: drama, "
                                     "comedy and film.", links=["festival"])
    assert notices.is_site_notice("Kategorie:", links=[])
    assert notices.is_site_notice("Kategorien: Fähren, Hafen", links=["Fähren", "Hafen"])


def test_a_roundup_of_linked_titles_keeps_its_titles() -> None:
    """A teaser heading counts only when it is the page's one: a roundup links every
    item's title to the item's own page, and the titles are the article."""
    items = "".join(
        f"<h2><a href='/recipes/{slug}'>{title}</a></h2><p>{title} is the cake the bakery on "
        "the quay sells most of in autumn, and the recipe below is the baker's own.</p>"
        for slug, title in (
            ("apple-cake-with-cinnamon-crumble", "Apple cake with cinnamon crumble"),
            ("plum-cake-with-almond-flakes", "Plum cake with almond flakes"),
            ("pear-tart-with-walnut-cream", "Pear tart with walnut cream")))
    found = _texts(f"<article><h1>Our three favourite autumn cakes</h1>{PROSE}{items}</article>")
    assert {"Apple cake with cinnamon crumble", "Plum cake with almond flakes",
            "Pear tart with walnut cream"} <= set(found), found



# --- s24: the site's words in eight languages, the readers' comments ---------------------

#: The review's `order1` page (test_the_comment_cut_counts_the_same_blocks_as_the_extension).
ORDER1 = ("<article><h1>Council approves ferry timetable</h1>"
          "<p>The council approved the new ferry timetable on Tuesday after a long debate "
          "about the first sailing and its price.</p><p>Commuters had asked for an earlier "
          "boat for years, and the operator finally agreed to run one at six in the morning."
          "</p><h2>Comments</h2><p>Great news, finally an earlier boat! I will take it every "
          "day.</p><h3>Timetable</h3><h3>Prices</h3><h3>Operators</h3></article>")

#: Probe lines both sides assert (the extension's in extension/tests/page-leak-rules.test.mjs).
PROBES = json.loads((Path(__file__).parent / "probes" / "notices.json").read_text("utf-8"))


def test_the_shared_probes_are_the_sites_or_the_articles() -> None:
    """Widget labels, related-story labels, comment headings, browser notices and calls to
    subscribe or support, in the languages sites write them (en, de, fr, es, it, pt, pl,
    nl), are the site's words; the same words in an article's sentence are the article's
    ("The emails urge readers to click here …", the Duden's new edition "im Handel
    erhältlich", "Share prices fell"). Each is also read through a whole page: the
    article's lines together after the prose, each site line in a page of its own inside
    the body (no comment cut from another line can hide it)."""
    for text in PROBES["the_sites"]:
        assert _the_sites(text), text
    for text in PROBES["the_articles"]:
        assert not _the_sites(text), text
    found = _texts(f"<article>{HEADLINE}{PROSE}"
                   + "".join(f"<p>{text}</p>" for text in PROBES["the_articles"]) + "</article>")
    assert set(PROBES["the_articles"]) <= set(found), found
    for text in PROBES["the_sites"]:
        body = PROSE.replace("<p>Paragraph 3 ", f"<p>{text}</p><p>Paragraph 3 ", 1)
        found = _texts(f"<article>{HEADLINE}{body}</article>")
        assert text not in found, found
        assert sum(found_text.startswith("Paragraph") for found_text in found) == 5, found


def test_the_readers_comments_under_the_article_are_not_read() -> None:
    """From a comment section's heading on ("#1 Kommentar von …", "3 thoughts on “…”"),
    after the body's end, what follows is readers' replies ("Danke für diesen Bericht!"),
    whatever their markup; a "Kommentare" label over the article's own paragraphs, at its
    top, cuts nothing."""
    comments = ("<div><h3>#1 Kommentar von Hafenkind</h3>26. März 2004, 16:19"
                "<p>Danke für diesen Bericht über die Fähre, endlich weiß ich Bescheid!</p></div>"
                "<div><h3>#2 Kommentar von Möwe</h3><p>Die erste Fähre ist immer zu voll.</p>"
                "</div>")
    found = _texts(f"<div class='content'>{HEADLINE}{PROSE}{comments}</div>")
    assert not [text for text in found if "Kommentar" in text or "Fähre" in text], found
    assert sum(text.startswith("Paragraph") for text in found) == 5, found
    thread = ("<h2>2 thoughts on “Council approves the ferry timetable”</h2>"
              "<p>The first sailing is always full, and the council knows it.</p>")
    found = _texts(f"<article>{HEADLINE}{PROSE}{thread}</article>")
    assert not [text for text in found if "sailing is always full" in text], found
    top = _texts(f"<article>{HEADLINE}<h2>Kommentare</h2>{PROSE}</article>")
    assert sum(text.startswith("Paragraph") for text in top) == 5, top


def test_a_body_sentence_or_intertitle_in_comment_words_cuts_nothing() -> None:
    """A sentence opening like a thread's heading ("Einen Kommentar zu den Vorwürfen lehnte
    das Ministerium ab.") and the intertitles "Reacties" and "Kommentar" stand in the second
    half of a story: the story is read to its end (a thread's heading quotes the post's
    title, and only a heading opens the cut)."""
    tail = "<p>The ministry published the report on Friday, after the vote.</p>"
    for middle in ("<p>Einen Kommentar zu den Vorwürfen lehnte das Ministerium ab.</p>",
                   "<p>One response to the floods was a new dike, the mayor said.</p>",
                   "<h2>Reacties</h2>", "<h2>Kommentar</h2>",
                   "<h2>One response to the floods</h2>"):
        found = _texts(f"<article>{HEADLINE}{PROSE}{middle}{tail}{tail.replace('Friday', 'Monday')}"
                       "</article>")
        assert sum(text.startswith("Paragraph") for text in found) == 5, found
        assert "The ministry published the report on Monday, after the vote." in found, \
            (middle, found)


def test_the_comment_cut_counts_the_same_blocks_as_the_extension() -> None:
    """The review's `order1` shape: two paragraphs, a "Comments" heading, one reader's
    comment, three empty headings that trafilatura never gives the server but page.js
    holds until its lone-heading pass. Headings are not counted, so both sides cut the
    comment (extension/tests/page-leak-rules.test.mjs has the same page); the comment
    cut also runs before the lone-heading pass on both sides."""
    found = _texts(ORDER1)
    assert not [text for text in found if "finally an earlier boat" in text], found
    assert len([text for text in found if text.startswith(("The council", "Commuters"))]) == 2


def test_a_last_paragraph_on_what_someone_the_story_named_is_read() -> None:
    """"Dr. Sarah Lim is the hospital's medical director." closes a story: a trade of
    something the story named (a possessive before it) is news, not the author's note."""
    line = "Dr. Sarah Lim is the hospital's medical director."
    assert blocks.drop_author_note([("p", "Story."), ("p", line)]) == [("p", "Story."),
                                                                     ("p", line)]
    assert blocks.drop_author_note([("p", "Story."), ("p", "Mara Lind is a freelance "
                                    "journalist based in Kiel.")]) == [("p", "Story.")]


#: A forum thread with one post (XenForo's markup): the post is text with `<br>`s in a
#: `<div>`, its author box holds headings and its action bar three list items.
FORUM_POST = (
    "<div class='p-body'><h1 class='p-title'>Warmwasser wird morgens nur lauwarm</h1>"
    "<article class='message message--post'>"
    "<div class='message-user'><h4 class='message-name'>heizfreund</h4>"
    "<h5 class='userTitle'>Mitglied</h5><dl><dt>Beiträge</dt><dd>12</dd></dl></div>"
    "<div class='message-main'><div class='message-attribution'>"
    "<time datetime='2024-02-03T07:40'>3. Februar 2024</time></div>"
    "<div class='bbWrapper'>Guten Morgen,<br>seit einer Woche kommt das Warmwasser am "
    "Morgen nur noch lauwarm aus der Leitung.<br>Die Therme zeigt keinen Fehler an, der "
    "Speicher ist laut Anzeige auf sechzig Grad. Woran kann das liegen?</div>"
    "<div class='message-actionBar'><ul><li><a href='#m'>Melden</a></li>"
    "<li><a href='#z'>Zitieren</a></li><li><a href='#a'>Antworten</a></li></ul></div>"
    "</div></article></div>")


def test_a_flattened_post_outside_paragraph_tags_is_read_whole() -> None:
    """trafilatura gives the forum post (text in a `<div>` with `<br>`s) as its only
    paragraph, found in the post's `<article>`; that box holds three list items and two
    headings, so it looks flattened. Read block by block it is only the author's name and
    the action bar: the post, in no paragraph tag, would be lost. A reading that leaves a
    sentence of trafilatura's paragraph out is not taken."""
    found = " ".join(_texts(FORUM_POST))
    assert "seit einer Woche kommt das Warmwasser" in found, found
    assert "Woran kann das liegen?" in found, found


#: One story paragraph holding a "Listen" button that trafilatura leaves out, a "Related"
#: list and a share box: trafilatura's one paragraph is the story alone.
LISTEN_STORY = (
    "<div class='masthead'><a href='/'>Coast News</a></div><div class='story-wrap'>"
    "<div class='story-body'><p>The lighthouse on the north mole will be repainted from "
    "Tuesday, and its lamp switched off for nine nights, the harbour master said."
    "<button>Listen</button> Ships are asked to use the south entrance after dark until the "
    "work is done, and pilots will meet every vessel longer than forty metres.</p>"
    "<h3>Related</h3><ul><li><a href='/r1'>Town hall clock is back after two years of "
    "repairs</a></li><li><a href='/r2'>Ferry company orders a second electric boat for the "
    "island route</a></li><li><a href='/r3'>Beach car park will charge for the first time "
    "this summer</a></li></ul></div>"
    "<div class='tools'><h4>Share this</h4><p><a href='#fb'>Facebook</a> "
    "<a href='#tw'>Twitter</a></p></div></div>")


def test_a_one_paragraph_story_is_not_widened_to_its_box() -> None:
    """trafilatura's one paragraph is the story `<p>` without its button's label, so it is
    found by its first characters in the outermost element that starts so: the `<div>`
    around the story, its "Related" list and its share box. Read apart, that box would add
    three other stories' headlines and glue "Listen" into the story; only blocks inside
    trafilatura's paragraph are read."""
    found = _texts(LISTEN_STORY)
    assert not [text for text in found if "electric boat" in text or "Listen" in text], found
    assert [text for text in found if text.startswith("The lighthouse on the north mole")
            and text.endswith("longer than forty metres.")], found


def test_a_flattened_article_is_not_read_wider_than_trafilatura_gave() -> None:
    """A short police report in an `<article>` with a `<footer>` (which trafilatura drops,
    so its paragraph is not the article's whole text and the box found is the wrapper
    around the article and the sidebar): read apart, the report comes apart from its date
    line, but the sidebar's "most read" list, which trafilatura never gave, stays out."""
    found = _texts(
        "<div class='wrapper'><article class='story'><h1>Scheune in Flammen</h1>"
        "<div class='meta'><time datetime='2024-04-05'>05.04.2024, 08:02 Uhr</time> · Von "
        "Redaktion</div><p>In der Nacht zum Freitag ist eine Scheune am Ortsrand "
        "abgebrannt. Verletzt wurde niemand, die Polizei schätzt den Schaden auf "
        "40.000 Euro.</p><div class='share'><span>Teilen:</span><ul><li><a href='#f'>"
        "Facebook</a></li><li><a href='#w'>WhatsApp</a></li><li><a href='#m'>E-Mail</a>"
        "</li></ul></div><footer class='article-foot'><p>Schlagworte: Feuerwehr</p>"
        "</footer></article><div class='col-b'><h3>Meistgelesen</h3><ol><li><a href='/1'>"
        "Wochenmarkt zieht im Sommer auf den Kirchplatz um</a></li><li><a href='/2'>"
        "Neue Buslinie verbindet die Dörfer im Tal</a></li><li><a href='/3'>Sporthalle "
        "bleibt bis zu den Ferien geschlossen</a></li></ol></div></div>")
    assert "Meistgelesen" not in found and not [t for t in found if "Buslinie" in t], found
    assert [t for t in found if t.startswith("In der Nacht zum Freitag")], found
