"""The first run, end to end in Debian's chromium: a fresh profile with the extension and
newslint installed (`newslint browser install` wrote the host manifest into the profile's
NativeMessagingHosts folder, where Chromium on Linux looks for a profile started with
--user-data-dir) and no server running. The first click starts the server through the
native messaging host and pairs with it: no token is typed anywhere.

Then: the shortcut shown is the one the browser bound, a rotated token is replaced by
itself, a re-click keeps one history run, and a copy of the extension under another id
is refused by the host.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from .extension_harness import (
    EXTENSION,
    READ_HIGHLIGHTS,
    Browser,
    Site,
    launch,
    screenshot,
)
from .helpers import free_port

TRUMP = "/trump-putin-call/source.html"
NEWSLINT = [sys.executable, "-m", "newslint.server"]


@dataclass
class World:
    """A user's machine: newslint installed (its own config and data dirs), a port nobody
    uses, and chromium with the extension on a fresh profile."""

    browser: Browser
    env: dict[str, str]
    home: Path
    port: int
    profile: Path
    playwright: Any

    def newslint(self, *args: str) -> str:
        done = subprocess.run([*NEWSLINT, *args], capture_output=True, text=True,
                              env=self.env, check=True, timeout=60)
        return done.stdout.strip()

    @property
    def token_file(self) -> Path:
        return self.home / "config" / "newslint" / "token"

    @property
    def pid_file(self) -> Path:
        return self.home / "data" / "newslint" / "browser-host" / "serve.pid"

    def answers(self, token: str) -> int:
        """The status the running server gives a token-checked call with `token`."""
        import urllib.error
        import urllib.request

        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/v1/history/stats",
                                         headers={"X-Newslint-Token": token})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)


def machine(tmp: Path) -> tuple[dict[str, str], int]:
    port = free_port()
    env = {**os.environ, "HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp / "config"),
           "XDG_DATA_HOME": str(tmp / "data"), "NEWSLINT_PORT": str(port)}
    env = {k: v for k, v in env.items() if not k.startswith("NEWSLINT_") or k == "NEWSLINT_PORT"}
    return env, port


def stop_server(pid_file: Path) -> None:
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    home = tmp_path_factory.mktemp("user")
    env, port = machine(home)
    profile = home / "chromium-profile"
    subprocess.run([*NEWSLINT, "browser", "install", "--chromium-profile", str(profile)],
                   env=env, check=True, capture_output=True, timeout=60)
    with sync_playwright() as playwright:
        browser = launch(playwright, profile, env=env)
        found = World(browser, env, home, port, profile, playwright)
        try:
            yield found
        finally:
            browser.close()
            stop_server(found.pid_file)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    served = Site()
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture
def tab(world: World) -> Iterator[Any]:
    page = world.browser.context.new_page()
    before = set(world.browser.context.pages)
    yield page
    for other in set(world.browser.context.pages) - before:
        other.close()
    page.close()


def highlights(page: Any) -> dict[str, list[str]]:
    return dict(page.evaluate(READ_HIGHLIGHTS))


def test_the_first_click_starts_newslint_and_pairs_with_no_token_typed(
        world: World, site: Site, tab: Any) -> None:
    browser = world.browser
    manifest = world.profile / "NativeMessagingHosts" / "org.newslint.host.json"
    assert json.loads(manifest.read_text())["allowed_origins"] == [f"{browser.origin}/"]
    # A fresh profile: nothing stored, nothing running, no token file yet.
    assert browser.worker.evaluate("() => chrome.storage.local.get(null)") == {}
    assert not world.pid_file.exists()
    assert not world.token_file.exists()

    tab.goto(site.url(TRUMP))
    tab_id = browser.tab_id(tab)
    popup = browser.open_popup(tab_id)
    popup.wait_for_function(
        "() => document.getElementById('working-text').textContent === 'Starting newslint…'")
    screenshot(popup, "first-run-starting")
    assert browser.run_until_done(popup, timeout=150_000) == "done", popup.inner_text("body")

    stored = browser.worker.evaluate("() => chrome.storage.local.get(null)")
    assert stored["port"] == world.port and stored["pairedBy"] == "host"
    assert stored["token"] == world.token_file.read_text().strip()
    assert world.answers(stored["token"]) == 200  # the server it started, on loopback
    assert world.pid_file.exists()

    tab.bring_to_front()
    marked = highlights(tab)
    assert {"newslint-duplicate", "newslint-date-conflict"} <= set(marked)
    assert marked["newslint-date-conflict"] == ["on November 8"]
    assert browser.badge(tab_id) == "5"
    # What to do next, said once, right after pairing.
    nxt = popup.locator("#next-steps")
    assert nxt.is_visible() and "pin the newslint button" in nxt.inner_text()
    assert "Alt+Shift+L" in nxt.inner_text()
    screenshot(popup, "first-run-done", full_page=True)
    screenshot(tab, "first-run-marked")

    # Said once: the popup opened again shows the findings without it.
    again = browser.open_popup(tab_id)
    assert browser.run_until_done(again) == "done"
    assert not again.locator("#next-steps").count()


def test_the_shortcuts_shown_are_the_ones_the_browser_bound(world: World, site: Site,
                                                           tab: Any) -> None:
    browser = world.browser
    bound = {c["name"]: c["shortcut"] for c in
             browser.worker.evaluate("() => chrome.commands.getAll()")}
    # Alt+Shift+N (the old choice) opens split view in current Chromium and stays unbound.
    assert bound == {"_execute_action": "Alt+Shift+L", "mark-page": "Alt+Shift+M"}
    tab.goto(site.url(TRUMP))
    popup = browser.open_popup(browser.tab_id(tab))
    browser.run_until_done(popup)
    assert popup.inner_text("#shortcut-key") == bound["_execute_action"]

    options = browser.context.new_page()
    options.goto(f"{browser.origin}/options.html")
    options.wait_for_selector("body[data-ready=yes]")
    shown = {li.get_attribute("data-command"): li.inner_text()
             for li in options.locator("#shortcuts li").all()}
    assert shown["_execute_action"].startswith(bound["_execute_action"])
    assert shown["mark-page"].startswith(bound["mark-page"])
    options.wait_for_selector("body[data-helper=yes]")
    assert "is installed" in options.inner_text("#auto-status")
    screenshot(options, "options-helper-found", full_page=True)
    options.click("#pair-auto")
    options.wait_for_function(
        "() => document.getElementById('auto-status').textContent.includes('by itself')")
    assert options.is_visible("#next") and "Alt+Shift+L" in options.inner_text("#next")
    screenshot(options, "options-paired-by-itself", full_page=True)
    options.close()


def test_a_rotated_token_is_refused_at_once_and_the_extension_pairs_again(
        world: World, site: Site, tab: Any) -> None:
    browser = world.browser
    old = browser.worker.evaluate("() => chrome.storage.local.get('token')")["token"]
    assert world.answers(old) == 200
    new = world.newslint("token", "--rotate")
    assert new != old
    assert world.answers(old) == 401  # the running server, at the very next request
    assert world.answers(new) == 200

    tab.goto(site.url(TRUMP))
    tab_id = browser.tab_id(tab)
    popup = browser.open_popup(tab_id)
    assert browser.run_until_done(popup) == "done", popup.inner_text("body")
    assert browser.worker.evaluate("() => chrome.storage.local.get('token')")["token"] == new
    assert browser.badge(tab_id) == "5"


def test_a_reclick_on_an_unchanged_page_keeps_one_history_run(
        world: World, site: Site, tab: Any) -> None:
    browser = world.browser
    tab.goto(site.url(TRUMP))
    tab_id = browser.tab_id(tab)
    first = browser.ask({"what": "analyze", "tabId": tab_id})
    second = browser.ask({"what": "analyze", "tabId": tab_id})
    assert first["status"] == second["status"] == "done"
    assert first["historyId"] and second["historyId"] == first["historyId"]


def test_the_host_refuses_a_copy_of_the_extension_under_another_id(
        world: World, site: Site, tmp_path: Path) -> None:
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("node_modules"))
    manifest = json.loads((copy / "manifest.json").read_text())
    del manifest["key"]  # Chromium then derives the id from the folder's path
    (copy / "manifest.json").write_text(json.dumps(manifest))
    profile = tmp_path / "profile"
    subprocess.run([*NEWSLINT, "browser", "install", "--chromium-profile", str(profile)],
                   env=world.env, check=True, capture_output=True, timeout=60)
    other = launch(world.playwright, profile, extension=copy, env=world.env)
    try:
        assert other.extension_id != world.browser.extension_id
        error = other.worker.evaluate("""() => chrome.runtime.sendNativeMessage(
            'org.newslint.host', {what: 'start'}).then(() => 'answered', e => e.message)""")
        assert "forbidden" in error
        # Its popup says why it cannot start newslint by itself, and what to do.
        dead = free_port()
        other.configure(port=dead)
        page = other.context.new_page()
        page.goto(site.url(TRUMP))
        popup = other.open_popup(other.tab_id(page))
        assert other.run_until_done(popup) == "error"
        assert popup.evaluate("() => document.body.dataset.errorCode") == "not-running"
        assert "does not accept this copy" in popup.inner_text("#error-native")
        screenshot(popup, "popup-error-helper-refused")
    finally:
        other.close()
    # It never got a token: the machine's server still runs under the same one.
    assert world.answers(world.token_file.read_text().strip()) == 200
