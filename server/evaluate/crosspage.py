"""`newslint eval crosspage DIR`: precision and recall of recycled-paragraph detection.

The test set is built from DIR's articles (`ground-truth.json`, one paragraph a line),
deterministically (a seeded generator), because no labelled set of paragraphs copied
across news sites is at hand:

- the articles are split in two: 40 keep their own page (their site, their address);
  the paragraphs of the other 20 are filler that appears nowhere else;
- from the kept articles, up to two long paragraphs each are *sources*; each source is
  placed on a "farm" page (a made-up site) once word for word and once re-told by a
  mechanical rewriting (sentences reordered, merged or split, clauses moved, common
  words swapped for synonyms, hedges dropped), among filler paragraphs;
- with `--golden tests/pages`, the human-written re-tellings of the golden pages
  (`duplicates_must_flag`) are put on two pages of two sites, and the paragraphs those
  pages must *not* flag (same story, new facts) beside them: these are the hard cases.

A true pair is a copy and its source; every other pair that is reported is a false
alarm (listed, so a person can see whether the data repeats itself for real). The
mechanical re-tellings keep most content words, so their recall flatters the method;
the golden pairs are the honest figure for human re-tellings.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..crosspage.recycled import PageRef, Paragraph

SEED = 7
KEPT_ARTICLES = 40
SOURCES_PER_ARTICLE = 2
MIN_SOURCE_WORDS = 30
FILLER_PER_FARM_PAGE = 4

_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "announced": "revealed",
    "about": "around", "big": "large", "large": "sizable", "people": "individuals",
    "many": "numerous", "help": "assist", "helped": "assisted", "show": "demonstrate",
    "shows": "demonstrates", "start": "begin", "started": "began", "buy": "purchase",
    "bought": "purchased", "use": "utilize", "used": "utilized", "get": "obtain",
    "got": "obtained", "need": "require", "needs": "requires", "important": "crucial",
    "but": "however", "however": "but", "also": "additionally", "because": "since",
    "company": "firm", "companies": "firms", "government": "administration",
    "new": "fresh", "more": "additional", "most": "the majority of", "called": "named",
    "make": "create", "made": "created", "includes": "contains", "including": "such as",
    "expected": "anticipated", "plans": "intends", "plan": "intend", "try": "attempt",
    "tried": "attempted", "week": "week's time", "month": "month's time", "city": "town",
    "car": "vehicle", "cars": "vehicles", "children": "kids", "job": "position",
    "jobs": "positions", "money": "funds", "problem": "issue", "problems": "issues",
    "now": "currently", "often": "frequently", "quickly": "rapidly", "enough": "sufficient",
    "begin": "commence", "end": "conclude", "ended": "concluded", "found": "discovered",
    "think": "believe", "thinks": "believes", "want": "wish", "wants": "wishes",
}
HEDGES = {"just", "very", "really", "actually", "also", "still", "even"}


@dataclass(frozen=True)
class Source:
    page: str
    index: int  # paragraph position on its page (0-based)
    text: str


def read_paragraphs(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(id, url, paragraphs) of every article, in id order."""
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise click.ClickException(f"{folder} has no ground-truth.json")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    return [(key, entry.get("url", ""),
             [line.strip() for line in entry.get("articleBody", "").splitlines() if line.strip()])
            for key, entry in sorted(truth.items())]


def _swap_words(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    out = []
    for word in words:
        core = word.strip(".,;:!?\"“”'’()")
        lower = core.lower()
        if lower in HEDGES and rng.random() < 0.8:
            continue
        if lower in SYNONYMS and rng.random() < 0.8:
            replacement = SYNONYMS[lower]
            if core[:1].isupper():
                replacement = replacement[:1].upper() + replacement[1:]
            word = word.replace(core, replacement)
        out.append(word)
    return " ".join(out)


def _move_clause(sentence: str) -> str:
    """"On Monday, the council voted." → "The council voted on Monday." and the reverse."""
    body = sentence.rstrip(".!? ")
    end = sentence[len(body):] or "."
    head, comma, tail = body.partition(", ")
    if comma and 1 <= len(head.split()) <= 6 and len(tail.split()) >= 4:
        return tail[:1].upper() + tail[1:] + " " + head[:1].lower() + head[1:] + end
    for joint in (" because ", " after ", " while ", " as "):
        first, found, second = body.partition(joint)
        if found and len(first.split()) >= 4 and len(second.split()) >= 3:
            return (joint.strip().capitalize() + " " + second + ", " + first[:1].lower()
                    + first[1:] + end)
    return sentence


def retell(text: str, rng: random.Random) -> str:
    """A mechanical re-telling: what a spinner does, not what a writer does."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    if len(sentences) >= 3:
        sentences = sentences[1:] + sentences[:1]
    elif len(sentences) == 2 and rng.random() < 0.5:
        sentences = [sentences[0].rstrip(".") + ", and " + sentences[1][:1].lower()
                     + sentences[1][1:]]
    rewritten = []
    for sentence in sentences:
        sentence = _move_clause(sentence) if rng.random() < 0.7 else sentence
        sentence = _swap_words(sentence, rng)
        if len(sentence.split()) > 30 and "; " in sentence:
            first, _, second = sentence.partition("; ")
            sentence = first + ". " + second[:1].upper() + second[1:]
        rewritten.append(sentence)
    return " ".join(rewritten)


@dataclass
class TestSet:
    pages: dict[str, tuple[PageRef, list[str]]]
    #: (page, paragraph index) → (story, kind): the source and its copies share a story,
    #: and any two paragraphs of one story on two pages are a true pair.
    truth: dict[tuple[str, int], tuple[str, str]]
    #: Pairs a story cannot express (a re-telling that merges two originals).
    extra: dict[tuple[tuple[str, int], tuple[str, int]], str] = field(default_factory=dict)
    #: Places of the data that copies were made from (the rest of a true pair is planted).
    sources: set[tuple[str, int]] = field(default_factory=set)


def build(articles: list[tuple[str, str, list[str]]],
          golden: list[GoldenCase] | None = None,
          seed: int = SEED) -> TestSet:
    from ..crosspage.recycled import PageRef

    rng = random.Random(seed)
    order = list(range(len(articles)))
    rng.shuffle(order)
    kept = sorted(order[:KEPT_ARTICLES])
    filler = [p for i in sorted(order[KEPT_ARTICLES:]) for p in articles[i][2]]
    rng.shuffle(filler)
    pages: dict[str, tuple[PageRef, list[str]]] = {}
    sources: list[Source] = []
    for i in kept:
        key, url, paragraphs = articles[i]
        page_id = f"article-{key[:12]}"
        pages[page_id] = (PageRef(page_id, url=url, site=_site(url)), paragraphs)
        long = [j for j, p in enumerate(paragraphs) if len(p.split()) >= MIN_SOURCE_WORDS]
        for j in rng.sample(long, min(SOURCES_PER_ARTICLE, len(long))):
            sources.append(Source(page_id, j, paragraphs[j]))
    truth: dict[tuple[str, int], tuple[str, str]] = {
        (s.page, s.index): (f"{s.page}:{s.index}", "source") for s in sources}
    copies = [(s, "verbatim", s.text) for s in sources] + \
             [(s, "retold", retell(s.text, rng)) for s in sources]
    rng.shuffle(copies)
    extra: dict[tuple[tuple[str, int], tuple[str, int]], str] = {}
    for farm, start in enumerate(range(0, len(copies), 3), start=1):
        page_id = f"farm-{farm}"
        # A page never carries two copies of one source, so each copy has one true twin.
        items: list[tuple[str, tuple[str, str] | None]] = [
            (filler.pop(), None) for _ in range(min(FILLER_PER_FARM_PAGE, len(filler)))]
        for source, kind, text in copies[start:start + 3]:
            label = (f"{source.page}:{source.index}", kind)
            items.insert(rng.randrange(len(items) + 1), (text, label))
        for position, (_, known) in enumerate(items):
            if known is not None:
                truth[(page_id, position)] = known
        pages[page_id] = (PageRef(page_id, url=f"https://farm{farm}.example/story",
                                  site=f"farm{farm}.example"), [text for text, _ in items])
    for n, case in enumerate(golden or [], start=1):
        a, b = f"golden-{n}-a", f"golden-{n}-b"
        originals = list(dict.fromkeys(original for _, original in case.pairs))
        retold = list(dict.fromkeys(r for r, _ in case.pairs))
        pages[a] = (PageRef(a, url=f"https://original{n}.example/", site=f"original{n}.example"),
                    originals)
        pages[b] = (PageRef(b, url=f"https://copy{n}.example/", site=f"copy{n}.example"),
                    [*retold, *case.unrelated])
        for r, original in case.pairs:
            extra[((a, originals.index(original)), (b, retold.index(r)))] = "human"
    original_places = {(s.page, s.index) for s in sources}
    original_places |= {pair[0] for pair in extra}
    return TestSet(pages, truth, extra, original_places)


def _site(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower()


@dataclass(frozen=True)
class GoldenCase:
    """A golden page's re-tellings as (re-telling, original) and the paragraphs on the same
    story that must not match."""

    pairs: list[tuple[str, str]]
    unrelated: list[str]


def golden_pairs(folder: Path) -> list[GoldenCase]:
    """The human-written re-tellings of golden pages (`duplicates_must_flag`)."""
    from ..pages.extract import page_from_html

    found = []
    for case in sorted(p for p in folder.iterdir() if (p / "expected.json").is_file()):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        pairs = expected.get("duplicates_must_flag") or []
        if not pairs:
            continue
        if (case / "source.html").is_file():
            texts = [b.text for b in page_from_html(
                (case / "source.html").read_text(encoding="utf-8")).blocks]
        else:
            request = json.loads((case / "request.json").read_text(encoding="utf-8"))
            texts = [b["text"] for b in request.get("blocks", [])]

        def text_of(prefix: str, texts: list[str] = texts) -> str | None:
            return next((t for t in texts if t.startswith(prefix)), None)

        unrelated = [t for p in expected.get("duplicates_must_not_flag", [])
                     if (t := text_of(p))]
        resolved = [(r, o) for pair in pairs
                    if (r := text_of(pair["block"])) and (o := text_of(pair["of"]))]
        if resolved:
            found.append(GoldenCase(resolved, unrelated))
    return found


def _paragraph(page: PageRef, index: int, text: str) -> Paragraph | None:
    from ..crosspage import recycled

    found = recycled.paragraphs([{"id": f"p{index}", "kind": "p", "text": text}])
    if not found:
        return None
    p = found[0]
    return recycled.Paragraph(p.block, index + 1, p.start, p.end, p.digest, p.signature)


def _true_pairs(truth: dict[tuple[str, int], tuple[str, str]]
                ) -> dict[tuple[tuple[str, int], tuple[str, int]], str]:
    """Every two places of one story on two pages, labelled by the less literal copy."""
    stories: dict[str, list[tuple[tuple[str, int], str]]] = {}
    for place, (story, kind) in truth.items():
        stories.setdefault(story, []).append((place, kind))
    rank = {"source": 0, "verbatim": 1, "retold": 2, "human": 3}
    pairs = {}
    for members in stories.values():
        for i, (a, kind_a) in enumerate(members):
            for b, kind_b in members[i + 1:]:
                if a[0] != b[0]:
                    kind = max(kind_a, kind_b, key=rank.__getitem__)
                    pairs[(min(a, b), max(a, b))] = "verbatim" if kind == "source" else kind
    return pairs


def score(test: TestSet, threshold: float) -> dict[str, Any]:
    from ..crosspage.recycled import RecycledIndex

    index = RecycledIndex(threshold=threshold)
    for page, texts in test.pages.values():
        index.add(page, [p for i, t in enumerate(texts) if (p := _paragraph(page, i, t))])
    predicted: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    rules: dict[tuple[tuple[str, int], tuple[str, int]], str] = {}
    for found in (m for ms in index.matches().values() for m in ms):
        for match in found:
            a = (match.place.page.id, match.place.paragraph.ordinal - 1)
            b = (match.other.page.id, match.other.paragraph.ordinal - 1)
            pair = (min(a, b), max(a, b))
            predicted.add(pair)
            rules[pair] = match.rule
    true_pairs = {**_true_pairs(test.truth), **test.extra}
    # The articles repeat each other for real (a site's sign-up box, one agency story on
    # two sites): pairs of two paragraphs of the data, neither planted, are unlabelled, so
    # they are listed, not scored.
    planted = {place for pair in true_pairs for place in pair if place not in test.sources}
    in_data = {p for p in predicted if p not in true_pairs
               and p[0] not in planted and p[1] not in planted}
    # ... and a copy of a paragraph that the data repeats elsewhere repeats that too.
    story = {place: story for place, (story, _) in test.truth.items()}
    repeated = {(story.get(a), b) for a, b in in_data} | {(story.get(b), a) for a, b in in_data}
    in_data |= {p for p in predicted if p not in true_pairs
                and ((story.get(p[0]), p[1]) in repeated or (story.get(p[1]), p[0]) in repeated)}
    predicted -= in_data
    hits = predicted & set(true_pairs)
    by_kind: dict[str, dict[str, float]] = {}
    for kind in sorted(set(true_pairs.values())):
        wanted = {p for p, k in true_pairs.items() if k == kind}
        hit = len(wanted & hits)
        by_kind[kind] = {"pairs": len(wanted), "found": hit,
                         "recall": hit / len(wanted) if wanted else 0.0}
    false = sorted(predicted - set(true_pairs))
    page_texts = {pid: t for pid, (_, t) in test.pages.items()}
    return {
        "threshold": threshold,
        "paragraphs": len(index),
        "true_pairs": len(true_pairs),
        "reported_pairs": len(predicted),
        "precision": len(hits) / len(predicted) if predicted else 1.0,
        "recall": len(hits) / len(true_pairs) if true_pairs else 0.0,
        "by_kind": by_kind,
        "false_alarms": [{"rule": rules[p], "a": page_texts[p[0][0]][p[0][1]][:160],
                          "b": page_texts[p[1][0]][p[1][1]][:160]} for p in false],
        "found_in_the_data": [{"rule": rules[p], "a": page_texts[p[0][0]][p[0][1]][:160],
                               "b": page_texts[p[1][0]][p[1][1]][:160]}
                              for p in sorted(in_data)],
    }


def run(folder: Path, golden: Path | None = None,
        thresholds: tuple[float, ...] = (0.2, 0.25, 0.3, 0.4, 0.5)) -> dict[str, Any]:
    from ..crosspage.recycled import THRESHOLD

    test = build(read_paragraphs(folder), golden_pairs(golden) if golden else None)
    sweep = [score(test, t) for t in thresholds]
    shipped = score(test, THRESHOLD)
    return {"pages": len(test.pages),
            "paragraphs": sum(len(t) for _, t in test.pages.values()),
            "shipped": shipped,
            "sweep": [{k: v for k, v in s.items() if k != "false_alarms"} for s in sweep]}


@click.command("crosspage")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--golden", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Also test the human re-tellings of these golden pages "
              "(e.g. tests/pages).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(folder: Path, golden: Path | None, as_json: bool) -> None:
    """Precision and recall of recycled paragraphs on a test set built from FOLDER."""
    report = run(folder, golden)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    shipped = report["shipped"]
    click.echo(f"{report['pages']} pages, {report['paragraphs']} paragraphs "
               f"({shipped['paragraphs']} long enough to index), "
               f"{shipped['true_pairs']} copied or re-told pairs")
    click.echo(f"shipped threshold {shipped['threshold']}: precision {shipped['precision']:.3f}"
               f"  recall {shipped['recall']:.3f}  ({shipped['reported_pairs']} pairs reported)")
    for kind, s in shipped["by_kind"].items():
        click.echo(f"  {kind:<9} recall {s['recall']:.3f} ({s['found']}/{s['pairs']})")
    click.echo("threshold sweep:")
    for s in report["sweep"]:
        kinds = "  ".join(f"{k} {v['recall']:.2f}" for k, v in s["by_kind"].items())
        click.echo(f"  {s['threshold']:.2f}  precision {s['precision']:.3f}  recall "
                   f"{s['recall']:.3f}  [{kinds}]")
    for alarm in shipped["false_alarms"]:
        click.echo(f"\n- false alarm [{alarm['rule']}]\n  a: {alarm['a']}\n  b: {alarm['b']}")
    if shipped["found_in_the_data"]:
        click.echo(f"\n{len(shipped['found_in_the_data'])} pairs the articles themselves share "
                   "(not planted, not scored):")
    for pair in shipped["found_in_the_data"]:
        click.echo(f"\n- [{pair['rule']}]\n  a: {pair['a']}\n  b: {pair['b']}")
