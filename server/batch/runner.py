"""Two executors behind one interface: local processes, or a Dask cluster.

Both run the same task (`worker.analyse_chunk`: a few pages, each through
`worker.analyse`) on the same items and hand back outcomes in the order they finish.
Neither submits the whole crawl at once: a bounded window of tasks is in flight (a few
per worker), so memory stays flat over a million pages and the driver reads the input
only as fast as the workers take it.

- `local` (the default): `concurrent.futures.ProcessPoolExecutor`, one process per core,
  the model loaded once per process by its initializer. A worker that dies (out of
  memory, a crash in a native library) fails the pages it held; the pool is restarted
  and the run goes on.
- `dask`: `dask.distributed`; a `LocalCluster` of worker processes by default, or the
  scheduler at `--scheduler ADDRESS` (newslint must be installed on its workers). A
  worker plugin loads the model once per worker, including workers that join later.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from .sources import Item
from .worker import Outcome, analyse_chunk, warm_up

#: Tasks in flight per worker: enough to keep each busy while the driver writes.
WINDOW_PER_WORKER = 3
#: Pages per task.
CHUNK = 4

Chunk = tuple[Item, ...]


def chunks(items: Iterable[Item], size: int) -> Iterator[Chunk]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield tuple(batch)
            batch = []
    if batch:
        yield tuple(batch)


def _failed(chunk: Chunk, reason: str) -> list[Outcome]:
    return [Outcome(item.id, item.source, error=reason) for item in chunk]


class Executor(Protocol):
    workers: int

    def run(self, items: Iterable[Item]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class LocalExecutor:
    """One process per core on this machine."""

    def __init__(self, limits: dict[str, Any], workers: int | None = None,
                 chunk: int = CHUNK) -> None:
        self.workers = workers or default_workers()
        self.chunk = chunk
        self._task = functools.partial(analyse_chunk, limits=limits)
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing

        # spawn, not fork: the driver may hold threads (the progress bar), and a forked
        # child of a threaded parent can deadlock; Dask's workers start the same way.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=warm_up)

    def run(self, items: Iterable[Item]) -> Iterator[Outcome]:
        pending: dict[Future[list[Outcome]], Chunk] = {}
        source = chunks(items, self.chunk)
        window = self.workers * WINDOW_PER_WORKER
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                pending[self._submit(chunk)] = chunk
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                yield from self._outcomes(future, chunk)

    def _submit(self, chunk: Chunk) -> Future[list[Outcome]]:
        try:
            return self._pool.submit(self._task, chunk)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(self._task, chunk)

    def _outcomes(self, future: Future[list[Outcome]], chunk: Chunk) -> list[Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:
            return _failed(chunk, "the worker process died (out of memory or a crash) while "
                           "this page was in flight")
        except Exception as exc:
            return _failed(chunk, f"internal error: {exc}")

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """A Dask cluster: a local one of `workers` processes, or the one at `scheduler`."""

    def __init__(self, limits: dict[str, Any], workers: int | None = None,
                 scheduler: str | None = None, processes: bool = True,
                 chunk: int = CHUNK) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster

            from .daskplugin import EngineLoader
        except ImportError as exc:  # Dask is an extra: most installs never run a cluster
            from ..base.errors import NewslintError

            raise NewslintError(
                "not-implemented",
                "--engine dask needs the cluster extra: pip install 'newslint[cluster]' "
                f"(in a checkout: .venv/bin/pip install -e '.[cluster]'); {exc}") from None

        # Dask's housekeeping, tuned for minutes-long batches rather than interactive work:
        # the profiler samples every thread's stack every 10 ms (for the dashboard), the
        # event loop ticks every 20 ms and memory is polled every 100 ms in each process.
        # An idle local cluster of two workers burns 7.6% of a core on these by default,
        # 1.8% with these settings. And every connection keeps its last 1,000 messages for
        # debugging, pages included: ~1 GB of the driver's memory at 600 KB a task.
        # Workers of a remote scheduler keep their own config.
        dask.config.set({
            "distributed.admin.low-level-log-length": 20,
            "distributed.worker.profile.enabled": False,
            "distributed.admin.tick.interval": "500ms",
            "distributed.admin.system-monitor.interval": "2s",
            "distributed.admin.system-monitor.gil.enabled": False,
            "distributed.worker.memory.monitor-interval": "1s",
        })

        for name in ("distributed", "distributed.worker", "distributed.scheduler",
                     "distributed.nanny", "distributed.core", "distributed.http.proxy"):
            logging.getLogger(name).setLevel(logging.ERROR)
        self._cluster = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=workers or default_workers(),
                                         threads_per_worker=1, processes=processes,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        self._client.register_plugin(EngineLoader(), name="newslint-engine")
        self.workers = max(1, sum(w["nthreads"] for w in
                                  self._client.scheduler_info()["workers"].values()))
        self.chunk = chunk
        self._task: Callable[[Chunk], list[Outcome]] = functools.partial(analyse_chunk,
                                                                         limits=limits)

    def run(self, items: Iterable[Item]) -> Iterator[Outcome]:
        from distributed import as_completed

        source = chunks(items, self.chunk)
        window = self.workers * WINDOW_PER_WORKER
        held: dict[Hashable, Chunk] = {}  # by the future's key (a str, or a tuple of them)

        def submit() -> Any:
            chunk = next(source, None)
            if chunk is None:
                return None
            future = self._client.submit(self._task, chunk, pure=False)
            held[future.key] = chunk
            return future

        first = [f for f in (submit() for _ in range(window)) if f is not None]
        running = as_completed(first)
        for future in running:
            chunk = held.pop(future.key)
            try:
                yield from future.result()
            except Exception as exc:  # a worker lost with the pages (KilledWorker), a bug
                yield from _failed(chunk, f"the Dask task failed: {exc}")
            finally:
                future.release()
            following = submit()
            if following is not None:
                running.add(following)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(engine: str, limits: dict[str, Any], *, workers: int | None = None,
                  scheduler: str | None = None, processes: bool = True,
                  chunk: int = CHUNK) -> Executor:
    if engine == "local":
        return LocalExecutor(limits, workers, chunk)
    if engine == "dask":
        return DaskExecutor(limits, workers, scheduler, processes, chunk)
    raise ValueError(f"unknown engine {engine!r}: local or dask")


__all__ = ["DaskExecutor", "Executor", "LocalExecutor", "make_executor", "warm_up"]
