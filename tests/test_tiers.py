"""The two test tiers: a test lands in a heavy tier by what its module uses, not by a
marker someone has to remember (tests/conftest.py `needs`).

This file names no heavy tool itself (it would then be marked heavy by its own source):
it takes the names from conftest's tables.
"""

from __future__ import annotations

import importlib
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from . import conftest
from .conftest import NEEDS_BY_IMPORT, TIERS, needs, starts_a_server

ROOT = Path(__file__).resolve().parent.parent


def test_modules_that_drive_a_browser_a_window_or_node_are_in_those_tiers() -> None:
    expected = {
        "test_extension": {"browser"},
        "test_extension_native": {"browser"},
        "test_hostile_extension": {"browser"},
        "test_history_ui": {"browser"},
        "test_extension_firefox": {"browser", "node"},
        "test_extension_lint": {"node"},
        "test_desktop": {"desktop"},
    }
    for name, tiers in expected.items():
        module = importlib.import_module(f"tests.{name}")
        assert needs(module) == tiers, name


@pytest.mark.parametrize("name", ["test_api", "test_cli", "test_history", "test_dates",
                                  "test_settings", "test_first_run"])
def test_engine_api_cli_and_history_modules_are_in_the_fast_tier(name: str) -> None:
    assert needs(importlib.import_module(f"tests.{name}")) == set()


@pytest.mark.parametrize(("tier", "prefix"), [(tier, prefix)
                                              for tier, prefixes in NEEDS_BY_IMPORT.items()
                                              for prefix in prefixes
                                              if not prefix.startswith("tests.")])
def test_a_new_module_importing_a_heavy_tool_is_marked_without_a_marker(tier: str,
                                                                        prefix: str) -> None:
    """What a new browser or desktop test would look like: one import, no marker."""
    module = ModuleType("tests.test_new_feature")
    module.tool = ModuleType(f"{prefix}.api")  # type: ignore[attr-defined]
    assert needs(module) == {tier}


def test_a_function_imported_from_a_heavy_module_is_enough() -> None:
    module = ModuleType("tests.test_new_feature")

    def launch() -> None:
        """Stands for a function imported from the browser harness."""

    launch.__module__ = "tests.extension_harness"
    module.launch = launch  # type: ignore[attr-defined]
    assert needs(module) == {"browser"}


def test_a_test_that_starts_a_live_server_is_slow_however_it_gets_there() -> None:
    from . import test_api, test_attacks, test_durability

    assert starts_a_server(
        test_durability.test_a_killed_server_loses_nothing_it_answered_and_restarts_clean)
    # Through a helper of its own module, called by name or from another module.
    assert starts_a_server(test_attacks.start_with)

    new_module: dict[str, Any] = {"__name__": "tests.test_new_feature",
                                  "test_attacks": test_attacks}
    exec("def test_new():\n    test_attacks.start_with(None)\n", new_module)
    assert starts_a_server(new_module["test_new"])
    assert not starts_a_server(test_api.test_health_names_the_server_and_its_version)


def test_the_tiers_are_declared_where_strict_markers_checks_them() -> None:
    ini = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {line.split(":")[0] for line in ini["tool"]["pytest"]["ini_options"]["markers"]}
    assert set(TIERS) <= declared
    assert set(NEEDS_BY_IMPORT) | set(conftest.NEEDS_BY_SOURCE) <= set(TIERS)


def test_the_fast_command_leaves_out_every_heavy_tier() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    expression = " and ".join(f"not {tier}" for tier in TIERS)
    assert f'FAST_TIER := {expression}' in makefile


def test_this_module_is_itself_in_the_fast_tier() -> None:
    assert needs(sys.modules[__name__]) == set()
