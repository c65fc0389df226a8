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
