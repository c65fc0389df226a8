"""Imports run one way: the import-linter contracts of pyproject.toml ([tool.importlinter]).

The layers, top to bottom (README, "Layout"): cli; browser_host, commands, evaluate (and
the desktop app); web; history | batch; pages | crosspage; base; engine. Imports inside
functions and under TYPE_CHECKING count as imports.

The second test plants an upward import in a copy of the sources and checks that the
same contracts catch it, so the first cannot pass because they check nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS = {c["id"]: c["name"] for c in tomllib.loads(
    (ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]}


def lint_imports(cwd: Path, *, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `lint-imports` with the project's contracts on the packages importable from `cwd`
    (the installed project, or a copy put first on the path)."""
    env = {**os.environ}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_imports_run_one_way() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in done.stdout, done.stdout


def _copy_sources(to: Path) -> Path:
    """server/, desktop/ and shared/ as the `newslint` namespace they are installed under,
    Python files only; returns the folder to put on PYTHONPATH."""
    top = to / "src"
    for folder in ("server", "desktop", "shared"):
        shutil.copytree(ROOT / folder, top / "newslint" / folder, ignore=shutil.ignore_patterns(
            "__pycache__", "models", "ui", "*.json", "*.md"))
    return top


#: (module to change, import planted in a function body, contract that must break)
UPWARD = [
    ("server/engine/page.py", "from ..web import security", "layers"),
    ("server/pages/contract.py", "from ..history import store", "layers"),
    ("server/history/store.py", "from ..batch import output", "history-batch"),
    ("server/web/app.py", "from newslint.desktop import app", "desktop"),
    ("server/engine/nlp.py", "import sqlite3", "engine-pure"),
    ("server/engine/detectors/dates.py", "from ..analyze import analyze",
     "detectors-below-analyze"),
]


@pytest.mark.parametrize(("module", "statement", "contract"), UPWARD,
                         ids=[f"{c}:{m.split('/', 1)[1]}" for m, _, c in UPWARD])
def test_an_upward_import_breaks_a_contract(tmp_path: Path, module: str, statement: str,
                                            contract: str) -> None:
    top = _copy_sources(tmp_path)
    path = top / "newslint" / module
    # An import inside a function, the kind that loads lazily, is still an import.
    path.write_text(path.read_text(encoding="utf-8")
                    + f"\n\ndef _planted() -> None:\n    {statement}  # noqa\n",
                    encoding="utf-8")
    done = lint_imports(tmp_path, pythonpath=top)
    assert done.returncode != 0, done.stdout + done.stderr
    assert f"{CONTRACTS[contract]} BROKEN" in done.stdout, done.stdout + done.stderr
