"""Every setting of the server in one table: its default, its type and what it is for.

The same table feeds the defaults, the config file, the `NEWSLINT_*` environment
variables, `newslint settings` and a test that every setting is documented. Sources
apply in this order, later winning: defaults → `config.json` in the user's config
directory → environment → explicit overrides (the CLI's flags, a test's config).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from .errors import NewslintError

APP_NAME = "newslint"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return f"NEWSLINT_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1", "Address to listen on. Keep it on loopback: pages are private."),
    Setting("port", 8877, "TCP port of the local server."),
    Setting("threads", 4, "Worker threads of the WSGI server."),
    Setting("max_request_bytes", 4 * 1024 * 1024, "Largest request body accepted, in bytes."),
    Setting("max_blocks", 5000, "Most blocks one page may have."),
    Setting("max_block_chars", 100_000, "Longest text one block may have, in characters."),
    Setting("max_words", 150_000,
            "Most words one page may have: about 20 s of analysis on one core."),
    Setting("max_concurrent_analyses", 2,
            "Analyses run at once; more wait (see analysis_wait_seconds), then get 503."),
    Setting("analysis_wait_seconds", 5.0,
            "How long a request waits for a free analysis slot before a 503 and Retry-After."),
    Setting("long_page_words", 20_000,
            "Pages longer than this (in words) may hold at most max_concurrent_analyses - 1 "
            "slots, so long pages never take every slot (0: no distinction)."),
    Setting("analysis_timeout_seconds", 30.0,
            "Wall-clock bound on one analysis; past it the analysis stops and answers "
            "analysis-timeout (0 = no bound)."),
    Setting("channel_timeout", 30,
            "Seconds a connection may sit idle between requests before it is closed."),
    Setting("request_timeout_seconds", 15.0,
            "Seconds a client has to send one whole request (headers and body); slower "
            "connections are closed, so trickling clients cannot hold every connection."),
    Setting("connection_limit", 100,
            "Most connections open at once; more wait in the operating system's queue."),
    Setting("extension_ids", "",
            "Browser extension ids allowed as Origin, comma-separated; empty means "
            "newslint's own published ids (set it for a development build)."),
    Setting("database", "",
            "History database file; empty means history.db in the user's data directory."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.json"


def _coerce(setting: Setting, value: Any, source: str) -> Any:
    kind = type(setting.default)
    if isinstance(value, kind) and not isinstance(value, bool):
        return value
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise NewslintError(
            "invalid-setting",
            f"Setting {setting.name} from {source} must be a {kind.__name__}, not {value!r}.",
        ) from None


def load(overrides: Mapping[str, Any] | None = None, *, path: Path | None = None) -> dict[str, Any]:
    """Resolve every setting from its sources."""
    values = {s.name: s.default for s in SETTINGS}
    path = path or config_file()
    if path.is_file():
        try:
            from_file = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NewslintError("invalid-setting", f"Cannot read {path}: {exc}") from None
        if not isinstance(from_file, dict):
            raise NewslintError("invalid-setting", f"{path} must hold a JSON object.")
        for name, value in from_file.items():
            if name in _BY_NAME:
                values[name] = _coerce(_BY_NAME[name], value, str(path))
    for setting in SETTINGS:
        if setting.env in os.environ:
            values[setting.name] = _coerce(setting, os.environ[setting.env], setting.env)
    for name, value in (overrides or {}).items():
        if name not in _BY_NAME:
            raise NewslintError("invalid-setting", f"There is no setting called {name!r}.")
        if value is not None:
            values[name] = _coerce(_BY_NAME[name], value, "the command line")
    return values
