"""The same extension directory in Firefox: Debian's firefox-esr under puppeteer-core
(extension/tools/firefox-smoke.mjs) installs it, pairs it in its Options page with the
real server, opens the popup on the Trump–Putin page (here under a strict Content-Security-
Policy, as many news sites send) and reads the page's highlights and the hover card.

Then the first run in Firefox: a fresh profile, newslint installed (`newslint browser
install` wrote ~/.mozilla/native-messaging-hosts/org.newslint.host.json) and no server
running; the popup's click starts newslint through the native messaging host and pairs,
with no token typed.

Nothing here skips: without firefox-esr, Node.js or the npm packages it fails and says why.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .extension_harness import ARTIFACTS, EXTENSION, PAGES, Site
from .helpers import LiveServer, free_port, start_server

FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
SMOKE = EXTENSION / "tools" / "firefox-smoke.mjs"
EXPECTED = json.loads((PAGES / "trump-putin-call" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    for needed, how in ((FIREFOX, "apt-get install firefox-esr"),
                        (shutil.which("node") or "node", "apt-get install nodejs npm"),
                        (str(EXTENSION / "node_modules" / "puppeteer-core"), "make setup")):
        if not Path(needed).exists():
            pytest.fail(f"the Firefox smoke test needs {needed}: {how}")
    server: LiveServer = start_server(tmp_path_factory.mktemp("firefox-home"))
    site = Site()
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        done = subprocess.run(
            ["node", str(SMOKE), "--port", str(server.port), "--token", server.token,
             "--page", site.url("/extension-strict-csp/source.html"), "--firefox", FIREFOX,
             "--screenshot", str(ARTIFACTS / "extension-firefox.png")],
            capture_output=True, text=True, timeout=120)
    finally:
        site.stop()
        server.stop()
    try:
        found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        pytest.fail(f"the smoke script did not report:\n{done.stdout}\n{done.stderr[-3000:]}")
    assert "error" not in found, found["error"]
    yield found


def test_firefox_installs_the_directory_and_pairs_in_the_options_page(
        report: dict[str, Any]) -> None:
    assert report["browser"].startswith("firefox/")
    assert report["addon"] == "newslint@newslint.local"
    assert report["paired"] == "yes", report["status"]
    assert report["permissionAsked"] is False  # host permissions granted at install


def test_firefox_marks_the_page_and_the_popup_lists_the_findings(report: dict[str, Any]) -> None:
    popup = report["popup"]
    assert popup["state"] == "done", popup["error"]
    assert popup["summary"] == "4 repeats, 1 date conflict"
    assert popup["timeline"] == ["6 Nov 2024", "7 Nov 2024", "8 Nov 2024"]
    marked = report["highlights"]
    assert marked["newslint-date-conflict"] == ["on November 8"]
    for case in EXPECTED["duplicates_must_flag"]:
        assert any(t.startswith(case["block"]) for t in marked["newslint-duplicate"]), case


def test_firefox_shows_the_hover_card_beside_the_mark_even_under_a_strict_csp(
        report: dict[str, Any]) -> None:
    card = report["inspect"]["card"]
    assert card is not None, "no card after hovering the date conflict"
    assert card["text"].startswith("Date conflict")
    assert card["buttons"][0]["text"] == (
        "Show the other date: “just a day earlier” (paragraph 3)")
    assert card["background"] == "rgb(255, 255, 255)"  # its own styles applied
    mark = report["markRect"]
    assert card["bottom"] <= mark["top"] or card["top"] >= mark["bottom"]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("firefox-user")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), NEWSLINT_PORT=str(port))
    subprocess.run([sys.executable, "-m", "newslint.server", "browser", "install"],
                   env=env, check=True, capture_output=True, timeout=60)
    pid_file = home / "data" / "newslint" / "browser-host" / "serve.pid"
    site = Site()
    try:
        done = subprocess.run(
            ["node", str(SMOKE), "--native", "--page", site.url("/trump-putin-call/source.html"),
             "--firefox", FIREFOX], capture_output=True, text=True, timeout=240, env=env)
    finally:
        site.stop()
        if pid_file.exists():
            pid = int(pid_file.read_text())
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
    try:
        found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        pytest.fail(f"the smoke script did not report:\n{done.stdout}\n{done.stderr[-3000:]}")
    assert "error" not in found, found["error"]
    found["port"] = port
    found["token"] = (home / "config" / "newslint" / "token").read_text().strip()
    found["started"] = pid_file.exists()
    yield found


def test_firefox_first_click_starts_newslint_and_pairs_with_no_token_typed(
        first_run: dict[str, Any]) -> None:
    assert first_run["stored"] == {}  # a fresh profile: nothing typed, nothing stored
    popup = first_run["popup"]
    assert popup["state"] == "done", popup["error"]
    assert popup["summary"] == "4 repeats, 1 date conflict"
    assert "Paired with newslint by itself" in popup["next"]
    assert first_run["highlights"]["newslint-date-conflict"] == ["on November 8"]
    stored = first_run["storedAfter"]
    assert (stored["port"], stored["token"], stored["pairedBy"]) == (
        first_run["port"], first_run["token"], "host")
    assert first_run["started"]  # the host started the server (and the test stopped it)
