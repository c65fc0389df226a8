"""One desktop window per user: a lock file, and a tiny local signal to the first window.

The first launch holds an exclusive lock on `desktop.lock` in the user's data directory
for as long as it runs (the OS drops it when the process dies, so a crash leaves no
stale lock) and listens on a loopback port written to `desktop.json`. A second launch
cannot take the lock; it sends `{"token", "what": "focus"}` to that port and exits. The
token is the server's pairing token, so only the user's own processes can signal.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(file: IO[Any]) -> bool:
        try:
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(file: IO[Any]) -> bool:
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class SingleInstance:
    """The lock, the listener of the first window and the sender of the second."""

    def __init__(self, directory: Path, token: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.lock_path = directory / "desktop.lock"
        self.info_path = directory / "desktop.json"
        self._token = token
        self._lock_file: IO[Any] | None = None
        self._server: socketserver.ThreadingTCPServer | None = None

    def acquire(self) -> bool:
        """True when this is the first window; False when another one holds the lock."""
        file = open(self.lock_path, "a+")  # noqa: SIM115 - held open for the whole run
        if not _try_lock(file):
            file.close()
            return False
        self._lock_file = file
        return True

    def listen(self, handlers: dict[str, Callable[[], None]]) -> int:
        """Answer signals from later launches; write where to reach us. The port."""
        token = self._token.encode()

        class Handler(socketserver.StreamRequestHandler):
            timeout = 2

            def handle(self) -> None:
                try:
                    message = json.loads(self.rfile.readline(4096))
                    sent = str(message.get("token", "")).encode()
                    what = str(message.get("what", ""))
                except (ValueError, AttributeError, OSError):
                    return
                if not hmac.compare_digest(sent, token) or what not in handlers:
                    self.wfile.write(b"refused\n")
                    return
                self.wfile.write(b"ok\n")
                handlers[what]()

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, name="newslint-desktop-signal",
                         daemon=True).start()
        self._server = server
        port = int(server.server_address[1])
        temporary = self.info_path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump({"pid": os.getpid(), "port": port}, file)
        os.replace(temporary, self.info_path)
        return port

    def signal(self, what: str = "focus", *, wait: float = 15.0) -> bool:
        """Ask the first window to do `what`; waits while it is still starting."""
        deadline = time.monotonic() + wait
        while True:
            try:
                port = int(json.loads(self.info_path.read_text(encoding="utf-8"))["port"])
                with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
                    conn.sendall(json.dumps({"token": self._token, "what": what}).encode()
                                 + b"\n")
                    if conn.makefile("rb").readline(64).strip() == b"ok":
                        return True
            except (OSError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)

    def release(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._lock_file is not None:
            with contextlib.suppress(FileNotFoundError):
                self.info_path.unlink()
            self._lock_file.close()
            self._lock_file = None
