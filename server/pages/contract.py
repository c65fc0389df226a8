"""The JSON contract in `shared/schemas/`: validating requests and turning them into pages.

The OpenAPI document is built from the same schema files (`web/openapi.py`), so the
documented API and the checked API cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from ..base.errors import NewslintError
from ..engine.errors import EngineError
from ..engine.page import Block, Page
from .extract import page_from_html

#: The analysis API's schema files in shared/schemas/ (the history's: `web/openapi.py`).
SCHEMAS = ("analyze-request", "analyze-response", "health-response", "problem")


@functools.cache
def schema(name: str) -> dict[str, Any]:
    text = resources.files("newslint.shared").joinpath("schemas", f"{name}.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _where(path: Any) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "request" + "".join(parts)


#: Publication dates newslint reads: relative dates ("20 years ago") are counted from it,
#: and no news page was published outside these years (nearer year 1 or 9999 the
#: arithmetic of relative dates leaves the calendar).
PUBLISHED_YEARS = (1700, 2300)


#: The most `=` one HTML tag may hold. Parsing grows with the square of a tag's attributes
#: (libxml2 checks each against the others): 16,000 took 8 s in lxml alone, 300,000
#: ran for 15 minutes. Real tags hold a few dozen.
MAX_TAG_ATTRIBUTES = 1000
_TAG = re.compile(r"<[A-Za-z][^<>]*")


def check_html(html: str) -> None:
    """Refuse HTML whose parsing alone would take minutes, in one linear scan."""
    for tag in _TAG.finditer(html):
        if tag.group().count("=") > MAX_TAG_ATTRIBUTES:
            name = re.match(r"<([A-Za-z0-9]+)", tag.group())
            raise NewslintError(
                "unreadable-html",
                f"A <{name.group(1) if name else '?'}> tag at character {tag.start():,} has "
                f"more than {MAX_TAG_ATTRIBUTES:,} attributes; no page needs that many.")


def validate_request(data: Any, max_blocks: int | None = None) -> None:
    """Raise a problem naming the first thing wrong with `data`, in the request's own terms.

    Cheap, linear checks come first (the number of blocks, a repeated block id), so a
    request built to make validation itself slow is refused before any of it."""
    if not isinstance(data, dict):
        raise NewslintError("invalid-request", "The request body must be a JSON object.")
    if "blocks" in data and "html" in data:
        raise NewslintError("invalid-request", "Send either `blocks` or `html`, not both.")
    if "blocks" not in data and "html" not in data:
        raise NewslintError("invalid-request", "The request needs `blocks` or `html`.")
    blocks = data.get("blocks")
    if isinstance(blocks, list):
        if max_blocks is not None and len(blocks) > max_blocks:
            raise NewslintError(
                "too-many-blocks",
                f"The page has {len(blocks):,} blocks; the limit is {max_blocks:,} "
                "(setting max_blocks).", limit=max_blocks)
        seen: set[Any] = set()
        for block in blocks:
            ident = block.get("id") if isinstance(block, dict) else None
            if isinstance(ident, str):
                if ident in seen:
                    raise NewslintError("invalid-request", f"Block id {ident!r} is used twice.")
                seen.add(ident)
    error = next(iter(sorted(validator("analyze-request").iter_errors(data), key=str)), None)
    if error is not None:
        raise NewslintError("invalid-request", f"{_where(error.absolute_path)}: {error.message}")


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        raise NewslintError(
            "invalid-request",
            f"request.published: {value!r} is not an ISO 8601 date such as 2024-11-08.",
        ) from None
    first, last = PUBLISHED_YEARS
    if not first <= day.year <= last:
        raise NewslintError(
            "invalid-request",
            f"request.published: {value!r} is outside the years {first} to {last}, which "
            "newslint reads as publication dates.")
    return day


def plausible_published(day: dt.date | None) -> dt.date | None:
    """A publication date found in a page's HTML, or None when outside PUBLISHED_YEARS."""
    first, last = PUBLISHED_YEARS
    return day if day is not None and first <= day.year <= last else None


def page_from_request(data: Any, settings: dict[str, Any]) -> Page:
    """A validated request → the engine's page, within the configured limits."""
    validate_request(data, settings["max_blocks"])
    if "html" in data:
        check_html(data["html"])
        try:
            page = page_from_html(data["html"], url=data.get("url"))
        except EngineError as exc:
            raise NewslintError(exc.code, exc.message) from None
        page.title = data.get("title") or page.title
        page.language = data.get("lang") or page.language
        page.published = _published(data.get("published")) or plausible_published(
            page.published)
    else:
        blocks = [Block(b["id"], b["kind"], b["text"]) for b in data["blocks"]]
        page = Page(
            blocks=blocks,
            url=data.get("url"),
            title=data.get("title"),
            language=data.get("lang"),
            published=_published(data.get("published")),
            source="blocks",
        )
    check_limits(page, settings)
    return page


def check_limits(page: Page, settings: dict[str, Any]) -> None:
    if len(page.blocks) > settings["max_blocks"]:
        raise NewslintError(
            "too-many-blocks",
            f"The page has {len(page.blocks):,} blocks; the limit is "
            f"{settings['max_blocks']:,} (setting max_blocks).",
            limit=settings["max_blocks"],
        )
    for block in page.blocks:
        if len(block.text) > settings["max_block_chars"]:
            raise NewslintError(
                "block-too-long",
                f"Block {block.id!r} has {len(block.text):,} characters; the limit is "
                f"{settings['max_block_chars']:,} per block (setting max_block_chars).",
                limit=settings["max_block_chars"],
            )
    if page.words > settings["max_words"]:
        raise NewslintError(
            "too-many-words",
            f"The page has {page.words:,} words; the limit is {settings['max_words']:,} "
            "(setting max_words).",
            limit=settings["max_words"],
        )
