"""The first run without friction, below the browser: the native messaging host (its
manifests, its wire protocol, what it refuses, starting the real server), token rotation
taking effect on a running server, the server's measured speed in /v1/health, and one
history run per unchanged page. The browser side is in tests/test_extension_native.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from newslint.server import browser_host
from newslint.server.cli import main
from newslint.server.pages.contract import validator
from newslint.server.web import security
from newslint.shared.extension_ids import (
    CHROMIUM_EXTENSION_ID,
    CHROMIUM_EXTENSION_ORIGIN,
    FIREFOX_EXTENSION_ID,
    NATIVE_HOST_NAME,
)

from .helpers import LiveServer, free_port, start_server

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = json.loads((ROOT / "extension" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def home(isolated_config: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME too (Firefox's manifests live under ~/.mozilla)."""
    monkeypatch.setenv("HOME", str(isolated_config))
    return isolated_config


# --- the extension's ids -----------------------------------------------------------------


def test_the_extension_ids_are_the_ones_its_manifest_gives_it() -> None:
    # Chromium's id: the first 128 bits of SHA-256 of the public key, in the letters a–p.
    digest = hashlib.sha256(base64.b64decode(MANIFEST["key"])).hexdigest()[:32]
    assert "".join(chr(ord("a") + int(c, 16)) for c in digest) == CHROMIUM_EXTENSION_ID
    assert MANIFEST["browser_specific_settings"]["gecko"]["id"] == FIREFOX_EXTENSION_ID
    assert "nativeMessaging" in MANIFEST["permissions"]
    ext_js = (ROOT / "extension" / "lib" / "ext.js").read_text(encoding="utf-8")
    assert f'export const NATIVE_HOST = "{NATIVE_HOST_NAME}";' in ext_js
    assert "PRIVATE KEY" not in json.dumps(MANIFEST)


# --- newslint browser install | uninstall | status --------------------------------------------


def test_install_writes_one_manifest_per_browser_naming_only_newslint(home: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["browser", "install"])
    assert done.exit_code == 0, done.output
    manifests = {t.browser: t.manifest for t in browser_host.targets()}
    assert manifests["chromium"] == (home / "xdg_config_home" / "chromium" / "NativeMessagingHosts"
                                     / f"{NATIVE_HOST_NAME}.json")
    assert manifests["firefox"] == home / ".mozilla" / "native-messaging-hosts" / (
        f"{NATIVE_HOST_NAME}.json")
    for browser, path in manifests.items():
        written = json.loads(path.read_text())
        launcher = Path(written["path"])
        assert launcher.is_absolute() and os.access(launcher, os.X_OK)
        assert written["name"] == NATIVE_HOST_NAME and written["type"] == "stdio"
        if browser == "firefox":
            assert written["allowed_extensions"] == [FIREFOX_EXTENSION_ID]
            assert "allowed_origins" not in written
        else:
            assert written["allowed_origins"] == [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"]
            assert "allowed_extensions" not in written
    assert runner.invoke(main, ["browser", "status"]).output.count("installed  (") == 3

    # A manifest edited to let another extension in is reported, not trusted.
    chromium = manifests["chromium"]
    edited = json.loads(chromium.read_text())
    edited["allowed_origins"].append("chrome-extension://abcdefghijklmnopabcdefghijklmnop/")
    chromium.write_text(json.dumps(edited))
    assert "chromium  names other extensions" in runner.invoke(main, ["browser", "status"]).output

    done = runner.invoke(main, ["browser", "uninstall"])
    assert done.output.count("removed ") == 3
    assert not any(path.exists() for path in manifests.values())
    assert not browser_host.launcher_path().exists()
    assert runner.invoke(main, ["browser", "status"]).output.count("not installed") == 3


def test_install_into_one_chromium_profile(home: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(main, ["browser", "install", "--chromium-profile", str(tmp_path)])
    assert done.exit_code == 0, done.output
    written = json.loads((tmp_path / "NativeMessagingHosts" / f"{NATIVE_HOST_NAME}.json")
                         .read_text())
    assert written["allowed_origins"] == [f"{CHROMIUM_EXTENSION_ORIGIN}/"]
    assert not (home / ".mozilla").exists()


# --- the host's wire protocol ------------------------------------------------------------------


def _frame(message: Any) -> bytes:
    body = json.dumps(message).encode()
    return struct.pack("=I", len(body)) + body


def _unframe(raw: bytes) -> list[Any]:
    answers = []
    while raw:
        (length,) = struct.unpack("=I", raw[:4])
        answers.append(json.loads(raw[4:4 + length]))
        raw = raw[4 + length:]
    return answers


def run_host(args: list[str], messages: list[Any], *, env: dict[str, str] | None = None,
             timeout: float = 150) -> tuple[int, list[Any], str]:
    """The installed launcher, as a browser starts it: (exit code, answers, stderr)."""
    launcher = browser_host.write_launcher()
    done = subprocess.run([str(launcher), *args], input=b"".join(map(_frame, messages)),
                          capture_output=True, timeout=timeout, env=env or dict(os.environ))
    return done.returncode, _unframe(done.stdout), done.stderr.decode()


def test_the_host_answers_what_it_knows_and_nothing_else(home: Path) -> None:
    code, answers, _ = run_host([f"{CHROMIUM_EXTENSION_ORIGIN}/"], [
        {"what": "hello"}, {"what": "run", "command": "rm -rf /"}, ["hello"], "start"])
    assert code == 0
    hello, unknown, not_object, not_object_either = answers
    assert hello == {"ok": True, "name": "newslint", "version": hello["version"], "protocol": 1,
                     "port": 8877}
    for answer in (unknown, not_object, not_object_either):
        assert answer["ok"] is False and answer["error"]["code"] == "unknown-message"
    assert "'run'" in unknown["error"]["detail"]


def test_the_host_refuses_any_other_extension(home: Path) -> None:
    for args in (["chrome-extension://abcdefghijklmnopabcdefghijklmnop/"],
                 [f"{CHROMIUM_EXTENSION_ORIGIN}/", "chrome-extension://abcdefghijklmnopabcdefghijklmnop/"],
                 ["/home/u/.mozilla/native-messaging-hosts/x.json", "other@example.org"],
                 []):
        code, answers, stderr = run_host(args, [{"what": "hello"}])
        assert (code, answers) == (2, []), args
        assert "newslint's own extension only" in stderr
    code, answers, _ = run_host(
        ["/home/u/.mozilla/native-messaging-hosts/x.json", FIREFOX_EXTENSION_ID],
        [{"what": "hello"}])
    assert code == 0 and answers[0]["ok"] is True


def test_an_oversized_message_is_refused_not_read(home: Path) -> None:
    launcher = browser_host.write_launcher()
    done = subprocess.run([str(launcher), f"{CHROMIUM_EXTENSION_ORIGIN}/"],
                          input=struct.pack("=I", 10**9) + b"{}", capture_output=True, timeout=60)
    assert done.returncode == 1
    assert _unframe(done.stdout)[0]["error"]["code"] == "bad-message"


def _stop(pid: int) -> None:
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        # The server is the host's grandchild's orphan: reaped by init, or a zombie of ours.
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:
            pass
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


@pytest.mark.slow  # the host starts a real server
def test_start_runs_newslint_serve_on_loopback_and_pairs(home: Path) -> None:
    port = free_port()
    env = {**os.environ, "NEWSLINT_PORT": str(port)}
    code, answers, stderr = run_host([f"{CHROMIUM_EXTENSION_ORIGIN}/"], [{"what": "start"}],
                                     env=env)
    pid = int(browser_host.pid_file().read_text())
    try:
        assert code == 0, stderr
        answer = answers[0]
        assert answer["ok"] is True, answer
        assert (answer["port"], answer["started"]) == (port, True)
        assert answer["token"] == security.token_file().read_text().strip()
        server = LiveServer(f"http://127.0.0.1:{port}", port, browser_host.server_log(),
                            home / "xdg_config_home",
                            None)  # type: ignore[arg-type]  # the host's server, no process of ours
        status, _, _ = server.request("/v1/history/stats")
        assert status == 200
        # Detached: the host has exited, the server runs on, in its own session, and logs
        # to the data directory.
        assert os.getsid(pid) == pid
        assert "listening on http://127.0.0.1:" in browser_host.server_log().read_text()
        # A second click finds it running and starts nothing.
        _, again, _ = run_host([f"{CHROMIUM_EXTENSION_ORIGIN}/"], [{"what": "start"}], env=env)
        assert (again[0]["ok"], again[0]["started"], again[0]["port"]) == (True, False, port)
        assert int(browser_host.pid_file().read_text()) == pid
    finally:
        _stop(pid)


def test_start_will_not_pair_with_another_program_on_the_port(home: Path) -> None:
    from .extension_harness import FakeServer

    other = FakeServer(health=None)
    try:
        _, answers, _ = run_host([f"{CHROMIUM_EXTENSION_ORIGIN}/"], [{"what": "start"}],
                                 env={**os.environ, "NEWSLINT_PORT": str(other.port)})
    finally:
        other.stop()
    assert answers[0]["ok"] is False and answers[0]["error"]["code"] == "not-newslint"
    assert "token" not in answers[0]
    assert not browser_host.pid_file().exists()


# --- token rotation on a running server --------------------------------------------------------


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    server = start_server(tmp_path)
    try:
        yield server
    finally:
        server.stop()


def test_serve_says_how_to_pair(live: LiveServer) -> None:
    said = live.log.read_text()
    assert "Browser extension: run `newslint browser install` once so it pairs by itself, " \
           f"or paste the output of `newslint token` in its Options (port {live.port})." in said


def test_a_rotated_token_takes_effect_on_the_running_server(live: LiveServer) -> None:
    old = live.token
    assert live.request("/v1/history/stats")[0] == 200
    env = {**os.environ, "XDG_CONFIG_HOME": str(live.home),
           "XDG_DATA_HOME": str(live.home / "data")}
    rotated = subprocess.run([sys.executable, "-m", "newslint.server", "token", "--rotate"],
                             capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert rotated == live.token != old
    status, _, body = live.request("/v1/history/stats", headers={security.TOKEN_HEADER: old})
    assert status == 401 and body["type"] == "urn:newslint:problem:unauthorized"
    assert live.request("/v1/history/stats", headers={security.TOKEN_HEADER: rotated})[0] == 200


def test_the_token_file_is_read_again_only_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "token"
    tokens = security.TokenFile(path)
    first = tokens.current()
    assert first == path.read_text().strip() and tokens.current() == first
    second = security.rotate_token(path)
    assert tokens.current() == second != first
    path.unlink()  # deleted: a new one is made, as `newslint token` would
    third = tokens.current()
    assert third not in (first, second) and path.read_text().strip() == third


# --- the server's speed, for the extension's estimate ------------------------------------------


def test_health_reports_the_speed_measured_on_recent_pages(client: FlaskClient) -> None:
    health = client.get("/v1/health").get_json()
    validator("health-response").validate(health)
    assert health["words_per_second"] is None  # nothing measured yet
    short = [{"id": "b1", "kind": "p", "text": "A short page of a few words."}]
    assert client.post("/v1/analyze", json={"blocks": short}).status_code == 200
    assert client.get("/v1/health").get_json()["words_per_second"] is None  # too short to count
    sentence = "The council met on Monday to discuss the bridge over the river Elbe again. "
    long = [{"id": f"b{i}", "kind": "p", "text": sentence * 5} for i in range(1, 11)]
    assert client.post("/v1/analyze", json={"blocks": long}).status_code == 200
    health = client.get("/v1/health").get_json()
    validator("health-response").validate(health)
    assert health["words_per_second"] > 0


def test_one_slow_analysis_does_not_set_the_speed() -> None:
    """The first analysis loads the sentence model; a busy machine slows one run: the
    estimate follows the typical recent page (the median), not the sum of their times."""
    from newslint.server.web.views.api import Speed

    speed = Speed()
    speed.record(500, 5.0)  # 100 words a second: the first page, the model loading
    for _ in range(4):
        speed.record(10_000, 2.0)  # 5,000 words a second
    speed.record(100, 0.001)  # too short to count
    assert speed.words_per_second() == 5000.0


# --- one history run per unchanged page ---------------------------------------------------------


def test_reclicking_an_unchanged_page_keeps_one_run(client: FlaskClient) -> None:
    page: dict[str, Any] = {"url": "https://news.example/bridge", "blocks": [
        {"id": "b1", "kind": "p", "text": "The Elbe bridge reopened on Monday after repairs."},
        {"id": "b2", "kind": "p",
         "text": "On Monday the bridge over the Elbe reopened after repairs."}]}
    first = client.post("/v1/analyze", json=page)
    again = client.post("/v1/analyze", json=page)
    kept = first.headers["X-Newslint-History-Id"]
    assert again.headers["X-Newslint-History-Id"] == kept
    listed = client.get("/v1/history/pages").get_json()
    assert listed["items"][0]["runs"] == 1
    # The page changed: a new run.
    page["blocks"][1]["text"] += " Traffic is back."
    changed = client.post("/v1/analyze", json=page)
    assert changed.headers["X-Newslint-History-Id"] != kept
    assert client.get("/v1/history/pages").get_json()["items"][0]["runs"] == 2


def test_a_new_engine_version_is_a_new_run(client: FlaskClient) -> None:
    from newslint.server.history import store_for

    page: dict[str, Any] = {"url": "https://news.example/x", "blocks": [
        {"id": "b1", "kind": "p", "text": "One paragraph about the bridge."}]}
    body = client.post("/v1/analyze", json=page).get_json()
    store = store_for(client.application)
    older = {**body, "analyzer": {**body["analyzer"], "version": "0.0.1"}}
    first = store.record(older, page["blocks"], reuse_unchanged=True)
    second = store.record(body, page["blocks"], reuse_unchanged=True)
    assert first != second
    assert re.fullmatch(r"\d+", str(second))


def test_status_notices_a_launcher_whose_python_is_gone(home: Path) -> None:
    browser_host.install()
    launcher = browser_host.launcher_path()
    launcher.write_text("#!/bin/sh\nexec '/nowhere/bin/python' -I -m newslint.server.browser_host "
                        '"$@"\n')
    said = CliRunner().invoke(main, ["browser", "status"]).output
    assert said.count("names a Python that is gone") == 3
