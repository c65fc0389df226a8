"""Settings: one table, four sources, later ones winning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newslint.server.base import settings
from newslint.server.base.errors import NewslintError


def test_every_setting_has_a_help_text_and_a_default() -> None:
    for setting in settings.SETTINGS:
        assert setting.help.endswith(".") and len(setting.help) > 15
        assert setting.default is not None


def test_defaults_bind_loopback_only() -> None:
    assert settings.load()["host"] == "127.0.0.1"


def test_file_then_environment_then_overrides(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"port": 9000, "max_blocks": 10}))
    assert settings.load(path=config)["port"] == 9000
    monkeypatch.setenv("NEWSLINT_PORT", "9100")
    assert settings.load(path=config)["port"] == 9100
    assert settings.load({"port": 9200}, path=config)["port"] == 9200
    assert settings.load(path=config)["max_blocks"] == 10


def test_a_wrong_value_names_the_setting_and_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_PORT", "eighty")
    with pytest.raises(NewslintError, match="NEWSLINT_PORT"):
        settings.load()


def test_an_unreadable_config_file_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text("{not json")
    with pytest.raises(NewslintError, match="Cannot read"):
        settings.load(path=config)


def test_an_unknown_override_is_refused() -> None:
    with pytest.raises(NewslintError, match="no setting"):
        settings.load({"colour": "blue"})


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"| `{setting.name}` |" in readme, f"{setting.name} is not documented"


def test_every_readme_row_is_the_one_the_table_renders() -> None:
    """README's settings table comes from the same table as the validation: its default
    and what is allowed cannot drift from what newslint accepts."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        row = settings.markdown_row(setting)
        assert row in readme.splitlines(), (
            f"README's row for {setting.name} should be\n{row}\n"
            "(python -m newslint.server.base.settings prints the whole table)")


# --- every kind of wrong value, from every source -------------------------------------------

def refusal(tmp_path: Path, values: dict[str, object]) -> str:
    """The one-line reason a config file holding `values` is refused."""
    config = tmp_path / "config.json"
    config.write_text(json.dumps(values))
    with pytest.raises(NewslintError) as refused:
        settings.load(path=config)
    assert refused.value.code == "invalid-setting"
    assert "\n" not in refused.value.detail
    assert str(config) in refused.value.detail
    return refused.value.detail


@pytest.mark.parametrize(("name", "value", "shown", "allowed"), [
    # JSON true is an int to Python: it used to become port 1.
    ("port", True, "true", "a whole number from 1 to 65535"),
    ("port", 0, "0", "a whole number from 1 to 65535"),
    ("port", 65536, "65536", "a whole number from 1 to 65535"),
    ("port", "9000", '"9000"', "a whole number from 1 to 65535"),
    ("port", 8877.5, "8877.5", "a whole number from 1 to 65535"),
    ("port", None, "null", "a whole number from 1 to 65535"),
    # 0 slots made every analysis a 503.
    ("max_concurrent_analyses", 0, "0", "a whole number, 1 or more"),
    ("threads", [4], "[4]", "a whole number, 1 or more"),
    ("max_words", -1, "-1", "a whole number, 1 or more"),
    ("long_page_words", -5, "-5", "a whole number, 0 or more"),
    ("analysis_wait_seconds", -0.5, "-0.5", "a number, 0 or more"),
    ("analysis_timeout_seconds", False, "false", "a number, 0 or more"),
    ("request_timeout_seconds", 0, "0", "a number, 1 or more"),
    ("host", "0.0.0.0", '"0.0.0.0"', "a loopback address"),
    ("host", "news.example", '"news.example"', "a loopback address"),
    ("host", 127, "127", "a loopback address"),
    ("extension_ids", "chrome-extension://jbcpimeodemfoleeeifilfkdiemjjgll/", None,
     "bare extension ids"),
    ("database", 42, "42", "a file path"),
])
def test_a_wrong_value_in_the_file_names_the_setting_the_value_and_what_is_allowed(
        tmp_path: Path, name: str, value: object, shown: str | None, allowed: str) -> None:
    detail = refusal(tmp_path, {name: value})
    assert detail.startswith(f"Setting {name} from ")
    if shown is not None:
        assert f" is {shown}" in detail
    assert f"it must be {allowed}" in detail


@pytest.mark.parametrize(("name", "value"), [
    ("port", 1), ("port", 65535), ("host", "::1"), ("host", "localhost"), ("host", "127.0.0.2"),
    ("max_concurrent_analyses", 1), ("long_page_words", 0), ("analysis_timeout_seconds", 0),
    ("analysis_wait_seconds", 3), ("extension_ids", "abcdefghijklmnop, newslint@newslint.local"),
    ("database", "/tmp/history.db"),
])
def test_values_at_the_edges_of_what_is_allowed_are_taken(tmp_path: Path, name: str,
                                                          value: object) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({name: value}))
    assert settings.load(path=config)[name] == value


def test_a_whole_number_for_a_float_setting_becomes_a_float(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"analysis_wait_seconds": 3}))
    assert isinstance(settings.load(path=config)["analysis_wait_seconds"], float)


def test_an_unknown_key_in_the_file_is_refused_with_the_nearest_name(tmp_path: Path) -> None:
    detail = refusal(tmp_path, {"prot": 9000})
    assert '"prot"' in detail and "did you mean port?" in detail
    assert "max_concurrent_analyses" in detail  # the settings there are


def test_a_config_file_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text("[8877]")
    with pytest.raises(NewslintError, match="must hold a JSON object"):
        settings.load(path=config)


@pytest.mark.parametrize(("variable", "text", "shown"), [
    ("NEWSLINT_PORT", "0", "0"),
    ("NEWSLINT_PORT", "8877.0", '"8877.0"'),
    ("NEWSLINT_THREADS", "", '""'),
    ("NEWSLINT_MAX_CONCURRENT_ANALYSES", "0", "0"),
    ("NEWSLINT_ANALYSIS_TIMEOUT_SECONDS", "nan", "NaN"),
    ("NEWSLINT_ANALYSIS_WAIT_SECONDS", "inf", "Infinity"),
    ("NEWSLINT_HOST", "192.168.1.2", '"192.168.1.2"'),
])
def test_a_wrong_environment_value_names_the_variable_and_the_value(
        monkeypatch: pytest.MonkeyPatch, variable: str, text: str, shown: str) -> None:
    monkeypatch.setenv(variable, text)
    with pytest.raises(NewslintError) as refused:
        settings.load()
    name = variable.removeprefix("NEWSLINT_").lower()
    assert refused.value.detail.startswith(f"Setting {name} from {variable} is {shown}; ")
    assert "it must be " in refused.value.detail


def test_environment_numbers_are_read_from_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_PORT", " 9000 ")
    monkeypatch.setenv("NEWSLINT_ANALYSIS_WAIT_SECONDS", "0.25")
    values = settings.load()
    assert values["port"] == 9000 and values["analysis_wait_seconds"] == 0.25


@pytest.mark.parametrize(("overrides", "fragment"), [
    ({"port": True}, "Setting port from the command line is true"),
    ({"threads": 0}, "Setting threads from the command line is 0"),
    ({"max_request_bytes": "4 MiB"}, 'Setting max_request_bytes from the command line is "4 MiB"'),
])
def test_a_wrong_override_is_refused_like_any_other_source(overrides: dict[str, object],
                                                           fragment: str) -> None:
    with pytest.raises(NewslintError, match=fragment):
        settings.load(overrides)


def test_an_override_of_none_leaves_the_value_as_it_was() -> None:
    """The CLI passes None for a flag that was not given."""
    assert settings.load({"port": None, "threads": None})["port"] == 8877


def test_the_app_will_not_start_on_a_wrong_setting() -> None:
    from newslint.server.web.app import create_app

    with pytest.raises(NewslintError, match="max_concurrent_analyses"):
        create_app({"max_concurrent_analyses": 0})


# --- where settings are read: one line on the command line, exit status 1 ---------------

def cli(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    from click.testing import CliRunner
    from newslint.server.cli import main

    done = CliRunner().invoke(main, args, env=env)
    return done.exit_code, done.output


def bad_config() -> Path:
    """A config.json with `"port": true` where the CLI looks for it."""
    path = settings.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"port": True}))
    return path


def test_newslint_settings_refuses_a_wrong_file_in_one_line() -> None:
    path = bad_config()
    code, output = cli(["settings"])
    assert code == 1
    assert output.strip().splitlines() == [
        f"Error: Setting port from {path} is true; it must be a whole number from 1 to 65535."]


def test_newslint_settings_says_what_each_setting_allows() -> None:
    code, output = cli(["settings"])
    assert code == 0
    for s in settings.SETTINGS:
        assert f"Allowed: {s.allowed}." in output, s.name


@pytest.mark.parametrize("args", [["serve", "--port", "0"], ["serve", "--threads", "0"],
                                  ["history", "--port", "70000"]])
def test_a_wrong_flag_is_one_line_before_anything_starts(args: list[str]) -> None:
    code, output = cli(args)
    assert code == 1
    assert len(output.strip().splitlines()) == 1
    assert output.startswith(f"Error: Setting {args[1].removeprefix('--')} from the command line")


def test_newslint_check_refuses_a_wrong_environment_in_one_line() -> None:
    page = Path(__file__).resolve().parent / "pages" / "trump-putin-call" / "source.html"
    code, output = cli(["check", str(page)], env={"NEWSLINT_MAX_WORDS": "0"})
    assert code == 1
    assert output.strip() == ("Error: Setting max_words from NEWSLINT_MAX_WORDS is 0; "
                              "it must be a whole number, 1 or more.")


def test_the_desktop_app_refuses_a_wrong_setting_in_one_line_before_any_window(
        capsys: pytest.CaptureFixture[str]) -> None:
    from newslint.desktop.app import run

    path = bad_config()
    assert run() == 1
    assert capsys.readouterr().err.strip() == (
        f"newslint: Setting port from {path} is true; it must be a whole number from 1 to 65535.")


def test_the_browser_host_tells_the_extension_which_setting_is_wrong() -> None:
    from newslint.server import browser_host

    path = bad_config()
    with pytest.raises(browser_host.HostError) as refused:
        browser_host.start()
    assert refused.value.code == "bad-settings"
    assert refused.value.detail == (
        f"Setting port from {path} is true; it must be a whole number from 1 to 65535.")
