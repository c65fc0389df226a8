"""The browser extension end to end: Debian's chromium with the unpacked extension, the
real `newslint serve`, fixture pages served from 127.0.0.1, and the popup opened on a
tab as a click on the toolbar button opens it.

What is asserted is what a reader sees: the paragraphs highlighted (read back from
`CSS.highlights` in the page's own world, or the overlay), the hover card naming the twin,
the popup's lists, "Clear marks" leaving the page as it was, and every error state with
its message. Screenshots land in test-artifacts/ (gitignored).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from .extension_harness import (
    BLOCK_RECTS,
    EXTENSION,
    HIGHLIGHT_RECT,
    PAGES,
    READ_HIGHLIGHTS,
    Browser,
    FakeServer,
    Site,
    launch,
    long_article,
    screenshot,
    wait_until,
)
from .helpers import LiveServer, start_server

TRUMP = "/trump-putin-call/source.html"
EDITOR = "/extension-editor/source.html"
NO_ARTICLE = "/extension-no-article/source.html"
EXPECTED = json.loads((PAGES / "trump-putin-call" / "expected.json").read_text(encoding="utf-8"))
DUPLICATE = "newslint-duplicate"
CONFLICT = "newslint-date-conflict"
SOURCE = "newslint-duplicate-source"  # the paragraphs that re-tellings repeat
IN_VIEW = """name => { const h = CSS.highlights.get(name); if (!h) return false;
  const r = [...h][0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(tmp_path_factory.mktemp("extension-home"))
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    served = Site()
    served.add("/long.html", long_article(10_000))
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        opened = launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
        try:
            yield opened
        finally:
            opened.close()


@pytest.fixture
def paired(browser: Browser, server: LiveServer) -> Browser:
    """The extension paired with the real server, default settings otherwise."""
    browser.configure(port=server.port, token=server.token)
    return browser


@pytest.fixture
def tab(browser: Browser, site: Site) -> Iterator[Any]:
    """A fresh tab; closed afterwards with every popup the test opened."""
    page = browser.context.new_page()
    before = set(browser.context.pages)
    yield page
    for other in set(browser.context.pages) - before:
        other.close()
    page.close()


def visit(browser: Browser, page: Any, url: str) -> int:
    page.goto(url)
    return browser.tab_id(page)


def mark(browser: Browser, page: Any, tab_id: int) -> Any:
    """Open the popup on the tab (what a click does) and wait for the page to be marked."""
    popup = browser.open_popup(tab_id)
    assert browser.run_until_done(popup) == "done", popup.inner_text("body")
    page.bring_to_front()
    return popup


def highlights(page: Any) -> dict[str, list[str]]:
    return dict(page.evaluate(READ_HIGHLIGHTS))


def flagged(ranges: list[str], start: str) -> bool:
    return any(text.startswith(start) or start in text for text in ranges)


# --- pairing ---------------------------------------------------------------------------------


def test_the_options_page_pairs_the_extension_with_the_server(browser: Browser,
                                                              server: LiveServer) -> None:
    browser.configure()
    options = browser.context.new_page()
    options.goto(f"{browser.origin}/options.html")
    options.wait_for_selector("body[data-ready=yes]")
    options.fill("#port", str(server.port))
    options.fill("#token", "wrong-token")
    options.click("#save")
    options.wait_for_selector("body[data-paired=no]")
    assert "Pair the extension with newslint" in options.inner_text("#status")
    assert "newslint token" in options.inner_text("#status")

    options.fill("#token", f"$ newslint token\n{server.token}\n")
    options.click("#save")
    options.wait_for_selector("body[data-paired=yes]")
    assert options.inner_text("#status") == (
        f"Paired with newslint 0.1.0 at 127.0.0.1:{server.port}.")
    stored = browser.worker.evaluate("() => chrome.storage.local.get(null)")
    assert stored["token"] == server.token and stored["port"] == server.port
    screenshot(options, "options", full_page=True)
    options.close()


# --- the Trump–Putin page ------------------------------------------------------------------


def test_one_click_marks_the_retold_paragraphs_and_the_date_conflict(
        paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(TRUMP))
    dom_before = tab.evaluate("() => document.body.innerHTML")
    layout_before = tab.evaluate(BLOCK_RECTS)

    popup = mark(paired, tab, tab_id)

    marked = highlights(tab)
    assert set(marked) == {DUPLICATE, CONFLICT, SOURCE}
    for case in EXPECTED["duplicates_must_flag"]:
        assert flagged(marked[DUPLICATE], case["block"]), case
    # Both sides: the paragraphs re-told are marked too (lighter), not only their re-tellings.
    assert flagged(marked[SOURCE], "Former U.S. President Donald Trump recently spoke")
    assert flagged(marked[SOURCE], "During the call, Trump reminded Putin")
    headline = EXPECTED["duplicates_exact_must_flag"][0]["block"]
    assert flagged(marked[DUPLICATE], headline)
    for start in EXPECTED["duplicates_must_not_flag"]:
        assert not flagged(marked[DUPLICATE], start), start
        assert not flagged(marked[SOURCE], start), start
    assert marked[CONFLICT] == ["on November 8"]

    # The page's own DOM is untouched and nothing moved.
    assert tab.evaluate("() => document.body.innerHTML") == dom_before
    assert tab.evaluate(BLOCK_RECTS) == layout_before

    # One finding per repeated paragraph (its twins inside it) and the date conflict.
    assert paired.badge(tab_id) == "5"
    groups = {g.get_attribute("data-kind"): g for g in popup.locator("#groups section").all()}
    assert list(groups) == ["duplicate", "date_conflict"]
    # the headline's repeat, paragraphs 1, 2, 7 and 8 (one cluster), paragraph 9
    assert groups["duplicate"].locator(".finding").count() == 3
    assert groups["date_conflict"].locator(".finding").count() == 1
    messages = popup.locator(".finding .message").all_text_contents()
    assert "Paragraphs 1, 2, 7 and 8 say the same thing." in messages
    assert popup.inner_text("#summary") == "4 repeats, 1 date conflict"
    timeline = popup.locator("#timeline li").all_inner_texts()
    assert [line.split("\n")[0] for line in timeline] == ["6 Nov 2024", "7 Nov 2024", "8 Nov 2024"]
    assert "Trump call with Zelensky" in timeline[0]

    tab.evaluate(HIGHLIGHT_RECT, [CONFLICT, 0])
    screenshot(tab, "marked-page")
    screenshot(popup, "popup", full_page=True)


def test_hovering_a_mark_shows_a_card_that_names_the_twin_and_goes_to_it(
        paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(TRUMP))
    mark(paired, tab, tab_id)
    dom_before = tab.evaluate("() => document.body.innerHTML")

    point = tab.evaluate(HIGHLIGHT_RECT, [CONFLICT, 0])
    tab.mouse.move(point["x"], point["y"])
    card = wait_until(lambda: paired.inspect(tab_id)["card"], what="the hover card")
    assert card["text"].startswith("Date conflict")
    assert "dated 6 Nov 2024 in paragraph 3" in card["text"]
    mark_top, mark_bottom = tab.evaluate("""() => { const r = [...CSS.highlights
        .get('newslint-date-conflict')][0].getClientRects()[0]; return [r.top, r.bottom]; }""")
    assert card["bottom"] <= mark_top or card["top"] >= mark_bottom  # beside, not over it
    # The date is pointed at first; the paragraph around it, a re-telling, comes second.
    # Places are named as a reader counts them: the headline and its repeat are not paragraphs.
    assert card["buttons"][0]["text"] == "Show the other date: “just a day earlier” (paragraph 3)"
    assert card["buttons"][1]["text"].startswith("Show paragraph 3: “The context of this call")
    screenshot(tab, "hover-card")

    # A re-told paragraph's card names its twin by number and by its first words.
    retold = highlights(tab)[DUPLICATE].index(next(
        t for t in highlights(tab)[DUPLICATE] if t.startswith("Donald Trump, the President-elect")))
    point = tab.evaluate(HIGHLIGHT_RECT, [DUPLICATE, retold])
    tab.mouse.move(point["x"], point["y"])
    card = wait_until(lambda: (c := paired.inspect(tab_id)["card"]) and "Paragraph 7" in c["text"]
                      and c, what="the card of paragraph 7")
    link = next(b for b in card["buttons"] if b["text"].startswith("Show paragraph 1:"))
    assert link["text"].startswith("Show paragraph 1: “Former U.S. President Donald Trump recently")

    tab.mouse.move(link["x"], link["y"])
    tab.mouse.click(link["x"], link["y"])
    flash = wait_until(lambda: highlights(tab).get("newslint-flash"), what="the twin to flash")
    assert flash[0].startswith("Former U.S. President Donald Trump recently spoke")
    wait_until(lambda: tab.evaluate(IN_VIEW, "newslint-flash"), what="the twin to scroll in")
    # The card is ours, not the page's: its DOM text did not change.
    assert tab.evaluate("() => document.body.innerHTML") == dom_before


def test_the_caret_in_a_mark_shows_its_card_and_escape_closes_it(
        paired: Browser, site: Site, tab: Any) -> None:
    """Keyboard readers (caret browsing) reach a mark without a pointer."""
    tab_id = visit(paired, tab, site.url(TRUMP))
    mark(paired, tab, tab_id)
    tab.evaluate("""() => { const range = [...CSS.highlights.get('newslint-date-conflict')][0];
        getSelection().collapse(range.startContainer, range.startOffset + 3); }""")
    card = wait_until(lambda: paired.inspect(tab_id)["card"], what="the caret's card")
    assert card["text"].startswith("Date conflict") and card["pinned"]
    tab.keyboard.press("Escape")
    wait_until(lambda: paired.inspect(tab_id)["card"] is None, what="Escape to close the card")


def test_a_finding_clicked_in_the_popup_is_scrolled_to_and_flashed(
        paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(TRUMP))
    popup = mark(paired, tab, tab_id)
    tab.evaluate("() => scrollTo(0, 0)")
    popup.locator("#groups [data-kind=date_conflict] .finding").click()
    flash = wait_until(lambda: highlights(tab).get("newslint-flash"), what="the finding to flash")
    assert flash == ["on November 8"]
    card = wait_until(lambda: paired.inspect(tab_id)["card"], what="the finding's card")
    assert card["pinned"] and "8 Nov 2024 in paragraph 9" in card["text"]
    wait_until(lambda: tab.evaluate(IN_VIEW, "newslint-flash"), what="the finding to scroll in")
    assert tab.evaluate("() => scrollY") > 0

    popup.locator("#timeline .event").first.click()
    wait_until(lambda: highlights(tab).get("newslint-flash") == ["just a day earlier"],
               what="the timeline's first event to flash")


def test_the_popup_opens_the_page_in_the_desktop_history(
        paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(TRUMP))
    popup = mark(paired, tab, tab_id)
    kept = paired.state(tab_id)["historyId"]
    with paired.context.expect_page() as opened:
        popup.click("#history")
    history = opened.value
    history.wait_for_selector("body[data-state=page-ready]")
    assert re.search(rf"/history#/page/\d+/run/{kept}$", history.url), history.url
    assert history.locator("#page-title").inner_text().startswith("Donald Trump speaks to Russia")
    history.close()


def test_clear_marks_removes_every_mark_and_leaves_the_page_as_it_was(
        paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(TRUMP))
    page_before = tab.evaluate("() => document.documentElement.outerHTML")
    popup = mark(paired, tab, tab_id)
    point = tab.evaluate(HIGHLIGHT_RECT, [CONFLICT, 0])
    tab.mouse.move(point["x"], point["y"])
    wait_until(lambda: paired.inspect(tab_id)["card"], what="the hover card")

    popup.click("#clear")
    popup.wait_for_selector("body[data-state=cleared]")
    assert highlights(tab) == {}
    assert paired.inspect(tab_id)["marks"] == []
    assert paired.badge(tab_id) == ""
    assert tab.evaluate("() => document.documentElement.outerHTML") == page_before


def test_the_keyboard_shortcut_marks_the_page_as_a_click_does(
        paired: Browser, site: Site, tab: Any) -> None:
    manifest = json.loads((EXTENSION / "manifest.json").read_text())
    assert manifest["commands"]["_execute_action"]["suggested_key"]["default"]
    assert "mark-page" in manifest["commands"]
    tab_id = visit(paired, tab, site.url(TRUMP))
    # The browser delivers the shortcut to commands.onCommand; headless Chromium has no
    # keyboard shortcuts, so the worker's own handler is called with the same arguments.
    paired.worker.evaluate("t => newslint.command('mark-page', {id: t})", tab_id)
    # One finding per repeated paragraph (its twins inside it) and the date conflict.
    assert paired.badge(tab_id) == "5"
    assert set(highlights(tab)) == {DUPLICATE, CONFLICT, SOURCE}
    assert len(paired.inspect(tab_id)["marks"]) == 5


# --- the page keeps working ---------------------------------------------------------------


def test_an_app_page_keeps_working_and_page_text_stays_text(
        paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(EDITOR))
    layout_before = tab.evaluate(BLOCK_RECTS)
    mutations_before = tab.evaluate("() => window.pageMutations")
    popup = mark(paired, tab, tab_id)
    assert popup.inner_text("#summary") == "2 repeats"
    assert paired.state(tab_id)["published"] == "2024-11-08"  # from its meta tags
    marked = highlights(tab)[DUPLICATE]
    assert any(t.startswith("On Monday, Dresden's city council") for t in marked)
    hostile = 'Critics posted <img src=x onerror="window.__pwned=1">'
    assert any(t.startswith(hostile) for t in marked)

    # Hover the exact repeat: the page's "<img …>" text shows as text in the card.
    index = next(i for i, t in enumerate(marked) if t.startswith("Critics"))
    point = tab.evaluate(HIGHLIGHT_RECT, [DUPLICATE, index])
    tab.mouse.move(point["x"], point["y"])
    card = wait_until(lambda: paired.inspect(tab_id)["card"], what="the hover card")
    assert f"Show paragraph 3: “{hostile}" in card["buttons"][0]["text"]
    assert tab.evaluate("() => window.__pwned") is None
    assert tab.evaluate(BLOCK_RECTS) == layout_before
    assert tab.evaluate("() => window.pageMutations") == mutations_before

    # The page's editors still take typing, and its own script still runs.
    tab.click("#editor")
    tab.keyboard.press("End")
    tab.keyboard.type(" and more")
    tab.click("#notes")
    tab.keyboard.type("notes")
    assert tab.inner_text("#editor") == "Write here and more"
    assert tab.input_value("#notes") == "notes"
    assert tab.inner_text("#typed") == f"{len(' and more') + len('notes')} keys"
    assert paired.inspect(tab_id)["marks"]  # typing elsewhere leaves the marks in place


def test_a_page_with_a_strict_content_security_policy_gets_a_styled_card(
        paired: Browser, site: Site, tab: Any) -> None:
    """Many news sites forbid inline styles; the card's own styles must not need them."""
    tab_id = visit(paired, tab, site.url("/extension-strict-csp/source.html"))
    mark(paired, tab, tab_id)
    point = tab.evaluate(HIGHLIGHT_RECT, [CONFLICT, 0])
    tab.mouse.move(point["x"], point["y"])
    card = wait_until(lambda: paired.inspect(tab_id)["card"], what="the hover card")
    assert 200 <= card["width"] <= 360
    assert card["background"] == "rgb(255, 255, 255)"
    screenshot(tab, "strict-csp")


def test_overlay_marks_stand_in_where_highlights_are_not_used(
        browser: Browser, server: LiveServer, site: Site, tab: Any) -> None:
    browser.configure(port=server.port, token=server.token, paint="overlay")
    tab_id = visit(browser, tab, site.url(TRUMP))
    dom_before = tab.evaluate("() => document.body.innerHTML")
    mark(browser, tab, tab_id)
    tab.evaluate("() => [...document.querySelectorAll('p')].at(-1)"
                 ".scrollIntoView({block: 'center'})")
    seen = browser.inspect(tab_id)
    assert seen["mode"] == "overlay"
    assert highlights(tab) == {}
    kinds = {box["kind"] for box in seen["overlay"]}
    assert kinds == {"box kind-duplicate", "box kind-date-conflict", "box kind-duplicate-source"}
    # Each box sits over its words: the date conflict's box covers "on November 8".
    conflict = next(b for b in seen["overlay"] if b["kind"] == "box kind-date-conflict")
    words = tab.evaluate("""() => { const p = [...document.querySelectorAll('p')].at(-1);
        const t = p.firstChild; const i = t.data.indexOf('on November 8');
        const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 13);
        const b = r.getClientRects()[0]; return [b.x, b.y, b.width, b.height]; }""")
    assert [round(v) for v in (conflict["x"], conflict["y"], conflict["width"])] == [
        round(v) for v in words[:3]]
    assert tab.evaluate("() => document.body.innerHTML") == dom_before
    tab.mouse.move(conflict["x"] + 5, conflict["y"] + conflict["height"] / 2)
    card = wait_until(lambda: browser.inspect(tab_id)["card"], what="the hover card")
    assert card["text"].startswith("Date conflict")
    screenshot(tab, "overlay")
    browser.ask({"what": "clear", "tabId": tab_id})
    assert browser.inspect(tab_id)["overlay"] == []


def test_kinds_switched_off_in_options_are_not_marked(
        browser: Browser, server: LiveServer, site: Site, tab: Any) -> None:
    browser.configure(port=server.port, token=server.token,
                      kinds={"duplicate": False, "date_conflict": True})
    tab_id = visit(browser, tab, site.url(TRUMP))
    popup = mark(browser, tab, tab_id)
    assert set(highlights(tab)) == {CONFLICT}
    assert browser.badge(tab_id) == "1"
    assert "4 findings are of a kind switched off in Options." in popup.inner_text("#notices")


# --- the states a user meets ----------------------------------------------------------------


def error_in_popup(browser: Browser, tab_id: int) -> dict[str, str]:
    popup = browser.open_popup(tab_id)
    assert browser.run_until_done(popup) == "error", popup.inner_text("body")
    shown = {key: popup.inner_text(f"#error-{key}") for key in ("title", "detail", "action")}
    shown["command"] = (popup.inner_text("#error-command")
                        if popup.is_visible("#error-command") else "")
    shown["code"] = str(popup.evaluate("() => document.body.dataset.errorCode"))
    shown["options"] = "yes" if popup.is_visible("#error-options") else "no"
    shown["command_row"] = "yes" if popup.is_visible("#error-command-row") else "no"
    shown["native"] = popup.inner_text("#error-native") if popup.is_visible("#error-native") else ""
    shown["primary"] = " ".join(popup.locator("#error .buttons button.primary:visible")
                                .all_inner_texts())
    assert browser.badge(tab_id) == "!"
    assert "Traceback" not in popup.inner_text("body")
    screenshot(popup, f"popup-error-{shown['code']}")
    return shown


def test_a_stopped_server_says_how_to_start_it(browser: Browser, site: Site, tab: Any) -> None:
    fake = FakeServer(analyze=(200, {"annotations": []}))
    browser.configure(port=fake.port, token="t")
    tab_id = visit(browser, tab, site.url(TRUMP))
    fake.stop()
    shown = error_in_popup(browser, tab_id)
    assert shown["code"] == "not-running"
    assert shown["title"] == "newslint is not running"
    assert shown["command"] == f"newslint serve --port {fake.port}"
    # This profile has no native messaging host: the popup says why newslint did not start
    # by itself, and what to do (test_extension_native.py has the profile that has one).
    assert "browser helper is not installed" in shown["native"]
    assert "newslint browser install" in shown["native"] and "Flatpak" in shown["native"]


@pytest.mark.parametrize(("api", "code", "title"), [
    ("v0", "server-older", "The newslint server is older than this extension"),
    ("v2", "server-newer", "The newslint server is newer than this extension"),
])
def test_a_server_of_another_api_version_is_named_as_such(
        browser: Browser, site: Site, tab: Any, api: str, code: str, title: str) -> None:
    fake = FakeServer(health={"name": "newslint", "version": "9.9.9", "api": api})
    try:
        browser.configure(port=fake.port, token="t")
        tab_id = visit(browser, tab, site.url(TRUMP))
        shown = error_in_popup(browser, tab_id)
    finally:
        fake.stop()
    assert (shown["code"], shown["title"]) == (code, title)
    assert f"speaks API {api}; this extension speaks v1" in shown["detail"]
    assert not any(r.startswith("POST") for r in fake.requests)  # never sent the page


def test_another_program_on_the_port_is_not_taken_for_newslint(
        browser: Browser, site: Site, tab: Any) -> None:
    fake = FakeServer(health=None)
    try:
        browser.configure(port=fake.port, token="t")
        shown = error_in_popup(browser, visit(browser, tab, site.url(TRUMP)))
    finally:
        fake.stop()
    assert shown["code"] == "not-newslint" and shown["options"] == "yes"


def test_a_wrong_token_asks_to_pair_again(
        browser: Browser, server: LiveServer, site: Site, tab: Any) -> None:
    browser.configure(port=server.port, token="not-the-token")
    shown = error_in_popup(browser, visit(browser, tab, site.url(TRUMP)))
    assert shown["code"] == "unauthorized"
    assert shown["title"] == "Pair the extension with newslint"
    assert shown["command"] == "newslint token" and shown["options"] == "yes"
    # It names the server that refused, shows no markdown, and Options is the main button.
    assert f"The newslint server at 127.0.0.1:{server.port} refused" in shown["detail"]
    assert "`" not in "".join(shown.values())
    assert shown["primary"] == "Open Options"


def test_a_problem_from_the_server_is_shown_as_its_message(
        browser: Browser, site: Site, tab: Any) -> None:
    fake = FakeServer(analyze=(413, {
        "type": "urn:newslint:problem:too-many-words", "title": "Too many words", "status": 413,
        "detail": "The page has 160,000 words; the limit is 150,000 (setting max_words).",
        "limit": 150000}))
    try:
        browser.configure(port=fake.port, token="t")
        shown = error_in_popup(browser, visit(browser, tab, site.url(TRUMP)))
    finally:
        fake.stop()
    assert shown["code"] == "problem"
    assert shown["command_row"] == "no"  # no command: no empty grey box
    assert shown["title"] == "Too many words"
    assert shown["detail"] == (
        "The page has 160,000 words; the limit is 150,000 (setting max_words).")


def test_a_page_without_an_article_says_so(paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(NO_ARTICLE))
    shown = error_in_popup(paired, tab_id)
    assert shown["code"] == "no-article"
    assert shown["title"] == "No article on this page"
    assert "Open a single news article" in shown["action"]


def test_a_browser_page_cannot_be_read_and_says_why(
        paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(TRUMP))  # the tab's id, while its address is readable
    tab.goto("chrome://version")
    shown = error_in_popup(paired, tab_id)
    assert shown["code"] == "restricted-page"


def test_a_huge_page_shows_progress_and_is_marked(paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url("/long.html"))
    popup = paired.open_popup(tab_id)
    popup.wait_for_function(
        "() => /^Analysing 10,\\d{3} words in \\d+ blocks…$/.test("
        "document.getElementById('working-text').textContent)")
    assert popup.is_visible("#progress")
    screenshot(popup, "popup-working")
    assert paired.run_until_done(popup) == "done"
    state = paired.state(tab_id)
    assert state["words"] >= 10_000 and state["painted"] == len(state["findings"]) > 0
    assert paired.badge(tab_id) == str(len(state["findings"]))


# --- the rough edges of a first run -----------------------------------------------------------


def test_both_sides_of_a_retelling_are_marked_and_linked_both_ways(
        paired: Browser, site: Site, tab: Any) -> None:
    tab_id = visit(paired, tab, site.url(TRUMP))
    mark(paired, tab, tab_id)
    seen = paired.inspect(tab_id)
    assert seen["labels"][:4] == ["the headline", "heading 1", "paragraph 1", "paragraph 2"]
    # Hover the paragraph that is re-told (the lighter mark): its card names its re-telling.
    sources = highlights(tab)[SOURCE]
    index = next(i for i, t in enumerate(sources) if t.startswith("Former U.S. President"))
    point = tab.evaluate(HIGHLIGHT_RECT, [SOURCE, index])
    tab.mouse.move(point["x"], point["y"])
    card = wait_until(lambda: (c := paired.inspect(tab_id)["card"]) and "told again" in c["text"]
                      and c, what="the card of the paragraph re-told")
    assert "Paragraph 1 is told again in paragraph 7" in card["text"]
    go = next(b for b in card["buttons"] if b["text"].startswith("Show paragraph 7, which tells"))
    tab.mouse.move(go["x"], go["y"])
    tab.mouse.click(go["x"], go["y"])
    flash = wait_until(lambda: highlights(tab).get("newslint-flash"), what="the re-telling")
    assert flash[0].startswith("Donald Trump, the President-elect")
    # Where it lands, its card: the re-telling, the sentences it shares, and the way back.
    card = wait_until(lambda: (c := paired.inspect(tab_id)["card"]) and "Back to" in c["text"]
                      and c, what="the card with the way back")
    assert card["pinned"] and "Paragraph 7 re-tells paragraphs 1 and 2" in card["text"]
    pairs = [b for b in card["buttons"] if b["text"].startswith("Paragraph 1: “")]
    assert pairs, card["buttons"]  # a matched sentence of paragraph 1, shown and linked
    screenshot(tab, "retelling-card")
    back = next(b for b in card["buttons"] if b["text"] == "← Back to paragraph 1")
    tab.mouse.move(back["x"], back["y"])
    tab.mouse.click(back["x"], back["y"])
    wait_until(lambda: (highlights(tab).get("newslint-flash") or [""])[0]
               .startswith("Former U.S. President"), what="the way back to paragraph 1")


def test_a_finding_clicked_in_the_popup_opens_its_card_beside_the_popup(
        paired: Browser, site: Site, tab: Any) -> None:
    tab.set_viewport_size({"width": 700, "height": 900})
    tab_id = visit(paired, tab, site.url(TRUMP))
    popup = mark(paired, tab, tab_id)
    popup.locator("#groups [data-kind=date_conflict] .finding").click()
    card = wait_until(lambda: paired.inspect(tab_id)["card"], what="the finding's card")
    # The popup (380 × 600 here) covers the window's top right corner; the card is not there.
    covered_left = card["viewWidth"] - (380 + 16)
    assert card["right"] <= covered_left or card["top"] >= 600 + 16, card


def test_a_long_page_is_estimated_from_the_servers_speed_and_never_freezes(
        browser: Browser, site: Site, tab: Any) -> None:
    fake = FakeServer(health={"name": "newslint", "version": "0.1.0", "api": "v1",
                              "words_per_second": 4000.0},
                      analyze=(200, {"annotations": [], "timeline": []}), delay=6)
    try:
        browser.configure(port=fake.port, token="t")
        tab_id = visit(browser, tab, site.url("/long.html"))
        popup = browser.open_popup(tab_id)
        popup.wait_for_function("() => document.getElementById('working-text').textContent"
                                ".startsWith('Analysing')")
        state = browser.state(tab_id)
        assert state["wordsPerSecond"] == 4000
        assert state["estimateMs"] == round(state["words"] / 4000 * 1000)
        assert "this server's 4,000 words a second" in popup.inner_text("#working-hint")
        popup.wait_for_function("() => document.getElementById('progress').value >= 900",
                                timeout=15_000)
        popup.wait_for_function("() => document.getElementById('working-hint').textContent"
                                ".startsWith('Taking longer')", timeout=15_000)
        late = popup.evaluate("() => document.getElementById('progress').value")
        # Past the estimate it still moves (it used to stop at 95 %) and never reaches 100 %.
        popup.wait_for_function(f"() => document.getElementById('progress').value > {late}",
                                timeout=15_000)
        assert popup.evaluate("() => document.getElementById('progress').value") < 1000
        screenshot(popup, "popup-working-longer")
        assert browser.run_until_done(popup, timeout=20_000) == "done"
    finally:
        fake.stop()


def _annotation(id_: str, type_: str, block: str, message: str, related: list[dict[str, Any]],
                evidence: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": id_, "type": type_, "rule": f"{type_}.x", "severity": "warning",
            "block": block, "start": 0, "end": 30, "related": related, "score": None,
            "message": message, "evidence": evidence or {}}


def test_the_summary_follows_the_list_and_a_cluster_is_one_entry(
        browser: Browser, site: Site, tab: Any) -> None:
    def twin(block: str) -> dict[str, Any]:
        return {"block": block, "start": 0, "end": 30, "role": "twin"}

    cluster = {"cluster": {"id": "c1", "blocks": ["b3", "b5", "b9"]}}
    body = {"annotations": [
        # The server lists by place: here a date conflict comes first.
        _annotation("a1", "date_conflict", "b4", "A date that disagrees.",
                    [{"block": "b5", "start": 0, "end": 10, "role": "other_date"}]),
        _annotation("a2", "duplicate", "b5", "Paragraph 3 re-tells paragraph 1.",
                    [twin("b3")], cluster),
        _annotation("a3", "duplicate", "b9", "Paragraph 7 re-tells paragraphs 1 and 3.",
                    [twin("b5"), twin("b3")], cluster),
        _annotation("a4", "duplicate", "b10", "Paragraph 8 re-tells paragraph 2.",
                    [twin("b4")]),
    ], "timeline": []}
    fake = FakeServer(analyze=(200, body))
    try:
        browser.configure(port=fake.port, token="t")
        tab_id = visit(browser, tab, site.url(TRUMP))
        popup = browser.open_popup(tab_id)
        assert browser.run_until_done(popup) == "done", popup.inner_text("body")
        assert popup.inner_text("#summary") == "3 repeats, 1 date conflict"
        kinds = [g.get_attribute("data-kind") for g in popup.locator("#groups section").all()]
        assert kinds == ["duplicate", "date_conflict"]
        repeats = popup.locator("[data-kind=duplicate] .finding .message").all_inner_texts()
        assert repeats == ["Paragraphs 1, 3 and 7 say the same thing.",
                           "Paragraph 8 re-tells paragraph 2."]
        screenshot(popup, "popup-cluster", full_page=True)
        # The card of a paragraph with two twins lists both.
        browser.ask({"what": "reveal", "tabId": tab_id, "annotation": "a3"})
        card = wait_until(lambda: browser.inspect(tab_id)["card"], what="the card of a3")
        shows = [b["text"] for b in card["buttons"] if b["text"].startswith("Show ")]
        assert [t.split(":")[0] for t in shows] == ["Show paragraph 3", "Show paragraph 1"]
    finally:
        fake.stop()


def test_the_date_conflict_mark_is_not_a_spelling_error_underline(
        paired: Browser, site: Site, tab: Any) -> None:
    css = paired.worker.evaluate(
        "() => fetch(chrome.runtime.getURL('content/page.css')).then(r => r.text())")
    rule = re.search(r"::highlight\(newslint-date-conflict\)\s*\{([^}]*)\}", css)
    assert rule and "wavy" not in rule.group(1) and "double" in rule.group(1)
    tab_id = visit(paired, tab, site.url(TRUMP))
    mark(paired, tab, tab_id)
    point = tab.evaluate(HIGHLIGHT_RECT, [CONFLICT, 0])
    tab.mouse.move(point["x"], point["y"])
    wait_until(lambda: paired.inspect(tab_id)["card"], what="the hover card")
    screenshot(tab, "date-conflict-mark", clip={"x": max(0, point["x"] - 300),
                                                "y": max(0, point["y"] - 120),
                                                "width": 700, "height": 320})


@pytest.mark.parametrize("published", [
    "Fri, 08 Nov 2024 23:30:00 -0500",  # new Date() made this 9 November (UTC)
    "2024-11-08T23:30:00-05:00",
    "November 8, 2024 11:30 pm EST",
])
def test_the_publication_date_is_the_pages_own_calendar_day(
        paired: Browser, site: Site, tab: Any, published: str) -> None:
    source = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
    meta = f'<meta property="article:published_time" content="{published}">'
    url = site.add(f"/dated-{abs(hash(published))}.html",
                   source.replace('<meta charset="utf-8">', f'<meta charset="utf-8">{meta}', 1))
    tab_id = visit(paired, tab, url)
    mark(paired, tab, tab_id)
    assert paired.state(tab_id)["published"] == "2024-11-08"
