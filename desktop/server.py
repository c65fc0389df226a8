"""The local server the window shows: the one already running, or one in this process."""

from __future__ import annotations

import logging
import threading
from typing import Any

from newslint.server.app import create_app
from newslint.server.history import launch

log = logging.getLogger("newslint.desktop")


class LocalServer:
    """Where the history UI is served from; `stop` ends it only if we started it."""

    def __init__(self, port: int, server: Any = None, thread: threading.Thread | None = None):
        self.port = port
        self.in_process = server is not None
        self._server = server
        self._thread = thread

    @classmethod
    def ensure(cls, settings: dict[str, Any]) -> LocalServer:
        """Use a newslint server on the configured port, else start one in a thread
        (on that port, or on a free one when something else holds it)."""
        import waitress

        port = int(settings["port"])
        if launch.health(port) is not None:
            log.info("using the newslint server already running on port %s", port)
            return cls(port)
        holder: dict[str, Any] = {}

        def application(environ: dict[str, Any], start_response: Any) -> Any:
            return holder["app"](environ, start_response)

        options = {"threads": settings["threads"], "channel_timeout": settings["channel_timeout"],
                   "ident": "newslint", "_quiet": True}
        try:
            server = waitress.create_server(application, host="127.0.0.1", port=port,
                                            **options)
        except OSError:
            server = waitress.create_server(application, host="127.0.0.1", port=0, **options)
        port = int(server.effective_port)
        holder["app"] = create_app({"port": port})
        thread = threading.Thread(target=server.run, name="newslint-server", daemon=True)
        thread.start()
        log.info("started the newslint server in this process on port %s", port)
        return cls(port, server, thread)

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
