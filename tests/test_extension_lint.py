"""The extension as Firefox's add-on linter sees it (`web-ext lint`, run offline from
extension/node_modules, which `make` installs with `npm ci`), and the vendored Readability.

Nothing here skips: without Node.js or the npm packages the tests fail and say why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .extension_harness import EXTENSION

WEB_EXT = EXTENSION / "node_modules" / ".bin" / "web-ext"
# Warnings the linter raises on code that is not ours, or on what Chromium needs:
# Readability (vendored unchanged) builds its article in a detached clone of the page, and
# Chromium needs `background.service_worker` where Firefox reads `background.scripts`.
ACCEPTED_WARNINGS = {
    ("UNSAFE_VAR_ASSIGNMENT", "vendor/readability/Readability.js"),
    ("BACKGROUND_SERVICE_WORKER_IGNORED", "manifest.json"),
}


@pytest.fixture(scope="module")
def lint() -> dict[str, Any]:
    if shutil.which("node") is None:
        pytest.fail("web-ext lint needs Node.js (apt-get install nodejs npm)")
    if not WEB_EXT.exists():
        pytest.fail(f"{WEB_EXT} is missing: run `make setup` (it runs `npm ci` in extension/)")
    done = subprocess.run([str(WEB_EXT), "lint", "--self-hosted", "--output", "json"],
                          cwd=EXTENSION, capture_output=True, text=True, timeout=120)
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except ValueError:
        pytest.fail(f"web-ext lint did not answer JSON:\n{done.stdout}\n{done.stderr}")
    return report


def test_web_ext_lint_finds_no_errors(lint: dict[str, Any]) -> None:
    assert lint["summary"]["errors"] == 0, json.dumps(lint["errors"], indent=2)


def test_web_ext_lint_warns_about_nothing_of_our_own(lint: dict[str, Any]) -> None:
    ours = [w for w in lint["warnings"] if (w["code"], w.get("file")) not in ACCEPTED_WARNINGS]
    assert ours == [], json.dumps(ours, indent=2)


def test_the_vendored_readability_is_the_npm_package_unchanged() -> None:
    package = EXTENSION / "node_modules" / "@mozilla" / "readability"
    if not package.exists():
        pytest.fail("extension/node_modules is missing: run `make setup`")
    lock = json.loads((EXTENSION / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/@mozilla/readability"]["version"]
    assert json.loads((package / "package.json").read_text())["version"] == version
    for name in ("Readability.js", "LICENSE.md"):
        vendored = EXTENSION / "vendor" / "readability" / name
        assert vendored.read_bytes() == (package / name).read_bytes(), (
            f"{vendored} differs from @mozilla/readability {version}: run `npm run vendor`")


def test_the_manifest_asks_only_for_what_the_extension_needs() -> None:
    manifest = json.loads((EXTENSION / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    # nativeMessaging: the newslint app's helper starts the server and pairs (no copy-paste).
    assert sorted(manifest["permissions"]) == ["activeTab", "nativeMessaging", "scripting",
                                               "storage"]
    assert manifest["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
    assert "content_scripts" not in manifest  # injected on demand, never into every page
    assert "web_accessible_resources" not in manifest  # pages cannot probe for it
    for path in ("background.js", "popup.html", "options.html", "content/page.js",
                 "content/page.css", "vendor/readability/Readability.js",
                 "vendor/readability/LICENSE.md"):
        assert (EXTENSION / path).is_file(), path
    assert Path(EXTENSION / manifest["background"]["service_worker"]).is_file()
