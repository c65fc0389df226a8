"""How the history UI is let in without the token ever reaching a page, cookie or log.

The UI is an HTML page the user opens in a browser or the desktop window. Its fetches
are authorised by a *UI session* that needs two things no other program on the machine
can both have:

1. the desktop app or `newslint history --open` (both read the token file) asks
   `POST /v1/history/ticket` for a one-time ticket, valid for a minute, and opens
   `/history/open?ticket=…`. That page holds no secret; its own script posts the ticket
   to `POST /history/session`, which redeems it once and answers
   - a cookie `newslint_ui_<port>` (HttpOnly, SameSite=Strict, random, not derived from
     the token), and
   - in the JSON body, a random per-session key, which the script keeps in the tab's
     `sessionStorage` and sends as `X-Newslint-Session` on every API call;
2. the UI API (`/v1/history/*` and the pairing dialog's `POST /v1/history/pairing-token`)
   accepts a request with neither token nor both halves of a live session, and only
   from no Origin or the server's own origin.

Threat model. Another browser extension with host access to `http://127.0.0.1/*`
gets the cookie attached to its own fetches (Chromium treats them as same-site) and can
read `/history`'s HTML, but never the session key: it is only in the answer to the
ticket exchange and in the UI tab's own storage. Its POSTs carry its own extension
Origin and are refused. Another server on 127.0.0.1 (cookies are not separated by
port) may receive the cookie: useless without the key. What no server can stop: an
extension allowed to inject scripts into 127.0.0.1 pages reads whatever those pages
show, the same as any page a user has open.

Rotating the token ends every UI session (each remembers a digest of the token it was
opened under). Sessions live in this process only; a restart asks for a new ticket.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

COOKIE_PREFIX = "newslint_ui_"
TICKET_SECONDS = 60
#: A UI session lasts this long without use (a working day), then needs a new ticket.
SESSION_IDLE_SECONDS = 12 * 3600
MAX_SESSIONS = 64


def cookie_name(port: int) -> str:
    """The session cookie's name carries the port: two servers on one machine (cookies are
    not separated by port) never overwrite or read each other's session."""
    return f"{COOKIE_PREFIX}{port}"


def _digest(token: str) -> bytes:
    return hashlib.sha256(b"newslint ui session\0" + token.encode()).digest()


class Tickets:
    """One-time tickets, each good for TICKET_SECONDS, kept in this process only."""

    def __init__(self, lifetime: float = TICKET_SECONDS) -> None:
        self.lifetime = lifetime
        self._lock = threading.Lock()
        self._open: dict[str, float] = {}

    def issue(self) -> str:
        ticket = secrets.token_urlsafe(24)
        with self._lock:
            moment = time.monotonic()
            self._open = {t: e for t, e in self._open.items() if e > moment}
            self._open[ticket] = moment + self.lifetime
        return ticket

    def is_open(self, ticket: str | None) -> bool:
        """Whether `ticket` could still be redeemed (without redeeming it)."""
        with self._lock:
            expires = self._open.get(ticket or "")
        return expires is not None and expires > time.monotonic()

    def redeem(self, ticket: str | None) -> bool:
        if not ticket:
            return False
        with self._lock:
            expires = self._open.pop(ticket, None)
        return expires is not None and expires > time.monotonic()


@dataclass
class Session:
    key: str
    token_digest: bytes
    last_used: float


class Sessions:
    """The UI sessions of this server: cookie value → (header key, token digest)."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.port = int(app.config["NEWSLINT"]["port"])
        self.cookie = cookie_name(self.port)
        self._own = frozenset(f"http://{name}:{self.port}"
                              for name in ("127.0.0.1", "localhost", "[::1]"))
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}

    def is_own(self, origin: str | None) -> bool:
        """No Origin (a GET of the page's own script) or this server's own origin."""
        return origin is None or origin in self._own

    def open(self) -> tuple[str, str]:
        """A new session: (cookie value, header key)."""
        cookie, key = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        moment = time.monotonic()
        with self._lock:
            live = {c: s for c, s in self._sessions.items()
                    if moment - s.last_used < SESSION_IDLE_SECONDS}
            while len(live) >= MAX_SESSIONS:  # the least recently used goes
                live.pop(min(live, key=lambda c: live[c].last_used))
            live[cookie] = Session(key, _digest(self.app.config["NEWSLINT_TOKEN"]), moment)
            self._sessions = live
        return cookie, key

    def admits(self, cookies: Mapping[str, str], key: str, origin: str | None) -> bool:
        """Both halves of a live session, sent by the UI itself (no Origin or our own)."""
        if not self.is_own(origin):
            return False
        value = cookies.get(self.cookie)
        if not value or not key:
            return False
        with self._lock:
            session = self._sessions.get(value)
        if session is None or not hmac.compare_digest(session.key.encode(), key.encode()):
            return False
        now = time.monotonic()
        if now - session.last_used >= SESSION_IDLE_SECONDS or not hmac.compare_digest(
                session.token_digest, _digest(self.app.config["NEWSLINT_TOKEN"])):
            return False
        session.last_used = now
        return True

    def has_cookie(self, cookies: Mapping[str, str]) -> bool:
        """A live session's cookie (the HTML page needs no more: it holds no secret)."""
        value = cookies.get(self.cookie)
        with self._lock:
            session = self._sessions.get(value or "")
        return session is not None and hmac.compare_digest(
            session.token_digest, _digest(self.app.config["NEWSLINT_TOKEN"]))


def sessions_of(app: Any) -> Sessions:
    sessions: Sessions = app.extensions["newslint_sessions"]
    return sessions


def init_app(app: Flask) -> None:
    app.extensions["newslint_tickets"] = Tickets()
    app.extensions["newslint_sessions"] = Sessions(app)
