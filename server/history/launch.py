"""Talking to a running local server from outside it: is it newslint, and a link into
the history UI (used by `newslint history --open` and the desktop app)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from ..security import TOKEN_HEADER


def health(port: int, *, timeout: float = 1.0) -> dict[str, Any] | None:
    """The health answer of a newslint server on 127.0.0.1:port, or None."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health",
                                    timeout=timeout) as response:
            body = json.loads(response.read())
    except (OSError, ValueError):
        return None
    return body if isinstance(body, dict) and body.get("name") == "newslint" else None


def history_link(port: int, token: str, *, timeout: float = 5.0) -> str:
    """A one-time link that opens the history UI (see `pairing`)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/history/ticket", data=b"{}", method="POST",
        headers={TOKEN_HEADER: token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer = json.loads(response.read())
    return f"http://127.0.0.1:{port}{answer['open']}"


__all__ = ["health", "history_link"]
