"""Every setting of the server in one table: its default, what values it allows, what it is for.

The same table feeds the defaults, the validation of every source, the config file, the
`NEWSLINT_*` environment variables, `newslint settings`, README's settings table (a test
checks each README row is the one `markdown_table` renders) and a test that every
setting is documented. Sources apply in this order, later winning: defaults →
`config.json` in the user's config directory → environment → explicit overrides (the
CLI's flags, a test's config).

Every value is checked where it enters, whatever its source, because a setting that is
accepted and wrong fails later, far from its cause: `"port": true` used to become port 1,
and `max_concurrent_analyses: 0` made every analysis a 503. A refusal names the setting,
the value, where it came from and what is allowed, in one sentence the CLI prints as is.
"""

from __future__ import annotations

import difflib
import ipaddress
import json
import math
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from .errors import NewslintError

APP_NAME = "newslint"

#: What one setting may hold. `bool` is deliberately absent: JSON's `true` is an `int` to
#: Python, and no setting is a switch.
Value = str | int | float


def _loopback(value: str) -> str | None:
    """None for a loopback address, else "" (what is allowed says it all). The server
    must never be reachable from another machine: pages and the history are private, and
    security.py answers only to loopback names anyway."""
    if value == "localhost":
        return None
    try:
        return None if ipaddress.ip_address(value).is_loopback else ""
    except ValueError:
        return ""


_EXTENSION_ID = re.compile(r"[A-Za-z0-9._@{}-]+")


def _extension_ids(value: str) -> str | None:
    """Why `value` is not a comma-separated list of bare extension ids, or None.

    The usual mistake is pasting the whole origin (`chrome-extension://…/`), which would
    never equal the id the server compares with."""
    parts = [part.strip() for part in value.split(",")]
    wrong = [part for part in parts if part and not _EXTENSION_ID.fullmatch(part)]
    if not wrong:
        return None
    return ("it is not a bare extension id" if len(parts) == 1
            else f"{json.dumps(wrong[0])} is not a bare extension id")


@dataclass(frozen=True)
class Setting:
    """One setting: its type is its default's type (`str`, `int` or `float`).

    `minimum`/`maximum` bound numbers (inclusive); `check` returns None for a good text
    value, else why it is wrong ("" when `allowed` says enough); `allowed` says in words
    what the checks accept (README, errors)."""

    name: str
    default: Value
    help: str
    minimum: float | None = None
    maximum: float | None = None
    check: Callable[[str], str | None] | None = None
    allowed_text: str | None = None

    @property
    def env(self) -> str:
        return f"NEWSLINT_{self.name.upper()}"

    @property
    def kind(self) -> type[Value]:
        return type(self.default)

    @property
    def allowed(self) -> str:
        """What values are allowed, as a phrase ("a whole number from 1 to 65535")."""
        if self.allowed_text is not None:
            return self.allowed_text
        noun = {int: "a whole number", float: "a number", str: "any text"}[self.kind]
        shown = [_number(x) for x in (self.minimum, self.maximum)]
        if self.minimum is not None and self.maximum is not None:
            return f"{noun} from {shown[0]} to {shown[1]}"
        if self.minimum is not None:
            return f"{noun}, {shown[0]} or more"
        if self.maximum is not None:
            return f"{noun}, {shown[1]} or less"
        return noun

    def validate(self, value: Any, source: str, *, from_text: bool = False) -> Value:
        """`value` as this setting's type, or a NewslintError naming the setting, the
        value, `source` and what is allowed.

        `from_text` is for environment variables, where every value is a string: numbers
        are parsed from it. Everywhere else (the JSON file, the CLI, a test) a number must
        already be one: `"8877"` in config.json is refused like `true`, so the file reads
        the same as what newslint does with it."""
        if from_text and self.kind is not str:
            value = _parse_number(str(value), self.kind)
        if self.kind is str:
            if not isinstance(value, str):
                raise self._refusal(value, source)
            reason = self.check(value) if self.check is not None else None
            if reason is not None:
                raise self._refusal(value, source, reason)
            return value
        number: int | float
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._refusal(value, source)
        if self.kind is int:
            if not isinstance(value, int):
                raise self._refusal(value, source)
            number = value
        else:
            if not math.isfinite(value):
                raise self._refusal(value, source)
            number = float(value)
        if (self.minimum is not None and number < self.minimum) \
                or (self.maximum is not None and number > self.maximum):
            raise self._refusal(value, source)
        return number

    def _refusal(self, value: Any, source: str, reason: str | None = None) -> NewslintError:
        shown = json.dumps(value) if isinstance(value, bool | int | float | str) or value is None \
            else repr(value)
        because = f" ({reason})" if reason else ""
        return NewslintError(
            "invalid-setting",
            f"Setting {self.name} from {source} is {shown}{because}; "
            f"it must be {self.allowed}.",
        )


class _Unparsable:
    """An environment value that is not a number, kept as the text it was for the error."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return json.dumps(self.text)


def _parse_number(text: str, kind: type[Value]) -> Value | _Unparsable:
    """An environment variable's number, or the text itself when it is none."""
    try:
        return int(text.strip()) if kind is int else float(text.strip())
    except ValueError:
        return _Unparsable(text)


def _number(x: float | None) -> str:
    return f"{x:g}" if isinstance(x, float) and not x.is_integer() else f"{int(x or 0)}"


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1",
            "Address to listen on; only loopback, because pages and the history are private.",
            check=_loopback, allowed_text="a loopback address: 127.0.0.1 (or 127.x.y.z), ::1, "
            "localhost"),
    Setting("port", 8877, "TCP port of the local server.", minimum=1, maximum=65535),
    Setting("threads", 4, "Worker threads of the WSGI server.", minimum=1),
    Setting("max_request_bytes", 4 * 1024 * 1024, "Largest request body accepted, in bytes.",
            minimum=1),
    Setting("max_blocks", 5000, "Most blocks one page may have.", minimum=1),
    Setting("max_block_chars", 100_000, "Longest text one block may have, in characters.",
            minimum=1),
    Setting("max_words", 150_000,
            "Most words one page may have: about 20 s of analysis on one core.", minimum=1),
    Setting("max_concurrent_analyses", 2,
            "Analyses run at once; more wait (see analysis_wait_seconds), then get 503.",
            minimum=1),
    Setting("analysis_wait_seconds", 5.0,
            "How long a request waits for a free analysis slot before a 503 and Retry-After.",
            minimum=0.0),
    Setting("long_page_words", 20_000,
            "Pages longer than this (in words) may hold at most max_concurrent_analyses - 1 "
            "slots, so long pages never take every slot (0: no distinction).", minimum=0),
    Setting("analysis_timeout_seconds", 30.0,
            "Wall-clock bound on one analysis; past it the analysis stops and answers "
            "analysis-timeout (0 = no bound).", minimum=0.0),
    Setting("channel_timeout", 30,
            "Seconds a connection may sit idle between requests before it is closed.",
            minimum=1),
    Setting("request_timeout_seconds", 15.0,
            "Seconds a client has to send one whole request (headers and body); slower "
            "connections are closed, so trickling clients cannot hold every connection.",
            minimum=1.0),
    Setting("connection_limit", 100,
            "Most connections open at once; more wait in the operating system's queue.",
            minimum=1),
    Setting("extension_ids", "",
            "Browser extension ids allowed as Origin, comma-separated; empty means "
            "newslint's own published ids (set it for a development build).",
            check=_extension_ids,
            allowed_text="bare extension ids (no chrome-extension://), comma-separated"),
    Setting("database", "",
            "History database file; empty means history.db in the user's data directory.",
            allowed_text="a file path"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.json"


def _unknown(name: Any, source: str) -> NewslintError:
    """There is no such setting: say so, with the nearest real name if one is close."""
    close = difflib.get_close_matches(str(name), list(_BY_NAME), n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return NewslintError(
        "invalid-setting",
        f"There is no setting called {json.dumps(name)} in {source}{hint}; "
        f"the settings are {', '.join(_BY_NAME)}.",
    )


def load(overrides: Mapping[str, Any] | None = None, *, path: Path | None = None) -> dict[str, Any]:
    """Resolve every setting from its sources, each value checked as it enters."""
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    path = path or config_file()
    if path.is_file():
        try:
            from_file = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NewslintError("invalid-setting", f"Cannot read {path}: {exc}") from None
        if not isinstance(from_file, dict):
            raise NewslintError("invalid-setting", f"{path} must hold a JSON object.")
        for name, value in from_file.items():
            if name not in _BY_NAME:
                raise _unknown(name, str(path))
            values[name] = _BY_NAME[name].validate(value, str(path))
    for setting in SETTINGS:
        if setting.env in os.environ:
            values[setting.name] = setting.validate(os.environ[setting.env], setting.env,
                                                    from_text=True)
    for name, value in (overrides or {}).items():
        if name not in _BY_NAME:
            raise _unknown(name, "the command line")
        if value is not None:
            values[name] = _BY_NAME[name].validate(value, "the command line")
    return values


def _default_text(setting: Setting) -> str:
    """A default as README shows it: 4 MiB, 150,000, `127.0.0.1`, ""."""
    value = setting.default
    if isinstance(value, str):
        return f"`{value}`" if value else '""'
    if isinstance(value, int) and value >= 1024 * 1024 and value % (1024 * 1024) == 0:
        return f"{value // (1024 * 1024)} MiB"
    if isinstance(value, int) and value >= 10_000:
        return f"{value:,}"
    return str(value)


def markdown_row(setting: Setting) -> str:
    """README's row for one setting (the test of the README compares against it)."""
    return (f"| `{setting.name}` | {_default_text(setting)} | {setting.allowed} "
            f"| {setting.help} |")


def markdown_table() -> str:
    """README's settings table: `python -m newslint.server.base.settings` prints it."""
    head = "| setting | default | allowed | meaning |\n|---|---|---|---|"
    return "\n".join([head, *(markdown_row(s) for s in SETTINGS)])


if __name__ == "__main__":
    sys.stdout.write(markdown_table() + "\n")
