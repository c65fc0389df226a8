"""Where a batch's pages come from: folders of HTML files, WARC crawls, JSON Lines.

Every reader yields `Item`s (a page to analyse, as an API request) or `Failure`s (a file
or record that is not a readable page, with the reason): a corrupt input is reported and
skipped, never the end of the run. Ids are stable across runs, so a re-run can skip the
pages already in the output:

- an HTML file: its absolute path;
- a WARC record: its WARC-Record-ID (unique by the WARC standard);
- a JSON Lines page: its `id` field, else `<absolute path>:<line number>`.

Reading happens in the process that drives the run; workers only get the request.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..pages.extraction import decode

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Item:
    """One page to analyse: `request` is an analyze request body (html or blocks)."""

    id: str
    source: str
    request: dict[str, Any]


@dataclass(frozen=True)
class Failure:
    """An input that could not become a page, and why (shown in the summary)."""

    id: str
    source: str
    reason: str


Entry = Item | Failure


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (("warc", WARC_SUFFIXES), ("jsonl", JSONL_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    if name.endswith(HTML_SUFFIXES) or name.endswith(tuple(s + ".gz" for s in HTML_SUFFIXES)):
        return "html"
    return None


def files(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """(file, kind) for every input file and every file under an input folder, sorted."""
    for given in inputs:
        path = Path(given).expanduser().resolve()
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield child, kind_of(child)
        else:
            yield path, kind_of(path) or ("html" if path.exists() else None)


def read(inputs: Iterable[str | Path]) -> Iterator[Entry]:
    """Every page of the inputs, in a stable order; unreadable ones as failures."""
    for path, kind in files(inputs):
        if not path.exists():
            yield Failure(str(path), str(path), "no such file or folder")
        elif kind == "html":
            yield read_html_file(path)
        elif kind == "warc":
            yield from read_warc(path)
        elif kind == "jsonl":
            yield from read_jsonl(path)
        # Other files in a folder (images, notes) are not pages: `count` reports them.


def count(inputs: Iterable[str | Path]) -> tuple[int, dict[str, int]]:
    """(pages to expect, {suffix: files ignored}): a quick pass for the progress bar's ETA.

    HTML files count one each; JSON Lines count their lines; WARC files are walked
    record by record without reading the pages (a fraction of the analysis time)."""
    total = 0
    ignored: dict[str, int] = {}
    for path, kind in files(inputs):
        if kind == "html" or not path.exists():
            total += 1
        elif kind == "jsonl":
            try:
                with _open(path) as stream:
                    total += sum(1 for line in stream if line.strip())
            except (OSError, EOFError, gzip.BadGzipFile):
                total += 1
        elif kind == "warc":
            total += max(1, _count_warc(path))
        else:
            suffix = "".join(path.suffixes[-2:]).lower() or "(no suffix)"
            ignored[suffix] = ignored.get(suffix, 0) + 1
    return total, ignored


def _open(path: Path) -> Any:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def decode_html(raw: bytes, declared: str | None = None) -> str:
    """Bytes of a page → text: BOM, the server's charset (`declared`), `<meta charset>`,
    else detection (see `extraction.decode`, shared with `newslint check`)."""
    return decode.decode_html(raw, decode.header_charset(declared) or declared)


def looks_like_html(raw: bytes) -> str | None:
    """Why `raw` is not an HTML page, or None when it may be one."""
    if not raw.strip():
        return "empty file"
    head = raw[:2048]
    if b"\x00" in head:
        return "not an HTML page (binary content)"
    if b"<" not in raw[:65536]:
        return "not an HTML page (no markup)"
    return None


def read_html_file(path: Path) -> Entry:
    try:
        raw = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            raw = gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        return Failure(str(path), str(path), f"unreadable file: {exc}")
    why = looks_like_html(raw)
    if why:
        return Failure(str(path), str(path), why)
    return Item(str(path), str(path), {"html": decode_html(raw)})


def read_warc(path: Path) -> Iterator[Entry]:
    """The HTML responses (and resources) of a WARC file; other records are not pages."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offset = 0
    seen = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                seen += 1
                if record.format != "warc":
                    # warcio reads any line of words as an old ARC header: not a crawl here.
                    raise ValueError(f"not a WARC record (read as {record.format})")
                entry = _warc_entry(path, records, record)
                offset = records.get_record_offset()  # reads the rest of the record
                if entry is not None:
                    yield entry
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, gzip.BadGzipFile) as exc:
        where = f"{path}@{offset}" if offset else str(path)
        yield Failure(where, where, f"unreadable WARC: {_one_line(exc)}")
        return
    if not seen:
        yield Failure(str(path), str(path), "unreadable WARC: no WARC records in the file")


def _warc_entry(path: Path, records: Any, record: Any) -> Entry | None:
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if record.rec_type == "response":
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(HTML_TYPES):
        return None
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    url = record.rec_headers.get_header("WARC-Target-URI")
    raw = record.content_stream().read()
    source = f"{path}@{records.get_record_offset()}"
    page_id = record_id or source
    why = looks_like_html(raw)
    if why:
        return Failure(page_id, source, why)
    html = decode_html(raw, decode.header_charset(content_type))
    request: dict[str, Any] = {"html": html}
    if url:
        request["url"] = url
    return Item(page_id, source, request)


def _count_warc(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "resource"):
                    found += 1
    except Exception:  # a corrupt crawl is reported when it is read, not when counted
        return found
    return found


def read_jsonl(path: Path) -> Iterator[Entry]:
    """One analyze request per line (`html` or `blocks`), with an optional `id`."""
    try:
        with _open(path) as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    data = json.loads(line)
                except (ValueError, UnicodeDecodeError) as exc:
                    yield Failure(where, where, f"not JSON: {_one_line(exc)}")
                    continue
                if not isinstance(data, dict):
                    yield Failure(where, where, "not a JSON object")
                    continue
                page_id = str(data.pop("id", "") or where)
                data.pop("source", None)
                yield Item(page_id, where, data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Failure(str(path), str(path), f"unreadable file: {_one_line(exc)}")


def _one_line(exc: BaseException) -> str:
    """An error as one short printable line (warcio quotes the garbage it choked on)."""
    text = str(exc).split(", first line:")[0]
    text = "".join(c if c.isprintable() else " " for c in text)
    text = " ".join(text.split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"
