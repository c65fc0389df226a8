"""The light commands start without the engine, and the lazily loaded ones still work.

Timing is not asserted here (bench/cli_startup.py measures it); what is asserted is the
cause of a slow start: which modules a command imports. Each command runs in a fresh
Python, as a user starts it, which then reports the heavy modules it holds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from newslint.server import cli

#: What only an analysis needs; each costs from 50 ms to a second to import.
HEAVY = ("spacy", "thinc", "onnxruntime", "tokenizers", "numpy", "dask", "distributed",
         "trafilatura", "lxml", "rapidfuzz", "wordfreq", "dateparser", "jsonschema",
         "newslint.server.engine", "newslint.server.batch", "newslint.server.evaluate",
         "newslint.server.history", "newslint.server.commands", "newslint.server.pages",
         "newslint.server.crosspage")

PROBE = """
import json, sys
from newslint.server.cli import main
try:
    main(sys.argv[1:], prog_name="newslint")
except SystemExit as exit:
    code = exit.code
heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
print("\\n" + json.dumps({"code": code, "heavy": heavy}))
"""


def start(*args: str) -> dict[str, object]:
    """Run `newslint ARGS` in a fresh interpreter; its exit code and heavy modules held."""
    probe = f"HEAVY = {HEAVY!r}\n" + PROBE
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [("--help",), ("token",), ("settings",), ("eval", "--help"),
                                  ("--version",)])
def test_light_commands_import_no_engine(args: tuple[str, ...]) -> None:
    found = start(*args)
    assert found["code"] in (0, None)
    assert found["heavy"] == []  # no module of HEAVY, nor any module inside one


def test_a_command_s_help_imports_its_module_only() -> None:
    found = start("batch", "--help")
    assert found["code"] in (0, None)
    assert "newslint.server.commands.batch" in found["heavy"]  # type: ignore[operator]
    assert not any(m.startswith(("newslint.server.evaluate", "spacy", "dask"))
                   for m in found["heavy"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(("group", "table"), [(cli.main, cli.LAZY_COMMANDS),
                                               (cli.evaluate, cli.LAZY_EVALUATIONS)])
def test_every_lazy_command_loads_and_its_listed_summary_is_its_own(
        group: cli.LazyGroup, table: dict[str, tuple[str, str]]) -> None:
    """The listing shows the summaries written in cli.py without importing anything; they
    must say what the commands' own docstrings say (and name a module that exists)."""
    for name, (_, summary) in table.items():
        command = group.load(name)
        assert isinstance(command, click.Command)
        assert command.get_short_help_str(limit=1000) == summary, name


def test_the_listing_is_the_same_before_and_after_loading() -> None:
    """`newslint --help` with nothing loaded lists what click lists once every command is
    loaded (both in fresh processes of the same terminal width)."""
    def listing(load: bool) -> str:
        probe = ("import click, sys\n"
                 "from newslint.server import cli\n"
                 f"if {load}:\n"
                 "    for name in cli.LAZY_COMMANDS:\n"
                 "        cli.main.get_command(click.Context(cli.main), name)\n"
                 "    assert set(cli.main.commands) >= set(cli.LAZY_COMMANDS)\n"
                 "cli.main(['--help'], prog_name='newslint')\n")
        return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              timeout=120, check=True).stdout

    fresh = listing(False)
    assert fresh == listing(True)
    assert "batch     Analyse every page of INPUT..." in fresh


def test_engine_dask_without_the_cluster_extra_says_which_extra_to_install(
        tmp_path: Path) -> None:
    """A light install has no Dask: `--engine dask` must say so in one line. The child
    Python is made to lack it (an entry of None in sys.modules makes an import fail as
    an absent package does)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text("<html><body><p>A page.</p></body></html>", "utf-8")
    out = tmp_path / "out.jsonl"
    probe = ("import sys\n"
             "sys.modules['dask'] = sys.modules['distributed'] = None\n"
             "from newslint.server.cli import main\n"
             "main(sys.argv[1:], prog_name='newslint')\n")
    done = subprocess.run([sys.executable, "-c", probe, "batch", str(pages), "--out", str(out),
                           "--engine", "dask"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "pip install 'newslint[cluster]'" in lines[0]
    assert lines[0].startswith("Error: --engine dask needs the cluster extra")
    assert not out.exists()


def test_desktop_without_the_desktop_extra_says_which_extra_to_install() -> None:
    """An install without the window's packages (pywebview, qtpy): one line naming the
    extra, before any window or server is tried (the child Python is made to lack them)."""
    probe = ("import sys\n"
             "sys.modules['webview'] = sys.modules['qtpy'] = None\n"
             "from newslint.server.cli import main\n"
             "main(sys.argv[1:], prog_name='newslint')\n")
    done = subprocess.run([sys.executable, "-c", probe, "desktop"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: the desktop app needs the desktop extra: pip install 'newslint[desktop]' (in a "
        "checkout: .venv/bin/pip install -e '.[desktop]'); no module named webview, qtpy"]
