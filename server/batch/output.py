"""The batch's output: one JSON line per page, written as results arrive, resumable.

`results.jsonl` holds per line the API's response plus `id` and `source` (or `id`,
`source` and `error` for a page that could not be analysed). Beside it,
`results.jsonl.paragraphs` keeps each page's paragraph signatures, so the cross-page
pass at the end (and a later, resumed run) need not read the pages again.

A run killed half-way leaves at most one half-written line at the end of each file:
re-opening cuts it off, and every page whose line is complete is skipped. The side file
is written before the result line, so a page in the output always has its paragraphs.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .worker import Outcome

SIDE_SUFFIX = ".paragraphs"


def _repair(path: Path) -> None:
    """Cut a half-written last line (a run killed while writing)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as file:
        file.seek(-1, os.SEEK_END)
        if file.read(1) == b"\n":
            return
        size = file.seek(0, os.SEEK_END)
        step = 1 << 16
        position = size
        while position > 0:
            position = max(0, position - step)
            file.seek(position)
            chunk = file.read(min(step, size - position))
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                file.truncate(position + cut + 1)
                return
        file.truncate(0)


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The complete, parseable lines of a JSON Lines file."""
    if not path.exists():
        return
    with path.open("rb") as file:
        for raw in file:
            if not raw.endswith(b"\n"):
                break
            try:
                yield json.loads(raw)
            except ValueError:
                continue


@dataclass
class Output:
    path: Path
    retry_failed: bool = False
    _out: IO[str] | None = None
    _side: IO[str] | None = None

    @property
    def side_path(self) -> Path:
        return self.path.with_name(self.path.name + SIDE_SUFFIX)

    def done(self) -> set[str]:
        """Ids of pages already in the output (failed ones too, unless retrying them)."""
        _repair(self.path)
        _repair(self.side_path)
        ids: set[str] = set()
        for line in read_lines(self.path):
            if "id" in line and not (self.retry_failed and "error" in line):
                ids.add(str(line["id"]))
        return ids

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._side = self.side_path.open("a", encoding="utf-8")
        self._out = self.path.open("a", encoding="utf-8")

    def write(self, outcome: Outcome) -> dict[str, Any]:
        assert self._out is not None and self._side is not None, "open() first"
        if outcome.line is not None:
            page = outcome.line.get("page") or {}
            self._side.write(json.dumps({
                "id": outcome.id, "url": page.get("url"), "title": page.get("title"),
                "published": page.get("published"), "paragraphs": outcome.paragraphs,
            }, ensure_ascii=False) + "\n")
            self._side.flush()
            line = {"id": outcome.id, "source": outcome.source, **outcome.line}
        else:
            line = {"id": outcome.id, "source": outcome.source, "error": outcome.error}
        self._out.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._out.flush()
        return line

    def close(self) -> None:
        for file in (self._out, self._side):
            if file is not None:
                file.close()
        self._out = self._side = None

    def paragraphs(self) -> Iterator[dict[str, Any]]:
        """Each analysed page's entry of the side file (the last one, when written twice),
        streamed: a crawl's signatures need not fit in memory as text."""
        last = {str(entry.get("id")): number
                for number, entry in enumerate(read_lines(self.side_path))}
        for number, entry in enumerate(read_lines(self.side_path)):
            if last.get(str(entry.get("id"))) == number:
                yield entry

    def rewrite(self, added: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
        """Rewrite the output once: the last line of each page, its `recycled` annotations
        replaced by `added[id]`. Yields each final line (for the summary and report).

        Written to a temporary file and renamed over the output, so an interruption
        leaves the old, complete file."""
        last: dict[str, int] = {}
        for number, line in enumerate(read_lines(self.path)):
            last[str(line.get("id"))] = number
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            for number, line in enumerate(read_lines(self.path)):
                page_id = str(line.get("id"))
                if last.get(page_id) != number:
                    continue
                if "annotations" in line:
                    kept = [a for a in line["annotations"] if a.get("type") != "recycled"]
                    for n, annotation in enumerate(added.get(page_id, []), start=len(kept) + 1):
                        kept.append({**annotation, "id": f"a{n}"})
                    line["annotations"] = kept
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                yield line
        os.replace(temporary, self.path)


@dataclass
class Summary:
    """What the run did, for the closing lines and `--json` summaries."""

    total: int = 0
    analysed: int = 0
    skipped: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # id, source, reason
    findings: Counter[str] = field(default_factory=Counter)
    pages_with: Counter[str] = field(default_factory=Counter)
    ignored_files: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    workers: dict[str, int] = field(default_factory=dict)  # worker → peak RSS (KiB)
    engine: str = "local"

    def count(self, outcome: Outcome) -> None:
        if outcome.worker:
            self.workers[outcome.worker] = max(self.workers.get(outcome.worker, 0),
                                               outcome.peak_rss_kb)
        if outcome.line is None:
            self.failures.append((outcome.id, outcome.source, outcome.error or "unknown"))
        else:
            self.analysed += 1

    def final(self, lines: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Count findings over the output's final lines (this run's and earlier runs')."""
        self.findings.clear()
        self.pages_with.clear()
        for line in lines:
            kinds = Counter(a["type"] for a in line.get("annotations") or [])
            self.findings.update(kinds)
            self.pages_with.update(kinds.keys())
            yield line

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "pages": self.analysed + len(self.failures) + self.skipped,
            "analysed": self.analysed,
            "skipped_already_done": self.skipped,
            "failed": len(self.failures),
            "failures": [{"id": i, "source": s, "reason": r} for i, s, r in self.failures],
            "findings": dict(self.findings),
            "pages_with": dict(self.pages_with),
            "ignored_files": self.ignored_files,
            "seconds": round(self.seconds, 2),
            "pages_per_second": round(self.analysed / self.seconds, 2) if self.seconds else None,
            "peak_rss_mib_per_worker": {w: round(kb / 1024, 1)
                                        for w, kb in sorted(self.workers.items())},
        }

    def render(self, limit: int = 20) -> str:
        data = self.to_json()
        rate = f", {data['pages_per_second']:.1f} pages/s" if data["pages_per_second"] else ""
        lines = [f"{data['analysed']} pages analysed in {self.seconds:.1f} s{rate} "
                 f"({self.engine} engine, {len(self.workers)} "
                 f"worker{'' if len(self.workers) == 1 else 's'}); "
                 f"{self.skipped} already in the output; {len(self.failures)} failed"]
        if self.findings:
            lines.append("findings: " + ", ".join(
                f"{n} {kind} on {_pages(self.pages_with[kind])}"
                for kind, n in sorted(self.findings.items())))
        else:
            lines.append("findings: none")
        if self.workers:
            peak = max(self.workers.values()) / 1024
            lines.append(f"peak memory per worker: {peak:.0f} MiB")
        for suffix, n in sorted(self.ignored_files.items()):
            lines.append(f"ignored {n} file{'s' if n > 1 else ''} that are not pages ({suffix})")
        reasons = Counter(reason for _, _, reason in self.failures)
        for reason, n in reasons.most_common():
            lines.append(f"failed ({n}): {reason}")
        for page_id, source, reason in self.failures[:limit]:
            shown = source if source == page_id else f"{page_id} ({source})"
            lines.append(f"  - {shown}: {reason}")
        if len(self.failures) > limit:
            lines.append(f"  … and {len(self.failures) - limit} more (see the output file)")
        return "\n".join(lines)


def _pages(n: int) -> str:
    return f"{n} page{'' if n == 1 else 's'}"
