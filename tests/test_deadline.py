"""The analysis deadline (server/engine/deadline.py) and the analysis slots: every
analysis bounded, long pages never holding every slot (issue 16, problem 2).

Loops here are bounded by the deadline under test or by a count; nothing asserts a speed.
"""

from __future__ import annotations

import threading
import time

import pytest
from newslint.server.base.errors import NewslintError
from newslint.server.engine import deadline
from newslint.server.engine.analyze import analyze
from newslint.server.engine.errors import EngineError
from newslint.server.engine.page import Block, Page
from newslint.server.web.security import AnalysisSlots

#: A safety bound for loops that the deadline should stop long before.
SPINS = 10**9


def test_check_does_nothing_outside_a_bounded_block() -> None:
    for _ in range(1000):
        deadline.check()
    deadline.check_now()
    assert deadline.current() is None


def test_a_loop_that_checks_stops_at_the_deadline_naming_the_setting() -> None:
    with pytest.raises(EngineError) as stopped, deadline.bounded(0.2):
        for _ in range(SPINS):
            deadline.check()
    assert stopped.value.code == "analysis-timeout"
    assert "analysis_timeout_seconds" in stopped.value.message
    assert deadline.current() is None


def test_the_backstop_stops_a_loop_that_never_checks() -> None:
    """A quadratic loop of another module, not yet checking: stopped all the same."""
    with pytest.raises(EngineError) as stopped, deadline.bounded(0.2, hard=True):
        total = 0
        for number in range(SPINS):
            total += number
    assert stopped.value.code == "analysis-timeout"
    assert "analysis_timeout_seconds" in stopped.value.message
    assert deadline.current() is None


def test_the_backstop_never_fires_after_its_block_ended() -> None:
    for _ in range(300):
        with deadline.bounded(0.001, hard=True):
            pass
    # Were any timer to fire late, the exception would land in this loop.
    ends = time.monotonic() + deadline.GRACE_SECONDS + 0.5
    spins = 0
    while time.monotonic() < ends and spins < SPINS:
        spins += 1
    assert deadline.current() is None


def test_a_client_that_went_away_stops_the_analysis() -> None:
    gone = threading.Event()
    with pytest.raises(EngineError) as stopped, deadline.bounded(60, cancelled=gone.is_set):
        for number in range(SPINS):
            if number == 1000:
                gone.set()
            deadline.check()
    assert stopped.value.code == "client-gone"


def test_the_engine_checks_between_parsed_blocks() -> None:
    text = "The council met on Monday and approved the plan for the new bridge. " * 20
    page = Page(blocks=[Block(f"b{i}", "p", text) for i in range(400)])
    with pytest.raises(EngineError) as stopped, deadline.bounded(0.05):
        analyze(page)
    assert stopped.value.code == "analysis-timeout"


def test_long_pages_never_hold_every_slot() -> None:
    slots = AnalysisSlots(2, 0.2, long_words=100)
    with slots.hold(words=5000):
        with pytest.raises(NewslintError) as busy, slots.hold(words=5000):
            pass
        assert busy.value.code == "server-busy" and busy.value.status == 503
        # An ordinary page still gets the other slot (and then every slot is taken).
        with slots.hold(words=50), pytest.raises(NewslintError), slots.hold(words=50):
            pass
    with slots.hold(words=5000), slots.hold(words=50):
        pass  # both free again
