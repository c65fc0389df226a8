"""The history's command-line side: keeping `newslint check` runs and `newslint history`."""

from __future__ import annotations

import urllib.error
import webbrowser
from typing import TYPE_CHECKING, Any

import click

from ..base import settings as settings_module
from ..base.errors import NewslintError
from ..history import file_url, open_store
from ..web import launch

if TYPE_CHECKING:
    from ..engine.page import Result


def keep(result: Result, settings: dict[str, Any], path: str) -> int | None:
    """Keep a CLI analysis in the history; a failure is a warning, never a lost result."""
    store = open_store(settings)
    try:
        return store.record(result.to_json(), [b.to_json() for b in result.page.blocks],
                            url=result.page.url or file_url(path))
    except NewslintError as exc:
        click.echo(f"newslint: not kept in the history: {exc.detail}", err=True)
        return None
    finally:
        store.close()


@click.command()
@click.option("--open", "open_browser", is_flag=True,
              help="Open the history in your web browser.")
@click.option("-p", "--port", type=int, default=None,
              help="Port of the running server (default: the port setting).")
def history(open_browser: bool, port: int | None) -> None:
    """Print (or --open) a one-time link to the history of analysed pages.

    The link works once, for a minute: it lets that browser in to the history of the
    server running on this machine (start one with `newslint serve`)."""
    from ..web import security

    try:
        settings = settings_module.load({"port": port})
    except NewslintError as exc:
        raise click.ClickException(exc.detail) from None
    port = settings["port"]
    if launch.health(port) is None:
        raise click.ClickException(
            f"no newslint server answers on 127.0.0.1:{port}: start one with `newslint serve`, "
            "or open the desktop app with `newslint desktop`.")
    try:
        link = launch.history_link(port, security.read_or_create_token())
    except (OSError, ValueError, KeyError) as exc:
        detail = exc.read().decode("utf-8", "replace") if isinstance(
            exc, urllib.error.HTTPError) else str(exc)
        raise click.ClickException(f"the server refused a history link: {detail}") from None
    if open_browser:
        webbrowser.open(link)
        click.echo(f"opened {link}")
    else:
        click.echo(link)
