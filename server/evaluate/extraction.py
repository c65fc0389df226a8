"""`newslint eval extraction DIR`: how much of the article, and only the article, is read.

Two layouts are understood (both as in `shared/data`):

- a *web-pages* folder: `expected.json` maps each page to `{file, with, without}`,
  snippets the main text must contain and boilerplate it must not (the scoring of the
  trafilatura project): a `with` snippet found is a true positive, missed a false
  negative; a `without` snippet found is a false positive. Precision, recall and F1
  are summed over all snippets of all pages;
- an *articles* folder: `ground-truth.json` holds each article's body, one paragraph a
  line. Paragraph-level precision (share of extracted blocks that are an article
  paragraph) and recall (share of article paragraphs that some block is).

Three extractors are scored on the same pages: newslint's server extraction (what
`newslint check page.html` reads), trafilatura with its own defaults, and the
extension's path (Readability.js and content/page.js run unchanged in Node with jsdom,
through `extension/tools/collect-blocks.mjs`; skipped with a note when Node or the
extension's development packages are missing). For the server and the extension, the
report also says how often the two read different paragraphs on the same page.

`--half a|b` keeps the pages whose name hashes to that half (the project's split: tune
on a, report b).
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import subprocess
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..pages.extract import page_from_html
from ..pages.extraction.decode import decode_html
from . import agreement as agree_by
from .articles import spread_ms
from .halves import in_half

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
COLLECTOR = EXTENSION / "tools" / "collect-blocks.mjs"
#: Kinds that are the article's apparatus rather than its running text (not in articleBody).
APPARATUS = frozenset({"figcaption", "caption", "byline", "dateline", "pullquote"})


@dataclass
class Sample:
    """One page: its bytes decoded, and what its main text must and must not hold."""

    name: str
    url: str
    raw: bytes
    html: str
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """Compare text as a reader would: Unicode forms, quotes and white space do not count."""
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00ad", "")):
        text = text.replace(a, b)
    return " ".join(text.split())


def read_samples(folder: Path, half: str | None = None) -> tuple[str, list[Sample]]:
    """('web-pages' | 'articles', the folder's pages in a stable order)."""
    if (folder / "expected.json").is_file():
        layout = "web-pages"
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        entries = [(e["file"], key.split("::", 1)[-1], e) for key, e in sorted(expected.items())]
    elif (folder / "ground-truth.json").is_file():
        layout = "articles"
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        entries = [(f"{key}.html", e.get("url", ""), e) for key, e in sorted(truth.items())]
    else:
        raise click.ClickException(f"{folder} has neither expected.json nor ground-truth.json")
    samples = []
    for file, url, entry in entries:
        name = file.removesuffix(".html") if layout == "articles" else file
        if not in_half(file, half):
            continue
        path = folder / "html" / f"{file}.gz"
        if not path.is_file():
            continue
        raw = gzip.decompress(path.read_bytes())
        sample = Sample(name, url if url.startswith("http") else "", raw, decode_html(raw))
        if layout == "web-pages":
            sample.with_ = list(entry.get("with", []))
            sample.without = list(entry.get("without", []))
        else:
            body = entry.get("articleBody", "")
            sample.paragraphs = [p for p in (normalise(x) for x in body.split("\n")) if p]
        samples.append(sample)
    return layout, samples


# --- the extractors: each gives a page's blocks as (kind, text) -------------------------

Blocks = list[tuple[str, str]]


def newslint_blocks(sample: Sample) -> Blocks:
    page = page_from_html(sample.html, url=sample.url or None)
    return [(b.kind, b.text) for b in page.blocks]


def trafilatura_blocks(sample: Sample) -> Blocks:
    """trafilatura's `extract` with its own defaults, on the page's bytes (it decodes them)."""
    from trafilatura import extract

    text = extract(sample.raw, url=sample.url or None) or ""
    return [("p", line) for line in text.split("\n") if line.strip()]


def extension_blocks(samples: list[Sample]) -> dict[str, Blocks] | str:
    """The extension's blocks for every sample, or why they could not be had."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed"
    if not (EXTENSION / "node_modules" / "jsdom").is_dir():
        return "jsdom is missing: cd extension && npm ci"
    lines = "".join(
        json.dumps({"id": s.name, "html": s.html, "url": s.url}) + "\n" for s in samples
    )
    done = subprocess.run([node, str(COLLECTOR)], input=lines, capture_output=True,
                          text=True, check=False, timeout=3600)
    if done.returncode != 0:
        return f"the extension's collector failed: {done.stderr.strip().splitlines()[-1:]}"
    found: dict[str, Blocks] = {}
    for line in done.stdout.splitlines():
        answer = json.loads(line)
        found[answer["id"]] = [(b["kind"], b["text"]) for b in answer.get("blocks") or []]
    return found


# --- scores ------------------------------------------------------------------------------


@dataclass
class Snippets:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    leaked: list[tuple[str, str]] = field(default_factory=list)

    def add(self, sample: Sample, blocks: Blocks) -> None:
        text = normalise(" ".join(t for _, t in blocks))
        for snippet in sample.with_:
            if normalise(snippet) in text:
                self.tp += 1
            else:
                self.fn += 1
                self.missed.append((sample.name, snippet))
        for snippet in sample.without:
            if normalise(snippet) in text:
                self.fp += 1
                self.leaked.append((sample.name, snippet))
            else:
                self.tn += 1

    def scores(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4),
                "f1": round(f1, 4), "tp": self.tp, "fn": self.fn, "fp": self.fp}


@dataclass
class Paragraphs:
    blocks: int = 0
    matched_blocks: int = 0
    truth: int = 0
    found_truth: int = 0

    def add(self, sample: Sample, blocks: Blocks) -> None:
        texts = [normalise(t) for kind, t in blocks if kind not in APPARATUS]
        # The first heading is the headline, which articleBody never holds.
        if blocks and blocks[0][0] in ("h1", "title"):
            texts = texts[1:]
        texts = [t for t in texts if t]
        self.blocks += len(texts)
        same = agree_by.same
        self.matched_blocks += sum(1 for t in texts if any(same(t, p) for p in sample.paragraphs))
        self.truth += len(sample.paragraphs)
        self.found_truth += sum(1 for p in sample.paragraphs if any(same(t, p) for t in texts))

    def scores(self) -> dict[str, float]:
        precision = self.matched_blocks / self.blocks if self.blocks else 0.0
        recall = self.found_truth / self.truth if self.truth else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "blocks": self.blocks, "paragraphs": self.truth}


def agreement(server: dict[str, Blocks], extension: dict[str, Blocks],
              samples: list[Sample] | None = None, examples: int = 0) -> dict[str, Any]:
    """How often the server and the extension read different paragraphs (kinds aside), and why.

    A page agrees when every paragraph one reads, the other reads too (same text after
    `normalise`, `agreement.same`); the shares say how much of each side the other
    also has. `differ_share_fair` also counts as agreeing a page whose only differences
    are in how the same words are written (case, white space, punctuation spacing: see
    `agreement.loose`). `causes` classes every paragraph read by one side only (see
    `server/evaluate/agreement.py`), judged against the samples' snippets when given;
    `examples` of each class and side are listed when asked for."""
    snippets = {s.name: ([normalise(x) for x in s.with_], [normalise(x) for x in s.without])
                for s in samples or []}
    compared: list[agree_by.PageAgreement] = []
    compared_body: list[agree_by.PageAgreement] = []
    nothing = {"server": 0, "extension": 0}
    for name, ours in server.items():
        theirs = extension.get(name)
        if theirs is None:
            continue
        a = [(k, normalise(t)) for k, t in ours if normalise(t)]
        b = [(k, normalise(t)) for k, t in theirs if normalise(t)]
        if not a and not b:
            continue
        nothing["server"] += not a
        nothing["extension"] += not b
        with_, without = snippets.get(name, ([], []))
        compared.append(agree_by.compare_page(name, a, b, with_, without))
        # What the detectors judge: the apparatus (captions, bylines, …) left out on both
        # sides before matching, so a body paragraph the other side reads only as a caption
        # is not read alike. Both "body" measures come from this one comparison.
        compared_body.append(agree_by.compare_page(
            name, [x for x in a if x[0] not in agree_by.APPARATUS_KINDS],
            [x for x in b if x[0] not in agree_by.APPARATUS_KINDS], classify=False))
    pages = len(compared)
    agree = sum(1 for page in compared if page.agrees)
    causes = agree_by.summarise(compared, nothing)
    fair = agree + causes["pages_differing_only_by_normalisation"]
    report: dict[str, Any] = {
        "pages": pages,
        "same_paragraphs": agree,
        "differ_share": round(1 - agree / pages, 4) if pages else None,
        "differ_share_fair": round(1 - fair / pages, 4) if pages else None,
        "differ_share_body": round(sum(not page.agrees for page in compared_body) / pages, 4)
        if pages else None,
        "server_paragraphs_also_in_extension": round(statistics.mean(
            p.server_share for p in compared), 4) if compared else None,
        "extension_paragraphs_also_in_server": round(statistics.mean(
            p.extension_share for p in compared), 4) if compared else None,
        # Of every paragraph (word) either side reads, the share both read: see agreement.alike.
        "alike": agree_by.alike(compared),
        "alike_body": agree_by.alike(compared_body),
        "causes": causes,
        "differing": [page.page for page in compared if not page.agrees],
    }
    if examples:
        listed: dict[str, list[tuple[str, str, str]]] = {}
        for page in compared:
            for found in page.server_only + page.extension_only:
                key = f"{found.side}:{found.why}"
                if len(listed.setdefault(key, [])) < examples:
                    listed[key].append((found.page, found.kind, found.text[:160]))
        report["examples"] = listed
    return report


def _timed(extract: Callable[[Sample], Blocks], samples: list[Sample]
           ) -> tuple[dict[str, Blocks], list[float], list[tuple[str, str]]]:
    found: dict[str, Blocks] = {}
    times: list[float] = []
    errors: list[tuple[str, str]] = []
    for sample in samples:
        started = time.perf_counter()
        try:
            found[sample.name] = extract(sample)
        except Exception as exc:  # an evaluation reports a crash and goes on
            errors.append((sample.name, f"{type(exc).__name__}: {exc}"))
            found[sample.name] = []
        times.append(time.perf_counter() - started)
    return found, times, errors


def _ms(times: list[float]) -> dict[str, float]:
    spread = spread_ms(times)
    return {"median_ms": spread["median"], "p95_ms": spread["p95"]} if spread else {}


def run(folder: Path, half: str | None = None, extractors: tuple[str, ...] = (
        "newslint", "trafilatura", "extension"), examples: int = 0,
        findings: bool = False) -> dict[str, Any]:
    layout, samples = read_samples(folder, half)
    report: dict[str, Any] = {"folder": str(folder), "layout": layout, "half": half,
                              "pages": len(samples), "extractors": {}}
    found: dict[str, dict[str, Blocks]] = {}
    times: list[float]
    errors: list[tuple[str, str]]
    for name in extractors:
        if name == "extension":
            got = extension_blocks(samples)
            if isinstance(got, str):
                report["extractors"][name] = {"skipped": got}
                continue
            found[name], times, errors = got, [], []
        else:
            extract = newslint_blocks if name == "newslint" else trafilatura_blocks
            found[name], times, errors = _timed(extract, samples)
        scorer: Snippets | Paragraphs = Snippets() if layout == "web-pages" else Paragraphs()
        for sample in samples:
            scorer.add(sample, found[name].get(sample.name, []))
        entry: dict[str, Any] = {**scorer.scores(), **_ms(times), "crashes": errors}
        if isinstance(scorer, Snippets):
            entry["missed"] = scorer.missed
            entry["leaked"] = scorer.leaked
        report["extractors"][name] = entry
        if name == "newslint" and layout == "web-pages":
            # What the detectors judge: the body, without the apparatus they leave out.
            body = Snippets()
            for sample in samples:
                body.add(sample, [(k, t) for k, t in found[name].get(sample.name, [])
                                  if k not in APPARATUS])
            report["extractors"]["newslint-body"] = {**body.scores(), "crashes": [],
                                                     "missed": body.missed,
                                                     "leaked": body.leaked}
    if "newslint" in found and "extension" in found:
        report["server_vs_extension"] = agreement(found["newslint"], found["extension"],
                                                  samples, examples)
        if findings:
            # The engine over both sides' blocks: do the findings land on the same text?
            marks = agree_by.findings_agreement([(s.name, s.html, s.url) for s in samples],
                                                found["extension"])
            marks["by_page"] = {name: page for name, page in marks["by_page"].items()
                                if page["server_only"] or page["extension_only"]}
            report["server_vs_extension"]["findings"] = marks
    return report


def _pct(share: float | None, none: str = "n/a", label: str = "") -> str:
    """A share as a percentage, or `none` when there was nothing to share (no paragraph
    of that kind on either side): every printed share goes through here, so a None
    cannot crash the report."""
    return none if share is None else f"{label}{share:.1%}"


def _print(report: dict[str, Any], details: bool) -> None:
    half = f", half {report['half']}" if report["half"] else ""
    unit = "snippets" if report["layout"] == "web-pages" else "paragraphs"
    click.echo(f"{report['pages']} pages from {report['folder']}{half} ({unit})")
    for name, entry in report["extractors"].items():
        if "skipped" in entry:
            click.echo(f"  {name:12} skipped: {entry['skipped']}")
            continue
        speed = f"  {entry['median_ms']} ms median, {entry['p95_ms']} ms p95" \
            if "median_ms" in entry else ""
        click.echo(f"  {name:12} precision {entry['precision']:.3f}  recall {entry['recall']:.3f}"
                   f"  F1 {entry['f1']:.3f}  crashes {len(entry['crashes'])}{speed}")
    versus = report.get("server_vs_extension")
    if versus and versus["pages"]:
        click.echo(
            f"  server vs extension: {versus['pages'] - versus['same_paragraphs']} of "
            f"{versus['pages']} pages read different paragraphs; "
            f"{_pct(versus['server_paragraphs_also_in_extension'])} of the server's paragraphs "
            f"are the extension's, {_pct(versus['extension_paragraphs_also_in_server'])} "
            "the other way")
        alike, body = versus["alike"], versus["alike_body"]
        click.echo(f"  read alike by both: {_pct(alike['paragraphs'])} of the paragraphs either "
                   f"reads, {_pct(alike['words'])} of the words; of what the detectors judge "
                   f"(apparatus left out): {_pct(body['paragraphs'])}, {_pct(body['words'])}")
        marks = versus.get("findings")
        if marks:
            pooled = marks["findings"]
            share = _pct(pooled["alike"], none="none on either side", label="alike ")
            click.echo(f"  findings: server {pooled['server']}, extension {pooled['extension']}"
                       f", both {pooled['both']} ({share}); "
                       f"{marks['same_findings']} of {marks['pages']} pages get the same "
                       f"findings; crashes {len(marks['crashes'])}")
        click.echo(f"  counting a page that differs only in case, spacing and punctuation as "
                   f"the same: {_pct(versus['differ_share_fair'])} differ; leaving the "
                   f"apparatus (captions, bylines, ...) out: {_pct(versus['differ_share_body'])}")
        for side, counts in versus["causes"]["paragraphs_only_in"].items():
            listed = ", ".join(f"{why} {n}" for why, n in counts.items())
            click.echo(f"  paragraphs only the {side} reads: {listed or 'none'}")
        nothing = versus["causes"]["nothing_read"]
        click.echo(f"  pages one side reads nothing on: server {nothing['server']}, "
                   f"extension {nothing['extension']}")
    if details:
        for name, entry in report["extractors"].items():
            for page, snippet in entry.get("leaked", []):
                click.echo(f"  [{name}] leaked  {page}: {snippet[:100]}")
            for page, snippet in entry.get("missed", []):
                click.echo(f"  [{name}] missed  {page}: {snippet[:100]}")
            for page, error in entry.get("crashes", []):
                click.echo(f"  [{name}] crashed {page}: {error}")
        for page, marks in (versus or {}).get("findings", {}).get("by_page", {}).items():
            for side in ("server_only", "extension_only"):
                for kind, text in marks[side]:
                    click.echo(f"  [finding, {side.replace('_', ' ')}] {page} {kind}: "
                               f"{text[:100]}")
        for key, found in (versus or {}).get("examples", {}).items():
            for page, kind, text in found:
                click.echo(f"  [only {key}] {page} {kind}: {text[:100]}")


@click.command("extraction")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--half", type=click.Choice(["a", "b"]), default=None,
              help="Only the pages of this half (tune on a, report b).")
@click.option("--extractor", "extractors", multiple=True,
              type=click.Choice(["newslint", "trafilatura", "extension"]),
              help="Score only these (default: all three).")
@click.option("--details", is_flag=True, help="List every snippet missed or leaked.")
@click.option("--findings", is_flag=True,
              help="Also run the engine over the server's and the extension's blocks and "
                   "compare the text their findings mark (slower: one analysis per side).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(folder: Path, half: str | None, extractors: tuple[str, ...], details: bool,
            findings: bool, as_json: bool) -> None:
    """Precision/recall of the article text read from FOLDER's pages, by three extractors."""
    report = run(folder, half, extractors or ("newslint", "trafilatura", "extension"),
                 examples=5 if details else 0, findings=findings)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print(report, details)

