"""`newslint batch INPUT... --out results.jsonl`: analyse a whole crawl, then find the
paragraphs its pages (and, with --history, the desktop history's pages) share.

The run has two passes. The first analyses every page on the chosen engine and appends
each result to the output as it arrives (so a killed run loses at most the pages in
flight, and a re-run skips what is done). The second, in this process, puts every
page's paragraph signatures in one LSH index, rewrites the output once with the
`recycled` annotations it finds, and writes the per-site report.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..base import settings as settings_module
from ..base.errors import NewslintError
from ..batch import report, sources
from ..batch.output import Output, Summary
from ..batch.worker import Outcome
from ..engine.page import site_of


def _report_paths(out: Path, prefix: Path | None) -> tuple[Path, Path]:
    base = prefix or out.with_name(out.name.removesuffix(".jsonl") + ".report")
    return base.with_name(base.name + ".json"), base.with_name(base.name + ".html")


def _items(inputs: tuple[str, ...], done: set[str], output: Output, summary: Summary,
           progress: Any) -> Iterator[sources.Item]:
    """The pages still to analyse; inputs that are not pages are written as failures."""
    seen: set[str] = set()
    for entry in sources.read(inputs):
        if entry.id in done or entry.id in seen:
            summary.skipped += entry.id in done
            progress.update(1)
            continue
        seen.add(entry.id)
        if isinstance(entry, sources.Failure):
            outcome = Outcome(entry.id, entry.source, error=entry.reason)
            output.write(outcome)
            summary.count(outcome)
            progress.update(1)
            continue
        yield entry


def cross_page(output: Output, settings: dict[str, Any],
               with_history: bool) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """`recycled` annotations for every page of the output, by page id; and how many
    paragraphs were indexed."""
    from ..crosspage import recycled

    index = recycled.RecycledIndex()
    for entry in output.paragraphs():
        page = recycled.PageRef(str(entry["id"]), url=entry.get("url"),
                                site=site_of(entry.get("url")), title=entry.get("title"),
                                date=entry.get("published"))
        index.add(page, [recycled.Paragraph.from_json(p) for p in entry["paragraphs"]])
    if with_history:
        from ..history.recycled import history_pages

        for page, paragraphs in history_pages(settings):
            index.add(page, paragraphs)
    found = index.matches(lambda page: page.origin == "batch")
    added = {page_id: [recycled.annotation(matches) for matches in paragraphs]
             for (_, page_id), paragraphs in found.items()}
    return added, len(index)


def run(inputs: tuple[str, ...], out: Path, *, engine: str = "local",
        scheduler: str | None = None, workers: int | None = None,
        report_prefix: Path | None = None, with_history: bool = False,
        retry_failed: bool = False, dask_processes: bool = True,
        progress_bar: bool | None = None, pages_per_task: int | None = None) -> Summary:
    from tqdm import tqdm

    from ..batch.runner import CHUNK, make_executor

    settings = settings_module.load()
    output = Output(out, retry_failed=retry_failed)
    done = output.done()
    total, ignored = sources.count(inputs)
    summary = Summary(ignored_files=ignored, engine=engine)
    show = sys.stderr.isatty() if progress_bar is None else progress_bar
    started = time.perf_counter()
    executor = make_executor(engine, settings, workers=workers, scheduler=scheduler,
                             processes=dask_processes, chunk=pages_per_task or CHUNK)
    output.open()
    try:
        with tqdm(total=total, unit="page", file=sys.stderr, disable=not show,
                  mininterval=0.5, smoothing=0.05, dynamic_ncols=True) as progress:
            for outcome in executor.run(_items(inputs, done, output, summary, progress)):
                output.write(outcome)
                summary.count(outcome)
                progress.update(1)
    finally:
        summary.seconds = time.perf_counter() - started
        output.close()
        executor.close()
    added, _ = cross_page(output, settings, with_history)
    site_report = report.SiteReport()
    for line in summary.final(output.rewrite(added)):
        site_report.add(line)
    json_path, html_path = _report_paths(out, report_prefix)
    site_report.write(json_path, html_path, f"newslint batch: {out.name}")
    return summary


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The results, one JSON line per page; an existing file is resumed.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="local: processes on this machine; dask: a Dask "
              "cluster (a local one unless --scheduler names one).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="A dask.distributed scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes on this machine (default: one per core).")
@click.option("--report", "report_prefix", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Where to write the per-site report (PREFIX.json and "
              "PREFIX.html; default: beside the output).")
@click.option("--history", "with_history", is_flag=True,
              help="Also find paragraphs recycled from pages of your desktop history.")
@click.option("--retry-failed", is_flag=True, help="Analyse again the pages that failed before.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--pages-per-task", type=click.IntRange(min=1), default=None,
              help="Pages a worker gets at once (default 4): fewer tasks, less overhead.")
@click.option("--dask-processes/--dask-threads", default=True, hidden=True,
              help="Local Dask cluster of processes (default) or of threads in this process.")
def command(inputs: tuple[str, ...], out: Path, engine: str, scheduler: str | None,
            workers: int | None, report_prefix: Path | None, with_history: bool,
            retry_failed: bool, as_json: bool, pages_per_task: int | None,
            dask_processes: bool) -> None:
    """Analyse every page of INPUT... (folders of HTML files, .warc/.warc.gz crawls, JSON
    Lines of API requests) and find paragraphs recycled across them.

    Shows progress with pages/s and the time left; a re-run skips pages already in the
    output; pages that cannot be read are reported and skipped."""
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        summary = run(inputs, out, engine=engine, scheduler=scheduler, workers=workers,
                      report_prefix=report_prefix, with_history=with_history,
                      retry_failed=retry_failed, dask_processes=dask_processes,
                      pages_per_task=pages_per_task)
    except NewslintError as exc:
        raise click.ClickException(exc.detail) from None
    except KeyboardInterrupt:
        click.echo("\ninterrupted: run the same command again to go on where it stopped",
                   err=True)
        raise SystemExit(130) from None
    except OSError as exc:
        if engine == "dask" and scheduler:
            raise click.ClickException(f"cannot reach the Dask scheduler {scheduler}: "
                                       f"{exc}") from None
        raise
    json_path, html_path = _report_paths(out, report_prefix)
    if as_json:
        click.echo(json.dumps({**summary.to_json(), "output": str(out),
                               "report": [str(json_path), str(html_path)]}, indent=2))
        return
    click.echo(summary.render())
    click.echo(f"results: {out}\nreport:  {html_path} ({json_path.name})")
