"""`newslint serve` for real: a waitress server on a loopback port, answering over HTTP."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import pytest

from .helpers import LiveServer, start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(tmp_path_factory.mktemp("serve"))
    yield live
    live.stop()


def test_the_real_server_answers_health(server: LiveServer) -> None:
    status, _, body = server.request("/v1/health", paired=False)
    assert status == 200 and body["name"] == "newslint"


def test_the_real_server_analyses_a_page(server: LiveServer) -> None:
    text = "The river flooded the old town on Sunday night and hundreds of people fled."
    blocks = [{"id": "a", "kind": "p", "text": text}, {"id": "b", "kind": "p", "text": text}]
    status, _, body = server.request("/v1/analyze", json.dumps({"blocks": blocks}).encode())
    assert status == 200
    assert [a["block"] for a in body["annotations"]] == ["b"]


def test_the_real_server_answers_errors_as_problems(server: LiveServer) -> None:
    status, headers, body = server.request("/v1/analyze", b"{")
    assert status == 400 and body["type"] == "urn:newslint:problem:invalid-json"
    assert headers["Content-Type"] == "application/problem+json"


def test_the_real_server_logs_one_line_per_request_without_page_text_or_token(
    server: LiveServer,
) -> None:
    secret = "Confidential draft about the mayor's resignation plans"
    server.request("/v1/analyze",
                   json.dumps({"blocks": [{"id": "a", "kind": "p", "text": secret}]}).encode())
    time.sleep(0.2)
    log = server.log.read_text()
    assert "POST /v1/analyze 200" in log
    assert secret not in log
    assert server.token not in log


def test_the_token_file_is_readable_by_the_user_only(server: LiveServer) -> None:
    mode = (server.home / "newslint" / "token").stat().st_mode & 0o777
    assert mode == 0o600


def test_only_loopback_is_listened_on(server: LiveServer) -> None:
    assert f"listening on http://127.0.0.1:{server.port}" in server.log.read_text()
    addresses = {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    for address in addresses - {"127.0.0.1", "::1", "127.0.1.1"}:
        with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as s:
            s.settimeout(1)
            assert s.connect_ex((address, server.port)) != 0, f"reachable on {address}"
