"""`newslint eval articles DIR`: false alarms on real news pages.

DIR is in one of two layouts: `ground-truth.json` ({id: {url, articleBody}}) beside
`html/<id>.html.gz` (the article-extraction benchmark in `shared/data/articles`), or
`expected.json` ({url: {file, with, without}}) beside `html/<file>.gz` (the extraction
evaluation pages in `shared/data/web-pages`). Real news rarely repeats itself or
contradicts its dates, so nearly everything flagged there is a false alarm: the report
counts findings per 100 pages, by type, and lists each one with the text it points at,
so a person can judge it.

Rules tuned until a set goes silent do not carry over to pages nobody tuned on, so
`--half a|b` keeps a fixed half of the pages (by a hash of their file name): tune on
one, report the other.

Pages go through the same path as `newslint check page.html`: HTML extraction, then
every detector.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..engine import language
from ..engine.analyze import analyze
from ..engine.errors import EngineError
from ..pages.extract import page_from_html
from ..pages.extraction.decode import decode_html
from .halves import in_half


@dataclass(frozen=True)
class Article:
    id: str
    url: str
    html: str


def read_articles(folder: Path, half: str | None = None) -> Iterator[Article]:
    if (folder / "ground-truth.json").is_file():
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        entries = [(f"{key}.html.gz", entry.get("url", "")) for key, entry in sorted(truth.items())]
    elif (folder / "expected.json").is_file():
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        entries = sorted((f"{entry['file']}.gz", url) for url, entry in expected.items())
    else:
        raise click.ClickException(f"{folder} has neither ground-truth.json nor expected.json")
    for name, url in entries:
        path = folder / "html" / name
        if path.is_file() and in_half(name, half):
            html = decode_html(gzip.decompress(path.read_bytes()))
            yield Article(name.removesuffix(".gz"), url, html)


def _excerpt(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run(folder: Path, half: str | None = None, lang: str | None = None) -> dict[str, Any]:
    """Every finding on the pages of `folder` (of one `half`, in language `lang` if given)."""
    pages = 0
    counts: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    findings: list[dict[str, Any]] = []
    unreadable: list[dict[str, str]] = []
    crashes: list[dict[str, str]] = []
    times: list[float] = []
    for article in read_articles(folder, half):
        started = time.perf_counter()
        try:
            page = page_from_html(article.html, url=article.url)
            if lang is not None:
                page.language = language.decide(page.language, [b.text for b in page.blocks])
                if page.language != lang:
                    continue
            annotations = analyze(page).annotations
        except EngineError as exc:
            unreadable.append({"page": article.url, "file": article.id, "problem": str(exc)})
            continue
        except Exception as exc:  # an evaluation counts crashes rather than stopping at one
            crashes.append({"page": article.url, "file": article.id,
                            "problem": f"{type(exc).__name__}: {exc}"})
            continue
        # What `newslint check` spends on the page: extraction and every detector.
        times.append(time.perf_counter() - started)
        pages += 1
        texts = {block.id: block.text for block in page.blocks}
        for annotation in annotations:
            counts[annotation.type] += 1
            rules[annotation.rule] += 1
            findings.append(
                {
                    "page": article.url,
                    "file": article.id,
                    "type": annotation.type,
                    "rule": annotation.rule,
                    "score": annotation.score,
                    "message": annotation.message,
                    "text": _excerpt(
                        texts[annotation.span.block][annotation.span.start : annotation.span.end]
                    ),
                    "related": [
                        _excerpt(texts[r["block"]][r["start"] : r["end"]])
                        for r in annotation.related
                    ],
                }
            )
    per_100 = {kind: 100 * n / pages for kind, n in counts.items()} if pages else {}
    return {"pages": pages, "findings": dict(counts), "per_100_pages": per_100,
            "by_rule": dict(rules), "list": findings, "unreadable": unreadable,
            "crashes": crashes, "ms_per_page": spread_ms(times)}


def spread_ms(seconds: list[float]) -> dict[str, float]:
    """Median and 95th percentile of times given in seconds, in milliseconds (every
    evaluation reports its time per page so)."""
    if not seconds:
        return {}
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": round(1000 * statistics.median(ordered), 1), "p95": round(1000 * p95, 1)}


@click.command("articles")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--half", type=click.Choice(["a", "b"]),
              help="Only the fixed half a or b of the pages (tune on one, report the other).")
@click.option("--lang", help="Only the pages read as this language, e.g. en.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(folder: Path, half: str | None, lang: str | None, as_json: bool) -> None:
    """Findings per 100 real news pages in FOLDER (nearly all of them false alarms)."""
    report = run(folder, half, lang)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    which = "" if half is None else f" (half {half})"
    click.echo(f"{report['pages']} pages from {folder}{which}")
    for page in report["unreadable"]:
        click.echo(f"  unreadable: {page['file']}: {page['problem']}")
    for page in report["crashes"]:
        click.echo(f"  crashed: {page['file']}: {page['problem']}")
    if report["ms_per_page"]:
        click.echo(f"  time per page: median {report['ms_per_page']['median']} ms, "
                   f"p95 {report['ms_per_page']['p95']} ms")
    if not report["findings"]:
        click.echo("  no findings")
    for kind, n in sorted(report["findings"].items()):
        click.echo(f"  {kind}: {n} ({report['per_100_pages'][kind]:.1f} per 100 pages)")
    for rule, n in sorted(report["by_rule"].items()):
        click.echo(f"    {rule}: {n}")
    for finding in report["list"]:
        click.echo(f"\n- [{finding['rule']}] {finding['page']}\n  {finding['message']}")
        click.echo(f"  this:  {finding['text']}")
        for other in finding["related"]:
            click.echo(f"  other: {other}")
