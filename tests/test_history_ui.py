"""The history UI in a real Chromium (Debian's), served by a real `newslint serve`.

Screenshots land in test-artifacts/ (gitignored) so a person can look at what the
reader sees: the list, a page with its findings, dark mode at 200% zoom, the hostile
page.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright import sync_api as playwright_api

from .helpers import LiveServer, start_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "pages"
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]

HOSTILE = json.loads((PAGES / "hostile-page" / "request.json").read_text(encoding="utf-8"))


def analyse(server: LiveServer, body: dict[str, Any]) -> int:
    status, headers, answer = server.request("/v1/analyze", json.dumps(body).encode())
    assert status == 200, answer
    return int(headers["X-Newslint-History-Id"])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp("ui-home")
    live = start_server(home)
    try:
        html = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
        analyse(live, {"html": html, "url": "https://news.example/trump-putin-call"})
        for slug, site in [("dates-agreement-and-conflict", "daily.example"),
                           ("farm-earthquake", "farm.example"),
                           ("dates-absolute", "daily.example")]:
            folder = PAGES / slug
            request = (json.loads((folder / "request.json").read_text(encoding="utf-8"))
                       if (folder / "request.json").is_file()
                       else {"html": (folder / "source.html").read_text(encoding="utf-8")})
            request["url"] = f"https://{site}/{slug}"
            analyse(live, request)
        analyse(live, HOSTILE)
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Like every other browser test, a missing chromium fails (CI installs it): a skip
    # would let the history UI go untested with a green run.
    if not Path(CHROMIUM).exists():
        pytest.fail(f"The history UI tests need Debian's chromium at {CHROMIUM}: "
                    "apt-get install chromium (never a browser download).")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def open_history(server: LiveServer, browser: Any, **context: Any) -> Any:
    """A fresh browser profile let in with a one-time ticket, as `newslint history --open`."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                              **context)
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    status, _, ticket = server.request("/v1/history/ticket", b"{}", method="POST")
    assert status == 201
    page.goto(server.base + ticket["open"])
    page.wait_for_selector("body[data-state=ready]")
    return page


@pytest.fixture
def ui(server: LiveServer, browser: Any) -> Iterator[Any]:
    page = open_history(server, browser)
    yield page
    assert page.errors == []
    page.context.close()


def shot(page: Any, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"history-{name}.png"), full_page=full_page)


def rows(page: Any) -> list[str]:
    return page.locator("#pages-body tr[data-page-id] .page-link").all_text_contents()


def wait_for_list(page: Any) -> None:
    page.wait_for_function("() => document.body.dataset.state === 'ready'")


def wait_for_rows(page: Any, count: int) -> None:
    """The list shows `count` pages. (A function, not an expression: the UI's CSP forbids
    the eval Playwright would use for one.)"""
    page.wait_for_function(
        "n => document.querySelectorAll('#pages-body tr[data-page-id]').length === n", arg=count)


def test_the_list_shows_every_analysed_page_with_its_counts(ui: Any) -> None:
    titles = rows(ui)
    assert len(titles) == 5
    assert any(t.startswith("Donald Trump speaks to Russia") for t in titles)
    trump = ui.locator("#pages-body tr", has_text="Donald Trump speaks")
    cells = trump.locator("td.count").all_text_contents()
    assert cells[:2] == ["4", "1"]  # duplicates (one per repeated paragraph), date conflicts
    assert ui.locator("#chart-by-day svg rect.bar").count() >= 2
    assert ui.locator("#chart-by-site svg text", has_text="news.example").count() == 1
    assert "5 pages" in ui.locator("#summary").text_content()
    shot(ui, "list")


def test_search_narrows_the_list_and_marks_the_words(ui: Any) -> None:
    ui.fill("#q", "zelensky")
    wait_for_rows(ui, 1)
    wait_for_list(ui)
    assert rows(ui)[0].startswith("Donald Trump speaks")
    assert ui.locator("#pages-body .snippet mark.match").first.text_content().lower().startswith(
        "zelensky")
    shot(ui, "search", full_page=False)


def test_filters_by_site_and_by_kind_of_finding(ui: Any) -> None:
    ui.select_option("#site", "daily.example")
    wait_for_rows(ui, 2)
    ui.select_option("#kind", "date_conflict")
    wait_for_list(ui)
    ui.wait_for_timeout(50)
    for title in rows(ui):
        row = ui.locator("#pages-body tr", has_text=title)
        assert row.locator("td.count").nth(1).text_content() != "0"
    ui.click("#clear-filters")
    wait_for_rows(ui, 5)


def test_a_page_shows_its_text_with_the_findings_highlighted(ui: Any) -> None:
    ui.click("text=Donald Trump speaks to Russia")
    ui.wait_for_selector("body[data-state=page-ready]")
    assert ui.locator("#page-title").text_content().startswith("Donald Trump speaks")
    assert ui.locator("#article .block").count() == 11
    # one finding per re-telling paragraph (its twins inside it), and the date conflict
    assert ui.locator("#findings .finding-item").count() == 5
    marks = ui.locator("#article mark.finding.self")
    assert marks.count() >= 5
    assert ui.locator("#article mark.finding.self.kind-date-conflict").first.text_content() == (
        "on November 8")
    # the date conflict's other date, "just a day earlier", is marked in paragraph 5
    conflict = ui.locator("#findings .finding-item.kind-date-conflict")
    conflict.locator("button", has_text="Other date").click()
    focused = ui.evaluate("document.activeElement.closest('.block').id")
    assert focused == "block-5"
    assert "just a day earlier" in ui.evaluate("document.activeElement.textContent")
    assert ui.locator("#timeline li").count() == 3
    assert ui.locator("#runs li").count() == 1
    shot(ui, "page")


def test_rerun_keeps_a_second_run_and_shows_what_changed(ui: Any) -> None:
    ui.click("text=Donald Trump speaks to Russia")
    ui.wait_for_selector("body[data-state=page-ready]")
    ui.click("#rerun")
    ui.wait_for_function("() => document.querySelectorAll('#runs li').length === 2")
    ui.wait_for_selector("body[data-state=page-ready]")
    assert "0 new, 0 gone, 5 unchanged" in ui.locator("#changes").text_content()
    assert "Analysed again" in ui.locator("#status").text_content()


def test_export_downloads_json_lines_and_csv(ui: Any, tmp_path: Path) -> None:
    with ui.expect_download() as download:
        ui.click("#export-jsonl")
    path = tmp_path / "history.jsonl"
    download.value.save_as(path)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert {line["url"] for line in lines} >= {"https://news.example/trump-putin-call"}
    assert download.value.suggested_filename.endswith(".jsonl")
    ui.select_option("#site", "news.example")
    wait_for_rows(ui, 1)
    with ui.expect_download() as download:
        ui.click("#export-csv")
    path = tmp_path / "history.csv"
    download.value.save_as(path)
    table = list(csv.DictReader(io.StringIO(path.read_text())))
    assert {row["site"] for row in table} == {"news.example"}
    assert {row["type"] for row in table} == {"duplicate", "date_conflict"}


def test_keyboard_only_search_open_and_back(ui: Any) -> None:
    ui.keyboard.press("/")
    assert ui.evaluate("document.activeElement.id") == "q"
    ui.keyboard.type("footbridge")
    ui.wait_for_function("() => document.querySelectorAll('#pages-body tr[data-page-id]')"
                         ".length >= 1 && document.body.dataset.state === 'ready'")
    ui.wait_for_timeout(200)
    wait_for_list(ui)
    ui.locator("#pages-body .page-link").first.focus()
    ui.keyboard.press("Enter")
    ui.wait_for_selector("body[data-state=page-ready]")
    ui.locator("#findings button").first.focus()
    ui.keyboard.press("Enter")
    assert ui.evaluate("document.activeElement.tagName") == "MARK"
    ui.go_back()
    wait_for_list(ui)
    assert ui.input_value("#q") == "footbridge"


def test_dark_mode_at_200_percent_zoom_reflows_without_sideways_scrolling(
        server: LiveServer, browser: Any) -> None:
    page = open_history(server, browser, color_scheme="dark", device_scale_factor=2)
    page.set_viewport_size({"width": 640, "height": 900})  # a 1280 px window at 200%
    page.wait_for_timeout(100)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 24, 28)"
    overflow = page.evaluate("document.documentElement.scrollWidth - "
                             "document.documentElement.clientWidth")
    assert overflow <= 1
    shot(page, "list-dark-200pct", full_page=False)
    page.click("text=Donald Trump speaks to Russia")
    page.wait_for_selector("body[data-state=page-ready]")
    assert page.evaluate("document.documentElement.scrollWidth - "
                         "document.documentElement.clientWidth") <= 1
    shot(page, "page-dark-200pct", full_page=False)
    page.context.close()


def test_a_hostile_page_shows_as_text_and_nothing_of_it_runs(
        server: LiveServer, browser: Any) -> None:
    page = open_history(server, browser)
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    title = HOSTILE["title"]
    link = page.locator("#pages-body .page-link", has_text="<script>")
    assert link.text_content() == title
    link.click()
    page.wait_for_selector("body[data-state=page-ready]")
    page.wait_for_timeout(300)  # time for any onerror / onload that slipped through
    assert page.locator("#page-title").text_content() == title
    texts = page.locator("#article .block-text").all_text_contents()
    assert texts == [b["text"] for b in HOSTILE["blocks"]]
    assert page.locator("#main script, #main img, #main iframe, #main svg[onload]").count() == 0
    assert page.locator("#page-meta a").count() == 0  # javascript: URL is not a link
    assert page.locator("#page-meta").text_content().startswith("javascript:")
    # findings over hostile text are still marked
    assert "onerror" in page.locator("#article mark.finding.self").first.text_content() or (
        page.locator("#article mark.finding").count() >= 2)
    for block in page.locator("#article mark.finding").all():
        block.click()
    page.locator("#findings button").first.click()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.errors == []
    shot(page, "hostile")
    page.context.close()


def test_delete_removes_the_selected_pages(server: LiveServer, browser: Any) -> None:
    page = open_history(server, browser)
    before = len(rows(page))
    target = page.locator("#pages-body tr", has_text="Merger completed")
    target.locator("input[type=checkbox]").check()
    page.click("#delete-selected")
    assert page.locator("#confirm").is_visible()
    page.click("#confirm-ok")
    wait_for_rows(page, before - 1)
    assert "Deleted 1 page" in page.locator("#status").text_content()
    status, _, listed = server.request("/v1/history/pages?q=merger")
    assert status == 200 and listed["total"] == 0
    # and one page from its own view
    page.click("text=Donald Trump speaks to Russia")
    page.wait_for_selector("body[data-state=page-ready]")
    page.click("#delete-page")
    page.click("#confirm-ok")
    wait_for_rows(page, before - 2)
    page.context.close()


def test_a_browser_that_was_not_let_in_gets_no_token(server: LiveServer, browser: Any) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    response = page.goto(server.base + "/history")
    assert response.status == 401
    assert page.locator("meta[name=newslint-token]").count() == 0
    assert server.token not in page.content()
    ctx.close()


def test_a_paragraph_copied_from_another_page_says_where_it_appeared(
        server: LiveServer, browser: Any) -> None:
    """Runs last: it adds a page the list tests above do not count."""
    status, _, listed = server.request("/v1/history/pages?site=farm.example&limit=50")
    assert status == 200
    original = next(i for i in listed["items"] if i["url"].endswith("/farm-earthquake"))
    status, _, first = server.request(f"/v1/history/pages/{original['id']}")
    copied = max((b for b in first["analysis"]["blocks"] if b["kind"] == "p"),
                 key=lambda b: len(b["text"]))
    analyse(server, {"url": "https://copycat.example/story", "title": "Copycat story",
                     "blocks": [{"id": "c1", "kind": "p", "text": "An introduction of our own, "
                                 "written for this site alone and found nowhere else."},
                                {"id": "c2", "kind": "p", "text": copied["text"]}]})
    page = open_history(server, browser)
    page.click("text=Copycat story")
    page.wait_for_selector("body[data-state=page-ready]")
    note = page.locator("#article .recycled-note")
    assert note.count() == 1
    assert "This paragraph also appeared on farm.example" in note.text_content()
    shot(page, "recycled")
    note.locator("a").first.click()
    page.wait_for_selector("body[data-state=page-ready]")
    assert page.evaluate("location.hash").startswith(f"#/page/{original['id']}")
    page.context.close()


def test_the_history_shows_the_token_to_pair_the_extension(server: LiveServer,
                                                          browser: Any) -> None:
    page = open_history(server, browser)
    page.click("#pair-open")
    page.wait_for_selector("#pair", state="visible")  # the token is fetched with the session
    assert page.locator("#pair").is_visible()
    assert page.input_value("#pair-token") == server.token
    shot(page, "pair", full_page=False)
    page.click("#pair-close")
    assert not page.locator("#pair").is_visible()
    page.context.close()


def test_a_page_checked_only_in_part_says_so(server: LiveServer, browser: Any) -> None:
    """A page in another language was only checked word for word: its history view must
    say so, or "No findings" reads as a clean page. Runs after the list tests (it adds a
    page they do not count)."""
    text = ("Der Gemeinderat hat am Donnerstag beschlossen, die Gebühren für das Hallenbad "
            "im kommenden Jahr um zehn Prozent zu erhöhen, weil die Heizkosten gestiegen sind.")
    analyse(server, {"url": "https://zeitung.example/bad", "title": "Hallenbad wird teurer",
                     "blocks": [{"id": "d1", "kind": "p", "text": text},
                                {"id": "d2", "kind": "p", "text": "Die Opposition stimmte "
                                 "dagegen und verlangte einen Rabatt für Familien mit Kindern."}]})
    page = open_history(server, browser)
    page.click("text=Hallenbad wird teurer")
    page.wait_for_selector("body[data-state=page-ready]")
    notices = page.locator("#page-notices li")
    assert page.locator("#page-notices").is_visible()
    assert notices.count() == 1
    assert "only word-for-word repeats were checked" in notices.first.text_content()
    # a page analysed in full shows no notice list
    status, _, listed = server.request("/v1/history/pages?site=daily.example")
    assert status == 200 and listed["items"]
    page.click("#back-link")
    page.wait_for_selector("body[data-state=ready]")
    page.evaluate(f"location.hash = '#/page/{listed['items'][0]['id']}'")
    page.wait_for_selector("body[data-state=page-ready]")
    assert page.locator("#page-notices li").count() == 0
    assert page.locator("#page-notices").is_hidden()
    page.context.close()
