"""content/page.js mirrors the server's extraction rules, rule by rule (issue 12).

The rules themselves are tested in Node, where page.js runs: extension/tests/*.test.mjs, one
test per rule, each on a page whose trap Readability keeps (see that file). This runs them
in the suite's node tier; nothing here skips: without Node.js or jsdom the test fails and
says why.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[1] / "extension"
NODE_TESTS = EXTENSION / "tests"


def test_the_extension_mirrors_the_servers_extraction_rules() -> None:
    if shutil.which("node") is None:
        pytest.fail("the extension's rules are tested in Node.js (apt-get install nodejs npm)")
    if not (EXTENSION / "node_modules" / "jsdom").is_dir():
        pytest.fail("jsdom is missing: run `make extension/node_modules/.installed`")
    files = sorted(NODE_TESTS.glob("*.test.mjs"))
    assert files, f"no Node tests in {NODE_TESTS}"
    done = subprocess.run(["node", "--test", *map(str, files)], cwd=EXTENSION,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    # Not vacuous: the rules' tests of both files (s22: 10, s23: 8) ran, and none failed.
    passed = re.search(r"^# pass (\d+)$", done.stdout, re.MULTILINE)
    assert passed and int(passed.group(1)) >= 18, done.stdout[-2000:]
    assert "\n# fail 0\n" in done.stdout, done.stdout[-2000:]


def test_the_extensions_fallback_tags_are_the_servers() -> None:
    """page.js reads a page block by block by the server's `_FALLBACK_TAGS` when Readability
    finds no article (`fallbackBlocks`); the list is a string, which the numeric thresholds
    test (tests/test_extraction.py) does not read, so a tag added on one side only would go
    unnoticed and the two would read different blocks (review-ext, finding 11)."""
    from newslint.server.pages.extraction import blocks

    script = (EXTENSION / "content" / "page.js").read_text(encoding="utf-8")
    found = re.findall(r'const FALLBACK_TAGS = "([^"]+)";', script)
    assert len(found) == 1, found
    assert set(found[0].split(",")) == set(blocks._FALLBACK_TAGS)
