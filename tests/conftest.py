"""Fixtures: an app on isolated settings, its test client, and the golden pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from newslint.server.web.app import create_app

from .helpers import client_for


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
