"""The installed distribution: everything under `newslint`, the contract and model inside."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy of the sources: setuptools reuses the tree's build/ folder, where
    # modules moved or packages no longer listed would linger and hide a missing one.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("server", "desktop", "shared"):
        shutil.copytree(ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(source)],
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


def test_every_module_and_ui_file_ships(wheel: zipfile.ZipFile) -> None:
    """The packages are listed one by one in pyproject.toml: a new layer's package that is
    not listed would be left out of the wheel without a word."""
    names = set(wheel.namelist())
    for folder in ("server", "desktop", "shared"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and (
                    path.suffix == ".py" or "ui" in path.parts):
                assert f"newslint/{path.relative_to(ROOT)}" in names, path
