"""The installed distribution: everything under `newslint`, the contract and model inside."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (path,) = out.glob("newslint-*.whl")
    return zipfile.ZipFile(path)


def test_nothing_generic_lands_in_site_packages(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"newslint"}


def test_the_schemas_and_the_model_ship_with_the_package(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for schema in ("analyze-request", "analyze-response", "health-response", "problem"):
        assert f"newslint/shared/schemas/{schema}.json" in names
    assert "newslint/server/engine/models/paraphrase.json" in names
    assert "newslint/server/engine/dates/grammar.py" in names


def test_the_newslint_command_is_declared(wheel: zipfile.ZipFile) -> None:
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "newslint = newslint.server.cli:main" in wheel.read(entry_points).decode()
