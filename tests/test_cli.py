"""`newslint check` and friends, through click's runner as a user would type them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from newslint.server.cli import main

from .golden import PAGES

TRUMP = PAGES / "trump-putin-call" / "source.html"


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def test_check_prints_a_readable_report_naming_twins() -> None:
    code, out = run("check", str(TRUMP))
    assert code == 0
    assert out.startswith("Donald Trump speaks to Russia")
    assert "Heading 1 repeats the headline word for word" in out
    assert "twin:" in out


def test_check_json_is_valid_against_the_response_schema() -> None:
    from newslint.server.pages.contract import validator

    code, out = run("check", "--json", str(TRUMP))
    assert code == 0
    validator("analyze-response").validate(json.loads(out))


def test_check_reads_blocks_from_stdin() -> None:
    blocks = [{"id": "a", "kind": "p", "text": "The same sentence printed twice on a page."}] * 1
    blocks = [*blocks, {"id": "b", "kind": "p", "text": blocks[0]["text"].upper()}]
    code, out = run("check", "--json", "-", stdin=json.dumps(blocks))
    assert code == 0
    assert [a["rule"] for a in json.loads(out)["annotations"]] == ["duplicate.exact"]


def test_check_reads_a_whole_request_from_stdin() -> None:
    request = {"title": "T", "lang": "en", "blocks": [{"id": "a", "kind": "p", "text": "Hello."}]}
    code, out = run("check", "--json", "-", stdin=json.dumps(request))
    assert code == 0
    assert json.loads(out)["page"]["title"] == "T"


def test_a_missing_file_is_one_line_and_a_nonzero_exit(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path / "nope.html"))
    assert code == 1
    assert out.strip() == f"Error: {tmp_path / 'nope.html'}: no such file"


def test_malformed_json_on_stdin_is_one_line() -> None:
    code, out = run("check", "-", stdin="{nope")
    assert code == 1
    assert out.count("\n") == 1 and "not valid JSON" in out


def test_an_invalid_request_is_one_line_saying_what_is_wrong() -> None:
    code, out = run("check", "-", stdin=json.dumps({"blocks": [{"id": "a"}]}))
    assert code == 1
    assert out.startswith("Error: request.blocks[0]") and "Traceback" not in out


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("")
    code, out = run("check", str(empty))
    assert code == 1 and "is empty" in out


def test_non_utf8_bytes_are_read_not_crashed(tmp_path: Path) -> None:
    page = tmp_path / "latin1.html"
    page.write_bytes("<p>Caf\xe9 au lait is served every morning at the corner caf\xe9.</p>"
                     .encode("latin-1"))
    code, out = run("check", "--json", str(page))
    assert code == 0
    assert json.loads(out)["blocks"][0]["text"].startswith("Caf")


def test_settings_lists_every_setting() -> None:
    from newslint.server.base.settings import SETTINGS

    code, out = run("settings")
    assert code == 0
    for setting in SETTINGS:
        assert setting.name in out and setting.env in out


def test_version() -> None:
    from newslint.server import __version__

    code, out = run("--version")
    assert code == 0 and __version__ in out
