"""What changed between two analyses of one page: findings added, removed and kept.

Pure functions over stored runs (no I/O). Block ids are not stable between runs (the
extension numbers blocks as it finds them; an edited page shifts them), so a finding is
known by what it marks: its kind, its rule, the text it marks and the text of the places
it points to.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

Run = dict[str, Any]  # {"blocks": [...], "response": {...}}


def _texts(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {str(b.get("id")): str(b.get("text", "")) for b in blocks}


def _marked(texts: dict[str, str], place: dict[str, Any]) -> str:
    text = texts.get(str(place.get("block")))
    if text is None:
        return f"#{place.get('block')}"
    return " ".join(text[int(place.get("start", 0)):int(place.get("end", 0))].split())


def finding_key(annotation: dict[str, Any], texts: dict[str, str]) -> tuple[str, ...]:
    related = sorted(_marked(texts, r) for r in annotation.get("related", []))
    return (str(annotation.get("type")), str(annotation.get("rule")),
            _marked(texts, annotation), *related)


def summary(annotation: dict[str, Any]) -> dict[str, Any]:
    return {key: annotation.get(key)
            for key in ("id", "type", "rule", "block", "start", "end", "message")}


def compare(previous: Run | None, current: Run) -> dict[str, Any]:
    """Findings of `current` that `previous` did not have (added) and the reverse."""
    now = current["response"].get("annotations", [])
    if previous is None:
        return {"added": [summary(a) for a in now], "removed": [], "kept": 0}
    before = previous["response"].get("annotations", [])
    now_texts, before_texts = _texts(current["blocks"]), _texts(previous["blocks"])
    remaining = Counter(finding_key(a, before_texts) for a in before)
    added, kept = [], 0
    for annotation in now:
        key = finding_key(annotation, now_texts)
        if remaining[key] > 0:
            remaining[key] -= 1
            kept += 1
        else:
            added.append(summary(annotation))
    removed = []
    for annotation in before:
        key = finding_key(annotation, before_texts)
        if remaining[key] > 0:
            remaining[key] -= 1
            removed.append(summary(annotation))
    return {"added": added, "removed": removed, "kept": kept}
