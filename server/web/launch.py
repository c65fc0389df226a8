"""Talking to a running local server from outside it: is it newslint, and a link into
the history UI (used by `newslint history --open` and the desktop app)."""

from __future__ import annotations

import hmac
import json
import secrets
import urllib.error
import urllib.request
from typing import Any

from .security import TOKEN_HEADER, proof


def health(port: int, *, timeout: float = 1.0,
           token: str | None = None) -> dict[str, Any] | None:
    """The health answer of a newslint server on 127.0.0.1:port, or None.

    With `token`, only a server that proves it holds that token counts (see
    `security.proof`): a program that merely answers like newslint gets nothing."""
    nonce = secrets.token_urlsafe(24)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health?nonce={nonce}",
                                    timeout=timeout) as response:
            body = json.loads(response.read())
    except (OSError, ValueError):
        return None
    if not isinstance(body, dict) or body.get("name") != "newslint":
        return None
    if token is not None and not hmac.compare_digest(
            str(body.get("proof", "")).encode(), proof(token, nonce, port).encode()):
        return None
    return body


class NotNewslint(OSError):
    """What answers on the port is not the newslint server that holds our token."""


def history_link(port: int, token: str, *, timeout: float = 5.0) -> str:
    """A one-time link that opens the history UI (see `pairing`).

    The token is sent only after the server proved it holds it."""
    if health(port, timeout=timeout, token=token) is None:
        raise NotNewslint(f"the program on 127.0.0.1:{port} is not this install's newslint "
                          "server; the token was not sent to it")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/history/ticket", data=b"{}", method="POST",
        headers={TOKEN_HEADER: token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer = json.loads(response.read())
    return f"http://127.0.0.1:{port}{answer['open']}"


__all__ = ["NotNewslint", "health", "history_link"]
