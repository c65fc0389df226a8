"""Run the real desktop window and write down what it shows, for tests/test_desktop.py.

A Qt main loop inside pytest's process is fragile (one QApplication per process, and it
never quite goes away), so each test runs this script in a subprocess:

    python tests/desktop_driver.py --port N --report out.json [--open TITLE]
        [--export DIR] [--screenshot PREFIX] [--stay-open]

It calls `newslint.desktop.app.run` as `newslint desktop` would; once the window exists
it waits for the history to load, reads the DOM, optionally opens one page and exports
the list, writes the report, and closes the window (or, with --stay-open, leaves it for
the test to close with the app's own quit signal).

The DOM is read with pywebview's `run_js` (QtWebEngine's runJavaScript), not
`evaluate_js`: evaluate_js wraps the script in `eval`, which the UI's
Content-Security-Policy refuses, as it should.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from newslint.desktop import app, downloads
from newslint.desktop.server import LocalServer
from newslint.server.web import launch

WAIT_SECONDS = 20.0

LIST_JS = """JSON.stringify({
  state: document.body.dataset.state,
  title: document.title,
  summary: document.getElementById('summary').textContent,
  rows: [...document.querySelectorAll('#pages-body tr[data-page-id]')].map((tr) => ({
    id: Number(tr.dataset.pageId),
    title: tr.querySelector('.page-link').textContent,
    site: tr.children[2].textContent,
    counts: [...tr.querySelectorAll('td.count')].map((td) => Number(td.textContent)),
  })),
  columns: [...document.querySelectorAll('#pages-head th')].map((th) => th.textContent),
  api_methods: Object.keys((window.pywebview && window.pywebview.api) || {}),
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
})"""

PAGE_JS = """JSON.stringify({
  state: document.body.dataset.state,
  title: document.getElementById('page-title').textContent,
  meta: document.getElementById('page-meta').textContent,
  meta_links: document.querySelectorAll('#page-meta a').length,
  texts: [...document.querySelectorAll('#article .block-text')].map((p) => p.textContent),
  findings: document.querySelectorAll('#findings .finding-item').length,
  active_elements: document.querySelectorAll('#page-view script, #page-view img, '
    + '#page-view iframe, #page-view svg, #page-view [onerror], #page-view [onload]').length,
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
})"""


class Screenshots:
    """Grabs the window's web view on Qt's GUI thread, where widgets may be touched."""

    def __init__(self, window: Any) -> None:
        # qtpy re-exports Signal (PyQt6's pyqtSignal) under a new name, which mypy's
        # explicit re-export rule does not take as exported.
        from qtpy.QtCore import QObject, Signal  # type: ignore[attr-defined]
        from qtpy.QtWidgets import QApplication

        done = threading.Event()
        taken: dict[str, Any] = {}

        class Grabber(QObject):
            requested = Signal(str)

            def grab(self, path: str) -> None:
                image = window.native.webview.grab().toImage()
                image.save(path)
                colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                           for y in range(0, image.height(), 7)}
                taken.update(path=path, width=image.width(), height=image.height(),
                             colours=len(colours))
                done.set()

        self._grabber = Grabber()
        app = QApplication.instance()
        assert app is not None  # pywebview's Qt application is running
        self._grabber.moveToThread(app.thread())
        self._grabber.requested.connect(self._grabber.grab)
        self._done, self._taken = done, taken

    def take(self, path: Path) -> dict[str, Any]:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._done.clear()
        self._grabber.requested.emit(str(path))
        if not self._done.wait(WAIT_SECONDS):
            raise TimeoutError("the screenshot was not taken")
        return dict(self._taken)


def read(window: Any, script: str) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(window.run_js(script))
    return answer


def wait_for(window: Any, condition: str, what: str) -> None:
    """Poll a JavaScript expression until it is true (no waiting API survives the CSP);
    the UI showing its error state ends the wait at once, with what it said."""
    deadline = time.monotonic() + WAIT_SECONDS
    while window.run_js(f"Boolean({condition})") is not True:
        if window.run_js("Boolean(document.body && document.body.dataset.state === 'error')"):
            status = window.run_js("document.getElementById('status').textContent")
            raise RuntimeError(f"the window showed an error instead of {what}: {status}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"the window never showed {what}")
        time.sleep(0.05)


def open_page(window: Any, title: str) -> dict[str, Any]:
    """Click the list's link to the page titled `title`, as a reader would."""
    found = window.run_js(
        "(() => { const link = [...document.querySelectorAll('#pages-body .page-link')]"
        f".find((a) => a.textContent === {json.dumps(title)}); "
        "if (!link) return false; link.click(); return true; })()")
    if found is not True:
        raise LookupError(f"no page titled {title!r} in the window's list")
    wait_for(window, "document.body.dataset.state === 'page-ready'", "the page")
    time.sleep(0.3)  # time for any onerror / onload that slipped through to fire
    return read(window, PAGE_JS)


def export_list(window: Any, folder: Path) -> dict[str, Any]:
    """Click the list's CSV export; the save dialog is answered with `folder`."""
    saved: list[Path] = []

    def choose(parent: Any, suggested: str) -> Path:
        saved.append(folder / suggested)
        return folder / suggested

    downloads.choose_path = choose  # the one thing a test cannot click: a native dialog
    window.run_js("document.getElementById('export-csv').click()")
    deadline, size = time.monotonic() + WAIT_SECONDS, -1
    while not (saved and saved[0].is_file() and saved[0].stat().st_size == size > 0):
        if time.monotonic() > deadline:
            raise TimeoutError("the export was never saved")
        size = saved[0].stat().st_size if saved and saved[0].is_file() else -1
        time.sleep(0.1)  # done once its size holds still
    return {"path": str(saved[0]), "text": saved[0].read_text(encoding="utf-8"),
            "status": window.run_js("document.getElementById('status').textContent")}


def drive(window: Any, server: LocalServer, args: argparse.Namespace) -> None:
    report: dict[str, Any] = {"server": {"port": server.port, "in_process": server.in_process,
                                         "health": launch.health(server.port) is not None}}
    try:
        shots = Screenshots(window) if args.screenshot else None
        wait_for(window, "document.body && document.body.dataset.state === 'ready'",
                 "the history list")
        report["list"] = read(window, LIST_JS)
        # What Python the page could reach: what pywebview would expose (its js_api object
        # and expose()d functions; private names, so a renamed one reads as "unknown").
        report["bridge"] = {"js_api": repr(getattr(window, "_js_api", "unknown")),
                            "functions": sorted(getattr(window, "_functions", {"unknown": 0}))}
        if shots:
            report["screenshot_list"] = shots.take(Path(f"{args.screenshot}-list.png"))
        if args.export:
            report["export"] = export_list(window, Path(args.export))
        if args.open:
            report["page"] = open_page(window, args.open)
            if shots:
                report["screenshot_page"] = shots.take(Path(f"{args.screenshot}-page.png"))
    except Exception:
        report["error"] = traceback.format_exc()
    finally:
        written = Path(args.report).with_suffix(".tmp")
        written.write_text(json.dumps(report, indent=1), encoding="utf-8")
        written.replace(args.report)  # whole, so a test polling for it never reads half
        if not args.stay_open or "error" in report:
            window.destroy()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--report", required=True, help="Where to write what the window shows.")
    parser.add_argument("--open", default=None, help="Then open the page with this title.")
    parser.add_argument("--export", default=None, help="Export the list as CSV into this folder.")
    parser.add_argument("--screenshot", default=None, help="Save screenshots as PREFIX-*.png.")
    parser.add_argument("--stay-open", action="store_true",
                        help="Leave the window open; the test closes it with the quit signal.")
    args = parser.parse_args()
    return app.run(port=args.port, on_started=lambda window, server: drive(window, server, args))


if __name__ == "__main__":
    sys.exit(main())
