"""Who may talk to the local server: the user's own extension, desktop app and scripts.

Any web page the user opens can send requests to 127.0.0.1, so being on loopback is
not enough. The defences are those of trusted local servers (Jupyter, KeePassXC's
browser link):

- a per-install token, in a file only the user can read, required on every call that
  does something (`X-Newslint-Token`); a custom header also forces a CORS preflight,
  which this server never answers, so a cross-site page cannot even send it;
- `Host` must be this server's loopback name, which defeats DNS rebinding (a hostile
  domain re-pointed at 127.0.0.1 still sends its own name as Host);
- requests from a web page (`Origin: http(s)://…`) are refused, except the server's own
  pages; of browser extensions only newslint's own ids are accepted
  (`ALLOWED_EXTENSION_IDS`, or the `extension_ids` setting for a development build).
  Firefox gives each install a random `moz-extension://<uuid>`, so there only a
  well-formed UUID is required and the token does the rest;
- all of this is checked from the headers alone, before the body is received (see
  `wsgi.py`, which runs `admit` as soon as waitress has parsed the headers);
- no CORS headers at all, and writes must be `application/json` (views check it), so a
  form or `text/plain` POST from a page never reaches the engine.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import platformdirs

if TYPE_CHECKING:  # Flask is imported when used: `newslint token` starts without it
    from flask import Flask

from ...shared.extension_ids import CHROMIUM_EXTENSION_ID
from ..base.errors import NewslintError

TOKEN_HEADER = "X-Newslint-Token"
#: The history UI's per-session header (see `pairing.py`).
SESSION_HEADER = "X-Newslint-Session"
EXTENSION_SCHEMES = ("chrome-extension", "moz-extension", "safari-web-extension")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
#: newslint's own extension id for Chromium browsers (derived from the manifest's `key`, so
#: the unpacked folder has it too); the `extension_ids` setting replaces it for other builds.
#: Firefox sends a random per-install UUID instead (`origin_allowed`).
ALLOWED_EXTENSION_IDS: tuple[str, ...] = (CHROMIUM_EXTENSION_ID,)
_FIREFOX_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

F = TypeVar("F", bound=Callable[..., Any])


def token_file() -> Path:
    return Path(platformdirs.user_config_dir("newslint")) / "token"


def read_or_create_token(path: Path | None = None) -> str:
    """The install's token, created on first use, readable by the user only (mode 0600)."""
    path = path or token_file()
    try:
        token = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        token = ""
    if token:
        return token
    return rotate_token(path)


def rotate_token(path: Path | None = None) -> str:
    """Replace the token; every paired extension must pair again."""
    path = path or token_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    temporary = path.with_suffix(".tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(token + "\n")
    os.replace(temporary, path)
    return token


class TokenFile:
    """The token as its file holds it now, so `newslint token --rotate` takes effect on the
    running server at the next request: the old token is refused, the new one accepted.

    Each request costs one stat(); the file is read again only when its inode, size or
    modification time changed (rotation replaces the file, so its inode always does)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or token_file()
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._token = ""

    def current(self) -> str:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            info = None
        stamp = (info.st_ino, info.st_mtime_ns, info.st_size) if info else None
        with self._lock:
            if stamp is None or stamp != self._stamp or not self._token:
                self._token = read_or_create_token(self.path)
                info = os.stat(self.path)
                self._stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
            return self._token


def public(view: F) -> F:
    """Mark a view as callable without the token: it reveals nothing and changes nothing."""
    # An attribute on the function object: Python allows it, a Callable type cannot say so.
    view.newslint_public = True  # type: ignore[attr-defined]
    return view


def _allowed_hosts(port: int) -> frozenset[str]:
    return frozenset(
        host for name in LOOPBACK_NAMES for host in (name, f"{name}:{port}")
    )


def _own_origins(port: int) -> frozenset[str]:
    return frozenset(f"http://{name}:{port}" for name in LOOPBACK_NAMES)


def extension_ids(settings: Mapping[str, Any]) -> frozenset[str]:
    """The extension ids this server accepts as Origin: the setting, else the constant."""
    configured = [i.strip() for i in str(settings.get("extension_ids", "")).split(",")]
    return frozenset(i for i in configured if i) or frozenset(ALLOWED_EXTENSION_IDS)


def origin_allowed(origin: str, own: frozenset[str], ids: frozenset[str]) -> bool:
    """The server's own pages, newslint's own extension ids, or a Firefox install's UUID.

    A bare `chrome-extension://`, another extension's id and anything after the id are
    refused: any installed extension can send requests, only ours may."""
    if origin in own:
        return True
    scheme, separator, ident = origin.partition("://")
    if not separator or scheme not in EXTENSION_SCHEMES:
        return False
    if ident in ids:
        return True
    # Firefox: a random UUID per install (not the gecko id), unknowable in advance.
    return scheme == "moz-extension" and bool(_FIREFOX_UUID.fullmatch(ident))


class Gate:
    """Who may be answered, decided from the headers alone (so before any body is read).

    Used twice: by waitress's parser as soon as a request's headers are in (`wsgi.py`),
    and by Flask before any view (for test clients and as a second line)."""

    def __init__(self, app: Flask) -> None:
        settings = app.config["NEWSLINT"]
        self.app = app
        self.hosts = _allowed_hosts(settings["port"])
        self.origins = _own_origins(settings["port"])
        self.ids = extension_ids(settings)
        self.tokens = TokenFile()

    def check(self, method: str, path: str, headers: Mapping[str, str],
              cookies: Mapping[str, str]) -> None:
        """Raise the problem that refuses this request, or return."""
        if headers.get("host", "").lower() not in self.hosts:
            raise NewslintError(
                "forbidden-host",
                "This server answers only to 127.0.0.1 and localhost on its own port.",
            )
        origin = headers.get("origin")
        if origin is not None and not origin_allowed(origin, self.origins, self.ids):
            raise NewslintError(
                "forbidden-origin", "Web pages and other extensions may not call the "
                "newslint server.")
        if self.is_public(method, path):
            return
        # The token file's token now (rotation applies at once); views that read the
        # config (the history's pairing dialog, its sessions) see the same one.
        expected = self.app.config["NEWSLINT_TOKEN"] = self.tokens.current()
        sent = headers.get(TOKEN_HEADER.lower(), "")
        if sent and hmac.compare_digest(sent.encode(), expected.encode()):
            return
        from .pairing import sessions_of

        if path.startswith(("/v1/history/", "/history/")) and sessions_of(self.app).admits(
                cookies, headers.get(SESSION_HEADER.lower(), ""), origin):
            return
        raise NewslintError(
            "unauthorized",
            f"Pair with the server first: run `newslint token` and send it in the "
            f"{TOKEN_HEADER} header (the extension's Options page takes it).",
        )

    def is_public(self, method: str, path: str) -> bool:
        try:
            endpoint, _ = self.app.url_map.bind("localhost").match(path, method=method)
        except Exception:  # no such route or method: only the paired learn which
            return False
        view = self.app.view_functions.get(endpoint)
        return view is not None and getattr(view, "newslint_public", False)


def proof(token: str, nonce: str, port: int) -> str:
    """What `/v1/health?nonce=…` answers: shows the server holds the token, bound to its
    port so a program on another port cannot relay a real server's answer.

    Clients (the CLI, the desktop app) check it before they send the token anywhere: the
    token must never go to whatever program happens to answer on the port."""
    message = f"newslint health proof\0{port}\0{nonce}".encode()
    return hmac.new(token.encode(), message, "sha256").hexdigest()


def gate(app: Flask) -> Gate:
    found: Gate = app.extensions["newslint_gate"]
    return found


def init_app(app: Flask) -> None:
    """Check every request's Host, Origin and token (or UI session) before any view runs."""
    app.extensions["newslint_gate"] = checker = Gate(app)
    app.config["NEWSLINT_TOKEN"] = checker.tokens.current()
    from flask import request

    @app.before_request
    def guard() -> None:
        headers = {k.lower(): v for k, v in request.headers.items()}
        checker.check(request.method, request.path, headers, request.cookies)


class AnalysisSlots:
    """At most `size` analyses at once; the rest wait briefly, then are told to retry.

    Analysis is CPU-bound: more at once than there are cores only makes every one slower
    and lets one tab's burst starve the others. Long pages (more than `long_words`
    words) may hold at most `size - 1` of the slots (one when `size` is 1), so two
    hostile or merely huge pages can never take every slot from ordinary ones.
    """

    def __init__(self, size: int, wait_seconds: float, long_words: int = 0) -> None:
        self._slots = threading.BoundedSemaphore(size)
        self._long = threading.BoundedSemaphore(max(1, size - 1))
        self.size = size
        self.wait_seconds = wait_seconds
        self.long_words = long_words

    def _busy(self, what: str) -> NewslintError:
        return NewslintError(
            "server-busy",
            f"{what} already running (setting max_concurrent_analyses); try again in a "
            "moment.", retry_after=max(1, round(self.wait_seconds)))

    @contextlib.contextmanager
    def hold(self, words: int = 0) -> Iterator[None]:
        long_page = bool(self.long_words) and words > self.long_words
        started = time.monotonic()
        if long_page and not self._long.acquire(timeout=self.wait_seconds):
            raise self._busy(f"{max(1, self.size - 1)} long pages are")
        try:
            left = max(0.0, self.wait_seconds - (time.monotonic() - started))
            if not self._slots.acquire(timeout=left):
                raise self._busy(f"{self.size} analyses are")
            try:
                yield
            finally:
                self._slots.release()
        finally:
            if long_page:
                self._long.release()


def slots() -> AnalysisSlots:
    from flask import current_app

    found: AnalysisSlots = current_app.extensions["newslint_slots"]
    return found
