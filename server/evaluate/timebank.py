"""How well the engine finds and resolves date expressions, measured on TimeML corpora.

TimeBank and AQUAINT (TempEval-3 training data) mark every temporal expression in news
text with its normalised value, and give each document its creation time (`<DCT>`),
which plays the page's publication date. The text without tags becomes a page, one
block per blank-line separated paragraph, and goes through the engine's own path:
spaCy parse → `find_mentions` (find + resolve). Nothing here is specific to the corpus.

Scores, for gold `<TIMEX3 type="DATE">`:

* span, strict (same extent) and relaxed (overlapping): recall over gold DATEs found by
  any engine phrase; precision over the engine's date phrases (durations and
  recurrences are the engine's "not a date" and are left out; a phrase overlapping a gold
  DURATION/TIME/SET is neither right nor wrong here and is counted apart);
* value: a relaxed match whose resolved value equals the gold value (precision over the
  engine's date phrases, recall over gold DATEs, as TempEval-3 scores attributes), in two
  readings: exact (same value, same granularity) and at the gold's granularity (a
  resolved day counts for a gold month when it lies in that month). Gold times of day
  are compared by their date; vague values (PRESENT_REF, PAST_REF, FUTURE_REF) against
  the engine's vague reading.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..engine import nlp
from ..engine.dates import calendar as cal
from ..engine.dates.mentions import Mention, find_mentions
from ..engine.detectors.dates import find_date_conflicts
from ..engine.page import Block, Page

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Document:
    name: str
    dct: dt.date
    text: str
    timexes: list[Timex]


def read_document(path: Path) -> Document:
    """A TimeML file: its creation date, its plain text and the TIMEX3 spans in that text."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d{2}-\d{2})", raw)
    if dct_match is None:
        raise ValueError(f"{path}: no DCT")
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    out: list[str] = []
    length = 0
    cursor = 0
    timexes: list[Timex] = []
    open_timex: list[tuple[int, dict[str, str]]] = []
    for tag in _TAG.finditer(body):
        piece = _unescape(body[cursor: tag.start()])
        out.append(piece)
        length += len(piece)
        cursor = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(tag.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            timexes.append(Timex(start, length, attrs.get("type", ""), attrs.get("value", ""),
                                 "".join(out)[start:length]))
    out.append(_unescape(body[cursor:]))
    return Document(path.stem, dt.date.fromisoformat(dct_match.group(1)), "".join(out),
                    timexes)


def _unescape(text: str) -> str:
    # Each entity becomes one character, so offsets stay those of the plain text.
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def to_page(doc: Document) -> tuple[Page, list[int]]:
    """The document as a page: one block per paragraph; returns each block's offset."""
    blocks, offsets = [], []
    for i, match in enumerate(_PARAGRAPH.finditer(doc.text)):
        text = match.group().replace("\n", " ")
        if text.strip():
            blocks.append(Block(f"p{i}", "p", text))
            offsets.append(match.start())
    return Page(blocks=blocks, language="en", published=doc.dct, source="blocks"), offsets


def predicted_value(mention: Mention) -> str | None:
    if mention.resolution is not None:
        return mention.resolution.value
    if mention.meaning.kind == "vague":
        return mention.meaning.ref
    return None


def gold_granularity(value: str) -> str | None:
    """The granularity a TimeML value names, or None when it names none we resolve."""
    value = value.split("T", 1)[0]
    patterns = [
        (r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-W\d{2}-WE", "weekend"),
        (r"\d{4}-W\d{2}", "week"), (r"\d{4}-\d{2}", "month"), (r"\d{4}-Q\d", "quarter"),
        (r"\d{4}-H\d", "half"), (r"\d{4}-(?:SP|SU|FA|WI)", "season"), (r"\d{4}", "year"),
        (r"\d{3}", "decade"), (r"\d{2}", "century"),
    ]  # fmt: skip
    for pattern, name in patterns:
        if re.fullmatch(pattern, value):
            return name
    return None


def value_matches(mention: Mention, gold: str, *, at_gold_granularity: bool) -> bool:
    """Whether the engine's reading of a mention gives the gold value."""
    gold = gold.split("T", 1)[0] if re.match(r"\d{4}-\d{2}-\d{2}T", gold) else gold
    gold = re.sub(r"-W(\d)\b", r"-W0\1", gold)
    ours = predicted_value(mention)
    if ours is None:
        return False
    if gold.endswith("_REF"):
        return ours == gold
    if ours == gold:
        return True
    if "X" in gold:
        pattern = re.escape(gold).replace("X", r"\d")
        stripped = re.sub(r"[-X]+$", "", gold).rstrip("-W").rstrip("-Q")
        if re.fullmatch(pattern, ours) or ours == stripped:
            return True
        prefix = re.sub(r"X.*$", "", gold)
        return bool(prefix) and ours.startswith(prefix) and gold_granularity(
            gold.replace("X", "0")) == mention.resolution.granularity if (
            mention.resolution) else False
    if not at_gold_granularity or mention.resolution is None:
        return False
    gran = gold_granularity(gold)
    r = mention.resolution
    if gran is None or cal.RANK[r.granularity] > cal.RANK[gran]:
        return False
    return cal.value(r.start, gran) == gold


def _score(correct: int, predicted: int, gold: int) -> dict[str, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _score_pr(right: int, predicted: int, found: int, gold: int) -> dict[str, float]:
    p = right / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def run(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Evaluate the engine on every `.tml` file under `path`."""
    files = sorted(Path(path).rglob("*.tml"))[:limit]
    counts: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    wrong: list[tuple[str, str, str | None, str, str]] = []
    spurious: Counter[str] = Counter()
    conflicts: list[dict[str, str]] = []
    started = time.perf_counter()
    words = 0
    for file in files:
        doc = read_document(file)
        page, offsets = to_page(doc)
        page.docs = list(nlp.parse([b.text for b in page.blocks]))
        words += page.words
        mentions = find_mentions(page)
        texts = {b.id: b.text for b in page.blocks}
        for annotation in find_date_conflicts(page).annotations:
            conflicts.append({
                "document": file.name, "rule": annotation.rule, "message": annotation.message,
                "text": texts[annotation.span.block][annotation.span.start:annotation.span.end],
            })
        block_offset = {b.id: off for b, off in zip(page.blocks, offsets, strict=True)}
        found = [(block_offset[m.block_id] + m.phrase.start, block_offset[m.block_id]
                  + m.phrase.end, m) for m in mentions]
        gold_dates = [t for t in doc.timexes if t.type == "DATE"]
        others = [t for t in doc.timexes if t.type != "DATE"]
        # Every TIMEX3 type (DATE, TIME, DURATION, SET), as TempEval-3 scores: the engine
        # gives values only to dates (and vague references), so value recall over all
        # types is bounded by the share of DATEs; both figures are reported.
        counts["all_gold"] += len(doc.timexes)
        counts["all_predicted"] += len(found)
        counts["all_predicted_relaxed"] += sum(
            1 for f in found if any(t.start < f[1] and f[0] < t.end for t in doc.timexes))
        for t in doc.timexes:
            overlapping = [f for f in found if f[0] < t.end and t.start < f[1]]
            if overlapping:
                counts["all_found"] += 1
                best = min(overlapping, key=lambda f: abs(f[0] - t.start) + abs(f[1] - t.end))
                if value_matches(best[2], t.value, at_gold_granularity=False):
                    counts["all_value"] += 1
        counts["gold"] += len(gold_dates)
        for t in gold_dates:
            overlapping = [f for f in found if f[0] < t.end and t.start < f[1]]
            if any(f[0] == t.start and f[1] == t.end for f in overlapping):
                counts["strict_found"] += 1
            if not overlapping:
                misses[t.text.lower()] += 1
                continue
            counts["relaxed_found"] += 1
            best = min(overlapping, key=lambda f: abs(f[0] - t.start) + abs(f[1] - t.end))
            mention = best[2]
            if value_matches(mention, t.value, at_gold_granularity=False):
                counts["value_exact"] += 1
            if value_matches(mention, t.value, at_gold_granularity=True):
                counts["value_at_gold"] += 1
            else:
                wrong.append((t.text, t.value, predicted_value(mention), doc.dct.isoformat(),
                              mention.phrase.text))
        for start, end, mention in found:
            if mention.meaning.kind in ("duration", "set"):
                continue
            if any(t.start < end and start < t.end for t in others) and not any(
                t.start < end and start < t.end for t in gold_dates
            ):
                counts["on_other_timex"] += 1
                continue
            counts["predicted"] += 1
            if any(t.start == start and t.end == end for t in gold_dates):
                counts["predicted_strict"] += 1
            if any(t.start < end and start < t.end for t in gold_dates):
                counts["predicted_relaxed"] += 1
            else:
                spurious[mention.phrase.text.lower()] += 1
    elapsed = time.perf_counter() - started
    gold, predicted = counts["gold"], counts["predicted"]

    def span(found_key: str, predicted_key: str) -> dict[str, float]:
        p = counts[predicted_key] / predicted if predicted else 0.0
        r = counts[found_key] / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    return {
        "documents": len(files),
        "words": words,
        "seconds": round(elapsed, 1),
        "gold_dates": gold,
        "engine_date_phrases": predicted,
        "engine_phrases_on_other_timex_types": counts["on_other_timex"],
        "span_strict": span("strict_found", "predicted_strict"),
        "span_relaxed": span("relaxed_found", "predicted_relaxed"),
        "value_exact": {**_score(counts["value_exact"], predicted, gold),
                        "accuracy_on_found": round(counts["value_exact"]
                                                   / max(1, counts["relaxed_found"]), 4)},
        "value_at_gold_granularity": {
            **_score(counts["value_at_gold"], predicted, gold),
            "accuracy_on_found": round(counts["value_at_gold"]
                                       / max(1, counts["relaxed_found"]), 4)},
        "scored_types": "DATE only (the scores above); all_types below counts every TIMEX3",
        "all_types": {
            "gold": counts["all_gold"],
            "engine_phrases": counts["all_predicted"],
            "span_relaxed": _score_pr(counts["all_predicted_relaxed"], counts["all_predicted"],
                                      counts["all_found"], counts["all_gold"]),
            "value_exact": _score(counts["all_value"], counts["all_predicted"],
                                  counts["all_gold"]),
        },
        "top_missed": misses.most_common(15),
        "top_spurious": spurious.most_common(15),
        "wrong_values_sample": wrong,
        # Real news rarely contradicts its dates: each conflict here is for a person to judge.
        "date_conflicts": conflicts,
        "date_conflicts_per_100_documents": round(100 * len(conflicts) / max(1, len(files)), 1),
    }


def _report(result: dict[str, Any]) -> str:
    lines = [
        f"{result['documents']} documents, {result['words']} words, "
        f"{result['seconds']} s; {result['gold_dates']} gold DATE expressions, "
        f"{result['engine_date_phrases']} engine date phrases "
        f"(+{result['engine_phrases_on_other_timex_types']} on gold DURATION/TIME/SET, "
        "not counted)",
        "",
        f"{'':28}{'precision':>10}{'recall':>10}{'F1':>10}{'acc':>10}",
    ]
    for key, label in (("span_strict", "span, strict"), ("span_relaxed", "span, relaxed"),
                       ("value_exact", "value, exact"),
                       ("value_at_gold_granularity", "value, at gold granularity")):
        s = result[key]
        acc = f"{s['accuracy_on_found']:>10.3f}" if "accuracy_on_found" in s else ""
        lines.append(f"{label:28}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>10.3f}"
                     + acc)
    a = result["all_types"]
    lines += ["", f"The rows above score gold DATE expressions only. Over all {a['gold']} "
              "TIMEX3 (DATE, TIME, DURATION, SET; values only for dates): span relaxed "
              f"P {a['span_relaxed']['precision']:.3f} R {a['span_relaxed']['recall']:.3f} "
              f"F1 {a['span_relaxed']['f1']:.3f}; value exact P "
              f"{a['value_exact']['precision']:.3f} R {a['value_exact']['recall']:.3f} "
              f"F1 {a['value_exact']['f1']:.3f}"]
    lines += ["", "most missed: " + ", ".join(f"{t} ({n})" for t, n in result["top_missed"]),
              "most spurious: " + ", ".join(f"{t} ({n})" for t, n in result["top_spurious"]),
              "", f"date conflicts: {len(result['date_conflicts'])} "
              f"({result['date_conflicts_per_100_documents']} per 100 documents)"]
    lines += [f"- {c['document']} [{c['rule']}] {c['message']}" for c in result["date_conflicts"]]
    return "\n".join(lines)


@click.command("timebank")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--limit", type=int, default=None, help="Evaluate only the first N documents.")
def command(folder: Path, as_json: bool, limit: int | None) -> None:
    """Score date finding and resolution on a TimeML folder (TimeBank, AQUAINT)."""
    result = run(folder, limit=limit)
    click.echo(json.dumps(result, indent=2) if as_json else _report(result))


if __name__ == "__main__":
    command()
