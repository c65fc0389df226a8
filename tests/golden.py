"""Golden pages: `tests/pages/<slug>/` holds `source.html` (a whole page) or `request.json`
(an API request body), beside `expected.json`. Adding a real case is adding a folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGES = Path(__file__).parent / "pages"


@dataclass(frozen=True)
class Case:
    slug: str
    folder: Path
    expected: dict[str, Any]

    @property
    def source(self) -> Path:
        html = self.folder / "source.html"
        return html if html.is_file() else self.folder / "request.json"

    def request(self) -> dict[str, Any]:
        if self.source.suffix == ".html":
            # As a browser or `newslint check` reads it: a page saved in Latin-1 says so.
            from newslint.server.pages.extraction.decode import decode_html

            return {"html": decode_html(self.source.read_bytes())}
        data: dict[str, Any] = json.loads(self.source.read_text(encoding="utf-8"))
        return data


def cases(*keys: str) -> list[Case]:
    """Every golden page whose expected.json has any of `keys` (all pages if none given)."""
    found = []
    for folder in sorted(p for p in PAGES.iterdir() if (p / "expected.json").is_file()):
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        if not keys or any(k in expected for k in keys):
            found.append(Case(folder.name, folder, expected))
    return found


def texts(response: dict[str, Any], request: dict[str, Any]) -> dict[str, str]:
    """Block id → text, from the echoed blocks (HTML requests) or the request's own."""
    return {b["id"]: b["text"] for b in (response["blocks"] or request["blocks"])}


def flagged_pairs(response: dict[str, Any], request: dict[str, Any],
                  kind: str = "duplicate") -> list[tuple[str, str, str]]:
    """(rule, text of the flagged block, text of its twin) for every finding of `kind`."""
    by_id = texts(response, request)
    return [
        (a["rule"], by_id[a["block"]], by_id[r["block"]])
        for a in response["annotations"] if a["type"] == kind
        for r in a["related"]
    ]


def is_flagged(pairs: list[tuple[str, str, str]], block: str, of: str | None = None) -> bool:
    return any(text.startswith(block) and (of is None or twin.startswith(of))
               for _, text, twin in pairs)


def is_mentioned(pairs: list[tuple[str, str, str]], snippet: str) -> bool:
    return any(text.startswith(snippet) or twin.startswith(snippet) for _, text, twin in pairs)
