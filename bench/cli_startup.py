"""Benchmark: how long the light commands take to start, and how much memory they hold.

`newslint --help`, `newslint token` and `newslint settings` answer from a few files and
need no engine; the aim (issue 14) is ≤ 0.3 s each. Each command runs as a fresh process
(`.venv/bin/newslint`, the installed entry point), the commands interleaved round after
round so a busy moment of the shared machine hits all of them alike, and the median wall
time and the median peak RSS (the child's `ru_maxrss`, from `os.wait4`) are printed. A bare
`python -c pass` and `python -c "import click, flask"` are measured beside them: the floor
a Python command cannot go below, and what the issue calls "a plain click + flask start".

The commands run with HOME and the XDG folders in a temporary directory, so `newslint
token` creates its token there and not in your own configuration.

    .venv/bin/python bench/cli_startup.py             # 15 rounds
    .venv/bin/python bench/cli_startup.py --repeat 31
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def commands() -> dict[str, list[str]]:
    newslint = str(BIN / "newslint")
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python: import click, flask": [sys.executable, "-c", "import click, flask"],
        "newslint --help": [newslint, "--help"],
        "newslint token": [newslint, "token"],
        "newslint settings": [newslint, "settings"],
        "newslint batch --help": [newslint, "batch", "--help"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run; a failing command stops the benchmark."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        error = child.stderr.read().decode() if child.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}): {error.strip()}")
    if child.stderr:
        child.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds (default 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/config",
                   XDG_DATA_HOME=f"{home}/data", XDG_CACHE_HOME=f"{home}/cache",
                   XDG_STATE_HOME=f"{home}/state")
        env = {k: v for k, v in env.items() if not k.startswith("NEWSLINT_")}
        table = commands()
        times: dict[str, list[float]] = {name: [] for name in table}
        rss: dict[str, list[float]] = {name: [] for name in table}
        for argv in table.values():  # one unmeasured run each: the disk cache is warm
            run_once(argv, env)
        for _ in range(args.repeat):
            for name, argv in table.items():
                seconds, mib = run_once(argv, env)
                times[name].append(seconds)
                rss[name].append(mib)
    print(f"{'command':32} {'median s':>9} {'min s':>7} {'max s':>7} {'peak RSS MiB':>13}")
    for name in table:
        print(f"{name:32} {statistics.median(times[name]):9.3f} {min(times[name]):7.3f} "
              f"{max(times[name]):7.3f} {statistics.median(rss[name]):13.1f}")
    print(f"({args.repeat} interleaved rounds; medians)")


if __name__ == "__main__":
    main()
