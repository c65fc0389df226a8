"""Exports from the window: the history UI downloads them, the window asks where to save.

The UI's export buttons fetch the export from the server and hand it over as a download,
in a browser and in this window alike. pywebview's JavaScript-to-Python bridge cannot do
it instead: it builds its `window.pywebview.api` stubs with `new Function` and returns
answers through `eval`, both of which the UI's Content-Security-Policy (`script-src
'self'`, no 'unsafe-eval') refuses. The policy is worth more than a bridge, so the window
exposes no Python method to the page at all, and QtWebEngine's download request is
answered here with a save dialog: page text could at worst offer a file to save, never
name where it goes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("newslint.desktop")


def from_our_server(url: str, port: int) -> bool:
    """Only the UI's own exports: our server's URLs, or blobs its page made."""
    origin = f"http://127.0.0.1:{port}/"
    return url.startswith((origin, "blob:" + origin))


def choose_path(parent: Any, suggested: str) -> Path | None:
    """The user's choice of where to save; None when they cancel. (Tests replace it.)"""
    from qtpy.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, "Save the export",
                                            str(Path.home() / suggested))
    return Path(chosen) if chosen else None


def save_downloads(window: Any, port: int) -> None:
    """Answer the window's download requests; call on the GUI thread (pywebview's
    `before_show` event runs there), where Qt emits them."""
    native = window.native

    def requested(download: Any) -> None:
        url = download.url().toString()
        if not from_our_server(url, port):
            log.warning("refused a download from %s", url)
            download.cancel()
            return
        path = choose_path(native, download.suggestedFileName() or "newslint-export")
        if path is None:
            download.cancel()
            return
        download.setDownloadDirectory(str(path.parent))
        download.setDownloadFileName(path.name)
        download.accept()
        log.info("saving the export to %s", path)

    native.webview.page().profile().downloadRequested.connect(requested)
