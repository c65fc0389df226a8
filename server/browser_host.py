"""The native messaging host: how the browser extension starts newslint and pairs with it.

Password managers (KeePassXC-Browser, Bitwarden, browserpass) talk to their desktop app
through the browsers' *native messaging*: the browser itself starts a program named in a
manifest file, and only for the extensions that manifest names. newslint does the same,
so a new user never copies a token: the extension asks this host to `start`, the host
starts `newslint serve` if nothing answers on the port, and hands back the port and the
install's token (which only the user's own programs can read anyway).

The protocol is the browsers' own: each message, both ways, is a 32-bit length in the
machine's byte order followed by that many bytes of UTF-8 JSON. The host answers only the
messages below, each with `{"ok": true, ...}` or `{"ok": false, "error": {...}}`:

- `{"what": "hello"}`: who is here (name, version, protocol, configured port);
- `{"what": "start"}`: make sure the server runs on loopback, then `{port, token}`.

It never runs anything but `newslint serve` (this very Python, `-I -m newslint.server`),
always on 127.0.0.1, detached from the browser and logging to the data directory.

`newslint browser install|uninstall|status` writes, removes or checks the host manifests
(user level) of Chromium, Chrome and Firefox, and a small launcher script they point to.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import click
import platformdirs

from ..shared.extension_ids import (
    CHROMIUM_EXTENSION_ORIGIN,
    FIREFOX_EXTENSION_ID,
    NATIVE_HOST_NAME,
)
from . import __version__

PROTOCOL = 1
#: The extension sends tiny messages; anything larger is not ours.
MAX_MESSAGE_BYTES = 64 * 1024
#: The server loads its language model before it listens: seconds, more on a cold disk.
START_TIMEOUT_S = 120.0
LOOPBACK = "127.0.0.1"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("newslint"))


def launcher_path() -> Path:
    """The executable the manifests point to (a browser takes no arguments there)."""
    return data_dir() / "browser-host" / "newslint-browser-host"


def server_log() -> Path:
    return data_dir() / "serve.log"


def pid_file() -> Path:
    """The process id of the last server the host started (to stop it by hand, or in tests)."""
    return data_dir() / "browser-host" / "serve.pid"


# --- the wire format ---------------------------------------------------------------------


def read_message(stream: BinaryIO) -> Any | None:
    """One message, or None when the browser closed the pipe."""
    header = stream.read(4)
    if len(header) < 4:
        return None
    (length,) = struct.unpack("=I", header)
    if length > MAX_MESSAGE_BYTES:
        raise ValueError(f"a message of {length} bytes is larger than newslint's messages")
    body = stream.read(length)
    if len(body) < length:
        return None
    return json.loads(body.decode("utf-8"))


def write_message(stream: BinaryIO, message: Any) -> None:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    stream.write(struct.pack("=I", len(body)) + body)
    stream.flush()


# --- what the host does --------------------------------------------------------------------


class HostError(Exception):
    """A refusal the extension shows to the user: a code, one line, and what to do."""

    def __init__(self, code: str, title: str, detail: str, action: str = "") -> None:
        super().__init__(f"{title}: {detail}")
        self.code, self.title, self.detail, self.action = code, title, detail, action

    def to_json(self) -> dict[str, Any]:
        return {"ok": False, "error": {"code": self.code, "title": self.title,
                                       "detail": self.detail, "action": self.action}}


def _get(port: int, path: str, token: str | None = None,
         timeout: float = 2.0) -> tuple[int, Any]:
    """(status, JSON or None) of one GET to the local server; (0, None) when none answers."""
    headers = {"Accept": "application/json"}
    if token is not None:
        from .web.security import TOKEN_HEADER

        headers[TOKEN_HEADER] = token
    request = urllib.request.Request(f"http://{LOOPBACK}:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (OSError, ValueError):
        return 0, None
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, None


def probe(port: int) -> str:
    """"newslint", "other" (some program answers) or "nothing"."""
    status, body = _get(port, "/v1/health")
    if status == 0:
        return "nothing"
    return "newslint" if isinstance(body, dict) and body.get("name") == "newslint" else "other"


@contextlib.contextmanager
def _start_lock() -> Iterator[None]:
    """Two clicks at once (two hosts) must not start two servers."""
    import fcntl

    path = data_dir() / "browser-host" / "start.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def launch_server(port: int) -> subprocess.Popen[bytes]:
    """`newslint serve` on loopback, in its own session: closing the browser (which ends
    this host) does not end it. Its output goes to serve.log in the data directory."""
    log = server_log()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        out.write(f"\n--- started by the browser extension at {time.ctime()} ---\n".encode())
        out.flush()
        process = subprocess.Popen(
            [sys.executable, "-I", "-m", "newslint.server", "serve",
             "--host", LOOPBACK, "--port", str(port)],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True, close_fds=True, cwd=str(log.parent),
        )
    pid_file().parent.mkdir(parents=True, exist_ok=True)
    pid_file().write_text(f"{process.pid}\n", encoding="utf-8")
    return process


def _last_line(path: Path) -> str:
    try:
        lines = [line for line in path.read_text(encoding="utf-8", errors="replace")
                 .splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1][:300] if lines else ""


def start(port: int | None = None) -> dict[str, Any]:
    """Make sure newslint answers on the port; its port and this install's token."""
    from .base import settings as settings_module
    from .base.errors import NewslintError
    from .web.security import read_or_create_token

    try:
        port = port or int(settings_module.load()["port"])
    except NewslintError as exc:
        raise HostError("bad-settings", "newslint's settings cannot be read", exc.detail,
                        "Fix the file it names, then try again.") from None
    started = False
    with _start_lock():
        found = probe(port)
        if found == "other":
            raise HostError(
                "not-newslint", "Another program answers on newslint's port",
                f"Port {port} on {LOOPBACK} is taken by a program that is not newslint.",
                "Choose another port (newslint settings: the port setting or NEWSLINT_PORT).")
        if found == "nothing":
            process = launch_server(port)
            started = True
            deadline = time.monotonic() + START_TIMEOUT_S
            while probe(port) != "newslint":
                if process.poll() is not None:
                    raise HostError(
                        "start-failed", "newslint could not start",
                        _last_line(server_log())
                        or f"newslint serve exited ({process.returncode}).",
                        f"Its log is {server_log()}.")
                if time.monotonic() > deadline:
                    raise HostError(
                        "start-failed", "newslint did not start in time",
                        f"No answer on port {port} after {START_TIMEOUT_S:.0f} s.",
                        f"Its log is {server_log()}.")
                time.sleep(0.1)
    token = read_or_create_token()
    status, _ = _get(port, "/v1/history/stats", token=token, timeout=10.0)
    if status == 401:
        raise HostError(
            "token-refused", "The running newslint does not take this install's token",
            f"The newslint server on port {port} was started by another user or with "
            "another configuration.",
            "Stop it and click newslint again, or pair by hand in the extension's Options.")
    return {"ok": True, "port": port, "token": token, "started": started,
            "version": __version__}


def hello() -> dict[str, Any]:
    from .base import settings as settings_module
    from .base.errors import NewslintError

    try:
        port: int | None = int(settings_module.load()["port"])
    except NewslintError:
        port = None
    return {"ok": True, "name": "newslint", "version": __version__, "protocol": PROTOCOL,
            "port": port}


def handle(message: Any) -> dict[str, Any]:
    """The answer to one message; unknown messages get an error, never an action."""
    what = message.get("what") if isinstance(message, dict) else None
    try:
        if what == "hello":
            return hello()
        if what == "start":
            return start()
    except HostError as exc:
        return exc.to_json()
    return HostError("unknown-message", "Unknown request",
                     f"The newslint host does not know {str(what)[:60]!r}.").to_json()


def caller_allowed(argv: list[str]) -> bool:
    """Chromium passes the caller's origin, Firefox the manifest's path and the add-on id;
    the browser already checked them against the manifest, this checks them again."""
    origins = [a.rstrip("/") for a in argv if a.startswith("chrome-extension://")]
    if origins:
        return all(origin == CHROMIUM_EXTENSION_ORIGIN for origin in origins)
    return len(argv) >= 2 and argv[1] == FIREFOX_EXTENSION_ID


def main(argv: list[str] | None = None) -> int:
    """The host's entry: the browser starts it with stdin/stdout as the message pipes."""
    argv = sys.argv[1:] if argv is None else argv
    if not caller_allowed(argv):
        sys.stderr.write("newslint-browser-host: browsers start this for newslint's own "
                         "extension only (see `newslint browser status`).\n")
        return 2
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # Nothing but messages may reach stdout: anything printed by accident goes to stderr.
    sys.stdout = sys.stderr
    while True:
        try:
            message = read_message(stdin)
        except ValueError as exc:
            write_message(stdout, HostError("bad-message", "Unreadable request", str(exc))
                          .to_json())
            return 1
        if message is None:
            return 0
        write_message(stdout, handle(message))


# --- installing the host for each browser ----------------------------------------------------


@dataclass(frozen=True)
class Target:
    browser: str
    folder: Path
    firefox: bool = False

    @property
    def manifest(self) -> Path:
        return self.folder / f"{NATIVE_HOST_NAME}.json"


def targets(chromium_profile: Path | None = None) -> list[Target]:
    """Where each browser looks for user-level host manifests on this system."""
    if chromium_profile is not None:
        # A profile started with --user-data-dir reads <dir>/NativeMessagingHosts.
        return [Target("chromium", chromium_profile / "NativeMessagingHosts")]
    home = Path.home()
    if sys.platform == "darwin":
        support = home / "Library" / "Application Support"
        return [Target("chromium", support / "Chromium" / "NativeMessagingHosts"),
                Target("chrome", support / "Google" / "Chrome" / "NativeMessagingHosts"),
                Target("firefox", support / "Mozilla" / "NativeMessagingHosts", firefox=True)]
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return [Target("chromium", config / "chromium" / "NativeMessagingHosts"),
            Target("chrome", config / "google-chrome" / "NativeMessagingHosts"),
            Target("firefox", home / ".mozilla" / "native-messaging-hosts", firefox=True)]


def manifest_for(target: Target, launcher: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "name": NATIVE_HOST_NAME,
        "description": "newslint: starts the local server and pairs the browser extension",
        "path": str(launcher),
        "type": "stdio",
    }
    if target.firefox:
        manifest["allowed_extensions"] = [FIREFOX_EXTENSION_ID]
    else:
        manifest["allowed_origins"] = [f"{CHROMIUM_EXTENSION_ORIGIN}/"]
    return manifest


def write_launcher() -> Path:
    """A two-line script running this Python's host module: absolute, executable, and
    isolated (-I: no PYTHON* variables, no current directory on the import path)."""
    path = launcher_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    python = sys.executable.replace("'", "'\\''")
    path.write_text(f"#!/bin/sh\nexec '{python}' -I -m newslint.server.browser_host \"$@\"\n",
                    encoding="utf-8")
    path.chmod(0o755)
    return path


def _launcher_python_exists(launcher: Path) -> bool:
    match = re.search(r"exec '([^']+)'", launcher.read_text(encoding="utf-8", errors="replace"))
    return match is not None and Path(match.group(1)).exists()


def _supported() -> None:
    if sys.platform == "win32":
        raise click.ClickException(
            "on Windows, browsers find native messaging hosts in the registry, which newslint "
            "does not write yet: start newslint serve and pair in the extension's Options.")


def install(chromium_profile: Path | None = None) -> list[Path]:
    launcher = write_launcher()
    written = []
    for target in targets(chromium_profile):
        target.folder.mkdir(parents=True, exist_ok=True)
        target.manifest.write_text(json.dumps(manifest_for(target, launcher), indent=2) + "\n",
                                   encoding="utf-8")
        written.append(target.manifest)
    return written


def uninstall(chromium_profile: Path | None = None) -> list[Path]:
    removed = []
    for target in targets(chromium_profile):
        if target.manifest.exists():
            target.manifest.unlink()
            removed.append(target.manifest)
    if chromium_profile is None:
        with contextlib.suppress(FileNotFoundError):
            launcher_path().unlink()
    return removed


def status(chromium_profile: Path | None = None) -> list[tuple[Target, str]]:
    """Per browser: "installed", "not installed", or what is wrong with the manifest."""
    found = []
    for target in targets(chromium_profile):
        if not target.manifest.exists():
            found.append((target, "not installed"))
            continue
        try:
            manifest = json.loads(target.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found.append((target, "unreadable manifest: run newslint browser install"))
            continue
        expected = manifest_for(target, Path(manifest.get("path", "")))
        path = Path(manifest.get("path", ""))
        if manifest != expected:
            found.append((target, "names other extensions: run newslint browser install"))
        elif not (path.is_file() and os.access(path, os.X_OK)):
            found.append((target, f"its launcher {path} is missing: run newslint browser install"))
        elif not _launcher_python_exists(path):
            found.append((target, "its launcher names a Python that is gone (a moved or deleted "
                                  "virtual environment): run newslint browser install"))
        else:
            found.append((target, "installed"))
    return found


@click.group("browser")
def command() -> None:
    """Let the browser extension start newslint and pair by itself (native messaging)."""


_profile_option = click.option(
    "--chromium-profile", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Only this Chromium profile (a browser started with --user-data-dir=DIR).")


@command.command("install")
@_profile_option
def install_command(chromium_profile: Path | None) -> None:
    """Register the host for Chromium, Chrome and Firefox (user level)."""
    _supported()
    for path in install(chromium_profile):
        click.echo(f"wrote {path}")
    click.echo(f"host: {launcher_path()}")
    click.echo("Restart the browser if it is open; then click newslint on a news page.")


@command.command("uninstall")
@_profile_option
def uninstall_command(chromium_profile: Path | None) -> None:
    """Remove the host's manifests (and its launcher)."""
    removed = uninstall(chromium_profile)
    for path in removed:
        click.echo(f"removed {path}")
    if not removed:
        click.echo("nothing to remove: the host was not installed")


@command.command("status")
@_profile_option
def status_command(chromium_profile: Path | None) -> None:
    """Say, per browser, whether the extension can start newslint by itself."""
    for target, state in status(chromium_profile):
        click.echo(f"{target.browser:9} {state}  ({target.manifest})")


if __name__ == "__main__":
    raise SystemExit(main())
