"""A wall-clock bound on one analysis, checked cheaply from any loop of the engine.

Why: some checks grow faster than the page (pairs of sentences, pairs of names), so a
hostile or merely huge page could hold a CPU and an analysis slot for minutes. The
server gives every analysis a deadline; the engine calls `check()` between parsed
blocks, between detectors and inside its long loops, and stops with an EngineError
(code `analysis-timeout`, naming the setting) once the time is up or the client has
gone away.

The current deadline is context-local (a `contextvars.ContextVar`), so a detector
deep in the call stack needs no extra argument: it calls `deadline.check()` in its
loop. Outside any `bounded(...)` block `check()` does nothing, so the CLI, the
evaluations and the tests run unbounded unless they ask for a bound.

`check()` is cheap enough to call once per inner-loop iteration: it reads the
monotonic clock only every `STRIDE` calls (a counter increment otherwise).

No I/O, no Flask: the server passes in a `cancelled` callable (waitress's
`client_disconnected`) when it has one.

A backstop for loops that do not check yet (`bounded(..., hard=True)`, which the server
uses): a timer raises `DeadlinePassed` asynchronously in the analysing thread
(CPython's `PyThreadState_SetAsyncExc`) `GRACE_SECONDS` after the deadline, at the next
Python bytecode it runs. Cooperative checks come first and say where the analysis was;
the backstop only guarantees that an unchecked quadratic loop cannot hold a CPU and an
analysis slot for minutes. It is disarmed (any pending exception cleared) under a lock
when the bounded block ends, so it never fires outside it; callers must catch
EngineError around the whole `with bounded(...)` block, as the server does.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import EngineError

#: How many `check()` calls go by between two reads of the clock.
STRIDE = 64
#: How long past the deadline the backstop waits for a cooperative check to stop first.
GRACE_SECONDS = 1.0


class DeadlinePassed(EngineError):
    """Raised asynchronously by the backstop (so it takes no arguments)."""

    def __init__(self) -> None:
        super().__init__("analysis-timeout", "The analysis ran past its deadline.")


@dataclass
class Deadline:
    """When the current analysis must stop, and how to tell the client went away."""

    seconds: float
    setting: str = "analysis_timeout_seconds"
    cancelled: Callable[[], bool] | None = None
    ends: float = field(init=False)
    _calls: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.ends = time.monotonic() + self.seconds

    def expired(self) -> bool:
        return time.monotonic() >= self.ends

    def check(self) -> None:
        """Raise `analysis-timeout` (or `client-gone`) when the analysis must stop."""
        self._calls += 1
        if self._calls % STRIDE:
            return
        self.check_now()

    def timeout(self) -> EngineError:
        return EngineError(
            "analysis-timeout",
            f"The analysis took longer than {self.seconds:g} s (setting {self.setting}) "
            "and was stopped. The page is too long or too repetitive to analyse in that "
            "time; analyse a shorter part of it or raise the setting.")

    def check_now(self) -> None:
        """`check()` without the stride: between coarse steps (blocks, detectors)."""
        if time.monotonic() >= self.ends:
            raise self.timeout()
        if self.cancelled is not None and self.cancelled():
            raise EngineError("client-gone",
                              "The client closed the connection; the analysis was stopped.")


_CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "newslint_deadline", default=None)


def current() -> Deadline | None:
    """The deadline of the analysis running in this context, if any."""
    return _CURRENT.get()


def check() -> None:
    """Stop the current analysis if its time is up; a no-op outside `bounded`.

    Call it from any loop whose length grows with the page, once per iteration."""
    active = _CURRENT.get()
    if active is not None:
        active.check()


def check_now() -> None:
    """Like `check`, but reads the clock every time (for coarse steps)."""
    active = _CURRENT.get()
    if active is not None:
        active.check_now()


class _Backstop:
    """Raises DeadlinePassed in one thread after a delay, unless disarmed first."""

    def __init__(self, delay: float) -> None:
        self._thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._armed = True
        self._fired = False
        self._timer = threading.Timer(delay, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                self._fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(self._thread_id), ctypes.py_object(DeadlinePassed))

    def disarm(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._armed = False
            if self._fired:  # not delivered yet: clear it, so it never lands outside
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread_id),
                                                           None)


@contextlib.contextmanager
def bounded(seconds: float | None, *, cancelled: Callable[[], bool] | None = None,
            setting: str = "analysis_timeout_seconds",
            hard: bool = False) -> Iterator[Deadline | None]:
    """Run the block under a deadline of `seconds` (None or <= 0: no bound).

    `hard`: also arm the backstop (see the module's docstring)."""
    if seconds is None or seconds <= 0:
        yield None
        return
    active = Deadline(seconds, setting=setting, cancelled=cancelled)
    token = _CURRENT.set(active)
    backstop = _Backstop(seconds + GRACE_SECONDS) if hard else None
    passed = False
    try:
        yield active
    except DeadlinePassed:
        passed = True
    finally:
        # Disarm until it holds: the one asynchronous exception may land while disarming,
        # and the context must be reset whatever happens (threads are reused).
        while backstop is not None:
            try:
                backstop.disarm()
                break
            except DeadlinePassed:
                passed = True
        _CURRENT.reset(token)
    if passed:
        raise active.timeout()


_Item = TypeVar("_Item")


def checked(items: Iterator[_Item]) -> Iterator[_Item]:
    """Yield from `items`, checking the deadline before each one (e.g. nlp.pipe's docs)."""
    for item in items:
        check_now()
        yield item
