"""Issue 16, problem 1: another extension cannot take the token or read the history.

Debian's chromium with two extensions: newslint's own (so the profile is a real user's)
and a hostile one holding nothing but host access to `http://127.0.0.1/*`, as the attack
that found the problem used. The user opens the history in that same browser (so the
session cookie is in the profile, which Chromium attaches to the hostile extension's
fetches); the hostile extension's service worker then tries what the attack did.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from .extension_harness import EXTENSION, require_chromium, settle_install
from .helpers import LiveServer, start_server

HOSTILE_MANIFEST = {
    "manifest_version": 3, "name": "Innocent helper", "version": "1.0",
    "host_permissions": ["http://127.0.0.1/*"],
    "background": {"service_worker": "worker.js"},
}
#: What the attack's extension ran: read what it can, with the browser's cookies.
STEAL = """async ([base, token]) => {
  const out = {};
  const text = async (r) => ({ status: r.status, body: await r.text() });
  out.page = await text(await fetch(base + '/history', { credentials: 'include' }));
  out.list = await text(await fetch(base + '/v1/history/pages', { credentials: 'include' }));
  out.listWithGuess = await text(await fetch(base + '/v1/history/pages', {
      credentials: 'include', headers: { 'X-Newslint-Session': 'guess' } }));
  out.pair = await text(await fetch(base + '/v1/history/pairing-token', {
      method: 'POST', credentials: 'include', body: '{}',
      headers: { 'Content-Type': 'application/json' } }));
  out.session = await text(await fetch(base + '/history/session', {
      method: 'POST', credentials: 'include', body: '{"ticket": "x"}',
      headers: { 'Content-Type': 'application/json' } }));
  out.analyze = await text(await fetch(base + '/v1/analyze', {
      method: 'POST', body: JSON.stringify({ blocks: [{ id: 'a', kind: 'p', text: 'Hi.' }] }),
      headers: { 'Content-Type': 'application/json', 'X-Newslint-Token': token } }));
  return out;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(tmp_path_factory.mktemp("hostile-home"))
    try:
        request = urllib.request.Request(
            live.base + "/v1/analyze", method="POST", headers={
                "Content-Type": "application/json", "X-Newslint-Token": live.token},
            data=json.dumps({"url": "https://private.example/diary", "title": "My diary",
                             "blocks": [{"id": "a", "kind": "p",
                                         "text": "A private page the user read."}]}).encode())
        urllib.request.urlopen(request, timeout=60).read()
        yield live
    finally:
        live.stop()


def hostile_extension(folder: Path) -> Path:
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps(HOSTILE_MANIFEST))
    (folder / "worker.js").write_text("self.addEventListener('install', () => {});\n")
    return folder


def test_another_extension_cannot_read_the_token_or_the_history(
        server: LiveServer, tmp_path: Path) -> None:
    hostile = hostile_extension(tmp_path / "hostile")
    executable = require_chromium()
    both = f"{EXTENSION},{hostile}"
    args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", f"--disable-extensions-except={both}",
            f"--load-extension={both}"]
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=executable, headless=True, args=args)
        try:
            worker = _worker(context, "worker.js")
            # newslint's first run opens its Options page by itself; a tab opened before
            # that would be taken over by it (CI saw the navigation "interrupted by another").
            settle_install(context)
            # The user opens the history with a one-time link, as `newslint history --open`.
            status, _, ticket = server.request("/v1/history/ticket", b"{}", method="POST")
            assert status == 201
            page = context.new_page()
            page.goto(server.base + ticket["open"])
            page.wait_for_selector("body[data-state=ready]")
            assert "My diary" in (page.text_content("#pages-body") or "")  # the UI works
            page.click("#pair-open")
            page.wait_for_selector("#pair", state="visible")
            assert page.input_value("#pair-token") == server.token  # ... pairing too
            cookies = [c for c in context.cookies() if c["name"].startswith("newslint_ui")]
            assert [c["name"] for c in cookies] == [f"newslint_ui_{server.port}"]
            assert cookies[0]["httpOnly"] and cookies[0]["sameSite"] == "Strict"

            stolen: dict[str, Any] = worker.evaluate(STEAL, [server.base, "not-the-token"])
        finally:
            context.close()
    token = server.token
    for name, answer in stolen.items():
        assert token not in answer["body"], f"{name} leaked the token"
        assert "My diary" not in answer["body"], f"{name} leaked the history"
    # The page itself holds no secret; the cookie alone opens it, and nothing else.
    assert stolen["list"]["status"] == 401 and stolen["listWithGuess"]["status"] == 401
    assert stolen["pair"]["status"] in (401, 403)
    assert stolen["session"]["status"] == 403
    assert stolen["analyze"]["status"] == 403  # another extension's Origin
    assert "forbidden-origin" in stolen["analyze"]["body"]

    # Another program on 127.0.0.1 that received the cookie (cookies ignore ports) replays it.
    replay = urllib.request.Request(server.base + "/v1/history/pages", headers={
        "Cookie": f"{cookies[0]['name']}={cookies[0]['value']}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(replay, timeout=30)
    assert refused.value.code == 401
    assert token not in server.log.read_text()


def _worker(context: Any, name: str) -> Any:
    found = next((w for w in context.service_workers if w.url.endswith("/" + name)), None)
    return found or context.wait_for_event(
        "serviceworker", predicate=lambda w: w.url.endswith("/" + name), timeout=15_000)
