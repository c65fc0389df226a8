"""`newslint eval dates-injected DIR...`: recall on date conflicts built from real text.

Nobody wrote these pages for the test. The generator takes real pages (a folder with
`articles/*.txt`, one paragraph per blank-line block, as in `shared/data/farm`, one
with `ground-truth.json`, as in `shared/data/articles`, or TimeML `*.tml` files, as in
`shared/data/tempeval3/train`, whose text is news of 1989–1998), finds sentences that tell a dated
happening, and inserts elsewhere on the page a re-telling of that sentence's happening:

* `absolute`: the day changed ("on March 12" → "on 14 March");
* `relative`: "a day earlier" / "two days later" in the date's place, counted from a
  dated sentence the generator puts just before it, landing on another day;
* `weekday`: "on Thursday", counted from the publication date, another day;
* `year`: the same day and month in another year;

and, for each kind, a control whose date is unchanged (it must not be flagged).

How the detector is kept from recognising the generator rather than the event:

* the source sentences are chosen without the detector's vocabulary: one day-precise date
  said with "on", found by the generator's own regular expression, a name (spaCy's
  entities), a verb in the past tense; never the detector's list of actions, so a
  happening the detector has no word for counts as a miss;
* the re-telling keeps the writer's own words for the act and its cast (with name
  variants: a surname for a full name) and wraps them in frames that carry no act and no
  date vocabulary of the detector's ("As noted, …", "…, according to the account.");
* the detector was tuned on half `a` of the pages (split by the sha256 of the page name)
  and the report gives half `b` beside it.

Recall counts an injection as found when a `date.conflict` joins the source sentence's
paragraph and the inserted one; a control counts as a false alarm when such a conflict
joins them although the dates agree. Conflicts between the insert and other paragraphs
are counted apart (the source sentence may already clash with the page).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from spacy.tokens import Doc

from ..engine import nlp
from ..engine.detectors.dates import find_date_conflicts
from ..engine.page import Block, Page

KINDS = ("absolute", "relative", "weekday", "year")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_MONTH_INDEX = {m.lower(): i + 1 for i, m in enumerate(_MONTHS)}
_MONTH_INDEX.update({m.lower()[:3]: i + 1 for i, m in enumerate(_MONTHS)})
_MONTH_INDEX["sept"] = 9
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
       r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
#: The generator's own date finder (deliberately not the engine's).
_DATE = re.compile(
    rf"\b(?:[Oo]n\s+)?(?:(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MON}))"
    r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: Frames of a re-telling: none names an act or a date.
_FRAMES = ["{s}", "As noted, {s}", "{s_no_end}, according to the account.",
           "To recap: {s}", "{s_no_end}, the report said.", "That is how it went: {s}"]
#: Sentences the relative kind counts from: they name no one and no act the detector knows.
_ANCHORS = ["The account was made public on {d}.", "The figures came out on {d}.",
            "A summary appeared on {d}.", "The record was updated on {d}."]


@dataclass
class Source:
    page: str
    texts: list[str]
    block: int
    sentence: str
    date_text: str
    day: dt.date
    has_year: bool


@dataclass
class Injection:
    kind: str
    control: bool
    frame: int
    page: str
    texts: list[str]
    published: dt.date | None
    source_block: int
    source_text: str
    inserted_block: int
    inserted: str


def half(name: str) -> str:
    """The shared split: half a when the name's sha256 ends in an even hex digit."""
    return "a" if int(hashlib.sha256(name.encode()).hexdigest()[-1], 16) % 2 == 0 else "b"


def read_pages(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """(page name, paragraphs) from a farm-style or an articles-style folder."""
    if (folder / "articles").is_dir():
        for path in sorted((folder / "articles").glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            yield path.stem, [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        return
    tml = sorted(folder.rglob("*.tml"))
    if tml:
        from .timebank import read_document, to_page

        for path in tml:
            page, _offsets = to_page(read_document(path))
            yield path.name, [b.text for b in page.blocks]
        return
    truth = folder / "ground-truth.json"
    if truth.is_file():
        data = json.loads(truth.read_text(encoding="utf-8"))
        for name, entry in sorted(data.items()):
            body = entry.get("articleBody") or ""
            yield name, [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
        return
    raise click.ClickException(
        f"{folder} has no articles/*.txt, ground-truth.json or *.tml files")


def _story_year(texts: list[str]) -> int:
    years = Counter(int(y) for t in texts for y in _YEAR.findall(t))
    return years.most_common(1)[0][0] if years else 2020


def find_sources(name: str, texts: list[str], docs: list[Doc]) -> list[Source]:
    """Sentences that tell a dated happening: one day-precise date said with "on", a name,
    a verb in the past tense."""
    year = _story_year(texts)
    sources = []
    for index, doc in enumerate(docs):
        for sent in doc.sents:
            match = _DATE.search(sent.text)
            if match is None or len(_DATE.findall(sent.text)) != 1:
                continue  # one day-precise date, so the re-telling changes the right one
            names = [e for e in sent.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC",
                                                          "FAC", "EVENT")]
            if not names or not any(t.tag_ == "VBD" for t in sent):
                continue
            if re.match(r"\s*(?:and|to|through|-|–)\s*\d", sent.text[match.end():]):
                continue  # "on April 24 and 25": a range, not one day
            if not match.group(0).lower().startswith("on "):
                continue  # "until 20 January", "an October 11 presentation": not a happening's day
            month = _MONTH_INDEX[(match.group("m1") or match.group("m2")).lower().rstrip(".")]
            day_number = int(match.group("d1") or match.group("d2"))
            try:
                day = dt.date(int(match.group("y") or year), month, day_number)
            except ValueError:
                continue
            if len(sent.text) > 400:
                continue  # run-on text re-tells badly
            sources.append(Source(name, texts, index, sent.text.strip(), match.group(0), day,
                                  bool(match.group("y"))))
    return sources


def _written(day: dt.date, style: int, with_year: bool) -> str:
    text = f"{_MONTHS[day.month - 1]} {day.day}" if style % 2 == 0 else \
        f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{text}, {day.year}" if with_year and style % 2 == 0 else (
        f"{text} {day.year}" if with_year else text)


def _name_variants(sentence: str, doc: Doc, rng: random.Random) -> str:
    """Full names of people become surnames at times, as a re-teller writes them."""
    for ent in reversed(list(doc.ents)):
        if ent.label_ == "PERSON" and len(ent.text.split()) >= 2 and rng.random() < 0.6:
            sentence = (sentence[:ent.start_char] + ent.text.split()[-1]
                        + sentence[ent.end_char:])
    return sentence


def _frame(sentence: str, frame: int) -> str:
    body = sentence.rstrip()
    return _FRAMES[frame].format(s=body, s_no_end=body.rstrip(".!?"))


def build(source: Source, kind: str, control: bool, rng: random.Random,
          parse: Any) -> Injection | None:
    """One page with a re-telling of `source` inserted, its date changed unless `control`."""
    sentence = source.sentence
    doc = parse(sentence)
    retold = _name_variants(sentence, doc, rng)
    match = _DATE.search(retold)
    if match is None:
        return None
    orig = source.day
    future = any(t.lower_ in ("will", "'ll", "’ll") for t in doc)
    # The page is published just after a past happening, just before a future one.
    published: dt.date | None = orig + dt.timedelta(days=-2 if future else 2)
    lead = match.group(0)[:3] if match.group(0).lower().startswith("on ") else ""
    prefix = ""
    if kind == "absolute":
        new = orig if control else orig + dt.timedelta(days=rng.choice([-3, -2, 2, 4, 5]))
        if new.month != orig.month and not control:
            new = orig + dt.timedelta(days=1 if orig.day < 27 else -2)
        phrase = lead + _written(new, rng.randrange(2) if control else 1 - (
            0 if match.group("m1") else 1), source.has_year)
        if control:
            # Same day, another way of writing it.
            phrase = lead + _written(new, 1 if match.group("m1") else 0, source.has_year)
    elif kind == "year":
        shift = rng.choice([-1, 1])
        try:
            new = orig if control else orig.replace(year=orig.year + shift)
        except ValueError:
            return None
        phrase = lead + _written(new, 0 if match.group("m1") else 1, True)
    elif kind == "weekday":
        if not lead:
            return None  # "an October 11 presentation" has no weekday form
        new = orig if control else orig + dt.timedelta(days=rng.choice([-1, 1]))
        phrase = lead + _WEEKDAYS[new.weekday()]
    else:  # relative
        later = rng.random() < 0.5
        if later:
            base = orig - dt.timedelta(days=2 if control else 4)
            shift_text = "Two days later"
        else:
            base = orig + dt.timedelta(days=1 if control else 3)
            shift_text = "A day earlier"
        anchor = rng.choice(_ANCHORS).format(d=_written(base, 0, True))
        prefix = anchor + " "
        # The shift takes the date's own place, so it attaches where the date did:
        # "… ate a wild rabbit two days later, according to …".
        phrase = shift_text if match.start() == 0 else shift_text.lower()
    body = retold[:match.start()] + phrase + retold[match.end():]
    body = re.sub(r"\s+([,.])", r"\1", re.sub(r"\s{2,}", " ", body)).strip()
    body = re.sub(r"^[,;]\s*|(?<=,)\s*,", "", body).strip()
    body = body[0].upper() + body[1:] if body else body
    if kind == "relative":
        inserted = prefix + body
        frame = -1
    else:
        frame = rng.randrange(len(_FRAMES))
        inserted = _frame(body, frame)
        if frame in (1, 5) and doc[0].pos_ != "PROPN" and doc[0].ent_type_ not in (
                "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"):
            inserted = inserted.replace(body, body[0].lower() + body[1:], 1)
    texts = list(source.texts)
    spots = [i for i in range(len(texts) + 1) if abs(i - source.block) >= 2 and i > 0]
    if not spots:
        return None
    at = rng.choice(spots)
    texts.insert(at, inserted)
    source_block = source.block + (1 if at <= source.block else 0)
    return Injection(kind, control, frame, source.page, texts, published, source_block,
                     sentence, at, inserted)


def _flagged(injection: Injection, docs: list[Doc]) -> tuple[bool, bool]:
    """(a conflict joins the source and the inserted paragraph, any touches the insert)."""
    page = Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(injection.texts)],
                language="en", published=injection.published)
    page.docs = docs
    joined = touched = False
    for a in find_date_conflicts(page).annotations:
        if a.rule != "date.conflict":
            continue
        blocks = {a.span.block} | {r["block"] for r in a.related}
        inserted = f"b{injection.inserted_block}"
        if inserted in blocks:
            touched = True
            if f"b{injection.source_block}" in blocks:
                joined = True
    return joined, touched


def run(folders: list[Path], per_page: int = 2, seed: int = 11) -> dict[str, Any]:
    cache: dict[str, Doc] = {}

    def parse_all(texts: list[str]) -> list[Doc]:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        for text, doc in zip(missing, nlp.parse(missing), strict=True):
            cache[text] = doc
        return [cache[t] for t in texts]

    def parse_one(text: str) -> Doc:
        return parse_all([text])[0]

    counts: dict[tuple[str, str, bool], Counter[str]] = defaultdict(Counter)
    frames: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    alarms: list[dict[str, Any]] = []
    pages = sources_total = 0
    for folder in folders:
        for name, texts in read_pages(folder):
            if len(texts) < 3:
                continue
            pages += 1
            docs = parse_all(texts)
            sources = find_sources(name, texts, docs)
            sources_total += len(sources)
            rng = random.Random(f"{seed}:{name}")
            for source in rng.sample(sources, min(per_page, len(sources))):
                for kind in KINDS:
                    for control in (False, True):
                        injection = build(source, kind, control, rng, parse_one)
                        if injection is None:
                            continue
                        joined, touched = _flagged(injection, parse_all(injection.texts))
                        h = half(name)
                        c = counts[(h, kind, control)]
                        c["n"] += 1
                        # A control is a false alarm when the detector says the two
                        # tellings disagree; other conflicts on the insert are counted
                        # apart (the source sentence may clash with the page already).
                        c["hit" if not control else "alarm"] += int(joined)
                        c["other"] += int(touched and not joined)
                        if not control:
                            frames[(h, injection.frame)]["n"] += 1
                            frames[(h, injection.frame)]["hit"] += int(joined)
                        record = {"page": name, "half": h, "kind": kind,
                                  "source": source.sentence, "inserted": injection.inserted}
                        if not control and not joined:
                            misses.append(record)
                        if control and joined:
                            alarms.append(record)

    def summary(h: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        total_n = total_hit = cn = ca = 0
        for kind in KINDS:
            n = sum(counts[(x, kind, False)]["n"] for x in "ab" if h in (None, x))
            hit = sum(counts[(x, kind, False)]["hit"] for x in "ab" if h in (None, x))
            cnk = sum(counts[(x, kind, True)]["n"] for x in "ab" if h in (None, x))
            cak = sum(counts[(x, kind, True)]["alarm"] for x in "ab" if h in (None, x))
            other = sum(counts[(x, kind, c)]["other"] for x in "ab" for c in (False, True)
                        if h in (None, x))
            out[kind] = {"injected": n, "found": hit, "recall": round(hit / n, 3) if n else None,
                         "controls": cnk, "false_alarms": cak,
                         "other_conflicts_on_insert": other}
            total_n, total_hit, cn, ca = total_n + n, total_hit + hit, cn + cnk, ca + cak
        out["all"] = {"injected": total_n, "found": total_hit,
                      "recall": round(total_hit / total_n, 3) if total_n else None,
                      "controls": cn, "false_alarms": ca,
                      "false_alarm_rate": round(ca / cn, 4) if cn else None}
        return out

    by_frame = {f"{h}:{'relative' if f < 0 else _FRAMES[f]}": dict(c)
                for (h, f), c in sorted(frames.items())}
    return {"pages": pages, "sources": sources_total, "half_a": summary("a"),
            "half_b": summary("b"), "all": summary(None), "by_frame": by_frame,
            "misses": misses, "control_false_alarms": alarms}


def _report(result: dict[str, Any], show_misses: int) -> str:
    lines = [f"{result['pages']} pages, {result['sources']} sentences telling a dated "
             "happening (tuned on half a; half b is the figure to quote)", ""]
    for key in ("half_b", "half_a", "all"):
        lines.append(f"{key.replace('_', ' ')}:")
        for kind, s in result[key].items():
            recall = "-" if s["recall"] is None else f"{s['recall']:.3f}"
            lines.append(f"  {kind:9} recall {recall} ({s['found']}/{s['injected']}), "
                         f"control false alarms {s['false_alarms']}/{s['controls']}")
    lines.append("")
    lines.append("by frame: " + ", ".join(f"{k} {v.get('hit', 0)}/{v['n']}"
                                          for k, v in result["by_frame"].items()))
    for alarm in result["control_false_alarms"]:
        lines.append(f"\nFALSE ALARM [{alarm['kind']}] {alarm['page']}\n  source: "
                     f"{alarm['source']}\n  control: {alarm['inserted']}")
    for miss in result["misses"][:show_misses]:
        lines.append(f"\nmissed [{miss['kind']}] {miss['page']} ({miss['half']})\n  source: "
                     f"{miss['source']}\n  inserted: {miss['inserted']}")
    return "\n".join(lines)


@click.command("dates-injected")
@click.argument("folders", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--per-page", type=click.IntRange(1, 20), default=2,
              help="Source sentences injected per page (each in every kind, plus controls).")
@click.option("--misses", "show_misses", type=click.IntRange(0), default=20,
              help="How many missed injections to print.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(folders: tuple[Path, ...], per_page: int, show_misses: int, as_json: bool) -> None:
    """Recall on date conflicts injected into real pages in FOLDERS, and control false alarms."""
    result = run(list(folders), per_page=per_page)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json
               else _report(result, show_misses))
