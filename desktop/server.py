"""The local server the window shows: the one already running, or one in this process."""

from __future__ import annotations

import logging
import threading
from typing import Any

from newslint.server.history import recycled, store_for
from newslint.server.web import launch
from newslint.server.web.app import create_app
from newslint.server.web.wsgi import bind_app, create_server

log = logging.getLogger("newslint.desktop")


def preload_model() -> None:
    """Load the English model before serving, as `newslint serve` does: the first
    /v1/health (which reports the model) or analysis would otherwise load it, taking
    longer than clients such as `newslint history` wait for an answer. A missing model
    costs analysis only; the history still opens."""
    from newslint.server.engine import nlp
    from newslint.server.engine.errors import EngineError

    try:
        nlp.load()
    except EngineError as exc:
        log.warning("%s", exc.message)


class LocalServer:
    """Where the history UI is served from; `stop` ends it only if we started it."""

    def __init__(self, port: int, server: Any = None, thread: threading.Thread | None = None):
        self.port = port
        self.in_process = server is not None
        self._server = server
        self._thread = thread

    @classmethod
    def ensure(cls, settings: dict[str, Any], token: str | None = None) -> LocalServer:
        """Use a newslint server on the configured port, else start one in a thread
        (on that port, or on a free one when something else holds it).

        With `token`, a server on the port counts only if it proves it holds that token
        (`launch.health`): the window never hands the token to another program."""
        port = int(settings["port"])
        if launch.health(port, token=token) is not None:
            log.info("using the newslint server already running on port %s", port)
            return cls(port)
        app = create_app({"port": port})
        try:
            server = create_server(app, "127.0.0.1", port)
        except OSError:
            server = create_server(app, "127.0.0.1", 0)
        port = int(server.effective_port)
        if port != app.config["NEWSLINT"]["port"]:
            bind_app(server, create_app({"port": port}))
        holder = server.newslint_holder
        preload_model()
        recycled.warm_up(store_for(holder["app"]))
        thread = threading.Thread(target=server.run, name="newslint-server", daemon=True)
        thread.start()
        log.info("started the newslint server in this process on port %s", port)
        return cls(port, server, thread)

    def stop(self) -> None:
        """End the server we started: the listener, every open connection, the workers.

        Closing only the listener leaves the window's keep-alive connections in waitress's
        loop, which then runs on (and the window's exit waits) until they time out. The
        loop's sockets are closed on the loop's own thread, through its trigger."""
        if self._server is None:
            return
        from waitress import wasyncore

        server, self._server = self._server, None
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        if self._thread is not None:
            self._thread.join(timeout=5)
        server.task_dispatcher.shutdown(timeout=5)
        if self._thread is not None and self._thread.is_alive():
            log.warning("the newslint server on port %s did not stop within 5 s", self.port)
        else:
            log.info("stopped the newslint server on port %s", self.port)
