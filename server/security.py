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
  pages; browser extensions present `chrome-extension://` or `moz-extension://`;
- no CORS headers at all, and writes must be `application/json` (views check it), so a
  form or `text/plain` POST from a page never reaches the engine.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import secrets
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from flask import Flask, current_app, request

from .errors import NewslintError

TOKEN_HEADER = "X-Newslint-Token"
EXTENSION_SCHEMES = ("chrome-extension", "moz-extension", "safari-web-extension")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

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
    view.newslint_public = True  # type: ignore[attr-defined]
    return view


def _allowed_hosts(port: int) -> frozenset[str]:
    return frozenset(
        host for name in LOOPBACK_NAMES for host in (name, f"{name}:{port}")
    )


def _own_origins(port: int) -> frozenset[str]:
    return frozenset(f"http://{name}:{port}" for name in LOOPBACK_NAMES)


def init_app(app: Flask) -> None:
    """Check every request's Host, Origin and token before any view runs."""
    settings = app.config["NEWSLINT"]
    tokens = TokenFile()
    app.config["NEWSLINT_TOKEN"] = tokens.current()
    hosts = _allowed_hosts(settings["port"])
    origins = _own_origins(settings["port"])

    @app.before_request
    def guard() -> None:
        if request.host.lower() not in hosts:
            raise NewslintError(
                "forbidden-host",
                "This server answers only to 127.0.0.1 and localhost on its own port.",
            )
        origin = request.headers.get("Origin")
        if origin is not None and not (
            origin.split("://", 1)[0] in EXTENSION_SCHEMES or origin in origins
        ):
            raise NewslintError(
                "forbidden-origin", "Web pages may not call the newslint server."
            )
        view = app.view_functions.get(request.endpoint or "")
        if view is not None and getattr(view, "newslint_public", False):
            return
        # The token file's token now (rotation applies at once); views that read the
        # config (the history's session cookie) see the same one.
        expected = app.config["NEWSLINT_TOKEN"] = tokens.current()
        sent = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(sent.encode(), expected.encode()):
            raise NewslintError(
                "unauthorized",
                f"Pair with the server first: run `newslint token` and send it in the "
                f"{TOKEN_HEADER} header (the extension's Options page takes it).",
            )


class AnalysisSlots:
    """At most `size` analyses at once; the rest wait briefly, then are told to retry.

    Analysis is CPU-bound: more at once than there are cores only makes every one slower
    and lets one tab's burst starve the others.
    """

    def __init__(self, size: int, wait_seconds: float) -> None:
        self._slots = threading.BoundedSemaphore(size)
        self.size = size
        self.wait_seconds = wait_seconds

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        if not self._slots.acquire(timeout=self.wait_seconds):
            raise NewslintError(
                "server-busy",
                f"{self.size} analyses are already running (setting max_concurrent_analyses); "
                "try again in a moment.",
                retry_after=max(1, round(self.wait_seconds)),
            )
        try:
            yield
        finally:
            self._slots.release()


def slots() -> AnalysisSlots:
    return current_app.extensions["newslint_slots"]  # type: ignore[no-any-return]
