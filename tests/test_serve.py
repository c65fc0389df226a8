"""`newslint serve` for real: a waitress server on a loopback port, answering over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "server.log"
    env = {**os.environ, "XDG_CONFIG_HOME": str(log.parent)}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "newslint.server", "serve", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env=env,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/v1/health", timeout=1)
            break
        except OSError:
            assert process.poll() is None, log.read_text()
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the server did not answer within 60 s:\n" + log.read_text())
    yield base, log
    process.terminate()
    process.wait(timeout=10)


def request(url: str, body: bytes | None = None,
            content_type: str = "application/json") -> tuple[int, dict[str, object]]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_real_server_answers_health(server: tuple[str, Path]) -> None:
    status, body = request(f"{server[0]}/v1/health")
    assert status == 200 and body["name"] == "newslint"


def test_the_real_server_analyses_a_page(server: tuple[str, Path]) -> None:
    text = "The river flooded the old town on Sunday night and hundreds of people fled."
    blocks = [{"id": "a", "kind": "p", "text": text}, {"id": "b", "kind": "p", "text": text}]
    status, body = request(f"{server[0]}/v1/analyze", json.dumps({"blocks": blocks}).encode())
    assert status == 200
    assert [a["block"] for a in body["annotations"]] == ["b"]  # type: ignore[index]


def test_the_real_server_answers_errors_as_problems(server: tuple[str, Path]) -> None:
    status, body = request(f"{server[0]}/v1/analyze", b"{", "application/json")
    assert status == 400 and body["type"] == "urn:newslint:problem:invalid-json"


def test_the_real_server_logs_one_line_per_request_without_page_text(
    server: tuple[str, Path],
) -> None:
    secret = "Confidential draft about the mayor's resignation plans"
    request(f"{server[0]}/v1/analyze",
            json.dumps({"blocks": [{"id": "a", "kind": "p", "text": secret}]}).encode())
    time.sleep(0.2)
    log = server[1].read_text()
    assert "POST /v1/analyze 200" in log
    assert secret not in log


def test_only_loopback_is_listened_on(server: tuple[str, Path]) -> None:
    port = int(server[0].rsplit(":", 1)[1])
    with socket.socket() as s:
        s.bind(("0.0.0.0", 0))
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    for address in addresses - {"127.0.0.1", "::1", "127.0.1.1"}:
        with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as s:
            s.settimeout(1)
            assert s.connect_ex((address, port)) != 0, f"server reachable on {address}"
