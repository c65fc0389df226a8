"""`newslint desktop`: a window over the history UI of the local server.

It uses the server already running on the configured port, or starts one in this
process (waitress in a thread on 127.0.0.1) and stops it when the window closes. A
second launch brings the first window to the front instead of opening another.

The page in the window is the same history UI a browser gets, under the same
Content-Security-Policy. The JavaScript-to-Python bridge offers one method,
`save_export(format, query)`, which shows a save dialog and writes the export the
server produces: page text can at worst open a save dialog, never name a file or
write one.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import platformdirs
from newslint.server import security
from newslint.server import settings as settings_module
from newslint.server.errors import NewslintError
from newslint.server.history import launch

from .instance import SingleInstance
from .server import LocalServer

log = logging.getLogger("newslint.desktop")
TITLE = "newslint — history"
EXPORT_PARAMETERS = ("q", "site", "kind", "since", "until", "runs", "ids")


class ExportBridge:
    """The whole JavaScript-to-Python bridge: pywebview exposes public methods only."""

    def __init__(self, port: int, token: str) -> None:
        self._port = port
        self._token = token
        self._window: Any = None

    def save_export(self, fmt: str, query: str = "") -> dict[str, Any]:
        """Ask where to save, then write the server's export of the current filters."""
        import webview

        if fmt not in ("jsonl", "csv"):
            return {"ok": False, "error": "format must be jsonl or csv"}
        params = {k: v for k, v in parse_qsl(str(query)[:4000]) if k in EXPORT_PARAMETERS}
        chosen = self._window.create_file_dialog(
            webview.FileDialog.SAVE, save_filename=f"newslint-history.{fmt}")
        if not chosen:
            return {"ok": False, "cancelled": True}
        path = Path(chosen if isinstance(chosen, str) else chosen[0])
        try:
            data = launch.fetch(self._port, self._token,
                                f"/v1/history/export?{urlencode({**params, 'format': fmt})}")
            path.write_bytes(data)
        except OSError as exc:
            return {"ok": False, "error": str(exc)}
        return {"ok": True, "path": str(path), "bytes": len(data)}


def prepare_environment() -> None:
    """QtWebEngine refuses to run as root without --no-sandbox; say so when there is no
    display rather than let Qt abort."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")):
        raise NewslintError(
            "no-display", "There is no display to open a window on (no DISPLAY or "
            "WAYLAND_DISPLAY). Use `newslint history --open` in a browser instead.")


def state_directory() -> Path:
    return Path(platformdirs.user_data_dir("newslint"))


def focus(window: Any) -> None:
    log.info("focus requested by a second launch")
    print("newslint desktop: focus requested", file=sys.stderr, flush=True)
    window.restore()
    window.show()
    window.on_top = True
    window.on_top = False


def run(port: int | None = None, *,
        on_started: Callable[[Any, LocalServer], None] | None = None) -> int:
    """Open the window (or focus the open one); returns the exit status.

    `on_started(window, server)` runs in a thread once the window exists (tests use it)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        settings = settings_module.load({"port": port})
        prepare_environment()
    except NewslintError as exc:
        print(f"newslint: {exc.detail}", file=sys.stderr)
        return 1
    import webview

    token = security.read_or_create_token()
    instance = SingleInstance(state_directory(), token)
    if not instance.acquire():
        if instance.signal("focus"):
            print("newslint desktop is already open: brought its window to the front.",
                  file=sys.stderr)
            return 0
        print("newslint: another newslint desktop holds the lock but does not answer.",
              file=sys.stderr)
        return 1
    server: LocalServer | None = None
    try:
        server = LocalServer.ensure(settings)
        bridge = ExportBridge(server.port, token)
        window = webview.create_window(
            TITLE, launch.history_link(server.port, token), js_api=bridge,
            width=1180, height=820, min_size=(420, 360), text_select=True)
        bridge._window = window
        instance.listen({"focus": lambda: focus(window), "quit": window.destroy})
        print(f"newslint desktop: showing the history from port {server.port}"
              f"{' (started here)' if server.in_process else ''}", file=sys.stderr, flush=True)
        started = (lambda: on_started(window, server)) if on_started else None
        webview.start(started, gui="qt", private_mode=True)
    finally:
        if server is not None:
            server.stop()
        instance.release()
    print("newslint desktop: closed", file=sys.stderr, flush=True)
    return 0
