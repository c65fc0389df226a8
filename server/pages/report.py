"""The human-readable report of `newslint check`: what a reader needs, in reading order."""

from __future__ import annotations

import textwrap
from typing import Any

from ..engine.page import Result

WIDTH = 88
#: Timeline entries printed before the list is cut (`--json` gives them all).
TIMELINE_SHOWN = 40


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


#: Sentence pairs shown under a duplicate; the JSON has them all.
SHOWN_PAIRS = 2


def _sentence_pairs(evidence: dict[str, Any]) -> list[str]:
    """The sentences that carry a re-telling, each beside the one it says again."""
    if evidence.get("match") not in ("retelling", "near"):
        return []
    lines = []
    for pair in evidence.get("sentences", [])[:SHOWN_PAIRS]:
        lines.append(f"    says:  {_quote(pair['sentence']['text'])}")
        lines.append(f"    as:    {_quote(pair['twin']['text'])}")
    return lines


def render(result: Result, *, timeline: bool = False) -> str:
    page = result.page
    texts = {b.id: b.text for b in page.blocks}
    index = page.block_index()
    label = {block_id: page.label(i) for block_id, i in index.items()}
    title = page.title or page.url or "Untitled page"
    lines = [title, f"{len(page.blocks)} blocks, {page.words:,} words, language "
             f"{page.language or 'unknown'}, published {page.published or 'unknown'}"]
    for notice in result.notices:
        lines.append(f"note: {notice.message}")
    counts: dict[str, int] = {}
    for a in result.annotations:
        counts[a.type] = counts.get(a.type, 0) + 1
    if not result.annotations:
        lines.append("\nNo repeated paragraphs or conflicting dates found.")
    else:
        summary = ", ".join(f"{n} {kind.replace('_', ' ')}{'s' if n > 1 else ''}"
                            for kind, n in counts.items())
        lines.append(f"\nFound {summary}:")
    for a in result.annotations:
        lines.append("")
        lines.extend(textwrap.wrap(f"[{label[a.span.block]}] {a.message}", WIDTH,
                                   subsequent_indent="    "))
        lines.append(f"    here:  {_quote(texts[a.span.block][a.span.start:a.span.end])}")
        for r in a.related:
            role = "twin:" if r.get("role") == "twin" else "other:"
            lines.append(f"    {role:<6} {_quote(texts[r['block']][r['start']:r['end']])} "
                         f"({label.get(r['block'], r['block'])})")
        lines.extend(_sentence_pairs(a.evidence))
    if timeline:
        lines.append("\nTimeline:" if result.timeline else "\nTimeline: no dated events.")
        for entry in result.timeline[:TIMELINE_SHOWN]:
            where = ", ".join(label.get(m.get("block"), "?") for m in entry["mentions"])
            when = entry.get("when") or entry["date"]
            lines.append(f"  {when}  {entry['label']}  ({where})")
        if len(result.timeline) > TIMELINE_SHOWN:
            lines.append(f"  … the list is cut here: {len(result.timeline) - TIMELINE_SHOWN} "
                         f"more dated events (--json lists all {len(result.timeline)}).")
    lines.append(f"\n{result.elapsed_ms:.0f} ms")
    return "\n".join(lines)
