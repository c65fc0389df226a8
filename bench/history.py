"""Benchmark: the history at scale, 10,000 analysed pages, through a real server and UI.

Builds (once; cached under .benchmarks/) a real SQLite history with the store's own
`record()`: pages from a few hundred sites over a year, each a few paragraphs re-mixed
from the golden pages' sentences (and, with --articles, the 60 real articles) around a
story of its own, some analysed again later, a quarter with duplicates and some with date
conflicts, each with a full API response. Then a real `newslint serve` on a copy of it
answers, and medians and p95 are printed for:

- the first screen through the API: `pages?limit=50` and the `stats` call the UI makes
  with it, alone and in parallel as the UI sends them;
- full-text searches of different selectivity, as the UI sends them (relevance order);
- the UI in Debian's chromium: navigation to `body[data-state=ready]`, and a search
  typed into it until the list is updated (which includes the UI's debounce, so the
  request-to-list part is shown too).

The issue's aim: the first screen and a search each under 200 ms (medians).

    .venv/bin/python bench/history.py                       # 10,000 pages, 30 repeats
    .venv/bin/python bench/history.py --articles ../shared/data/articles --repeat 50
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.server.history.store import HistoryStore  # noqa: E402
from newslint.server.pages.extract import page_from_html  # noqa: E402
from newslint.server.web.security import TOKEN_HEADER  # noqa: E402

from tests.helpers import LiveServer, start_server  # noqa: E402

#: Bump when the generated history changes, so a stale cache is not measured.
GENERATOR = 1
CACHE = ROOT / ".benchmarks"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
AIM_MS = 200.0
TOPICS = ["bridge", "election", "earthquake", "merger", "vaccine", "transfer", "storm",
          "court", "budget", "strike", "wildfire", "airport", "museum", "railway", "harbour",
          "festival", "hospital", "drought", "stadium", "tariff", "pipeline", "summit",
          "scandal", "flood", "satellite", "refinery", "university", "ceasefire", "recall",
          "verdict"]
HEADLINES = ["{name} {topic} plan approved after months of debate",
             "What the {name} {topic} decision means for residents",
             "{name} officials defend {topic} costs as critics push back",
             "Live: {name} {topic} latest as talks resume",
             "{name} {topic}: five things we learned this week",
             "Inside the {name} {topic} deal that almost collapsed",
             "{name} braces for {topic} fallout"]
SYLLABLES = ["ka", "vel", "dor", "mi", "ran", "tho", "bel", "sun", "qua", "lis", "mor",
             "zen", "rik", "tal", "vo", "gan", "hes", "pel", "dra", "nok", "wil", "ostr"]


# --- building the history -------------------------------------------------------------------


def sentence_pool(articles: Path | None) -> list[str]:
    """Sentences of the golden pages (and of real articles), to re-mix into new pages."""
    texts: list[str] = []
    for folder in sorted((ROOT / "tests" / "pages").iterdir()):
        if (folder / "request.json").is_file():
            request = json.loads((folder / "request.json").read_text(encoding="utf-8"))
            texts += [str(b["text"]) for b in request.get("blocks", [])]
        elif (folder / "source.html").is_file():
            page = page_from_html((folder / "source.html").read_text(encoding="utf-8"))
            texts += [b.text for b in page.blocks]
    if articles is not None:
        truth = json.loads((articles / "ground-truth.json").read_text(encoding="utf-8"))
        texts += [p for entry in truth.values() for p in entry["articleBody"].split("\n")]
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t)]
    return [s for s in sentences if 6 <= len(s.split()) <= 60 and "<" not in s]


def story_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title())
    return sorted(names)


def zipf_weights(count: int, s: float = 1.1) -> list[float]:
    return [1 / (rank ** s) for rank in range(1, count + 1)]


class PageMaker:
    """Deterministic, varied pages: sites, stories, paragraphs, findings, responses."""

    def __init__(self, seed: int, articles: Path | None) -> None:
        self.rng = random.Random(seed)
        self.sentences = sentence_pool(articles)
        self.vocab = [w for s in self.sentences for w in s.split() if w.isalpha()]
        words = sorted({w.lower() for w in self.vocab if len(w) > 4})
        kinds = ["news", "daily", "post", "times", "wire", "herald", "today"]
        self.sites = sorted({f"{self.rng.choice(words)}-{self.rng.choice(kinds)}.example"
                             for _ in range(400)})[:300]
        self.site_weights = zipf_weights(len(self.sites))
        self.stories = story_names(self.rng, 2500)
        self.story_weights = zipf_weights(len(self.stories), 0.9)

    def sentence(self, name: str) -> str:
        words = self.rng.choice(self.sentences).split()
        for _ in range(2):
            words[self.rng.randrange(len(words))] = self.rng.choice(self.vocab)
        if self.rng.random() < 0.3:
            words[self.rng.randrange(len(words))] = name
        return " ".join(words)

    def page(self, number: int) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
        """(url, blocks, API response) of page `number`."""
        rng = self.rng
        site = rng.choices(self.sites, self.site_weights)[0]
        name = rng.choices(self.stories, self.story_weights)[0]
        topic = rng.choice(TOPICS)
        title = rng.choice(HEADLINES).format(name=name, topic=topic)
        paragraphs = [" ".join(self.sentence(name) for _ in range(rng.randint(2, 4)))
                      for _ in range(rng.randint(3, 9))]
        paragraphs[0] = f"{name} {topic}: {paragraphs[0]}"
        blocks = [{"id": "h1", "kind": "h1", "text": title}]
        blocks += [{"id": f"p{i}", "kind": "p", "text": t} for i, t in enumerate(paragraphs, 1)]
        annotations = self.findings(blocks)
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        url = f"https://{site}/{2025 + number % 2}/{number % 12 + 1:02d}/{slug}-{number}"
        words = sum(len(b["text"].split()) for b in blocks)
        response = {
            "analyzer": {"name": "newslint", "version": "0.1.0"},
            "page": {"url": url, "title": title, "published": None, "language": "en",
                     "words": words, "source": "blocks"},
            "blocks": None, "annotations": annotations,
            "timeline": [{"date": "2025-03-04", "granularity": "day", "label": name,
                          "event": {"action": None, "participants": [name]},
                          "mentions": [{"block": "p1", "start": 0, "end": len(name),
                                        "expression": "on Tuesday", "value": "2025-03-04",
                                        "granularity": "day"}]}],
            "notices": [], "elapsed_ms": round(rng.uniform(20, 400), 1),
        }
        return url, blocks, response

    def findings(self, blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rng, found = self.rng, []
        paragraphs = blocks[1:]
        if rng.random() < 0.25 and len(paragraphs) > 2:
            for _ in range(rng.randint(1, 4)):
                here, twin = rng.sample(range(len(paragraphs)), 2)
                a, b = paragraphs[max(here, twin)], paragraphs[min(here, twin)]
                found.append({
                    "type": "duplicate", "rule": "duplicate.retelling", "severity": "warning",
                    "block": a["id"], "start": 0, "end": len(a["text"]),
                    "related": [{"block": b["id"], "start": 0, "end": len(b["text"]),
                                 "role": "twin"}],
                    "score": round(rng.uniform(0.6, 0.95), 3),
                    "message": f"Paragraph {a['id'][1:]} re-tells paragraph {b['id'][1:]} "
                               "in other words.",
                    "evidence": {"match": "retelling", "sentences": [
                        {"sentence": {"block": a["id"], "start": 0, "end": 80,
                                      "text": a["text"][:80]},
                         "twin": {"block": b["id"], "start": 0, "end": 80,
                                  "text": b["text"][:80]},
                         "score": 0.8, "shared_phrase_words": 5}]}})
        if rng.random() < 0.06:
            a = rng.choice(paragraphs)
            found.append({
                "type": "date_conflict", "rule": "date.conflict", "severity": "warning",
                "block": a["id"], "start": 0, "end": min(12, len(a["text"])),
                "related": [{"block": "p1", "start": 0, "end": 10, "role": "other_date"}],
                "score": None, "message": "The event is dated in two ways that cannot both be "
                                          "true.",
                "evidence": {"dates": [{"expression": "on Tuesday", "value": "2025-03-04"},
                                       {"expression": "a day earlier", "value": "2025-03-02"}]}})
        for i, annotation in enumerate(found, 1):
            annotation["id"] = f"a{i}"
        return found


def build_history(path: Path, pages: int, seed: int, articles: Path | None) -> None:
    """Record `pages` pages over the last year, oldest first; ~12% analysed again later."""
    maker = PageMaker(seed, articles)
    store = HistoryStore(path)
    end = dt.datetime.now(dt.UTC).replace(microsecond=0)
    start = end - dt.timedelta(days=365)
    step = (end - start) / pages
    reruns: list[tuple[dt.datetime, str, list[dict[str, Any]], dict[str, Any]]] = []
    started = time.perf_counter()
    for number in range(pages):
        when = start + step * number
        url, blocks, response = maker.page(number)
        store.record(response, blocks, url=url, when=stamp(when))
        if maker.rng.random() < 0.12:
            later = when + dt.timedelta(days=maker.rng.uniform(0.1, 30))
            reruns.append((min(later, end), url, blocks, response))
        if number % 1000 == 999:
            print(f"  built {number + 1:,} pages in {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)
    for when, url, blocks, response in sorted(reruns, key=lambda r: r[0]):
        store.record(response, blocks, url=url, when=stamp(when))
    store.close()


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def cached_history(pages: int, seed: int, articles: Path | None) -> tuple[Path, float]:
    """The built history file (building it the first time) and how long building took."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"history-{pages}-g{GENERATOR}-s{seed}{'-articles' if articles else ''}.db"
    if path.is_file():
        return path, 0.0
    print(f"building a history of {pages:,} pages in {path} (once) ...", file=sys.stderr)
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    build_history(partial, pages, seed, articles)
    partial.replace(path)
    return path, time.perf_counter() - started


# --- measuring ------------------------------------------------------------------------------


class Client:
    """One keep-alive connection, as a browser tab keeps to the server."""

    def __init__(self, server: LiveServer) -> None:
        self._conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        self._headers = {TOKEN_HEADER: server.token}

    def get(self, path: str) -> Any:
        self._conn.request("GET", path, headers=self._headers)
        response = self._conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:300]!r}")
        return json.loads(body)


def timings(fn: Callable[[], Any], repeat: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def row(label: str, samples: list[float], note: str = "", aim: bool = False) -> str:
    median = statistics.median(samples)
    verdict = ("ok" if median < AIM_MS else "MISSES") if aim else ""
    return f"{label:<56} {median:8.1f} {p95(samples):8.1f}  {verdict:<6} {note}"


def list_query(q: str | None = None) -> str:
    """The list call exactly as the UI sends it (relevance order while searching)."""
    params = {"q": q} if q else {}
    params.update(sort="relevance" if q else "recent", limit="50", offset="0")
    return f"/v1/history/pages?{urlencode(params)}"


def stats_query(q: str | None = None) -> str:
    return f"/v1/history/stats?{urlencode({'q': q} if q else {})}"


def measure_api(server: LiveServer, queries: list[str], repeat: int) -> Iterator[str]:
    one, other = Client(server), Client(server)
    pool = ThreadPoolExecutor(max_workers=2)

    def both(q: str | None) -> Callable[[], Any]:
        def call() -> Any:
            listed = pool.submit(one.get, list_query(q))
            stats = pool.submit(other.get, stats_query(q))
            return listed.result(), stats.result()
        return call

    def listing(q: str) -> Callable[[], Any]:
        return lambda: one.get(list_query(q))

    yield row("API pages?limit=50 (first screen list)",
              timings(lambda: one.get(list_query()), repeat))
    yield row("API stats (first screen charts and facets)",
              timings(lambda: one.get(stats_query()), repeat))
    yield row("API first screen: list + stats in parallel", timings(both(None), repeat),
              aim=True)
    for q in queries:
        hits = one.get(list_query(q))["total"]
        yield row(f"API search {q!r}: list", timings(listing(q), repeat),
                  f"{hits:,} pages")
        yield row(f"API search {q!r}: list + stats in parallel", timings(both(q), repeat),
                  aim=True)
    pool.shutdown()


#: Runs before the UI's own scripts (CDP, so the UI's CSP does not apply): when the body's
#: data-state becomes "ready", and when the last input event was, in page time.
READY_PROBE = """
(() => {
  const watch = () => {
    if (!document.body) return false;
    new MutationObserver(() => {
      if (document.body.dataset.state === 'ready') window.__readyAt = performance.now();
    }).observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
    return true;
  };
  document.addEventListener('input', () => {
    window.__inputAt = performance.now();
    window.__readyAt = undefined;
  }, true);
  if (!watch()) document.addEventListener('DOMContentLoaded', watch);
})();
"""


def measure_ui(server: LiveServer, queries: list[str], repeat: int) -> Iterator[str]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"the UI part needs Debian's chromium at {CHROMIUM}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(READY_PROBE)
        page = context.new_page()
        ticket = Client(server)._conn  # a ticket, as `newslint history --open` asks for one
        ticket.request("POST", "/v1/history/ticket", body=b"{}",
                       headers={TOKEN_HEADER: server.token,
                                "Content-Type": "application/json"})
        opened = json.loads(ticket.getresponse().read())["open"]
        ready = "() => window.__readyAt !== undefined"
        page.goto(f"http://127.0.0.1:{server.port}{opened}")  # lets this browser in
        page.wait_for_function(ready)

        def first_screen() -> float:
            page.goto(f"http://127.0.0.1:{server.port}/history")
            page.wait_for_function(ready)
            return float(page.evaluate("window.__readyAt"))

        for _ in range(3):
            first_screen()
        loads = [first_screen() for _ in range(repeat)]
        rows = page.locator("#pages-body tr[data-page-id]").count()
        yield row("UI first screen: navigation to data-state=ready", loads, f"{rows} rows",
                  aim=True)

        def typed(q: str) -> tuple[float, float]:
            page.fill("#q", "")
            page.wait_for_function(ready)
            page.fill("#q", q)
            page.wait_for_function(ready)
            total = float(page.evaluate("window.__readyAt - window.__inputAt"))
            return total, float(page.evaluate("Number(document.body.dataset.listMs)"))

        for q in queries:
            for _ in range(2):
                typed(q)
            samples = [typed(q) for _ in range(max(5, repeat // 2))]
            totals, lists = [s[0] for s in samples], [s[1] for s in samples]
            yield row(f"UI search {q!r}: typed to list updated", totals,
                      "incl. the UI's debounce", aim=True)
            yield row(f"UI search {q!r}: request to list updated", lists)
        browser.close()


def pick_queries(server: LiveServer) -> list[str]:
    """The rarest of some story names, a topic word, a word most pages have, two words,
    and the one-letter prefix a reader's first keystroke sends."""
    client = Client(server)
    names = {item["title"].split()[0] for item in client.get(
        "/v1/history/pages?limit=200&sort=oldest")["items"]}
    rare = min(sorted(n for n in names if n[:1].isupper())[:40],
               key=lambda name: client.get(list_query(name))["total"])
    return [rare, "earthquake", "said", "council approved", "p"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--articles", type=Path, default=None,
                        help="A folder in the shared/data/articles layout, for more real text.")
    parser.add_argument("--no-ui", action="store_true", help="Skip the chromium part.")
    args = parser.parse_args()
    built, seconds = cached_history(args.pages, args.seed, args.articles)
    with tempfile.TemporaryDirectory() as home:
        database = Path(home) / "history.db"
        shutil.copyfile(built, database)
        server = start_server(Path(home), database=database)
        try:
            client = Client(server)
            client.get(list_query())  # opens (and migrates) the copy before anything is timed
            total = client.get(list_query())["total"]
            flagged = client.get("/v1/history/pages?kind=any&limit=1")["total"]
            sites = len(client.get(stats_query())["sites"])
            print(f"history: {total:,} pages ({flagged:,} with findings) from {sites} sites, "
                  f"{database.stat().st_size / 1e6:.0f} MB"
                  f"{f', built in {seconds:.0f} s' if seconds else ' (cached)'}; "
                  f"{args.repeat} repeats")
            queries = pick_queries(server)
            print(f"{'milliseconds':<56} {'median':>8} {'p95':>8}  aim<{AIM_MS:.0f} ms")
            for line in measure_api(server, queries, args.repeat):
                print(line, flush=True)
            if not args.no_ui:
                for line in measure_ui(server, queries, args.repeat):
                    print(line, flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
