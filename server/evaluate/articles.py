"""`newslint eval articles DIR`: false alarms on real news pages.

DIR holds `ground-truth.json` ({id: {url, articleBody}}) and `html/<id>.html.gz` (the
layout of the article-extraction benchmark in `shared/data/articles`). Real news rarely
repeats itself or contradicts its dates, so nearly everything flagged there is a false
alarm: the report counts findings per 100 pages, by type, and lists each one with the
text it points at, so a person can judge it.

Pages go through the same path as `newslint check page.html`: HTML extraction, then
every detector.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..engine.analyze import analyze
from ..extract import page_from_html


@dataclass(frozen=True)
class Article:
    id: str
    url: str
    html: str


def read_articles(folder: Path) -> Iterator[Article]:
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise click.ClickException(f"{folder} has no ground-truth.json")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for article_id, entry in sorted(truth.items()):
        path = folder / "html" / f"{article_id}.html.gz"
        if path.is_file():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            yield Article(article_id, entry.get("url", ""), html)


def _excerpt(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run(folder: Path) -> dict[str, Any]:
    pages = 0
    counts: Counter[str] = Counter()
    findings: list[dict[str, Any]] = []
    for article in read_articles(folder):
        pages += 1
        page = page_from_html(article.html, url=article.url)
        texts = {block.id: block.text for block in page.blocks}
        for annotation in analyze(page).annotations:
            counts[annotation.type] += 1
            findings.append(
                {
                    "page": article.url,
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
    return {"pages": pages, "findings": dict(counts), "per_100_pages": per_100, "list": findings}


@click.command("articles")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(folder: Path, as_json: bool) -> None:
    """Findings per 100 real news pages in FOLDER (nearly all of them false alarms)."""
    report = run(folder)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(f"{report['pages']} pages from {folder}")
    if not report["findings"]:
        click.echo("  no findings")
    for kind, n in sorted(report["findings"].items()):
        click.echo(f"  {kind}: {n} ({report['per_100_pages'][kind]:.1f} per 100 pages)")
    for finding in report["list"]:
        click.echo(f"\n- [{finding['rule']}] {finding['page']}\n  {finding['message']}")
        click.echo(f"  this:  {finding['text']}")
        for other in finding["related"]:
            click.echo(f"  other: {other}")
