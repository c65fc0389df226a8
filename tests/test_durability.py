"""The history survives a killed server: SIGKILL in the middle of a burst of writes, then
a restart, loses nothing that was answered 200 and leaves a database that checks clean."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from newslint.server.history.store import Filters, HistoryStore

from .helpers import LiveServer, start_server

CLIENTS = 4
#: Answers to wait for before the kill, so it lands while writes are still coming.
BEFORE_KILL = 12


def page(number: int) -> bytes:
    """Small distinct pages, so the burst is many short writes rather than a few analyses."""
    return json.dumps({
        "url": f"https://burst.example/{number}",
        "blocks": [
            {"id": "h", "kind": "h1", "text": f"Burst page {number}"},
            {"id": "p1", "kind": "p", "text": f"The council approved plan {number} on Monday "
             "after a long debate about the new footbridge over the river."},
            {"id": "p2", "kind": "p", "text": f"Plan {number} was approved by the council on "
             "Monday, after it debated the new footbridge over the river at length."},
        ],
    }).encode()


def burst_then_kill(server: LiveServer) -> set[int]:
    """Send pages from several clients until the server dies; the history ids answered 200."""
    answered: set[int] = set()
    lock = threading.Lock()
    stop = threading.Event()

    def client(first: int) -> None:
        number = first
        while not stop.is_set():
            try:
                status, headers, _ = server.request("/v1/analyze", page(number))
            except OSError:
                return  # the server is gone
            if status == 200:
                with lock:
                    answered.add(int(headers["X-Newslint-History-Id"]))
            number += CLIENTS

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with lock:
            if len(answered) >= BEFORE_KILL:
                break
        time.sleep(0.02)
    server.process.kill()  # SIGKILL: no handler runs, no connection is closed cleanly
    server.process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    with lock:
        return set(answered)


def test_a_killed_server_loses_nothing_it_answered_and_restarts_clean(tmp_path: Path) -> None:
    server = start_server(tmp_path)
    answered = burst_then_kill(server)
    assert len(answered) >= BEFORE_KILL

    database = tmp_path / "data" / "newslint" / "history.db"
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()

    restarted = start_server(tmp_path)
    try:
        status, _, listed = restarted.request("/v1/history/pages?limit=500")
        assert status == 200
        store = HistoryStore(database)
        kept = {run["analysis_id"] for run in store.export(Filters())}
        store.close()
        assert answered <= kept, f"answered but lost: {sorted(answered - kept)}"
        # At most the requests in flight at the kill were written without being answered.
        assert len(kept - answered) <= CLIENTS
        assert listed["total"] == len(kept)
        # and the restarted server keeps writing
        status, headers, _ = restarted.request("/v1/analyze", page(10_000))
        assert status == 200 and int(headers["X-Newslint-History-Id"]) not in kept
    finally:
        restarted.stop()
