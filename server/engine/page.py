"""The data that flows through the engine: a page of blocks in, annotations out.

Everything here is plain data with no I/O, so the same objects serve the HTTP API,
the command line and the evaluation commands, and serialise to the JSON contract in
`shared/schemas/` without a translation layer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from spacy.tokens import Doc


def site_of(url: str | None) -> str:
    """The host a page's address names, lower-cased: what the history and the batch report
    group pages by ("" for no address or one that is not a URL)."""
    if not url:
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


Source = Literal["blocks", "html"]
Severity = Literal["info", "warning"]

#: Block kinds that are headings: their repeats are headlines, not paragraphs.
HEADING_KINDS = frozenset({"title", "h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class Block:
    """One unit of the article as the reader sees it: a heading, a paragraph, a list item."""

    id: str
    kind: str
    text: str

    @property
    def is_heading(self) -> bool:
        return self.kind in HEADING_KINDS

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "text": self.text}


@dataclass
class Page:
    """A page to analyse. `docs` is filled by the parser, one spaCy `Doc` per block."""

    blocks: list[Block]
    url: str | None = None
    title: str | None = None
    language: str | None = None
    published: dt.date | None = None
    source: Source = "blocks"
    docs: list[Doc] = field(default_factory=list, repr=False)

    def block_index(self) -> dict[str, int]:
        return {block.id: i for i, block in enumerate(self.blocks)}

    def ordinal(self, block_id: str) -> int:
        """The block's 1-based position among all of the page's blocks (the API's numbering)."""
        return self.block_index()[block_id] + 1

    def label(self, index: int) -> str:
        """How a reader names block `index`: "the headline", "heading 2", "paragraph 3".

        A reader counts paragraphs, not the headings between them: "paragraph 9" of the
        block list is the seventh paragraph on the screen when two headings precede it.
        """
        return self._labels()[index]

    def _labels(self) -> list[str]:
        """Every block's label, computed once per page (messages name thousands of blocks
        on a long page; counting from the top each time made that quadratic)."""
        cached: list[str] | None = self.__dict__.get("_label_cache")
        if cached is not None and len(cached) == len(self.blocks):
            return cached
        labels: list[str] = []
        headline = next((b.kind in ("title", "h1") for b in self.blocks if b.is_heading), False)
        headings = paragraphs = 0
        for block in self.blocks:
            if block.is_heading:
                headings += 1
                number = headings - 1 if headline else headings
                labels.append("the headline" if number == 0 else f"heading {number}")
            else:
                paragraphs += 1
                labels.append(f"paragraph {paragraphs}")
        self.__dict__["_label_cache"] = labels
        return labels

    @property
    def words(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)


@dataclass(frozen=True)
class Span:
    """A place on the page: a block and a half-open range of code points in its text."""

    block: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"block": self.block, "start": self.start, "end": self.end}


@dataclass
class Annotation:
    """One finding. `id` is assigned when the result is assembled, so detectors stay pure."""

    type: str
    rule: str
    severity: Severity
    span: Span
    message: str
    related: list[dict[str, Any]] = field(default_factory=list)
    score: float | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "rule": self.rule,
            "severity": self.severity,
            **self.span.to_json(),
            "related": self.related,
            "score": None if self.score is None else round(self.score, 3),
            "message": self.message,
            "evidence": self.evidence,
        }


@dataclass
class Notice:
    """Something the reader should know about the analysis itself (not about the page)."""

    type: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


@dataclass
class Result:
    """What one analysis produced; `to_json` is exactly the API's response body."""

    page: Page
    annotations: list[Annotation]
    timeline: list[dict[str, Any]]
    notices: list[Notice]
    elapsed_ms: float
    analyzer: dict[str, str]
    echo_blocks: bool = False

    def to_json(self) -> dict[str, Any]:
        page = self.page
        return {
            "analyzer": self.analyzer,
            "page": {
                "url": page.url,
                "title": page.title,
                "published": page.published.isoformat() if page.published else None,
                "language": page.language,
                "words": page.words,
                "source": page.source,
            },
            "blocks": [b.to_json() for b in page.blocks] if self.echo_blocks else None,
            "annotations": [a.to_json() for a in self.annotations],
            "timeline": self.timeline,
            "notices": [n.to_json() for n in self.notices],
            "elapsed_ms": round(self.elapsed_ms, 1),
        }
