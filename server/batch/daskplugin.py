"""The Dask worker plugin that loads newslint's engine once per worker.

Its own module because it imports `distributed` at the top (a plugin must subclass
`WorkerPlugin`), and a local run should not pay for importing Dask.
"""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class EngineLoader(WorkerPlugin):
    """Runs on every worker when it joins: the model is loaded before the first page."""

    def setup(self, worker: Any) -> None:
        from .worker import warm_up

        warm_up()
