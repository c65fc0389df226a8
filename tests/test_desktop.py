"""The desktop app: the real pywebview window (Qt, QtWebEngine) over a real server.

Each window runs in its own process (tests/desktop_driver.py) with Qt's offscreen
platform, so no X server is needed; the driver reads the window's DOM and writes what
it saw as JSON. Screenshots land in test-artifacts/ (gitignored).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from newslint.desktop import app as desktop_app
from newslint.desktop import downloads
from newslint.desktop.instance import SingleInstance
from newslint.server.history.store import HistoryStore
from newslint.server.web import launch

from .helpers import LiveServer, free_port, start_server

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "pages"
DRIVER = ROOT / "tests" / "desktop_driver.py"
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = json.loads((PAGES / "hostile-page" / "request.json").read_text(encoding="utf-8"))
WINDOW_SECONDS = 60


@pytest.fixture(scope="module", autouse=True)
def desktop_extra() -> None:
    """CI installs the desktop extra: a missing one is a failure that says so, not a skip."""
    try:
        import webview  # noqa: F401
        from qtpy import QtWebEngineWidgets  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"the desktop tests need pywebview[qt] with QtWebEngine "
                    f"(pip install -e '.[dev]'): {exc}", pytrace=False)


def desktop_env(home: Path, *, display: bool = True) -> dict[str, str]:
    """The user's dirs inside `home` (the layout tests.helpers.start_server uses)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    env.update(XDG_CONFIG_HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"))
    if display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            env.pop(name, None)
    return env


@dataclass
class Window:
    """One `newslint desktop` process run by the driver."""

    home: Path
    process: subprocess.Popen[bytes]
    report_path: Path
    log: Path

    def report(self) -> dict[str, Any]:
        """What the window showed, once the driver has written it."""
        deadline = time.monotonic() + WINDOW_SECONDS
        while not self.report_path.is_file():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise AssertionError(f"the window wrote no report:\n{self.output()}")
            time.sleep(0.05)
        report: dict[str, Any] = json.loads(self.report_path.read_text(encoding="utf-8"))
        assert "error" not in report, f"{report['error']}\n{self.output()}"
        return report

    def wait(self) -> int:
        try:
            return self.process.wait(timeout=WINDOW_SECONDS)
        except subprocess.TimeoutExpired:
            self.close()
            raise AssertionError(f"the window did not close:\n{self.output()}") from None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def quit(self) -> None:
        """Close the window the way the app itself offers: its single-instance signal."""
        token = (self.home / "newslint" / "token").read_text().strip()
        instance = SingleInstance(self.home / "data" / "newslint", token)
        assert instance.signal("quit", wait=10), self.output()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def windows() -> Iterator[list[Window]]:
    """Every window a test opens is gone when it ends, whatever happened."""
    opened: list[Window] = []
    yield opened
    for window in opened:
        window.close()


def open_window(home: Path, port: int, *options: str,
                opened: list[Window] | None = None) -> Window:
    """Start the driver on the app's real `run`, as `newslint desktop --port` would."""
    report = home / f"window-{time.monotonic_ns()}.json"
    log = report.with_suffix(".log")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(DRIVER), "--port", str(port), "--report", str(report),
             *options], stdout=out, stderr=subprocess.STDOUT, env=desktop_env(home))
    window = Window(home, process, report, log)
    if opened is not None:
        opened.append(window)
    return window


def analyse(server: LiveServer, body: dict[str, Any]) -> None:
    status, _, answer = server.request("/v1/analyze", json.dumps(body).encode())
    assert status == 200, answer


def refused(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return False
    except ConnectionRefusedError:
        return True


# --- the window over a running server ----------------------------------------------------


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real `newslint serve` whose history has a farm page, a news page and the hostile
    page, all analysed through the API."""
    home = tmp_path_factory.mktemp("desktop-running")
    server = start_server(home)
    try:
        html = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
        analyse(server, {"html": html, "url": "https://news.example/trump-putin-call"})
        html = (PAGES / "farm-earthquake" / "source.html").read_text(encoding="utf-8")
        analyse(server, {"html": html, "url": "https://farm.example/earthquake"})
        analyse(server, HOSTILE)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def shown(running: LiveServer) -> dict[str, Any]:
    """What one window over `running` showed: the list, an export, the hostile page."""
    folder = running.home / "exports"
    folder.mkdir()
    window = open_window(running.home, running.port, "--open", HOSTILE["title"],
                         "--export", str(folder), "--screenshot",
                         str(ARTIFACTS / "desktop-history"))
    try:
        report = window.report()
        assert window.wait() == 0, window.output()
    finally:
        window.close()
    report["output"] = window.output()
    return report


def test_the_window_lists_the_pages_the_server_has_with_their_counts(
        running: LiveServer, shown: dict[str, Any]) -> None:
    status, _, listed = running.request("/v1/history/pages?limit=50")
    assert status == 200
    expected = [(item["id"], item["title"], item["site"] or "local file",
                 [item["counts"].get("duplicate", 0), item["counts"].get("date_conflict", 0)])
                for item in listed["items"]]
    rows = shown["list"]["rows"]
    assert [(r["id"], r["title"], r["site"], r["counts"]) for r in rows] == expected
    assert len(rows) == 3
    trump = next(r for r in rows if r["title"].startswith("Donald Trump speaks"))
    assert trump["counts"] == [4, 1]  # one finding per repeated paragraph
    assert shown["list"]["title"] == "newslint — history"
    assert shown["list"]["summary"].startswith("3 pages")
    assert shown["list"]["columns"][-2:] == ["Duplicates", "Date conflicts"]
    screenshot = shown["screenshot_list"]
    assert Path(screenshot["path"]).is_file()
    assert screenshot["width"] >= 1000 and screenshot["colours"] > 20  # drawn, not blank


def test_the_window_uses_the_running_server_and_leaves_it_running(
        running: LiveServer, shown: dict[str, Any]) -> None:
    assert shown["server"] == {"port": running.port, "in_process": False, "health": True}
    assert "(started here)" not in shown["output"]
    assert running.process.poll() is None
    assert launch.health(running.port) is not None


def test_a_hostile_page_shows_as_text_in_the_window_and_none_of_it_runs(
        shown: dict[str, Any]) -> None:
    page = shown["page"]
    assert page["state"] == "page-ready"
    assert page["title"] == HOSTILE["title"]
    assert page["texts"] == [block["text"] for block in HOSTILE["blocks"]]
    assert page["active_elements"] == 0
    assert page["meta_links"] == 0  # its javascript: URL is not made a link
    assert page["meta"].startswith("javascript:")
    assert page["findings"] >= 1  # the re-told paragraph is still found
    assert page["pwned"] is None and shown["list"]["pwned"] is None
    assert Path(shown["screenshot_page"]["path"]).is_file()


def test_the_page_in_the_window_can_call_no_python(shown: dict[str, Any]) -> None:
    """pywebview's bridge needs eval, which the UI's CSP refuses; the app offers none."""
    assert shown["bridge"] == {"js_api": "None", "functions": []}
    assert shown["list"]["api_methods"] == []


def test_an_export_from_the_window_is_saved_where_the_reader_chooses(
        running: LiveServer, shown: dict[str, Any]) -> None:
    export = shown["export"]
    assert Path(export["path"]).parent == running.home / "exports"
    lines = export["text"].splitlines()
    assert lines[0].startswith("page_id,analysis_id,analyzed_at,url,site,title")
    assert {"https://news.example/trump-putin-call", "https://farm.example/earthquake"} <= {
        line.split(",")[3] for line in lines[1:]}
    assert export["status"].startswith("Exported newslint-history-")


# --- the window's own server, one window per user, no display ------------------------------


def seed_store(home: Path) -> None:
    """One analysed page written straight into the history file the app will open."""
    store = HistoryStore(home / "data" / "newslint" / "history.db")
    response = {"analyzer": {"name": "newslint", "version": "test"},
                "page": {"url": "https://kept.example/bridge", "title": "Bridge over the Elbe"},
                "annotations": [{"type": "date_conflict", "rule": "date.conflict",
                                 "block": "p1", "start": 0, "end": 6}]}
    store.record(response, [{"id": "p1", "kind": "p", "text": "Monday, the council met."}])
    store.close()


def test_without_a_server_the_app_starts_one_and_stops_it_on_exit(
        tmp_path: Path, windows: list[Window]) -> None:
    seed_store(tmp_path)
    port = free_port()
    window = open_window(tmp_path, port, "--stay-open", opened=windows)
    report = window.report()
    assert report["server"] == {"port": port, "in_process": True, "health": True}
    assert [(r["title"], r["counts"]) for r in report["list"]["rows"]] == [
        ("Bridge over the Elbe", [0, 1])]
    assert launch.health(port) is not None  # answering other clients too while open
    window.quit()
    assert window.wait() == 0, window.output()
    assert "(started here)" in window.output()
    assert f"stopped the newslint server on port {port}" in window.output()
    assert launch.health(port) is None and refused(port)
    with socket.socket() as again:  # as a new server would bind it
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


def test_a_second_launch_brings_the_first_window_forward_and_exits_0(
        tmp_path: Path, windows: list[Window]) -> None:
    port = free_port()
    first = open_window(tmp_path, port, "--stay-open", opened=windows)
    first.report()
    second = subprocess.run(
        [sys.executable, "-m", "newslint.server", "desktop", "--port", str(port)],
        capture_output=True, text=True, timeout=WINDOW_SECONDS, env=desktop_env(tmp_path))
    assert second.returncode == 0, second.stderr
    assert "already open" in second.stderr
    assert "showing the history" not in second.stderr  # it opened no window of its own
    deadline = time.monotonic() + 10
    while "focus requested" not in first.output() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "focus requested" in first.output()
    assert first.process.poll() is None
    first.quit()
    assert first.wait() == 0, first.output()


def test_without_a_display_the_app_says_so_in_one_line_and_exits_1(tmp_path: Path) -> None:
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "newslint.server", "desktop", "--port", str(port)],
        capture_output=True, text=True, timeout=WINDOW_SECONDS,
        env=desktop_env(tmp_path, display=False))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newslint: There is no display")
    assert "newslint history --open" in lines[0]
    assert refused(port)  # no server was started for a window that cannot open
    assert not (tmp_path / "data" / "newslint" / "desktop.lock").exists()


def test_as_root_qtwebengine_is_told_to_run_without_its_sandbox(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    desktop_app.prepare_environment()
    desktop_app.prepare_environment()
    assert os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] == "--disable-gpu --no-sandbox"


def test_the_window_saves_downloads_only_from_its_own_server() -> None:
    assert downloads.from_our_server("blob:http://127.0.0.1:8877/5b3a0ab1", 8877)
    assert downloads.from_our_server("http://127.0.0.1:8877/v1/history/export", 8877)
    assert not downloads.from_our_server("blob:http://127.0.0.1:8878/5b3a0ab1", 8877)
    assert not downloads.from_our_server("http://127.0.0.1:88770/x", 8877)
    assert not downloads.from_our_server("https://evil.example/x.csv", 8877)
