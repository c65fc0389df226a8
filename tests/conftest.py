"""Fixtures: an app on isolated settings, its test client, and the golden pages; and the
markers that split the suite into two tiers.

The fast tier (`make test-fast`: `-m "not browser and not desktop and not node and not
slow"`) is the engine, the API, the CLI and the history against real SQLite; `make test`
runs everything. Heavy tests are marked here, by what their module uses, rather than by
hand: a new test that drives a browser cannot land in the fast tier by someone forgetting
a marker. `slow` is given here to every test that starts a live `newslint serve`, and by
hand (`pytest.mark.slow`) to tests that are heavy by their size alone.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from newslint.server.web.app import create_app

from .helpers import client_for

#: Modules whose use makes a test module need a tier's machinery: a browser (Playwright,
#: or the harness that starts Chromium with the extension), a Qt window (pywebview, Qt,
#: the window driver).
NEEDS_BY_IMPORT: dict[str, tuple[str, ...]] = {
    "browser": ("playwright", "tests.extension_harness"),
    "desktop": ("webview", "qtpy", "PyQt6", "tests.desktop_driver"),
}
#: What in a module's source says it runs a program no import shows: Node.js (web-ext,
#: puppeteer) and Firefox under it, or the desktop window in a subprocess.
NEEDS_BY_SOURCE: dict[str, re.Pattern[str]] = {
    "node": re.compile(r"""which\(["']node["']\)|\[["']node["']|\bweb-ext\b|\bnpm\b|\.mjs\b"""),
    "browser": re.compile(r"firefox-esr|\bfirefox-smoke\b|\bchromium\.launch"),
    "desktop": re.compile(r"desktop_driver|\bimport webview\b|QtWebEngine"),
}
#: The tier markers, as declared in pyproject.toml.
TIERS = ("browser", "desktop", "node", "slow")


def _origin(value: object) -> str:
    """The module a global of a test module comes from ("" for plain data)."""
    if isinstance(value, ModuleType):
        return value.__name__
    return str(getattr(value, "__module__", "") or "")


def needs(module: ModuleType) -> set[str]:
    """The heavy tiers `module` belongs to, from what it imports and what its source runs."""
    found = set()
    origins = {_origin(value) for value in vars(module).values()}
    for tier, prefixes in NEEDS_BY_IMPORT.items():
        if any(o == p or o.startswith(p + ".") for o in origins for p in prefixes):
            found.add(tier)
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        source = ""
    found.update(tier for tier, pattern in NEEDS_BY_SOURCE.items() if pattern.search(source))
    return found


#: Helpers that start a real `newslint serve` process: it loads spaCy and the sentence
#: model before it answers (8.6 s for test_serve.py's on a loaded 2-core machine), so a
#: test that starts one is slow whatever it checks.
LIVE_SERVER_STARTERS = frozenset({"start_server"})


def starts_a_server(function: Callable[..., Any], depth: int = 3) -> bool:
    """Whether `function` calls a LIVE_SERVER_STARTERS helper, itself or through a test
    helper it calls (`depth` levels down), read from the names its code uses."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    names: set[str] = set()
    stack = [code]
    while stack:
        current = stack.pop()
        names.update(current.co_names)
        stack.extend(c for c in current.co_consts if isinstance(c, CodeType))
    if names & LIVE_SERVER_STARTERS:
        return True
    if depth == 0:
        return False
    scope = getattr(function, "__globals__", {})
    # Helpers called by name, or as attributes of a test module (`test_attacks.start_with`).
    modules = [scope[n] for n in names if isinstance(scope.get(n), ModuleType)]
    # vars(), not getattr(): a module's own __getattr__ (numpy's) warns about names it lacks.
    helpers = [scope.get(n) for n in names] + [vars(m).get(n) for m in modules for n in names]
    return any(starts_a_server(helper, depth - 1) for helper in helpers
               if inspect.isfunction(helper) and str(helper.__module__).startswith("tests."))


def _uses_a_live_server(item: pytest.Item) -> bool:
    """The test, or a fixture it uses, starts a real server."""
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for name in getattr(item, "fixturenames", ()):
        definitions = info.name2fixturedefs.get(name, ()) if info is not None else ()
        functions.extend(definition.func for definition in definitions)
    return any(f is not None and starts_a_server(f) for f in functions)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with the heavy tiers its module needs (see `needs`), and as slow
    when it starts a live server (see `starts_a_server`)."""
    cache: dict[str, set[str]] = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is None:
            continue
        if module.__name__ not in cache:
            cache[module.__name__] = needs(sys.modules.get(module.__name__, module))
        for tier in sorted(cache[module.__name__]):
            item.add_marker(getattr(pytest.mark, tier))
        if _uses_a_live_server(item):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def isolated_config(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test reads or writes the real user's config or data directories."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    for name in list(__import__("os").environ):
        if name.startswith("NEWSLINT_"):
            monkeypatch.delenv(name)
    yield home


@pytest.fixture
def app() -> Flask:
    # The extension id the security tests send as Origin stands for newslint's own.
    return create_app({"max_request_bytes": 8 * 1024 * 1024,
                       "extension_ids": "abcdefghijklmnop"})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return client_for(app)
