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
# The Node tests there after stop 27 (35 after s24-ext, 43 after s24-extfix, 49 before s25,
# 64 after s25, 65 after s26, 71 after s27-recall): raise it with every test added, so that
# deleting one fails here.
NODE_TESTS_LEAST = 72


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
    # Not vacuous: every test the files declare ran and passed (none skipped, none left as
    # a todo), and there are at least as many as s24 left (a deleted test is seen).
    declared = sum(len(re.findall(r"^test\(", path.read_text(encoding="utf-8"), re.MULTILINE))
                   for path in files)
    passed = re.search(r"^# pass (\d+)$", done.stdout, re.MULTILINE)
    assert passed and int(passed.group(1)) == declared, (declared, done.stdout[-2000:])
    assert declared >= NODE_TESTS_LEAST, f"{declared} Node tests, fewer than {NODE_TESTS_LEAST}"
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


def _page_script() -> str:
    return (EXTENSION / "content" / "page.js").read_text(encoding="utf-8")


def _one(pattern: str, script: str) -> str:
    """The one match of `pattern`'s group in page.js (a mirrored constant's text)."""
    found = re.findall(pattern, script)
    assert len(found) == 1, (pattern, found)
    return str(found[0])


def test_the_extensions_pruned_names_are_trafilaturas() -> None:
    """page.js prunes inside the article what trafilatura prunes by name
    (`prunedByTrafilatura`), with its token lists copied as strings: trafilatura is an
    installed library that will be upgraded, and a token added or dropped there would make
    the server and the extension read different paragraphs without any test noticing
    (review-ext, finding 9). Each failure names the upstream tuple that changed."""
    from trafilatura import xpaths

    script = _page_script()
    both = _one(r"const PRUNED_BOTH = String\.raw`([^`]*)`;", script)
    by_id = _one(r"const PRUNED_ID = new RegExp\(`\$\{PRUNED_BOTH\}\|([^`]*)`\);", script)
    by_class = _one(r"const PRUNED_CLASS = new RegExp\(`\$\{PRUNED_BOTH\}\|([^`]*)`\);", script)
    # (`|caption`: trafilatura's DISCARD_IMAGE_ELEMENTS, the server reading without images.)
    assert both == xpaths._alt(xpaths._OVERALL_DISCARD_BOTH_TOKENS), \
        "_OVERALL_DISCARD_BOTH_TOKENS changed"
    assert by_id == xpaths._alt(xpaths._OVERALL_DISCARD_ID_TOKENS) + "|caption", \
        "_OVERALL_DISCARD_ID_TOKENS changed"
    assert by_class == xpaths._alt(xpaths._OVERALL_DISCARD_CLASS_TOKENS) + "|caption", \
        "_OVERALL_DISCARD_CLASS_TOKENS changed"
    assert "contains(@class,'caption')" in xpaths.DISCARD_IMAGE_ELEMENTS[0].path.replace(" ", "")


def _conditions(predicate: str) -> list[str]:
    """The conditions an XPath predicate joins with `or` (white space already collapsed)."""
    return re.split(r" or (?=[@a-z])", predicate.strip())


def test_the_extensions_hidden_boxes_are_trafilaturas() -> None:
    """The second half of trafilatura's OVERALL_DISCARD_XPATH (hidden boxes and replies,
    whatever the tag) and its first half's conditions are compared with page.js's
    `HIDDEN_*`, `HIDDEN_FIRST`, `REPLY_FIRST` and `PRUNED_TAGS`, condition by condition: a
    condition added upstream fails here until page.js mirrors it or names it as left out
    (the three page.js leaves out are listed in its comment over `PRUNED_TAGS`)."""
    from trafilatura import xpaths

    script = _page_script()
    furniture, hidden = (" ".join(part.path.split()) for part in xpaths.OVERALL_DISCARD_XPATH)
    hidden_id = _one(r"const HIDDEN_ID = /([^/]*)/;", script)
    hidden_class = _one(r"const HIDDEN_CLASS = /([^/]*)/;", script)
    assert _one(r"const HIDDEN_STYLE = /([^/]*)/;", script) == "display: ?none"
    assert _one(r"const HIDDEN_FIRST = /([^/]*)/;", script) == "hidden"
    assert _one(r'const REPLY_FIRST = "([^"]*)";', script) == "reply-"
    conditions = _conditions(hidden[hidden.index("[") + 1:hidden.rindex("]")])
    assert conditions == [
        "@class='comments-title'",  # (in HIDDEN_CLASS, whose "comments-title" holds it)
        "starts-with(@id|@class, 'reply-')",
        "re:test(@id|@style, 'hidden')",
        "contains(@style, 'display:none')",
        "contains(@style, 'display: none')",
        f"re:test(@id, '{hidden_id}')",
        f"re:test(@class, '{hidden_class}')",
        "@aria-hidden='true'",
    ], "the hidden half of OVERALL_DISCARD_XPATH changed"
    tags = re.findall(r"self::(\w+)", furniture)
    assert sorted(tags) == ["div", "item", "list", "p", "section", "span"], tags
    pruned = _one(r"const PRUNED_TAGS = new Set\(\[([^\]]*)\]\);", script)
    pruned_tags = set(re.findall(r'"([A-Z]+)"', pruned))
    # trafilatura's `list` is <ul>, <ol> and <dl>; its `item` is <li>, <dd> and <dt>.
    assert pruned_tags == {"DIV", "P", "SECTION", "SPAN", "UL", "OL", "DL", "LI", "DD", "DT"}
    # Its conditions: page.js mirrors the role and the two token lists (compared above) and
    # leaves out the other three.
    conditions = _conditions(furniture[furniture.index("][") + 2:furniture.rindex("]")])
    assert [condition.split("(")[0].split(",")[0] for condition in conditions] == [
        "@data-lp-replacement-content", "contains", "contains", "re:test", "re:test", "re:test",
    ], "the first half of OVERALL_DISCARD_XPATH changed"
    assert conditions[:4] == [
        "@data-lp-replacement-content", "contains(translate(@role, 'N', 'n'), 'nav')",
        "contains(@data-component, 'MostPopularStories')", "re:test(@id|@class, 'cookie')",
    ]


def test_the_extensions_cleaned_tags_are_trafilaturas() -> None:
    """`linkDensityTest` asks whether a list is the last thing in its box after trafilatura's
    clean-up (`nextKeptSibling`), which deletes `MANUALLY_CLEANED`; page.js copies that list
    as `CLEANED`, which must follow the installed trafilatura's."""
    from trafilatura import settings

    body = _one(r"const CLEANED = new Set\(\[([^\]]*)\]\);", _page_script())
    upstream = {tag.upper() for tag in settings.MANUALLY_CLEANED}
    assert set(re.findall(r'"([A-Z]+)"', body)) == upstream


def test_the_extensions_stripped_and_empty_cut_tags_are_trafilaturas() -> None:
    """page.js counts a <div>'s children and a list's next sibling on the tree trafilatura's
    clean-up leaves (`keptChildren`, `nextKeptSibling`): `STRIPPED` tags are melted into
    their parent (`MANUALLY_STRIPPED`) and empty `CUT_EMPTY` ones deleted (`prune_html`'s
    `CUT_EMPTY_ELEMS`); both must follow the installed trafilatura's, or the extension's
    counts drift from the server's (review-ext finding 1: a correction note lost)."""
    from trafilatura import settings

    mirrored = (("STRIPPED", settings.MANUALLY_STRIPPED), ("CUT_EMPTY", settings.CUT_EMPTY_ELEMS))
    for name, upstream in mirrored:
        body = _one(rf"const {name} = new Set\(\[([^\]]*)\]\);", _page_script())
        assert set(re.findall(r'"([A-Z0-9]+)"', body)) == {tag.upper() for tag in upstream}, name
