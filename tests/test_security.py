"""Only the user's own extension, desktop app and scripts may use the local server."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from newslint.server.cli import main
from newslint.server.web import security
from newslint.server.web.app import create_app

from .helpers import LiveServer, client_for, start_server

PAGE = {"blocks": [{"id": "a", "kind": "p", "text": "The council met on Monday."}]}


def problem_type(response) -> str:
    return str(response.get_json()["type"]).rsplit(":", 1)[1]


# --- through Flask's client -------------------------------------------------------------


def test_a_call_without_the_token_is_refused_and_does_nothing(app: Flask) -> None:
    response = client_for(app, paired=False).post("/v1/analyze", json=PAGE)
    assert response.status_code == 401 and problem_type(response) == "unauthorized"
    assert "newslint token" in response.get_json()["detail"]


def test_a_wrong_token_is_refused(app: Flask) -> None:
    client = client_for(app, paired=False)
    response = client.post("/v1/analyze", json=PAGE, headers={security.TOKEN_HEADER: "guess"})
    assert response.status_code == 401


def test_health_and_the_openapi_document_need_no_token(app: Flask) -> None:
    client = client_for(app, paired=False)
    assert client.get("/v1/health").status_code == 200
    assert client.get("/v1/openapi.json").status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8877", "evil.example", "127.0.0.1.nip.io:8877",
                                  "localhost:9999", "192.168.1.5:8877"])
def test_a_rebinding_host_is_refused(client: FlaskClient, host: str) -> None:
    response = client.post("/v1/analyze", json=PAGE, headers={"Host": host})
    assert response.status_code == 403 and problem_type(response) == "forbidden-host"


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:3000", "null",
                                    "http://127.0.0.1:8878"])
def test_web_page_origins_are_refused(client: FlaskClient, origin: str) -> None:
    response = client.post("/v1/analyze", json=PAGE, headers={"Origin": origin})
    assert response.status_code == 403 and problem_type(response) == "forbidden-origin"
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnop",
                                    "moz-extension://0b7c3f0e-1111-2222-3333-444455556666",
                                    "http://127.0.0.1:8877", "http://localhost:8877"])
def test_extensions_and_the_servers_own_pages_are_allowed(client: FlaskClient,
                                                          origin: str) -> None:
    response = client.post("/v1/analyze", json=PAGE, headers={"Origin": origin})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_cors_preflight_is_never_granted(app: Flask) -> None:
    response = client_for(app, paired=False).options(
        "/v1/analyze", headers={"Origin": "https://evil.example",
                                "Access-Control-Request-Headers": security.TOKEN_HEADER})
    assert response.status_code == 403
    assert not any(h.startswith("Access-Control-") for h, _ in response.headers.items())


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x"])
def test_simple_cross_site_content_types_never_reach_the_engine(
    client: FlaskClient, content_type: str
) -> None:
    response = client.post("/v1/analyze", data=json.dumps(PAGE), content_type=content_type)
    assert response.status_code == 415


def test_a_page_over_the_word_limit_names_the_limit() -> None:
    client = client_for(create_app({"max_words": 100}))
    page = {"blocks": [{"id": "a", "kind": "p", "text": "word " * 101}]}
    response = client.post("/v1/analyze", json=page)
    assert response.status_code == 413 and problem_type(response) == "too-many-words"
    assert response.get_json()["limit"] == 100 and "max_words" in response.get_json()["detail"]


def test_excess_concurrent_analyses_get_503_with_retry_after() -> None:
    app = create_app({"max_concurrent_analyses": 1, "analysis_wait_seconds": 0.2})
    client = client_for(app)
    busy = app.extensions["newslint_slots"]
    with app.app_context(), busy.hold():  # another tab's analysis holds the only slot
        response = client.post("/v1/analyze", json=PAGE)
    assert response.status_code == 503 and problem_type(response) == "server-busy"
    assert response.headers["Retry-After"] == "1"
    assert client.post("/v1/analyze", json=PAGE).status_code == 200


def test_no_error_reveals_the_token(app: Flask) -> None:
    token = app.config["NEWSLINT_TOKEN"]
    client = client_for(app, paired=False)
    for response in (client.post("/v1/analyze", json=PAGE),
                     client.post("/v1/analyze", json=PAGE, headers={"Host": "evil.example"}),
                     client_for(app).post("/v1/analyze", data=b"{")):
        assert token not in response.get_data(as_text=True)


def test_the_token_command_prints_the_token_and_rotate_replaces_it() -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["token"]).output.strip()
    assert first == security.read_or_create_token() and len(first) >= 40
    rotated = runner.invoke(main, ["token", "--rotate"]).output.strip()
    assert rotated != first and rotated == security.read_or_create_token()
    old = create_app().test_client()
    response = old.post("/v1/analyze", json=PAGE, headers={security.TOKEN_HEADER: first})
    assert response.status_code == 401


# --- against the real running server ----------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(tmp_path_factory.mktemp("attack"), channel_timeout=2)
    yield live
    live.stop()


def raw_post(server: LiveServer, headers: dict[str, str], body: bytes) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("POST", "/v1/analyze", skip_host=True, skip_accept_encoding=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "application/json"}, 401),
        ({"Content-Type": "application/json", security.TOKEN_HEADER: "wrong"}, 401),
        ({"Content-Type": "application/json", "Host": "evil.example:{port}",
          security.TOKEN_HEADER: "{token}"}, 403),
        ({"Content-Type": "application/json", "Origin": "https://evil.example",
          security.TOKEN_HEADER: "{token}"}, 403),
        ({"Content-Type": "text/plain", security.TOKEN_HEADER: "{token}"}, 415),
        ({"Content-Type": "application/x-www-form-urlencoded",
          security.TOKEN_HEADER: "{token}"}, 415),
    ],
    ids=["no-token", "wrong-token", "rebinding-host", "web-origin", "text-plain", "form"],
)
def test_attacks_on_the_real_server_are_refused(server: LiveServer, headers: dict[str, str],
                                                status: int) -> None:
    sent = {"Host": f"127.0.0.1:{server.port}"}
    sent.update({k: v.format(port=server.port, token=server.token) for k, v in headers.items()})
    assert raw_post(server, sent, json.dumps(PAGE).encode()) == status


def test_oversized_and_deeply_nested_bodies_are_refused(server: LiveServer) -> None:
    status, _, body = server.request("/v1/analyze", b" " * (5 * 1024 * 1024))
    assert status == 413 and "max_request_bytes" in body["detail"]
    status, _, body = server.request("/v1/analyze", b"[" * 200_000 + b"]" * 200_000)
    assert status == 400 and body["type"].endswith("invalid-json")


def test_a_slow_loris_connection_is_dropped_and_does_not_block_others(
    server: LiveServer,
) -> None:
    slow = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    slow.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{")
    answered: list[int] = []
    other = threading.Thread(target=lambda: answered.append(
        server.request("/v1/health", paired=False)[0]))
    other.start()
    other.join(timeout=10)
    assert answered == [200], "a trickling client blocked another request"
    started = time.monotonic()
    closed = False
    while time.monotonic() - started < 10:  # bounded: channel_timeout is 2 s here
        try:
            slow.sendall(b" ")
            if slow.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                closed = True
                break
        except BlockingIOError:
            pass
        except OSError:
            closed = True
            break
        time.sleep(0.5)
    slow.close()
    assert closed, "the trickling connection was never closed"


def raw_request(server: LiveServer, method: str, path: str, headers: dict[str, str],
                body: bytes = b"") -> tuple[int, bytes]:
    """One request sent exactly as written: no path normalisation, our own Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in {"Host": f"127.0.0.1:{server.port}", **headers}.items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    answer = response.status, response.read()
    connection.close()
    return answer


@pytest.mark.parametrize("path", [
    "/v1/history/pages/..%2F..%2F..%2Fetc%2Fpasswd",
    "/v1/history/pages/../../../etc/passwd",
    "/history/static/..%2F..%2Fapp.py",
    "/history/static/%2e%2e%2fviews%2fhistory.py",
    "/history/static/../../settings.py",
    "/history/static/history.js%00.py",
    "/v1/history/pages/1%3BDROP%20TABLE%20pages",
    "/v1/history/pages/-1",
    "/v1/history/pages/99999999999999999999999999",
    "/v1/history/pages?ids=99999999999999999999999999",
    "/v1/history/pages?offset=99999999999999999999999999",
    "/v1/history/export?format=..%2F..%2Fetc%2Fpasswd",
])
def test_path_tricks_on_the_history_are_refused_without_leaking_files(
        server: LiveServer, path: str) -> None:
    status, body = raw_request(server, "GET", path, {security.TOKEN_HEADER: server.token})
    assert 400 <= status < 500, (status, body[:200])
    assert b"import " not in body and b"root:" not in body
    problem = json.loads(body)
    assert problem["type"].startswith("urn:newslint:problem:")


def test_refused_requests_leave_the_history_unchanged(server: LiveServer) -> None:
    status, _, _ = server.request("/v1/analyze", json.dumps(PAGE).encode())
    assert status == 200
    before = server.request("/v1/history/pages?limit=500")[2]
    page_id = before["items"][0]["id"]
    token = server.token
    refused = [
        ("POST", "/v1/analyze", {"Content-Type": "application/json"}),
        ("POST", "/v1/analyze", {"Content-Type": "text/plain", security.TOKEN_HEADER: token}),
        ("POST", "/v1/analyze", {"Content-Type": "application/json",
                                 "Origin": "https://evil.example", security.TOKEN_HEADER: token}),
        ("POST", "/v1/analyze", {"Content-Type": "application/json",
                                 "Host": f"evil.example:{server.port}",
                                 security.TOKEN_HEADER: token}),
        ("DELETE", f"/v1/history/pages/{page_id}", {}),
        ("DELETE", f"/v1/history/pages/{page_id}", {security.TOKEN_HEADER: "wrong"}),
        ("DELETE", f"/v1/history/pages/{page_id}", {"Origin": "http://evil.example",
                                                     security.TOKEN_HEADER: token}),
        ("POST", "/v1/history/pages/delete", {"Content-Type": "text/plain",
                                              security.TOKEN_HEADER: token}),
        ("POST", f"/v1/history/pages/{page_id}/rerun", {"Content-Type": "application/json"}),
        ("POST", "/v1/history/ticket", {"Content-Type": "application/json",
                                        "Origin": "https://evil.example"}),
    ]
    for method, path, headers in refused:
        body = json.dumps({"ids": [page_id]} if "delete" in path else PAGE).encode()
        status, answer = raw_request(server, method, path, headers, body)
        assert status in (401, 403, 415), (method, path, status, answer[:200])
    after = server.request("/v1/history/pages?limit=500")[2]
    assert after == before
