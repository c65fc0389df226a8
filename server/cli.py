"""The `newslint` command: run the local server, check a page, evaluate the engine.

Commands load lazily: `newslint --help`, `token` and `settings` must answer at once, and
importing the engine (spaCy, onnxruntime, numpy), the batch runner or the evaluations costs
a second and 130 MiB. So this module imports only click and the settings table; a command
defined elsewhere is named here with the module that holds it (`LazyGroup`) and imported
when it runs or its own help is shown, and the commands defined here import what they
need inside their function. bench/cli_startup.py measures the start.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import sys
import textwrap
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from . import __version__
from .base import settings as settings_module
from .base.errors import NewslintError


class LazyGroup(click.Group):
    """A group whose subcommands live in other modules, imported only when used.

    `lazy` maps a command's name to (where it is, "module:attribute" relative to this
    package; its one-line summary). The group's own help lists the summaries without
    importing anything; a test checks each summary against its command's docstring."""

    def __init__(self, *args: Any, lazy: Mapping[str, tuple[str, str]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, tuple[str, str]] = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            self.add_command(self.load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def load(self, name: str) -> click.Command:
        """Import the module of command `name`; a missing dependency is one line, not a
        traceback."""
        where = self.lazy[name][0]
        module_name, attribute = where.split(":")
        try:
            module = importlib.import_module(module_name, __package__)
        except ImportError as exc:
            raise click.ClickException(
                f"`{name}` cannot start: {exc}. Reinstall newslint (make run sets it up)."
            ) from None
        command = getattr(module, attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{where} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's own listing, but a command not loaded yet shows its summary from
        `lazy` instead of being imported for its docstring."""
        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            if name in self.lazy and name not in self.commands:
                rows.append((name, self.lazy[name][1]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                # A bare Command shortens a summary exactly as the loaded command would.
                formatter.write_dl([(name, click.Command(name, help=summary)
                                     .get_short_help_str(limit)) for name, summary in rows])


#: Commands defined in other modules: name → ("module:attribute", summary).
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "batch": (".commands.batch:command",
              "Analyse every page of INPUT..."),
    "browser": (".browser_host:command",
                "Let the browser extension start newslint and pair by itself (native "
                "messaging)."),
    "history": (".commands.history:history",
                "Print (or --open) a one-time link to the history of analysed pages."),
}

#: The evaluations (`newslint eval NAME`), each in its module under evaluate/.
LAZY_EVALUATIONS: dict[str, tuple[str, str]] = {
    "articles": (".evaluate.articles:command",
                 "Findings per 100 real news pages in FOLDER (nearly all of them false "
                 "alarms)."),
    "crosspage": (".evaluate.crosspage:command",
                  "Precision and recall of recycled paragraphs on a test set built from "
                  "FOLDER."),
    "dates-injected": (".evaluate.dates_injected:command",
                       "Recall on date conflicts injected into real pages in FOLDERS, and "
                       "control false alarms."),
    "extraction": (".evaluate.extraction:command",
                   "Precision/recall of the article text read from FOLDER's pages, by three "
                   "extractors."),
    "farm": (".evaluate.farm:command",
             "Re-telling recall and precision on hand-labelled machine-written articles in "
             "FOLDER."),
    "paraphrase": (".evaluate.paraphrase:command",
                   "Precision, recall and F1 of the sentence matcher on MRPC-format PATH."),
    "timebank": (".evaluate.timebank:command",
                 "Score date finding and resolution on a TimeML folder (TimeBank, "
                 "AQUAINT)."),
}


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """newslint marks re-told paragraphs and conflicting dates on news pages."""


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("-p", "--port", type=int, default=None, help="Port to listen on (default 8877).")
@click.option("--threads", type=int, default=None, help="Worker threads (default 4).")
def serve(host: str | None, port: int | None, threads: int | None) -> None:
    """Run the local server that the extension and desktop app talk to."""
    from .engine import embeddings, language, nlp
    from .web.app import create_app
    from .web.wsgi import create_server

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    started = time.perf_counter()
    try:
        app = create_app({"host": host, "port": port, "threads": threads})
    except NewslintError as exc:
        raise click.ClickException(exc.detail) from None
    config = app.config["NEWSLINT"]
    # Load the models now, so the first page is answered as fast as the rest.
    nlp.load()
    embeddings.encoder()
    language.load()
    _warm_up_history(app)
    try:
        server = create_server(app, config["host"], config["port"])
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on {config['host']}:{config['port']}: {exc.strerror}. "
            "Is newslint already running? Choose another port with --port."
        ) from None
    click.echo(
        f"newslint {__version__} listening on http://{config['host']}:{config['port']} "
        f"(ready in {time.perf_counter() - started:.1f} s; Ctrl+C stops it)",
        err=True,
    )
    click.echo(_how_to_pair(config["port"]), err=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()


def _how_to_pair(port: int) -> str:
    """What `serve` tells a first user: the extension pairs by itself once the browser
    host is installed; otherwise the token goes in its Options."""
    from .browser_host import status

    automatic = any(state == "installed" for _, state in status())
    if automatic:
        return ("Browser extension: click its toolbar button on a news page; it pairs by "
                "itself (newslint browser status).")
    return ("Browser extension: run `newslint browser install` once so it pairs by itself, "
            f"or paste the output of `newslint token` in its Options (port {port}).")


def _warm_up_history(app: Any) -> None:
    """Index the history's paragraphs in the background ("also appeared on ...")."""
    from .history import recycled, store_for

    recycled.warm_up(store_for(app))


def _read_request(path: str) -> dict[str, Any]:
    """An HTML file, a JSON request/blocks file, or either on stdin ('-')."""
    if path == "-":
        raw = sys.stdin.buffer.read()
        name = "standard input"
    else:
        file = Path(path)
        if not file.is_file():
            raise click.ClickException(f"{path}: no such file")
        raw = file.read_bytes()
        name = path
    from .pages.extraction.decode import read_page

    if not raw.strip():
        raise click.ClickException(f"{name} is empty")
    try:
        # The page's own bytes decide: BOM, <meta charset>, else detection (not UTF-8 blindly).
        text = read_page(raw, name)
    except NewslintError as exc:
        raise click.ClickException(exc.detail) from None
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise click.ClickException(
                f"{name} is not valid JSON: {exc.msg} (line {exc.lineno})"
            ) from None
        return {"blocks": data} if isinstance(data, list) else data
    if not stripped:
        raise click.ClickException(f"{name} is empty")
    return {"html": text}


@main.command()
@click.argument("path")
@click.option("--json", "as_json", is_flag=True, help="Print exactly the API's JSON response.")
@click.option("--timeline", is_flag=True, help="Also print the page's dated events in order.")
@click.option("--url", default=None, help="The page's address, shown in the report.")
@click.option("--no-history", is_flag=True, help="Do not keep this analysis in the history.")
def check(path: str, as_json: bool, timeline: bool, url: str | None, no_history: bool) -> None:
    """Analyse one page: PATH is an HTML file, a JSON file of blocks, or - for stdin."""
    from .engine.analyze import analyze
    from .engine.errors import EngineError
    from .pages.contract import page_from_request
    from .pages.report import render

    data = _read_request(path)
    if url:
        data["url"] = url
    try:
        settings = settings_module.load()
        page = page_from_request(data, settings)
        result = analyze(page, echo_blocks=page.source == "html")
    except NewslintError as exc:
        raise click.ClickException(exc.detail) from None
    except EngineError as exc:
        raise click.ClickException(exc.message) from None
    if not no_history:
        from .commands.history import keep

        keep(result, settings, path)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render(result, timeline=timeline))


@main.command()
@click.option("--rotate", is_flag=True,
              help="Replace the token; paired extensions must pair again.")
def token(rotate: bool) -> None:
    """Print the pairing token the extension and scripts send to the server."""
    from .web import security

    click.echo(security.rotate_token() if rotate else security.read_or_create_token())


@main.command()
@click.option("-p", "--port", type=int, default=None,
              help="Port of the server to use or start (default: the port setting).")
def desktop(port: int | None) -> None:
    """Open the history in a desktop window (starts the server when none is running)."""
    import importlib.util

    # The window's packages are imported late (desktop/app.py opens the window first when
    # it can); without the desktop extra that would be a traceback, so ask before.
    missing = [name for name in ("webview", "qtpy") if importlib.util.find_spec(name) is None]
    try:
        if missing:
            raise ImportError(f"no module named {', '.join(missing)}")
        from newslint.desktop.app import run
    except ImportError as exc:
        raise click.ClickException(
            f"the desktop app needs the desktop extra: pip install 'newslint[desktop]' "
            f"(in a checkout: .venv/bin/pip install -e '.[desktop]'); {exc}"
        ) from None
    raise SystemExit(run(port=port))


@main.command("settings")
def show_settings() -> None:
    """List every setting, its value now, and where to change it."""
    try:
        values = settings_module.load()
    except NewslintError as exc:
        raise click.ClickException(exc.detail) from None
    click.echo(f"config file: {settings_module.config_file()}")
    for s in settings_module.SETTINGS:
        click.echo(f"{s.name} = {values[s.name]!r}  [{s.env}]")
        click.echo(textwrap.indent(f"{s.help}\nAllowed: {s.allowed}.", "    "))


@main.group("eval", cls=LazyGroup, lazy=LAZY_EVALUATIONS)
def evaluate() -> None:
    """Measure the engine on evaluation data (given as paths; nothing is copied)."""
