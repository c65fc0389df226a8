"""The history: every analysis kept in SQLite, searchable, and served by /v1/history."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from newslint.server.base.errors import NewslintError
from newslint.server.cli import main
from newslint.server.history import changes
from newslint.server.history.migrations import LATEST, MIGRATIONS
from newslint.server.history.store import Filters, HistoryStore, default_path
from newslint.server.pages.contract import validator
from newslint.server.web.app import create_app
from newslint.server.web.openapi import openapi

from .helpers import client_for

PAGES = Path(__file__).resolve().parent / "pages"
RETOLD = [
    {"id": "p1", "kind": "p", "text": "The city council of Dresden approved on Monday a new "
     "footbridge over the Elbe that will cost 42 million euros. Mayor Anna Vogt said "
     "construction at the Blaues Wunder site will begin in spring."},
    {"id": "p2", "kind": "p", "text": "On Monday, Dresden's city council gave its approval to "
     "a new footbridge over the Elbe, at a cost of 42 million euros. Building work at the "
     "Blaues Wunder site will begin in spring, according to Mayor Anna Vogt."},
]


def annotation(kind: str, block: str, start: int, end: int, twin: str | None = None,
               message: str = "A finding.") -> dict[str, Any]:
    related = [{"block": twin, "start": 0, "end": 5, "role": "twin"}] if twin else []
    return {"id": "a1", "type": kind, "rule": f"{kind}.rule", "severity": "warning",
            "block": block, "start": start, "end": end, "related": related, "score": None,
            "message": message, "evidence": {}}


def response(url: str | None, title: str | None, annotations: list[dict[str, Any]] | None = None,
             version: str = "0.1.0") -> dict[str, Any]:
    return {"analyzer": {"name": "newslint", "version": version},
            "page": {"url": url, "title": title, "published": None, "language": "en",
                     "words": 10, "source": "blocks"},
            "blocks": None, "annotations": annotations or [], "timeline": [], "notices": [],
            "elapsed_ms": 1.0}


def blocks(*texts: str) -> list[dict[str, str]]:
    return [{"id": f"b{i}", "kind": "p", "text": t} for i, t in enumerate(texts, 1)]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "history.db"


@pytest.fixture
def store(db: Path) -> HistoryStore:
    return HistoryStore(db)


@pytest.fixture
def history_app(db: Path) -> Flask:
    return create_app({"database": str(db)})


@pytest.fixture
def api(history_app: Flask) -> FlaskClient:
    return client_for(history_app)


def seed(store: HistoryStore) -> dict[str, int]:
    """Three pages on two sites over three days, with and without findings."""
    ids = {}
    ids["bridge"] = store.record(
        response("https://news.example/bridge", "Dresden approves a footbridge",
                 [annotation("duplicate", "b2", 0, 10, twin="b1")]),
        blocks("The council approved a footbridge over the Elbe.", "A footbridge, approved."),
        when="2026-11-20T10:00:00.000Z")
    ids["call"] = store.record(
        response("https://news.example/call", "Trump calls Putin",
                 [annotation("date_conflict", "b1", 0, 4, twin="b2")]),
        blocks("Trump spoke with Putin on November 7.", "A day earlier he called Zelensky."),
        when="2026-11-22T10:00:00.000Z")
    ids["weather"] = store.record(
        response("https://weather.example/today", "Sunny in Leipzig"),
        blocks("Leipzig will see sunshine all weekend."), when="2026-11-24T10:00:00.000Z")
    return ids


# --- the store ---------------------------------------------------------------------------


def test_the_database_defaults_to_the_users_data_directory_in_wal_mode(
        isolated_config: Path) -> None:
    path = default_path()
    assert path.name == "history.db" and str(path).startswith(str(isolated_config))
    store = HistoryStore(path)
    store.record(response("https://a.example/", "A"), blocks("Text."))
    assert store._read("PRAGMA journal_mode")[0][0] == "wal"
    assert store.schema_version() == LATEST


def test_a_kept_analysis_has_url_title_site_time_blocks_response_and_version(
        store: HistoryStore) -> None:
    body = response("https://News.Example/x?a=1", "Title", [annotation("duplicate", "b1", 0, 3)],
                    version="9.9")
    store.record(body, blocks("One.", "Two."), when="2026-11-25T08:00:00.000Z")
    page = store.page(1)
    assert (page["url"], page["site"], page["title"]) == ("https://News.Example/x?a=1",
                                                          "news.example", "Title")
    analysis = page["analysis"]
    assert analysis["analyzed_at"] == "2026-11-25T08:00:00.000Z"
    assert analysis["engine_version"] == "9.9"
    assert analysis["response"] == body
    assert [b["text"] for b in analysis["blocks"]] == ["One.", "Two."]


def test_a_page_without_a_title_is_listed_by_its_first_heading_or_text(
        store: HistoryStore) -> None:
    store.record(response(None, None), [{"id": "h", "kind": "h1", "text": "  The   headline "},
                                        {"id": "p", "kind": "p", "text": "Body."}])
    assert store.list_pages(Filters())["items"][0]["title"] == "The headline"


def test_reanalysing_a_url_keeps_both_runs_and_says_what_changed(store: HistoryStore) -> None:
    url = "https://news.example/story"
    text = blocks("Alpha beta gamma delta.", "Alpha beta gamma delta again.", "Old date.")
    first = store.record(response(url, "Story", [
        {**annotation("duplicate", "b2", 0, 10, twin="b1"), "id": "a1"},
        {**annotation("date_conflict", "b3", 0, 3, twin="b1"), "id": "a2"}]), text,
        when="2026-11-01T00:00:00.000Z")
    # The second run numbers its blocks differently: the same duplicate must count as kept.
    renumbered = [{**b, "id": f"x{i}"} for i, b in enumerate(text)]
    second = store.record(response(url, "Story", [
        {**annotation("duplicate", "x1", 0, 10, twin="x0"), "id": "a1"},
        {**annotation("duplicate", "x2", 0, 3, twin="x0", message="New one."), "id": "a2"}]),
        renumbered, when="2026-11-02T00:00:00.000Z")
    page = store.page(1)
    assert [r["id"] for r in page["runs"]] == [first, second]
    assert page["analysis"]["id"] == second and page["analysis"]["previous"] == first
    diff = page["analysis"]["changes"]
    assert diff["kept"] == 1
    assert [a["message"] for a in diff["added"]] == ["New one."]
    assert [a["type"] for a in diff["removed"]] == ["date_conflict"]
    assert (page["runs"][1]["added"], page["runs"][1]["removed"]) == (1, 1)
    assert store.page(1, first)["analysis"]["previous"] is None
    assert store.list_pages(Filters())["items"][0]["runs"] == 2


def test_findings_are_compared_by_what_they_mark_not_by_block_id() -> None:
    before = {"blocks": blocks("Same text here.", "Twin text."),
              "response": {"annotations": [annotation("duplicate", "b1", 0, 4, twin="b2")]}}
    after = {"blocks": [{"id": "z", "kind": "p", "text": "Twin text."},
                        {"id": "y", "kind": "p", "text": "Same text here."}],
             "response": {"annotations": [annotation("duplicate", "y", 0, 4, twin="z")]}}
    assert changes.compare(before, after) == {"added": [], "removed": [], "kept": 1}


def test_the_list_filters_by_site_kind_dates_and_text(store: HistoryStore) -> None:
    seed(store)

    def titles(**kw: Any) -> list[str]:
        return [i["title"] for i in store.list_pages(Filters(**kw))["items"]]

    import datetime as dt
    assert titles() == ["Sunny in Leipzig", "Trump calls Putin", "Dresden approves a footbridge"]
    assert titles(site="news.example") == ["Trump calls Putin", "Dresden approves a footbridge"]
    assert titles(kind="duplicate") == ["Dresden approves a footbridge"]
    assert titles(kind="date_conflict") == ["Trump calls Putin"]
    assert titles(kind="any") == ["Trump calls Putin", "Dresden approves a footbridge"]
    assert titles(kind="none") == ["Sunny in Leipzig"]
    assert titles(since=dt.date(2026, 11, 21), until=dt.date(2026, 11, 22)) == [
        "Trump calls Putin"]
    assert titles(q="zelensky") == ["Trump calls Putin"]
    assert titles(q="footbr") == ["Dresden approves a footbridge"]  # words match as prefixes
    assert titles(q="putin elbe") == []  # every word must occur
    found = store.list_pages(Filters(q="sunshine"))["items"][0]
    assert "\u0002sunshine\u0003" in found["snippet"]


def test_sorting_and_paging(store: HistoryStore) -> None:
    seed(store)
    by_title = store.list_pages(Filters(), sort="title")["items"]
    assert by_title[0]["title"] == "Dresden approves a footbridge"
    assert store.list_pages(Filters(), sort="oldest")["items"][0]["title"] == (
        "Dresden approves a footbridge")
    screen = store.list_pages(Filters(), limit=2, offset=2)
    assert screen["total"] == 3 and [i["title"] for i in screen["items"]] == [
        "Dresden approves a footbridge"]
    with pytest.raises(NewslintError, match="sort must be"):
        store.list_pages(Filters(), sort="random()")


@pytest.mark.parametrize("query", ['"', 'AND OR NOT', "NEAR(a b", "title:*", "*", "a\"b'c",
                                   "); DROP TABLE pages; --", "\u0000"])
def test_search_text_is_never_a_query_syntax_error(store: HistoryStore, query: str) -> None:
    seed(store)
    result = store.list_pages(Filters(q=query))
    assert result["total"] >= 0
    assert store.list_pages(Filters())["total"] == 3


def test_stats_count_findings_per_day_and_per_site(store: HistoryStore) -> None:
    seed(store)
    stats = store.stats(Filters())
    assert [d["day"] for d in stats["by_day"]] == ["2026-11-20", "2026-11-22", "2026-11-24"]
    assert stats["by_day"][0]["counts"] == {"duplicate": 1}
    assert stats["by_site"][0] == {"site": "news.example", "pages": 2, "findings": 2}
    assert store.kinds() == ["date_conflict", "duplicate"]


def test_many_threads_writing_at_once_lose_nothing(store: HistoryStore) -> None:
    def write(n: int) -> None:
        for i in range(10):
            store.record(response(f"https://t.example/{n}/{i}", f"T{n}.{i}"), blocks("x"))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.list_pages(Filters())["total"] == 60


def test_a_failure_in_the_middle_of_a_write_leaves_nothing_behind(
        store: HistoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(store)
    before = store.list_pages(Filters())

    def broken(*args: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(HistoryStore, "_index_text", staticmethod(broken))
    with pytest.raises(RuntimeError):
        store.record(response("https://news.example/bridge", "Changed title",
                              [annotation("duplicate", "b1", 0, 1)]), blocks("New text."))
    with pytest.raises(RuntimeError):
        store.record(response("https://new.example/", "New page"), blocks("New."))
    monkeypatch.undo()
    assert store.list_pages(Filters()) == before
    counts = [store._read(f"SELECT count(*) FROM {t}")[0][0]
              for t in ("pages", "analyses", "findings", "page_text")]
    assert counts == [3, 3, 2, 3]
    store.record(response("https://new.example/", "New page"), blocks("New."))  # still works


# --- the file: migrations, corruption, newer schemas --------------------------------------


def make_v1_database(path: Path) -> None:
    """A history as newslint with schema 1 (no full-text search) left it."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0].sql)
    conn.execute("PRAGMA user_version = 1")
    body = response("https://old.example/story", "An old story about the Elbe bridge",
                    [annotation("duplicate", "b2", 0, 5, twin="b1")])
    conn.execute("INSERT INTO pages (id, url, site, title, first_analyzed, last_analyzed, "
                 "latest_analysis) VALUES (1, 'https://old.example/story', 'old.example', "
                 "'An old story about the Elbe bridge', '2025-01-01T00:00:00.000Z', "
                 "'2025-01-01T00:00:00.000Z', 1)")
    conn.execute("INSERT INTO analyses (id, page_id, analyzed_at, engine_version, title, blocks, "
                 "response, counts, findings) VALUES (1, 1, '2025-01-01T00:00:00.000Z', '0.0.9', "
                 "'An old story about the Elbe bridge', ?, ?, '{\"duplicate\": 1}', 1)",
                 (json.dumps(blocks("Bridge over the Elbe.", "Elbe bridge, again.")),
                  json.dumps(body)))
    conn.execute("INSERT INTO findings VALUES (1, 'duplicate', 'duplicate.rule', 'b2', 0, 5)")
    conn.commit()
    conn.close()


def test_a_database_of_the_first_schema_is_migrated_and_keeps_its_data(db: Path) -> None:
    make_v1_database(db)
    store = HistoryStore(db)
    assert store.schema_version() == LATEST
    page = store.page(1)
    assert page["title"] == "An old story about the Elbe bridge"
    assert page["analysis"]["engine_version"] == "0.0.9"
    # the migration indexed the old page's text for search, one-letter prefixes too
    assert [i["id"] for i in store.list_pages(Filters(q="again"))["items"]] == [1]
    assert [i["id"] for i in store.list_pages(Filters(q="e"))["items"]] == [1]
    # and copied its findings count onto the page, where the list filters by it
    assert store.list_pages(Filters(kind="any"))["total"] == 1
    store.record(response("https://old.example/story", "An old story about the Elbe bridge"),
                 blocks("Bridge over the Elbe."))
    assert store.page(1)["runs"][0]["engine_version"] == "0.0.9"
    assert len(store.page(1)["runs"]) == 2


def test_a_migration_that_fails_leaves_the_old_schema_and_data(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint.server.history import store as store_module
    from newslint.server.history.migrations import Migration

    make_v1_database(db)
    broken = (*MIGRATIONS[:1], Migration(2, "0002_broken", "CREATE TABLE half (x); SELECT nope("))
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    with pytest.raises(NewslintError):
        HistoryStore(db).open()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == 1
    conn.close()


def test_a_corrupted_file_is_a_clear_error_and_is_never_overwritten(
        db: Path, history_app: Flask, api: FlaskClient) -> None:
    junk = b"this is not a database\x00" * 300
    db.write_bytes(junk)
    answer = api.get("/v1/history/pages")
    assert answer.status_code == 500
    problem = answer.get_json()
    assert problem["type"] == "urn:newslint:problem:history-unreadable"
    assert str(db) in problem["detail"] and "has not changed it" in problem["detail"]
    # analysing still works: the result is answered, only not kept
    analysed = api.post("/v1/analyze", json={"url": "https://x.example/", "blocks": RETOLD})
    assert analysed.status_code == 200 and "X-Newslint-History-Id" not in analysed.headers
    assert db.read_bytes() == junk
    assert not db.with_name(db.name + "-wal").exists()


def test_a_truncated_database_is_reported_not_rebuilt(db: Path) -> None:
    store = HistoryStore(db)
    seed(store)
    store.close()
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\xff" * 200 + data[300:4096])
    with pytest.raises(NewslintError) as caught:
        HistoryStore(db).list_pages(Filters())
    assert caught.value.code == "history-unreadable"


def test_a_database_from_a_newer_newslint_is_refused_untouched(db: Path,
                                                               api: FlaskClient) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    answer = api.get("/v1/history/pages")
    assert answer.status_code == 500
    assert answer.get_json()["type"] == "urn:newslint:problem:history-too-new"
    assert f"schema {LATEST + 5}" in answer.get_json()["detail"]
    assert db.read_bytes() == before


def test_another_applications_sqlite_file_is_not_taken_over(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name)")
    conn.commit()
    conn.close()
    with pytest.raises(NewslintError, match="not a newslint history"):
        HistoryStore(db).open()


def test_only_the_store_imports_sqlite3() -> None:
    root = Path(__file__).resolve().parent.parent
    users = sorted(str(p.relative_to(root)) for folder in ("server", "desktop")
                   for p in (root / folder).rglob("*.py") if "sqlite3" in p.read_text())
    assert users == ["server/history/store.py"]


# --- the API -----------------------------------------------------------------------------


def test_every_analysis_through_the_api_is_kept(api: FlaskClient, history_app: Flask) -> None:
    answer = api.post("/v1/analyze", json={"url": "https://example.org/bridge", "lang": "en",
                                           "title": "Bridge", "blocks": RETOLD})
    assert answer.status_code == 200
    kept = int(answer.headers["X-Newslint-History-Id"])
    page = api.get("/v1/history/pages/1").get_json()
    validator("history-page").validate(page)
    assert page["analysis"]["id"] == kept
    assert page["analysis"]["response"] == answer.get_json()
    assert page["analysis"]["blocks"] == RETOLD
    listed = api.get("/v1/history/pages").get_json()
    validator("history-page-list").validate(listed)
    assert listed["items"][0]["counts"] == {"duplicate": 1}
    assert listed["items"][0]["site"] == "example.org"


def test_an_html_page_keeps_the_blocks_the_server_extracted(api: FlaskClient) -> None:
    html = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
    answer = api.post("/v1/analyze", json={"html": html, "url": "https://news.example/call"})
    page = api.get("/v1/history/pages/1").get_json()
    assert page["analysis"]["blocks"] == answer.get_json()["blocks"]
    assert len(page["analysis"]["response"]["annotations"]) >= 2


def test_the_history_api_needs_the_token(history_app: Flask) -> None:
    anonymous = client_for(history_app, paired=False)
    for method, path in [("get", "/v1/history/pages"), ("get", "/v1/history/pages/1"),
                         ("get", "/v1/history/export"), ("get", "/v1/history/stats"),
                         ("post", "/v1/history/pages/delete"), ("post", "/v1/history/ticket"),
                         ("delete", "/v1/history/pages/1"),
                         ("post", "/v1/history/pages/1/rerun")]:
        assert getattr(anonymous, method)(path).status_code == 401, path


def test_list_parameters_are_checked(api: FlaskClient) -> None:
    for query in ["since=yesterday", "limit=ten", "sort=random", "ids=1,x"]:
        answer = api.get(f"/v1/history/pages?{query}")
        assert answer.status_code == 422, query
        assert answer.get_json()["type"] == "urn:newslint:problem:invalid-request"


def test_list_and_stats_through_the_api(api: FlaskClient, history_app: Flask) -> None:
    from newslint.server.history import store_for

    seed(store_for(history_app))
    listed = api.get("/v1/history/pages?site=news.example&kind=duplicate").get_json()
    assert [i["title"] for i in listed["items"]] == ["Dresden approves a footbridge"]
    searched = api.get("/v1/history/pages?q=leipzig").get_json()
    assert searched["total"] == 1 and searched["items"][0]["snippet"]
    stats = api.get("/v1/history/stats?since=2026-11-21").get_json()
    validator("history-stats").validate(stats)
    assert [d["day"] for d in stats["by_day"]] == ["2026-11-22", "2026-11-24"]
    assert {s["site"] for s in stats["sites"]} == {"news.example", "weather.example"}


def test_one_page_and_a_missing_page(api: FlaskClient, history_app: Flask) -> None:
    from newslint.server.history import store_for

    ids = seed(store_for(history_app))
    assert api.get("/v1/history/pages/2").get_json()["analysis"]["id"] == ids["call"]
    missing = api.get("/v1/history/pages/99")
    assert missing.status_code == 404
    assert missing.get_json()["type"] == "urn:newslint:problem:not-found"
    assert api.get(f"/v1/history/pages/2?analysis={ids['bridge']}").status_code == 404


def test_delete_one_page_and_many(api: FlaskClient, history_app: Flask) -> None:
    from newslint.server.history import store_for

    seed(store_for(history_app))
    assert api.delete("/v1/history/pages/1").get_json() == {"deleted": 1}
    assert api.delete("/v1/history/pages/1").status_code == 404
    answer = api.post("/v1/history/pages/delete", json={"ids": [2, 3, 42]})
    validator("history-delete-response").validate(answer.get_json())
    assert answer.get_json() == {"deleted": 2}
    assert api.get("/v1/history/pages").get_json()["total"] == 0
    assert api.get("/v1/history/pages?q=leipzig").get_json()["total"] == 0
    for bad in [{}, {"ids": []}, {"ids": ["1"]}, {"ids": [True]}, [1, 2]]:
        assert api.post("/v1/history/pages/delete", json=bad).status_code == 422
    assert api.post("/v1/history/pages/delete", data="ids=1",
                    content_type="application/x-www-form-urlencoded").status_code == 415


def test_export_as_json_lines_and_csv(api: FlaskClient, history_app: Flask) -> None:
    from newslint.server.history import store_for

    store = store_for(history_app)
    seed(store)
    store.record(response("https://evil.example/", "=HYPERLINK(\"http://x\")",
                          [annotation("duplicate", "b1", 0, 2, message="+cmd|' /C calc'!A0")]),
                 blocks("@SUM(1)"))
    jsonl = api.get("/v1/history/export?format=jsonl")
    assert jsonl.status_code == 200 and jsonl.mimetype == "application/x-ndjson"
    assert "attachment" in jsonl.headers["Content-Disposition"]
    lines = [json.loads(line) for line in jsonl.data.decode().splitlines()]
    assert len(lines) == 4 and {"blocks", "response", "url", "analyzed_at"} <= set(lines[0])
    csv_answer = api.get("/v1/history/export?format=csv&site=evil.example")
    rows = list(csv.DictReader(io.StringIO(csv_answer.data.decode())))
    assert len(rows) == 1
    assert rows[0]["title"].startswith("'=") and rows[0]["message"].startswith("'+")
    everything = list(csv.DictReader(io.StringIO(api.get("/v1/history/export?format=csv")
                                                 .data.decode())))
    assert len(everything) == 4  # one line per finding, one for the page without any
    only = api.get("/v1/history/export?format=jsonl&ids=1").data.decode().splitlines()
    assert [json.loads(line)["page_id"] for line in only] == [1]
    assert api.get("/v1/history/export?format=xml").status_code == 422


def test_rerun_analyses_a_kept_page_with_the_current_engine(api: FlaskClient) -> None:
    api.post("/v1/analyze", json={"url": "https://example.org/bridge", "blocks": RETOLD})
    answer = api.post("/v1/history/pages/1/rerun")
    assert answer.status_code == 201
    body = answer.get_json()
    validator("history-rerun-response").validate(body)
    assert (body["previous"], body["kept"], body["added"], body["removed"]) == (1, 1, [], [])
    page = api.get("/v1/history/pages/1").get_json()
    assert [r["id"] for r in page["runs"]] == [1, body["analysis_id"]]
    assert api.post("/v1/history/pages/7/rerun").status_code == 404


def test_the_openapi_document_describes_the_history(api: FlaskClient) -> None:
    doc = api.get("/v1/openapi.json").get_json()
    assert doc == openapi()
    for path in ["/v1/history/pages", "/v1/history/pages/{page_id}", "/v1/history/export",
                 "/v1/history/pages/delete", "/v1/history/pages/{page_id}/rerun",
                 "/v1/history/stats", "/v1/history/ticket"]:
        assert path in doc["paths"], path
    assert {"HistoryPage", "HistoryPageList", "HistoryDeleteRequest"} <= set(
        doc["components"]["schemas"])


# --- the CLI -----------------------------------------------------------------------------


def test_the_cli_keeps_a_check_unless_told_not_to(tmp_path: Path) -> None:
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"title": "Bridge", "blocks": RETOLD}))
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--no-history", str(page)]).exit_code == 0
    store = HistoryStore(default_path())
    assert not default_path().exists() or store.list_pages(Filters())["total"] == 0
    for _ in range(2):
        assert runner.invoke(main, ["check", str(page)]).exit_code == 0
    listed = store.list_pages(Filters())
    assert listed["total"] == 1 and listed["items"][0]["runs"] == 2
    assert listed["items"][0]["url"] == page.resolve().as_uri()
    assert listed["items"][0]["counts"] == {"duplicate": 1}


def test_the_cli_still_answers_when_the_history_is_unreadable(tmp_path: Path) -> None:
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"blocks": RETOLD}))
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    result = CliRunner(env={"NEWSLINT_DATABASE": str(bad)}).invoke(main, ["check", str(page)])
    assert result.exit_code == 0
    assert "re-tells" in result.stdout
    assert "not kept in the history" in result.stderr
    assert bad.read_bytes() == b"garbage" * 100


# --- the UI's pairing ----------------------------------------------------------------------


def test_the_ui_without_a_session_shows_no_token(history_app: Flask) -> None:
    anonymous = client_for(history_app, paired=False)
    answer = anonymous.get("/history")
    assert answer.status_code == 401
    assert history_app.config["NEWSLINT_TOKEN"] not in answer.data.decode()
    assert "newslint history --open" in answer.data.decode()
    assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_a_ticket_lets_one_browser_in_once(history_app: Flask) -> None:
    """The ticket opens a page with no secret in it; its script redeems the ticket once for
    a session: a cookie named after the port and a key only the answer carries. Neither
    is the token, and the token is in no page (issue 16, problem 1)."""
    token = history_app.config["NEWSLINT_TOKEN"]
    port = history_app.config["NEWSLINT"]["port"]
    ticket = client_for(history_app).post("/v1/history/ticket").get_json()
    validator("history-ticket").validate(ticket)
    browser = client_for(history_app, paired=False)
    opened = browser.get(ticket["open"])
    assert opened.status_code == 200 and token not in opened.data.decode()
    assert opened.headers["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'")
    assert opened.headers["Cache-Control"] == "no-store"
    value = ticket["open"].split("ticket=")[1]
    session = browser.post("/history/session", json={"ticket": value},
                           headers={"Origin": f"http://127.0.0.1:{port}"})
    assert session.status_code == 201
    cookie = session.headers["Set-Cookie"]
    assert cookie.startswith(f"newslint_ui_{port}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    key = session.get_json()["session"]
    assert token not in cookie and key != token and key not in cookie
    page = browser.get("/history")
    assert page.status_code == 200 and token not in page.data.decode()
    # The cookie alone opens the page (no secret in it) but not the API; with the key it does.
    assert browser.get("/v1/history/pages").status_code == 401
    listed = browser.get("/v1/history/pages", headers={"X-Newslint-Session": key})
    assert listed.status_code == 200
    paired = browser.post("/v1/history/pairing-token", json={},
                          headers={"X-Newslint-Session": key})
    assert paired.status_code == 200 and paired.get_json()["token"] == token
    # Another extension's Origin is refused even with both halves.
    other = browser.get("/v1/history/pages", headers={
        "X-Newslint-Session": key, "Origin": "chrome-extension://abcdefghijklmnop"})
    assert other.status_code in (401, 403)
    again = client_for(history_app, paired=False).post("/history/session",
                                                       json={"ticket": value})
    assert again.status_code == 403 and token not in again.data.decode()
    assert client_for(history_app, paired=False).get(ticket["open"]).status_code == 403


def test_the_ui_is_refused_to_other_hosts_and_origins(history_app: Flask) -> None:
    ticket = client_for(history_app).post("/v1/history/ticket").get_json()
    browser = client_for(history_app, paired=False)
    browser.get(ticket["open"])
    assert browser.get("/history", headers={"Host": "evil.example:8877"}).status_code == 403
    assert browser.get("/history", headers={"Origin": "https://evil.example"}).status_code == 403


def test_the_ui_files_are_served_and_nothing_else(history_app: Flask) -> None:
    browser = client_for(history_app, paired=False)
    for name in ["history.js", "text.js", "chart.js", "history.css"]:
        answer = browser.get(f"/history/static/{name}")
        assert answer.status_code == 200 and answer.headers["X-Content-Type-Options"] == "nosniff"
    assert browser.get("/history/static/..%2fapp.py").status_code in (401, 404)
    assert browser.get("/history/static/history.html").status_code == 404


def test_the_ui_never_puts_page_data_into_markup() -> None:
    ui = Path(__file__).resolve().parent.parent / "server" / "web" / "ui"
    for script in ui.glob("*.js"):
        source = script.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                     "new Function", "srcdoc"):
            assert sink not in source, f"{script.name} uses {sink}"


# --- paragraphs that also appeared on other pages ----------------------------------------

SHARED = ("The city council of Dresden approved on Monday a new footbridge over the Elbe that "
          "will cost 42 million euros. Mayor Anna Vogt said construction at the Blaues Wunder "
          "site will begin in spring.")
OWN = ("Leipzig's zoo welcomed two red panda cubs this week, the first born there in a decade, "
       "and keepers expect visitors to see them from January onwards.")


def published(url: str, title: str, day: str) -> dict[str, Any]:
    body = response(url, title)
    body["page"]["published"] = day
    return body


def test_a_paragraph_seen_on_another_site_is_shown_with_how_many_days_earlier(
        store: HistoryStore, api: FlaskClient) -> None:
    first = store.record(published("https://origin.example/bridge", "Bridge", "2024-11-04"),
                         blocks(SHARED, OWN))
    store.record(published("https://farm.example/bridge", "Bridge again", "2024-11-07"),
                 blocks("A short intro.", SHARED))
    copy_id = store.page(2)["id"]
    page = api.get(f"/v1/history/pages/{copy_id}").get_json()
    validator("history-page").validate(page)
    (entry,) = page["recycled"]
    assert (entry["block"], entry["paragraph"]) == ("b2", 2)
    (place,) = entry["appears_on"]
    assert place["page"] == store.page(1)["id"] and place["site"] == "origin.example"
    assert (place["days_earlier"], place["when"], place["match"]) == (3, "3 days earlier",
                                                                     "exact")
    assert place["paragraph"] == 1 and first
    original = api.get("/v1/history/pages/1").get_json()
    assert original["recycled"][0]["appears_on"][0]["when"] == "3 days later"


def test_a_deleted_or_rewritten_page_is_no_longer_named_as_where_a_paragraph_appeared(
        store: HistoryStore, api: FlaskClient) -> None:
    store.record(published("https://origin.example/a", "A", "2024-11-04"), blocks(SHARED))
    store.record(published("https://other.example/b", "B", "2024-11-05"), blocks(SHARED))
    store.record(published("https://third.example/c", "C", "2024-11-06"), blocks(SHARED))
    assert len(api.get("/v1/history/pages/1").get_json()["recycled"][0]["appears_on"]) == 2
    store.delete([2])
    store.record(published("https://third.example/c", "C", "2024-11-06"), blocks(OWN))
    assert api.get("/v1/history/pages/1").get_json()["recycled"] == []


def test_analyses_kept_before_paragraph_signatures_get_them_when_first_needed(
        store: HistoryStore, db: Path, api: FlaskClient) -> None:
    store.record(published("https://origin.example/a", "A", "2024-11-04"), blocks(SHARED))
    store.record(published("https://other.example/b", "B", "2024-11-05"), blocks(SHARED))
    with sqlite3.connect(db) as conn:  # as a history written before migration 3 would be
        conn.execute("DELETE FROM paragraphs")
        conn.execute("UPDATE analyses SET paragraphs_indexed = 0")
    page = api.get("/v1/history/pages/2").get_json()
    assert page["recycled"][0]["appears_on"][0]["site"] == "origin.example"
