"""What the extension's end-to-end tests and its benchmark share: Debian's chromium with
the unpacked extension loaded, a local web site serving the fixture pages, a fake server
for the states a real one cannot be put in, and a long generated article.

Nothing here skips: without chromium the tests fail and say how to install it.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .helpers import remixed_paragraphs

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "extension"
PAGES = ROOT / "tests" / "pages"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
                f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"]


def require_chromium() -> str:
    """The chromium binary, or an error that says how to get it (CI installs it)."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("The extension tests need Debian's chromium: "
                           "apt-get install chromium (never a browser download).")
    return CHROMIUM


# --- a web site on 127.0.0.1 -------------------------------------------------------------


class Site:
    """The fixture pages (tests/pages/…) and generated ones, over HTTP on a free port.

    The extension's host permissions cover 127.0.0.1, as they must for its local server,
    so the tests' pages can be read without a real toolbar click granting activeTab."""

    def __init__(self) -> None:
        self.extra: dict[str, str] = {}
        extra = self.extra

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path in extra:
                    body = extra[path].encode("utf-8")
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if path == "/favicon.ico":
                    self.send_response(204)
                    self.end_headers()
                    return
                super().do_GET()

            def log_message(self, *args: Any) -> None:
                pass

        handler = functools.partial(Handler, directory=str(PAGES))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, page: str) -> str:
        self.extra[path] = page
        return self.url(path)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- a fake newslint server ---------------------------------------------------------------


@dataclass
class FakeServer:
    """Answers like a newslint server of another API version, or with a given problem.

    `health` is the /v1/health body (None: answer 404 with an HTML page, as another
    program would); `analyze` is (status, body) for /v1/analyze."""

    health: dict[str, Any] | None = field(
        default_factory=lambda: {"name": "newslint", "version": "0.1.0", "api": "v1"})
    analyze: tuple[int, Any] = (500, {"type": "urn:newslint:problem:internal-error",
                                     "title": "Internal error", "status": 500,
                                     "detail": "The analysis failed; the server log says why."})
    requests: list[str] = field(default_factory=list)
    #: Seconds /v1/analyze takes to answer (a slow machine, a long page).
    delay: float = 0.0

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, body: Any) -> None:
                data = (json.dumps(body) if not isinstance(body, str) else body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json" if not isinstance(body, str)
                                 else "text/html")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                fake.requests.append(f"GET {self.path}")
                if self.path == "/v1/health" and fake.health is not None:
                    self._send(200, fake.health)
                else:
                    self._send(404, "<html><body><h1>Not Found</h1></body></html>")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                fake.requests.append(f"POST {self.path}")
                time.sleep(fake.delay)
                self._send(*fake.analyze)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.httpd.server_address[1])
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- the browser with the extension ---------------------------------------------------------


@dataclass
class Browser:
    """A persistent Chromium profile with the unpacked extension, and ways to drive it as
    a user would (open the popup on a tab, hover, click) or to read what it did."""

    context: Any
    worker: Any
    extension_id: str

    @property
    def origin(self) -> str:
        return f"chrome-extension://{self.extension_id}"

    def configure(self, **settings: Any) -> None:
        """Replace the extension's settings (what the Options page saves)."""
        defaults: dict[str, Any] = {"host": "127.0.0.1", "port": 8877, "token": "",
                                    "kinds": {"duplicate": True, "date_conflict": True},
                                    "paint": "auto"}
        self.worker.evaluate("s => chrome.storage.local.set(s)", {**defaults, **settings})

    def tab_id(self, page: Any) -> int:
        """The browser's id of the tab showing `page` (Playwright does not expose it)."""
        found = self.worker.evaluate(
            "u => chrome.tabs.query({}).then(ts => ts.filter(t => t.url === u).map(t => t.id))",
            page.url)
        if len(found) != 1:
            raise AssertionError(f"expected one tab at {page.url}, found {found}")
        return int(found[0])

    def open_popup(self, tab: int) -> Any:
        """What a click on the toolbar button opens: the popup, which marks the page."""
        popup = self.context.new_page()
        popup.set_viewport_size({"width": 380, "height": 600})
        popup.goto(f"{self.origin}/popup.html?tab={tab}")
        return popup

    def run_until_done(self, popup: Any, timeout: float = 30_000) -> str:
        popup.wait_for_selector("body[data-state=done], body[data-state=error]", timeout=timeout)
        return str(popup.evaluate("() => document.body.dataset.state"))

    def state(self, tab: int) -> dict[str, Any]:
        stored = self.worker.evaluate("t => chrome.storage.session.get('tab:' + t)", tab)
        return dict(stored.get(f"tab:{tab}") or {})

    def badge(self, tab: int) -> str:
        return str(self.worker.evaluate("t => chrome.action.getBadgeText({tabId: t})", tab))

    def ask(self, message: dict[str, Any]) -> Any:
        """The service worker's message switch, as the popup reaches it."""
        return self.worker.evaluate("m => newslint.handle(m)", message)

    def inspect(self, tab: int) -> dict[str, Any]:
        """What the content script holds: its marks, the card (in a closed shadow root,
        so the page and Playwright's selectors cannot see it) and overlay boxes."""
        return dict(self.ask({"what": "inspect", "tabId": tab}) or {})

    def close(self) -> None:
        self.context.close()


def launch(playwright: Any, profile: Path, *, extension: Path = EXTENSION,
           env: dict[str, str] | None = None) -> Browser:
    """Chromium on `profile` with the extension; `env` is the browser's environment, which
    the native messaging host it starts inherits (the tests' own config and data dirs)."""
    executable = require_chromium()
    args = [a for a in BROWSER_ARGS if not a.startswith(("--disable-extensions-except=",
                                                         "--load-extension="))]
    args += [f"--disable-extensions-except={extension}", f"--load-extension={extension}"]
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=executable, headless=True, args=args,
        viewport={"width": 1280, "height": 800}, **({"env": env} if env else {}))
    worker = next((w for w in context.service_workers if w.url.endswith("/background.js")), None)
    if worker is None:
        worker = context.wait_for_event(
            "serviceworker", predicate=lambda w: w.url.endswith("/background.js"), timeout=15_000)
    settle_install(context)
    return Browser(context, worker, worker.url.split("/")[2])


def settle_install(context: Any, timeout: float = 5.0) -> None:
    """A fresh install opens the Options page by itself; wait for it, so that it does not
    take over the tab a test opens next (a navigation 'interrupted by another')."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(page.url.endswith("/options.html") for page in context.pages):
            return
        time.sleep(0.1)


# --- highlights, read from the page's own world -----------------------------------------------

READ_HIGHLIGHTS = """() => {
  const out = {};
  for (const [name, highlight] of CSS.highlights) {
    if (name.startsWith('newslint-')) out[name] = [...highlight].map(r => r.toString());
  }
  return out;
}"""

HIGHLIGHT_RECT = """([name, index]) => {
  const range = [...CSS.highlights.get(name)][index];
  range.startContainer.parentElement.scrollIntoView({block: 'center'});
  const r = range.getClientRects()[0];
  return {x: r.left + Math.min(r.width / 2, 30), y: r.top + r.height / 2};
}"""

BLOCK_RECTS = """() => [...document.querySelectorAll('h1, h2, p, li, textarea, [contenteditable]')]
  .map(e => { const r = e.getBoundingClientRect();
              return [r.x, r.y + scrollY, r.width, r.height]; })"""


# --- a long article --------------------------------------------------------------------------


def long_article(words: int, seed: int = 7) -> str:
    """A news page of about `words` words: paragraphs re-mixed from the Trump–Putin page's
    sentences with words swapped in (as bench/analysis.py makes its long pages), so it is
    English with some re-tellings, around the page furniture a real site has."""
    source = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
    paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p))
                  for p in re.findall(r"<p>(.*?)</p>", source, flags=re.S)]
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p)]
    texts = remixed_paragraphs(sentences, words, seed)
    body = "\n".join(f"<p>{html.escape(t)}</p>" for t in texts)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A very long report - Example News</title>
<meta property="article:published_time" content="2024-11-09T08:00:00+00:00"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>A very long report on the call</h1>
{body}
</article></main><footer>Example News</footer></body></html>"""


def screenshot(page: Any, name: str, **options: Any) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"extension-{name}.png"
    page.screenshot(path=str(path), **options)
    return path


def wait_until(check: Callable[[], Any], *, timeout: float = 10.0, what: str = "") -> Any:
    """Poll `check` (a read through the service worker) until it is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        time.sleep(0.05)
