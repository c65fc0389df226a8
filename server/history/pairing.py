"""How the history UI gets the token without any web page being able to.

The UI is an HTML page the user opens in a browser or the desktop window; its fetches
must send the token like any client, so the page carries it in a
`<meta name="newslint-token">`. The page is served with the token only to a browser
that was let in by someone who already holds the token:

1. the desktop app or `newslint history --open` (both read the token file) asks
   `POST /v1/history/ticket` for a one-time ticket, valid for a minute;
2. it opens `/history/open?ticket=…` in the window or browser; the server redeems the
   ticket once and sets a session cookie (HttpOnly, SameSite=Strict, path /history)
   whose value is derived from the token, then redirects to `/history`;
3. `/history` embeds the token only when that cookie is present and right.

A cross-site page never gets the cookie sent (SameSite=Strict), cannot read the HTML
(same-origin policy; Host checks defeat DNS rebinding) and cannot frame it
(`frame-ancestors 'none'`). Rotating the token ends every UI session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time

COOKIE = "newslint_ui"
TICKET_SECONDS = 60


def session_value(token: str) -> str:
    return hmac.new(token.encode(), b"newslint history ui session", hashlib.sha256).hexdigest()


def valid_session(cookie: str | None, token: str) -> bool:
    return bool(cookie) and hmac.compare_digest(str(cookie).encode(),
                                                session_value(token).encode())


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

    def redeem(self, ticket: str | None) -> bool:
        if not ticket:
            return False
        with self._lock:
            expires = self._open.pop(ticket, None)
        return expires is not None and expires > time.monotonic()
