"""The `newslint` command: run the local server, check a page, evaluate the engine."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import click

from . import __version__
from .base import settings as settings_module
from .base.errors import NewslintError

HELP_SETTINGS = "\n".join(f"  {s.name} ({s.default!r}): {s.help}" for s in settings_module.SETTINGS)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """newslint marks re-told paragraphs and conflicting dates on news pages."""


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("-p", "--port", type=int, default=None, help="Port to listen on (default 8877).")
@click.option("--threads", type=int, default=None, help="Worker threads (default 4).")
def serve(host: str | None, port: int | None, threads: int | None) -> None:
    """Run the local server that the extension and desktop app talk to."""
    from .engine import embeddings, nlp
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
    try:
        from newslint.desktop.app import run
    except ImportError as exc:
        raise click.ClickException(
            f"the desktop app needs the desktop extra: pip install 'newslint[desktop]' ({exc})"
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
        click.echo(textwrap.indent(s.help, "    "))


@main.group("eval")
def evaluate() -> None:
    """Measure the engine on evaluation data (given as paths; nothing is copied)."""


def _register_evaluations() -> None:
    from .evaluate import articles, crosspage, dates_injected, extraction, farm, paraphrase

    for module in (paraphrase, articles, farm, crosspage, dates_injected, extraction):
        evaluate.add_command(module.command)
    try:
        from .evaluate import timebank
    except ImportError:
        return
    evaluate.add_command(timebank.command)


_register_evaluations()


def _register_history() -> None:
    from .commands.history import history

    main.add_command(history)


_register_history()


def _register_browser() -> None:
    from .browser_host import command as browser

    main.add_command(browser)


_register_browser()


def _register_batch() -> None:
    from .commands.batch import command as batch

    main.add_command(batch)


_register_batch()
