"""The waitress server newslint runs under (`newslint serve` and the desktop app).

Waitress receives a request's whole body before it calls the application, and keeps
a connection for as long as the client trickles bytes. On its own that let one web page
make the server spool a 1 GiB body before the Host, Origin and token checks, and let 98
slow connections lock every client out. So, without patching waitress globally:

- its body limit is the `max_request_bytes` setting (waitress refuses a larger
  `Content-Length` before reading any of it, and stops a chunked body at the limit);
- as soon as a request's headers are parsed, the app's `Gate` (Host, Origin, token or UI
  session) runs on them; a refused request is answered and closed before its body;
- every request must arrive whole within `request_timeout_seconds`, and idle
  connections go after `channel_timeout`; at most `connection_limit` at once;
- waitress's own error answers (400, 413, 431, 500…) are problem-details JSON;
- `channel_request_lookahead` lets waitress notice a client that went away, which the
  analysis deadline asks through `environ["waitress.client_disconnected"]`.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from http.cookies import CookieError, SimpleCookie
from typing import Any, cast

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import create_server as waitress_server
from waitress.task import ErrorTask
from waitress.utilities import Error

from ..base.errors import NewslintError

log = logging.getLogger("newslint.server")

#: How long, and how many bytes, a refused request's unread body is drained before closing.
LINGER_SECONDS = 5.0
LINGER_BYTES = 16 * 1024 * 1024

#: waitress's error codes → our problem codes.
_WAITRESS_CODES = {400: "bad-request", 413: "request-too-large", 431: "headers-too-large",
                   500: "internal-error", 501: "not-implemented"}


class Refused(Error):
    """A request the gate refused on its headers: answered as that problem."""

    def __init__(self, problem: NewslintError) -> None:
        super().__init__(problem.detail)
        self.problem = problem
        self.code = problem.status
        self.reason = problem.title


def problem_body(error: Error, settings: dict[str, Any]) -> tuple[int, bytes]:
    """A waitress error as (status, problem JSON)."""
    if isinstance(error, Refused):
        problem = error.problem
    elif error.code == 413:
        limit = int(settings["max_request_bytes"])
        problem = NewslintError("request-too-large", f"The request body is larger than the "
                                f"limit of {limit:,} bytes (setting max_request_bytes).",
                                limit=limit)
    else:
        problem = NewslintError(_WAITRESS_CODES.get(error.code, "http-error"),
                                f"{error.reason}: {error.body}.", title=error.reason,
                                status=error.code)
    return problem.status, json.dumps(problem.to_problem(), ensure_ascii=False).encode()


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def create_server(app: Flask, host: str, port: int) -> Any:
    """A waitress server for `app` on host:port (0: a free port), not yet running.

    The app's `port` setting must be the port it is served on (the Host check uses it);
    `port=0` callers build the app after and call `bind_app`."""
    settings = app.config["NEWSLINT"]
    holder: dict[str, Flask] = {"app": app}

    class Parser(HTTPRequestParser):
        """Records when the request began; runs the gate once the headers are in."""

        def __init__(self, adj: Any) -> None:
            super().__init__(adj)
            self.began = time.time()
            self.refused: Refused | None = None

        def received(self, data: bytes) -> int:
            consumed = int(super().received(data))
            if self.refused is not None:  # the gate's answer wins over waitress's own 413
                self.error = self.refused
            return consumed

        def parse_header(self, header_plus: bytes) -> None:
            super().parse_header(header_plus)
            if not (self.content_length > 0 or self.chunked):
                return  # no body to protect: Flask's own guard answers
            headers = {k.lower().replace("_", "-"): v for k, v in self.headers.items()}
            current = holder["app"]
            try:
                # parse_header sets `path`; types-waitress leaves it out of the parser.
                current.extensions["newslint_gate"].check(
                    self.command, self.path, headers,  # type: ignore[attr-defined]
                    _cookies(headers.get("cookie", "")))
            except NewslintError as refused:
                self.error = self.refused = Refused(refused)
                self.completed = True

    class ProblemErrorTask(ErrorTask):
        def execute(self) -> None:
            # types-waitress types a task's channel as waitress's own and its request as an
            # Error: here they are our Channel and the parser holding the error answered.
            cast(Channel, self.channel).linger = True
            error = cast(HTTPRequestParser, self.request).error
            assert error is not None  # waitress makes an error task only for an error
            status, body = problem_body(error, settings)
            self.status = f"{status} {error.reason}"
            # A list at run time; the stubs declare a read-only Sequence.
            self.response_headers.append(  # type: ignore[attr-defined]
                ("Content-Type", "application/problem+json"))
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    class Channel(HTTPChannel):
        """Closes a refused request's connection with a *lingering close*: the answer is
        sent, our side shut, and whatever body the client still sends read and dropped
        (never stored) for a bounded time and size. Closing at once would reset the
        connection while the client is still sending, and it would never see the
        problem it was answered with."""

        parser_class = Parser
        error_task_class = ProblemErrorTask
        linger = False
        draining_until = 0.0
        drained = 0

        def handle_close(self) -> None:
            if self.linger and not self.draining_until and self.connected \
                    and self.socket is not None:
                self.linger = False
                try:
                    self.socket.shutdown(socket.SHUT_WR)
                except OSError:
                    super().handle_close()
                    return
                self.draining_until = time.time() + LINGER_SECONDS
                self.will_close = self.close_when_flushed = False
                return
            super().handle_close()

        def readable(self) -> bool:
            return True if self.draining_until else bool(super().readable())

        def writable(self) -> bool:
            if self.draining_until:
                return self.draining_until < 0 or time.time() > self.draining_until
            return bool(super().writable())

        def handle_write(self) -> None:
            if self.draining_until:
                super().handle_close()
                return
            super().handle_write()

        def handle_read(self) -> None:
            if not self.draining_until:
                super().handle_read()
                return
            assert self.socket is not None  # a draining channel has not closed its socket
            try:
                data = self.socket.recv(65536)
            except OSError:
                data = b""
            self.drained += len(data)
            if not data or self.drained > LINGER_BYTES or time.time() > self.draining_until:
                super().handle_close()

    request_timeout = float(settings["request_timeout_seconds"])
    # Any: the hooks below reach waitress's internals where types-waitress is wrong
    # (active_channels is a dict, maintenance is called with a float time) or silent
    # (newslint_holder is ours). One host address gives a single-socket server; a name with
    # several addresses would give a MultiSocketServer, which takes none of these hooks, so a
    # name is bound at its first address only ("localhost" at 127.0.0.1 where it is also ::1).
    server: Any = waitress_server(
        _Dispatch(holder), host=_first_address(host, port), port=port, threads=settings["threads"],
        channel_timeout=settings["channel_timeout"], connection_limit=settings["connection_limit"],
        max_request_body_size=int(settings["max_request_bytes"]) + 1,
        cleanup_interval=max(1, min(int(request_timeout) // 3, 10)),
        channel_request_lookahead=1, ident="newslint")
    server.channel_class = Channel
    idle_maintenance = server.maintenance

    def maintenance(now: float) -> None:
        """Close idle connections (waitress) and those whose request is overdue (ours)."""
        idle_maintenance(now)
        for channel in list(server.active_channels.values()):
            request = channel.request
            if request is not None and not request.completed \
                    and now - getattr(request, "began", now) > request_timeout:
                log.info("closed a connection that took over %gs to send its request "
                         "(setting request_timeout_seconds)", request_timeout)
                channel.will_close = True

    server.maintenance = maintenance
    server.newslint_holder = holder
    return server


def _first_address(host: str, port: int) -> str:
    """The first address `host` resolves to; the name itself when it does not resolve
    (waitress then says why in its own error)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return host
    return str(found[0][4][0]) if found else host


class _Dispatch:
    """The WSGI callable: the app in the holder (the desktop builds it after binding)."""

    def __init__(self, holder: dict[str, Flask]) -> None:
        self.holder = holder

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.holder["app"](environ, start_response)


def bind_app(server: Any, app: Flask) -> None:
    """Serve `app` (built for the port the server actually got) from now on."""
    server.newslint_holder["app"] = app
