"""The history database: the only module of newslint that talks to SQLite.

Every analysed page is kept with each of its runs (the blocks as analysed, the whole
API response, the engine version), its findings one row each so lists can filter and
count by kind, and an FTS5 index over its title and text. The file lives in the user's
data directory unless the `database` setting names another.

Concurrency: WAL mode, so readers (one connection per thread) never wait for the
writer; all writes of this process go through one connection under one lock, and each
analysis is written in one transaction, so a failure half-way leaves nothing behind.
Other processes (the CLI while the server runs) are serialised by SQLite's own lock.

A file that is not a readable SQLite database, or whose schema is newer than this code,
is refused with a NewslintError and never written to. Neither is one that fails SQLite's
`quick_check`, run when the store opens and again whenever a statement reports the file
damaged: from then on every call answers `history-corrupt`, saying how to recover.

The history is private: the database and its WAL files are created 0600 and the folder
0700 (an existing one is tightened), since pages read are as personal as a browser's.

A read-only or full data folder is reported as `history-read-only` / `history-full`
(the analysis itself is still answered, with a notice that it was not kept). Deleting
pages must work on a full disk, as it is how a user makes room: a failed delete
checkpoints and truncates the WAL, gives back the small reserve file kept beside the
database, and tries once more.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from ..base.errors import NewslintError
from ..engine.page import site_of
from . import changes
from .migrations import LATEST, MIGRATIONS

APP_NAME = "newslint"
SORTS = {
    "recent": "p.last_analyzed DESC, p.id DESC",
    "oldest": "p.last_analyzed ASC, p.id ASC",
    "title": "p.title COLLATE NOCASE ASC, p.id ASC",
    "site": "p.site ASC, p.last_analyzed DESC, p.id DESC",
    "findings": "p.findings DESC, p.last_analyzed DESC, p.id DESC",
    "relevance": "bm25(page_text, 10.0, 1.0), p.last_analyzed DESC",
}
#: Marks around matched words in search snippets (control characters no page text needs).
MARK_START, MARK_END = "\u0002", "\u0003"
MAX_LIMIT = 500
#: The day a page was last analysed: exactly the expression of index pages_by_day
#: (migration 4), so the charts group by reading that index alone.
DAY = "substr(p.last_analyzed, 1, 10)"


def default_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "history.db"


def path_from_settings(settings: dict[str, Any]) -> Path:
    return Path(settings["database"]).expanduser() if settings.get("database") else default_path()


def now() -> str:
    """UTC, to the millisecond, in a form that sorts as text."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"



def display_title(response: dict[str, Any], blocks: Sequence[dict[str, Any]]) -> str:
    """The page's title, else its first heading, else the start of its first block."""
    title = (response.get("page") or {}).get("title")
    if title and str(title).strip():
        return " ".join(str(title).split())[:500]
    heading = next((b for b in blocks if str(b.get("kind", "")).startswith(("h", "title"))
                    and str(b.get("text", "")).strip()), None)
    first = heading or next((b for b in blocks if str(b.get("text", "")).strip()), None)
    if first is None:
        return (response.get("page") or {}).get("url") or "Untitled page"
    text = " ".join(str(first["text"]).split())
    return text if len(text) <= 120 else text[:119] + "…"


def search_query(text: str) -> str | None:
    """The user's words as an FTS5 query every word of which must match (as a prefix).

    Quoting each word means no input can be an FTS5 syntax error or operator."""
    words = re.findall(r"\w+", text)[:20]
    return " AND ".join(f'"{w}"*' for w in words) or None


@dataclass(frozen=True)
class Filters:
    """What a history list, export or chart is restricted to."""

    q: str | None = None
    site: str | None = None
    kind: str | None = None  # a finding type, "any" or "none"
    since: dt.date | None = None
    until: dt.date | None = None
    ids: tuple[int, ...] = field(default_factory=tuple)

    def where(self) -> tuple[str, str, list[Any]]:
        """(join, where, parameters) over `pages p`: never the analyses, whose rows carry
        the blocks and the whole response, so counting 10,000 pages stays cheap."""
        join, clauses = "", []
        params: list[str | int] = []
        match = search_query(self.q) if self.q else None
        if match:
            join = "JOIN page_text ON page_text.rowid = p.id"
            clauses.append("page_text MATCH ?")
            params.append(match)
        if self.site:
            clauses.append("p.site = ?")
            params.append(self.site)
        if self.kind == "any":
            clauses.append("p.findings > 0")
        elif self.kind == "none":
            clauses.append("p.findings = 0")
        elif self.kind:
            clauses.append("EXISTS (SELECT 1 FROM findings k WHERE k.analysis_id = "
                           "p.latest_analysis AND k.type = ?)")
            params.append(self.kind)
        if self.since:
            clauses.append("p.last_analyzed >= ?")
            params.append(self.since.isoformat())
        if self.until and self.until < dt.date.max:  # the last day has nothing after it
            clauses.append("p.last_analyzed < ?")
            params.append((self.until + dt.timedelta(days=1)).isoformat())
        if self.ids:
            clauses.append(f"p.id IN ({','.join('?' * len(self.ids))})")
            params.extend(self.ids)
        return join, (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @property
    def searching(self) -> bool:
        return bool(self.q and search_query(self.q))


#: Bytes kept in `<database>.reserve`, given back when a delete meets a full disk: enough
#: for the WAL's unsaved pages (checkpointed every WAL_PAGES) to reach the database.
RESERVE_BYTES = 2 * 1024 * 1024
WAL_PAGES = 256


def _corrupt(path: Path, detail: str) -> NewslintError:
    return NewslintError(
        "history-corrupt",
        f"The history database {path} is damaged ({detail}). newslint will not write to it "
        "any more. Stop newslint, then either recover what is readable with "
        f"`sqlite3 {path} .recover | sqlite3 {path.with_name('history-recovered.db')}` and "
        "set `database` to the recovered file, or move the damaged file aside to start a "
        "new history.",
        title="History damaged", status=500,
    )


def _read_only(path: Path) -> NewslintError:
    return NewslintError(
        "history-read-only",
        f"The history cannot be saved: {path.parent} is read-only for newslint. Make the "
        f"folder and {path.name} writable by your user (e.g. `chmod u+w`), or set "
        "`database` to a file in a writable folder. Analyses are still answered.",
        title="History read-only", status=507,
    )


def _full(path: Path) -> NewslintError:
    return NewslintError(
        "history-full",
        f"The history cannot be saved: the disk holding {path.parent} is full. Free some "
        "space (deleting pages from the history works even now), or set `database` to a "
        "file on another disk. Analyses are still answered.",
        title="Disk full", status=507,
    )


def classify(path: Path, exc: sqlite3.Error) -> NewslintError | None:
    """The problem a write error means for the user, when it is not a damaged file."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if "readonly" in text or "read-only" in text or code in (8, 264, 520, 776, 1032, 1288):
        return _read_only(path)
    if "disk is full" in text or code == 13:
        return _full(path)
    if code is not None and code & 0xFF == 10:  # an I/O error: full when no room is left
        with contextlib.suppress(OSError):
            if shutil.disk_usage(path.parent).free < RESERVE_BYTES:
                return _full(path)
    if "unable to open" in text and not os.access(path.parent, os.W_OK):
        return _read_only(path)
    return None


def _unreadable(path: Path, exc: Exception) -> NewslintError:
    return NewslintError(
        "history-unreadable",
        f"The history database {path} cannot be read ({exc}). newslint has not changed it: "
        "move it aside to start a new history, or set `database` to another file.",
        title="History unreadable", status=500,
    )


class HistoryStore:
    """The history of analysed pages in one SQLite file; opened on first use."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._opened = False
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        #: Set once the file failed an integrity check: every later call answers it.
        self.broken: NewslintError | None = None

    # --- connections -------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        self._connections.append(conn)
        return conn

    def _private(self) -> None:
        """Folder 0700, database (and its WAL files) 0600, before SQLite creates them."""
        folder = self.path.parent
        created = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if created or folder == default_path().parent:
            with contextlib.suppress(OSError):
                folder.chmod(0o700)
        if not self.path.exists():
            with contextlib.suppress(OSError):
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        for name in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            with contextlib.suppress(OSError):
                if name.exists() and name.stat().st_mode & 0o077:
                    name.chmod(0o600)
        reserve = Path(f"{self.path}.reserve")
        if not reserve.exists():
            with contextlib.suppress(OSError):
                descriptor = os.open(reserve, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                try:
                    os.write(descriptor, b"\0" * RESERVE_BYTES)
                except OSError:
                    os.close(descriptor)
                    reserve.unlink()
                else:
                    os.close(descriptor)

    def _check_integrity(self, conn: sqlite3.Connection) -> None:
        """SQLite's quick_check (no index contents): a damaged file is never written to."""
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(3)").fetchall()]
        if rows != ["ok"]:
            self.broken = _corrupt(self.path, "; ".join(str(r) for r in rows)[:300])
            raise self.broken

    def open(self) -> None:
        """Open the file, refuse what is not ours, too new or damaged, apply pending
        migrations."""
        if self.broken is not None:
            raise self.broken
        with self._open_lock:
            if self._opened:
                return
            try:
                self._private()
            except OSError as exc:
                raise _read_only(self.path) if not os.access(
                    self.path.parent.parent, os.W_OK) else _unreadable(self.path, exc) from None
            try:
                conn = self._connect()
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > LATEST:
                    raise NewslintError(
                        "history-too-new",
                        f"The history database {self.path} was written by a newer newslint "
                        f"(schema {version}; this one knows up to {LATEST}). newslint has not "
                        "changed it: upgrade newslint, or set `database` to another file.",
                        title="History from a newer newslint", status=500,
                    )
                if version == 0 and conn.execute(
                        "SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise NewslintError(
                        "history-unreadable",
                        f"{self.path} is an SQLite database but not a newslint history. "
                        "newslint has not changed it: set `database` to another file.",
                        title="History unreadable", status=500,
                    )
                if version:
                    self._check_integrity(conn)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute(f"PRAGMA journal_size_limit = {RESERVE_BYTES}")
                conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_PAGES}")
                self._migrate(conn, version)
            except sqlite3.DatabaseError as exc:
                self.close()
                problem = classify(self.path, exc)
                if problem is not None:
                    raise problem from None
                raise _unreadable(self.path, exc) from None
            except NewslintError:
                self.close()
                raise
            self._writer = conn
            self._opened = True

    @staticmethod
    def _migrate(conn: sqlite3.Connection, version: int) -> None:
        for migration in MIGRATIONS:
            if migration.number <= version:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                if conn.execute("PRAGMA user_version").fetchone()[0] >= migration.number:
                    conn.execute("COMMIT")
                    continue
                for statement in _statements(migration.sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {migration.number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _reader(self) -> sqlite3.Connection:
        self.open()
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        if self.broken is not None:
            raise self.broken
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise NewslintError(
                    "history-busy", "The history database is busy; try again in a moment.",
                    status=503, retry_after=1) from None
            raise self._diagnose(exc) from None
        except sqlite3.DatabaseError as exc:
            raise self._diagnose(exc) from None
        except OverflowError:
            raise NewslintError("invalid-request",
                                "A number in the request is larger than any page id.") from None

    def _diagnose(self, exc: sqlite3.Error) -> NewslintError:
        """What a failed statement means: read-only, full, damaged (checked, then never
        written again), or otherwise unreadable."""
        problem = classify(self.path, exc)
        if problem is not None:
            return problem
        if (isinstance(exc, sqlite3.DatabaseError) and not isinstance(
                exc, sqlite3.OperationalError)) or "malformed" in str(exc) \
                or "corrupt" in str(exc):
            try:
                checker = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
                try:
                    rows = [r[0] for r in checker.execute("PRAGMA quick_check(3)")]
                finally:
                    checker.close()
            except sqlite3.Error as again:
                rows = [str(again)]
            if rows != ["ok"]:
                self.broken = _corrupt(self.path, "; ".join(map(str, rows))[:300])
                return self.broken
        return _unreadable(self.path, exc)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """The one writer: a lock in this process, BEGIN IMMEDIATE across processes."""
        self.open()
        with self._write_lock, self._errors():
            conn = self._writer
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._errors():
            return self._reader().execute(sql, params).fetchall()

    def close(self) -> None:
        for conn in self._connections:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self._connections.clear()
        self._local = threading.local()
        self._opened = False

    def schema_version(self) -> int:
        return int(self._read("PRAGMA user_version")[0][0])

    # --- writing -----------------------------------------------------------------------

    def record(self, response: dict[str, Any], blocks: Sequence[dict[str, Any]], *,
               url: str | None = None, page_id: int | None = None,
               when: str | None = None, reuse_unchanged: bool = False) -> int:
        """Keep one analysis (the API response and the blocks it was made from); its id.

        The run joins the page of the same address (`url`, else the response's), or
        `page_id` when given (a re-run of a page that has no address).

        With `reuse_unchanged` (the extension's clicks), a page whose latest run has the
        same blocks, engine version and findings gets no new run: re-clicking an unchanged
        page must not fill the history with copies. Its time of analysis moves on, and the
        id of that run is returned. A new engine version is a new run."""
        when = when or now()
        page = response.get("page") or {}
        url = url or page.get("url") or None
        title = display_title(response, blocks)
        annotations = response.get("annotations") or []
        counts: dict[str, int] = {}
        for annotation in annotations:
            counts[annotation["type"]] = counts.get(annotation["type"], 0) + 1
        version = str((response.get("analyzer") or {}).get("version", ""))
        blocks_json = json.dumps(list(blocks), ensure_ascii=False)
        paragraphs = _paragraph_rows(blocks)
        with self._transaction() as conn:
            if page_id is not None:
                row = conn.execute("SELECT id FROM pages WHERE id = ?", (page_id,)).fetchone()
                if row is None:
                    raise NewslintError("not-found", f"There is no page {page_id} in the history.")
            else:
                row = conn.execute("SELECT id FROM pages WHERE url = ?", (url,)).fetchone() \
                    if url else None
            if row is None:
                page_id = conn.execute(
                    "INSERT INTO pages (url, site, title, first_analyzed, last_analyzed) "
                    "VALUES (?, ?, ?, ?, ?)", (url, site_of(url), title, when, when)).lastrowid
            else:
                page_id = row["id"]
                if reuse_unchanged:
                    same = self._unchanged_run(conn, int(page_id), version, blocks_json,
                                               annotations)
                    if same is not None:
                        conn.execute("UPDATE pages SET last_analyzed = ? WHERE id = ?",
                                     (when, page_id))
                        return same
            assert page_id is not None  # the row's id, or the id the INSERT gave
            analysis_id = conn.execute(
                "INSERT INTO analyses (page_id, analyzed_at, engine_version, title, blocks, "
                "response, counts, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (page_id, when, version, title, blocks_json,
                 json.dumps(response, ensure_ascii=False), json.dumps(counts),
                 len(annotations))).lastrowid
            assert analysis_id is not None  # an INSERT's row id
            conn.executemany(
                'INSERT INTO findings (analysis_id, type, rule, block, start, "end") '
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(analysis_id, a["type"], a.get("rule", ""), str(a.get("block", "")),
                  int(a.get("start", 0)), int(a.get("end", 0))) for a in annotations])
            conn.execute("UPDATE pages SET title = ?, last_analyzed = ?, latest_analysis = ?, "
                         "findings = ? WHERE id = ?",
                         (title, when, analysis_id, len(annotations), page_id))
            self._index_text(conn, int(page_id), title, blocks)
            if paragraphs is not None:
                self._add_paragraphs(conn, int(analysis_id), paragraphs)
        return int(analysis_id)

    @staticmethod
    def _unchanged_run(conn: sqlite3.Connection, page_id: int, version: str, blocks_json: str,
                       annotations: list[dict[str, Any]]) -> int | None:
        """The page's latest run when it is this very analysis again, else None."""
        row = conn.execute(
            "SELECT a.id, a.response FROM pages p JOIN analyses a ON a.id = p.latest_analysis "
            "WHERE p.id = ? AND a.engine_version = ? AND a.blocks = ?",
            (page_id, version, blocks_json)).fetchone()
        if row is None:
            return None
        kept = json.loads(row["response"]).get("annotations") or []
        return int(row["id"]) if kept == json.loads(json.dumps(annotations)) else None

    # --- paragraph signatures (history/recycled.py) ---------------------------------------

    @staticmethod
    def _add_paragraphs(conn: sqlite3.Connection, analysis_id: int,
                        rows: Sequence[tuple[Any, ...]]) -> None:
        conn.executemany('INSERT INTO paragraphs (analysis_id, block, ordinal, "end", digest, '
                         "signature) VALUES (?, ?, ?, ?, ?, ?)",
                         [(analysis_id, *row) for row in rows])
        conn.execute("UPDATE analyses SET paragraphs_indexed = 1 WHERE id = ?", (analysis_id,))

    def index_paragraphs(self, limit: int = 500) -> int:
        """Give signatures to latest analyses kept without them (before migration 3);
        how many were done."""
        rows = self._read("SELECT a.id, a.blocks FROM pages p JOIN analyses a "
                          "ON a.id = p.latest_analysis WHERE a.paragraphs_indexed = 0 LIMIT ?",
                          (limit,))
        for row in rows:
            paragraphs = _paragraph_rows(json.loads(row["blocks"])) or []
            with self._transaction() as conn:
                self._add_paragraphs(conn, int(row["id"]), paragraphs)
        return len(rows)

    def latest_analyses(self) -> dict[int, int]:
        """Every page's latest analysis id."""
        return {r[0]: r[1] for r in self._read("SELECT id, latest_analysis FROM pages")}

    def latest_pages(self, ids: Sequence[int] | None = None) -> dict[int, dict[str, Any]]:
        """Pages (all, or those of `ids`) with their latest analysis id and the date to count
        "days earlier" from: the publication date they declare, else the day they were
        first analysed."""
        where, params = "", list(ids or [])
        if ids is not None:
            where = f" WHERE p.id IN ({','.join('?' * len(params))})" if params else " WHERE 0"
        rows = self._read("SELECT p.id, p.url, p.site, p.title, p.first_analyzed, "
                          "p.latest_analysis, json_extract(a.response, '$.page.published') "
                          "AS published FROM pages p JOIN analyses a "
                          f"ON a.id = p.latest_analysis{where}", params)
        return {r["id"]: {"url": r["url"], "site": r["site"], "title": r["title"],
                          "analysis": r["latest_analysis"],
                          "date": (r["published"] or r["first_analyzed"] or "")[:10] or None}
                for r in rows}

    def paragraph_signatures(self, after: int = 0) -> list[sqlite3.Row]:
        """Signatures of the analyses after `after` that are still their page's latest."""
        return self._read(
            'SELECT a.page_id, g.analysis_id, g.block, g.ordinal, g."end", g.digest, '
            "g.signature FROM paragraphs g JOIN analyses a ON a.id = g.analysis_id "
            "JOIN pages p ON p.latest_analysis = a.id WHERE g.analysis_id > ? "
            "ORDER BY g.analysis_id", (after,))

    def paragraph_signatures_of(self, analysis_id: int) -> list[sqlite3.Row]:
        return self._read('SELECT block, ordinal, "end", digest, signature FROM paragraphs '
                          "WHERE analysis_id = ? ORDER BY ordinal", (analysis_id,))

    @staticmethod
    def _index_text(conn: sqlite3.Connection, page_id: int, title: str,
                    blocks: Sequence[dict[str, Any]]) -> None:
        body = "\n".join(str(b.get("text", "")) for b in blocks)
        conn.execute("DELETE FROM page_text WHERE rowid = ?", (page_id,))
        conn.execute("INSERT INTO page_text (rowid, title, body) VALUES (?, ?, ?)",
                     (page_id, title, body))

    def delete(self, page_ids: Sequence[int]) -> int:
        """Forget pages and every run of them; how many there were.

        Deleting is how a user makes room, so a full disk gets one more try after the WAL
        is checkpointed and truncated and the reserve file is given back."""
        ids = sorted({int(i) for i in page_ids})
        if not ids:
            return 0
        try:
            return self._delete(ids)
        except NewslintError as exc:
            if exc.code != "history-full":
                raise
            self._make_room()
            return self._delete(ids)

    def _delete(self, ids: list[int]) -> int:
        marks = ",".join("?" * len(ids))
        with self._transaction() as conn:
            conn.execute(f"DELETE FROM page_text WHERE rowid IN ({marks})", ids)
            return int(conn.execute(f"DELETE FROM pages WHERE id IN ({marks})", ids).rowcount)

    def _make_room(self) -> None:
        with contextlib.suppress(OSError):
            Path(f"{self.path}.reserve").unlink()
        with self._write_lock, contextlib.suppress(sqlite3.Error):
            self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- reading -----------------------------------------------------------------------

    def list_pages(self, filters: Filters, *, sort: str = "recent", limit: int = 50,
                   offset: int = 0) -> dict[str, Any]:
        if sort == "relevance" and not filters.searching:
            sort = "recent"
        if sort not in SORTS:
            raise NewslintError("invalid-request",
                                f"sort must be one of {', '.join(SORTS)}, not {sort!r}.")
        limit = max(1, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        join, where, params = filters.where()
        base = f"FROM pages p {join}{where}"
        total = self._read(f"SELECT count(*) {base}", params)[0][0]
        ids = [r[0] for r in self._read(
            f"SELECT p.id {base} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
            [*params, limit, offset])]
        return {"total": total, "limit": limit, "offset": offset, "sort": sort,
                "items": [self._list_item(row) for row in self._list_rows(ids, filters)]}

    def _list_rows(self, ids: list[int], filters: Filters) -> list[sqlite3.Row]:
        """The shown pages in full, in the order given. Apart from the ordering, so that the
        latest run, the number of runs and the snippet are read for these pages only, not
        for every page that matches (SQLite computes a row in full before sorting it)."""
        if not ids:
            return []
        match = search_query(filters.q) if filters.q and filters.searching else None
        text_join, text_where = "", ""
        params: list[str | int] = [*ids]
        snippet = "NULL"
        if match:
            text_join = "JOIN page_text ON page_text.rowid = p.id"
            text_where = "page_text MATCH ? AND "
            params = [match, *ids]
            snippet = f"snippet(page_text, 1, '{MARK_START}', '{MARK_END}', '…', 14)"
        rows = self._read(
            f"SELECT p.id, p.url, p.site, p.title, p.first_analyzed, p.last_analyzed, "
            f"a.id AS analysis_id, a.counts, a.findings, a.engine_version, "
            f"(SELECT count(*) FROM analyses r WHERE r.page_id = p.id) AS runs, "
            f"{snippet} AS snippet FROM pages p JOIN analyses a ON a.id = p.latest_analysis "
            f"{text_join} WHERE {text_where}p.id IN ({','.join('?' * len(ids))})", params)
        by_id = {row["id"]: row for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    @staticmethod
    def _list_item(row: sqlite3.Row) -> dict[str, Any]:
        item = {
            "id": row["id"], "url": row["url"], "site": row["site"], "title": row["title"],
            "first_analyzed": row["first_analyzed"], "last_analyzed": row["last_analyzed"],
            "analysis_id": row["analysis_id"], "engine_version": row["engine_version"],
            "runs": row["runs"], "counts": json.loads(row["counts"]),
            "findings": row["findings"],
        }
        if row["snippet"] is not None:
            item["snippet"] = row["snippet"]
        return item

    def sites(self) -> list[dict[str, Any]]:
        rows = self._read("SELECT site, count(*) AS pages FROM pages GROUP BY site "
                          "ORDER BY pages DESC, site ASC LIMIT 200")
        return [{"site": r["site"], "pages": r["pages"]} for r in rows]

    def kinds(self) -> list[str]:
        return [r[0] for r in self._read("SELECT DISTINCT type FROM findings ORDER BY type")]

    def _runs(self, page_id: int) -> list[sqlite3.Row]:
        return self._read("SELECT * FROM analyses WHERE page_id = ? ORDER BY analyzed_at, id",
                          (page_id,))

    def page(self, page_id: int, analysis_id: int | None = None) -> dict[str, Any]:
        """One page: its runs (oldest first) with what each changed, and one run in full."""
        rows = self._read("SELECT * FROM pages WHERE id = ?", (page_id,))
        if not rows:
            raise NewslintError("not-found", f"There is no page {page_id} in the history.")
        page = rows[0]
        runs = [{"id": r["id"], "analyzed_at": r["analyzed_at"],
                 "engine_version": r["engine_version"], "blocks": json.loads(r["blocks"]),
                 "response": json.loads(r["response"]), "counts": json.loads(r["counts"]),
                 "findings": r["findings"]} for r in self._runs(page_id)]
        chosen = analysis_id or page["latest_analysis"]
        index = next((i for i, r in enumerate(runs) if r["id"] == chosen), None)
        if index is None:
            raise NewslintError("not-found",
                                f"Page {page_id} has no analysis {analysis_id} in the history.")
        summaries = []
        for i, run in enumerate(runs):
            diff = changes.compare(runs[i - 1] if i else None, run)
            summaries.append({"id": run["id"], "analyzed_at": run["analyzed_at"],
                              "engine_version": run["engine_version"], "counts": run["counts"],
                              "findings": run["findings"], "added": len(diff["added"]),
                              "removed": len(diff["removed"]),
                              **({"diff": diff} if i == index else {})})
        run = runs[index]
        return {
            "id": page["id"], "url": page["url"], "site": page["site"], "title": page["title"],
            "first_analyzed": page["first_analyzed"], "last_analyzed": page["last_analyzed"],
            "runs": [{k: v for k, v in s.items() if k != "diff"} for s in summaries],
            "analysis": {
                "id": run["id"], "analyzed_at": run["analyzed_at"],
                "engine_version": run["engine_version"], "blocks": run["blocks"],
                "response": run["response"],
                "previous": runs[index - 1]["id"] if index else None,
                "changes": summaries[index]["diff"],
            },
        }

    def latest_run(self, page_id: int) -> dict[str, Any]:
        """What a re-run needs: the latest run's blocks and response."""
        rows = self._read("SELECT p.url, a.blocks, a.response FROM pages p JOIN analyses a "
                          "ON a.id = p.latest_analysis WHERE p.id = ?", (page_id,))
        if not rows:
            raise NewslintError("not-found", f"There is no page {page_id} in the history.")
        return {"url": rows[0]["url"], "blocks": json.loads(rows[0]["blocks"]),
                "response": json.loads(rows[0]["response"])}

    def changes_of(self, analysis_id: int) -> dict[str, Any]:
        rows = self._read("SELECT page_id FROM analyses WHERE id = ?", (analysis_id,))
        if not rows:
            raise NewslintError("not-found", f"There is no analysis {analysis_id}.")
        page = self.page(int(rows[0]["page_id"]), analysis_id)
        return {"page_id": page["id"], "analysis_id": analysis_id,
                "previous": page["analysis"]["previous"], **page["analysis"]["changes"]}

    def export(self, filters: Filters, *, runs: str = "all") -> Iterator[dict[str, Any]]:
        """Every run (or only each page's latest) of the pages the filters select."""
        join, where, params = filters.where()
        ids = [r[0] for r in self._read(
            f"SELECT p.id FROM pages p {join}{where} ORDER BY p.last_analyzed DESC, p.id DESC",
            params)]
        for start in range(0, len(ids), 200):
            chunk = ids[start:start + 200]
            marks = ",".join("?" * len(chunk))
            latest = "AND a.id = p.latest_analysis" if runs == "latest" else ""
            rows = self._read(
                f"SELECT p.id AS page_id, p.url, p.site, a.id AS analysis_id, a.title, "
                f"a.analyzed_at, a.engine_version, a.blocks, a.response FROM analyses a "
                f"JOIN pages p ON p.id = a.page_id WHERE p.id IN ({marks}) {latest} "
                f"ORDER BY p.last_analyzed DESC, p.id DESC, a.analyzed_at ASC, a.id ASC", chunk)
            for r in rows:
                yield {"page_id": r["page_id"], "analysis_id": r["analysis_id"],
                       "url": r["url"], "site": r["site"], "title": r["title"],
                       "analyzed_at": r["analyzed_at"], "engine_version": r["engine_version"],
                       "blocks": json.loads(r["blocks"]), "response": json.loads(r["response"])}

    def stats(self, filters: Filters) -> dict[str, Any]:
        """Findings per day and per site, over each selected page's latest run."""
        join, where, params = filters.where()
        base = f"FROM pages p {join}{where}"
        days: dict[str, dict[str, Any]] = {}
        for r in self._read(f"SELECT {DAY} AS day, count(*) AS pages, "
                            f"sum(p.findings) AS findings {base} GROUP BY day", params):
            days[r["day"]] = {"day": r["day"], "pages": r["pages"], "findings": r["findings"],
                              "counts": {}}
        for r in self._read(f"SELECT {DAY} AS day, f.type, "
                            f"count(*) AS n FROM pages p JOIN findings f "
                            f"ON f.analysis_id = p.latest_analysis {join}{where} "
                            f"GROUP BY day, f.type", params):
            days[r["day"]]["counts"][r["type"]] = r["n"]
        sites = [{"site": r["site"], "pages": r["pages"], "findings": r["findings"]}
                 for r in self._read(f"SELECT p.site, count(*) AS pages, sum(p.findings) AS "
                                     f"findings {base} GROUP BY p.site ORDER BY findings DESC, "
                                     f"pages DESC, p.site LIMIT 12", params)]
        return {"by_day": [days[d] for d in sorted(days)], "by_site": sites}


def _paragraph_rows(blocks: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]] | None:
    """(block, ordinal, end, digest, signature) of the paragraphs worth matching across
    pages; None when they cannot be computed (the analysis is kept all the same)."""
    try:
        from ..crosspage.recycled import paragraphs

        return [(p.block, p.ordinal, p.end, p.digest, p.signature) for p in paragraphs(blocks)]
    except Exception:  # signatures are an extra: never lose an analysis over them
        return None


def _statements(script: str) -> list[str]:
    """A migration's statements, each run on its own inside the migration's transaction
    (executescript would commit first)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
