"""Benchmark: `newslint batch` throughput with the local engine and with Dask.

The real articles of DATA (`ground-truth.json` + `html/*.html.gz`) are repeated to
`--pages` pages in one gzipped WARC (each copy keeps its article's address as
WARC-Target-URI), then the same command runs once per engine, each with `--workers`
processes. Printed: pages/s of the analysis pass (pages / time to the last result,
worker start-up included), the whole command's wall time (with the cross-page pass
and the report), pages per CPU-second of the whole process tree (the engine's cost,
which a busy shared machine disturbs far less than wall time), dask / local in both,
and the peak memory of each worker.

Repeated pages are cross-page duplicates of each other: every paragraph appears
`pages / articles` times. Copies of one address are one page to the cross-page pass
(no finding), and identical paragraphs are one index entry, so the repeats cost the
index nothing; but the throughput is that of 60 distinct pages, warm in every cache,
and the `recycled` output shows only what the 60 real articles share.

Run: `.venv/bin/python bench/batch.py ../shared/data/articles --pages 6000`
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def build_warc(data: Path, pages: int, target: Path) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    articles = [(truth[k].get("url", ""), gzip.decompress((data / "html" / f"{k}.html.gz")
                 .read_bytes())) for k in sorted(truth) if (data / "html" / f"{k}.html.gz")
                .is_file()]
    with target.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(pages):
            url, body = articles[n % len(articles)]
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url or f"https://local.example/{n}", "response", payload=io.BytesIO(body),
                http_headers=headers))
    return len(articles)


def run_engine(engine: str, warc: Path, out: Path, workers: int,
               pages_per_task: int | None = None) -> dict[str, Any]:
    command = [sys.executable, "-m", "newslint.server", "batch", str(warc), "--out", str(out),
               "--engine", engine, "--workers", str(workers), "--json"]
    if pages_per_task:
        command += ["--pages-per-task", str(pages_per_task)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = json.loads(done.stdout)
    summary["wall_seconds"] = round(wall, 1)
    # CPU of the whole process tree (driver, scheduler, nannies, workers): what the engine
    # costs, whatever else the machine is doing at the time.
    summary["cpu_seconds"] = round((after.ru_utime - before.ru_utime)
                                   + (after.ru_stime - before.ru_stime), 1)
    summary["largest_process_mib"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path, help="the articles folder (ground-truth.json, html/)")
    parser.add_argument("--pages", type=int, default=6000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--pages-per-task", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
        folder = Path(tmp)
        warc = folder / "crawl.warc.gz"
        started = time.perf_counter()
        articles = build_warc(args.data, args.pages, warc)
        size = warc.stat().st_size / 2**20
        print(f"{args.pages} pages ({articles} articles repeated) in {size:.0f} MiB of WARC, "
              f"written in {time.perf_counter() - started:.1f} s", flush=True)
        rates, per_cpu = {}, {}
        for engine in args.engines.split(","):
            s = run_engine(engine, warc, folder / f"{engine}.jsonl", args.workers,
                           args.pages_per_task)
            rates[engine] = s["pages_per_second"]
            per_cpu[engine] = s["analysed"] / s["cpu_seconds"]
            rss = ", ".join(f"{v:.0f}" for v in s["peak_rss_mib_per_worker"].values())
            print(f"{engine:<6} {s['analysed']} pages, {s['failed']} failed: "
                  f"{s['pages_per_second']:.2f} pages/s over the analysis "
                  f"({s['seconds']:.0f} s); whole command {s['wall_seconds']:.0f} s; "
                  f"{per_cpu[engine]:.2f} pages per CPU-second ({s['cpu_seconds']:.0f} s of "
                  f"CPU); peak RSS per worker {rss} MiB; largest process "
                  f"{s['largest_process_mib']:.0f} MiB; findings {s['findings']}", flush=True)
        if "local" in rates and "dask" in rates:
            print(f"dask / local: {rates['dask'] / rates['local']:.3f} in pages/s, "
                  f"{per_cpu['dask'] / per_cpu['local']:.3f} in pages per CPU-second")


if __name__ == "__main__":
    main()
