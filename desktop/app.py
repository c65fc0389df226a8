"""`newslint desktop`: a window over the history UI of the local server.

It uses the server already running on the configured port, or starts one in this
process (waitress in a thread on 127.0.0.1) and stops it when the window closes. A
second launch brings the first window to the front instead of opening another.

The page in the window is the same history UI a browser gets, under the same
Content-Security-Policy. The window exposes no Python to the page (see `downloads` for
why, and for how exports are saved instead).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs
from newslint.server.base import settings as settings_module
from newslint.server.base.errors import NewslintError
from newslint.server.web import launch, security

from . import downloads
from .instance import SingleInstance
from .server import LocalServer

log = logging.getLogger("newslint.desktop")
TITLE = "newslint — history"


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
        server = LocalServer.ensure(settings, token)
        try:
            link = launch.history_link(server.port, token)
        except (OSError, ValueError, KeyError) as exc:  # URLError is an OSError
            print(f"newslint: the server on port {server.port} refused to open the history "
                  f"({exc}).", file=sys.stderr)
            return 1
        window = webview.create_window(TITLE, link, width=1180, height=820,
                                       min_size=(420, 360), text_select=True)
        # None only when a handler of the window's `initialized` event cancels it; none does.
        assert window is not None
        served = server.port

        def before_show(window: Any) -> None:
            downloads.save_downloads(window, served)

        window.events.before_show += before_show
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
