"""`newslint eval farm DIR`: re-tellings found on machine-written articles labelled by hand.

DIR is in the layout of `shared/data/farm`: `articles/<id>.txt` (one paragraph per block,
blocks separated by a blank line) and `labels/<id>.json` (`retold`, `exact` and
`borderline` pairs `[i, j]`: paragraph j re-tells paragraph i; `headings`). Each article is
sent as the extension would send it: block `p<i>` for paragraph i, headings as `h1`/`h2`.

A finding on paragraph j names one or more earlier twins; each (twin, j) is a predicted
pair. What is counted, as the data set's README asks:

- pair recall: labelled re-told pairs predicted;
- paragraph recall: re-telling paragraphs j found with at least one correct twin;
- pair precision: predicted pairs that are labelled, over those that are not borderline
  (pairs with a heading are listed apart and not counted: no label involves a heading);
- exact-repeat recall, and false findings (paragraphs flagged with no correct twin and
  no borderline one) per 100 articles.

The two sources are different generators; `--source` keeps one, so a rule tuned on one
can be reported on the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..engine.analyze import analyze
from ..engine.page import Block, Page

#: Sources in the data set, by the prefix of their article ids.
SOURCES = ("hd", "hart")


@dataclass(frozen=True)
class FarmArticle:
    id: str
    paragraphs: list[str]
    headings: frozenset[int]
    retold: frozenset[tuple[int, int]]
    exact: frozenset[tuple[int, int]]
    borderline: frozenset[tuple[int, int]]

    def page(self) -> Page:
        first = min(self.headings, default=None)
        blocks = [
            Block(f"p{i}", ("h1" if i == first else "h2") if i in self.headings else "p", text)
            for i, text in enumerate(self.paragraphs)
        ]
        return Page(blocks=blocks, url=f"farm:{self.id}", language="en")


def read_farm(folder: Path, source: str | None = None) -> Iterator[FarmArticle]:
    labels = folder / "labels"
    if not labels.is_dir() or not (folder / "articles").is_dir():
        raise click.ClickException(f"{folder} has no articles/ and labels/ folders")
    for label_file in sorted(labels.glob("*.json")):
        label = json.loads(label_file.read_text(encoding="utf-8"))
        article_id = label["id"]
        if source is not None and not article_id.startswith(f"{source}-"):
            continue
        text = (folder / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")
        paragraphs = text.split("\n\n")
        if len(paragraphs) != label["paragraphs"]:
            raise click.ClickException(
                f"{article_id}: {len(paragraphs)} paragraphs, the labels say {label['paragraphs']}"
            )

        def pairs(key: str, label: dict[str, Any] = label) -> frozenset[tuple[int, int]]:
            return frozenset((int(i), int(j)) for i, j in label.get(key, []))

        yield FarmArticle(article_id, paragraphs, frozenset(label.get("headings", [])),
                          pairs("retold"), pairs("exact"), pairs("borderline"))


@dataclass
class Tally:
    articles: int = 0
    retold_pairs: int = 0
    pairs_found: int = 0
    retelling_paragraphs: int = 0
    paragraphs_found: int = 0
    exact_pairs: int = 0
    exact_found: int = 0
    predicted: int = 0
    predicted_true: int = 0
    predicted_borderline: int = 0
    heading_pairs: int = 0
    false_findings: int = 0
    #: The phrase route's findings (route "phrases" or "both"), those with a correct twin,
    #: and those whose twins are only borderline (not judged): the route's precision is the
    #: score its findings show (`RetellingModel.phrase_precision`).
    phrase_findings: int = 0
    phrase_correct: int = 0
    phrase_borderline: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, float | int | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        judged = self.predicted - self.predicted_borderline
        return {
            "articles": self.articles,
            "pair_recall": ratio(self.pairs_found, self.retold_pairs),
            "paragraph_recall": ratio(self.paragraphs_found, self.retelling_paragraphs),
            "pair_precision": ratio(self.predicted_true, judged),
            "exact_recall": ratio(self.exact_found, self.exact_pairs),
            "false_findings_per_100_articles": (
                round(100 * self.false_findings / self.articles, 1) if self.articles else None
            ),
            "retold_pairs": self.retold_pairs,
            "retelling_paragraphs": self.retelling_paragraphs,
            "predicted_pairs": self.predicted,
            "predicted_borderline": self.predicted_borderline,
            "heading_pairs": self.heading_pairs,
            "phrase_route_findings": self.phrase_findings,
            "phrase_route_precision": ratio(self.phrase_correct,
                                            self.phrase_findings - self.phrase_borderline),
        }


#: Re-telling routes whose findings the phrase route made (the evidence's `route`).
PHRASE_ROUTES = frozenset({"phrases", "both"})


def predicted_pairs(page: Page) -> tuple[dict[int, set[int]], set[int]]:
    """Later paragraph → the earlier paragraphs the engine says it repeats; and the later
    paragraphs the phrase route found."""
    index = page.block_index()
    found: dict[int, set[int]] = {}
    by_phrases: set[int] = set()
    for annotation in analyze(page).annotations:
        if annotation.type != "duplicate":
            continue
        later = index[annotation.span.block]
        twins = {index[r["block"]] for r in annotation.related if r.get("role") == "twin"}
        found.setdefault(later, set()).update(t for t in twins if t != later)
        if annotation.evidence.get("route") in PHRASE_ROUTES:
            by_phrases.add(later)
    return found, by_phrases


def _excerpt(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def score(articles: Iterator[FarmArticle]) -> Tally:
    tally = Tally()
    for article in articles:
        tally.articles += 1
        found, by_phrases = predicted_pairs(article.page())
        predicted = {(i, j) for j, twins in found.items() for i in twins}
        tally.retold_pairs += len(article.retold)
        tally.pairs_found += len(article.retold & {tuple(sorted(p)) for p in predicted})
        tally.exact_pairs += len(article.exact)
        tally.exact_found += len(article.exact & predicted)
        later_of = {j for _, j in article.retold}
        tally.retelling_paragraphs += len(later_of)
        for j in sorted(later_of):
            twins = found.get(j, set())
            if any((i, j) in article.retold for i in twins):
                tally.paragraphs_found += 1
            else:
                wanted = sorted(i for i, k in article.retold if k == j)
                tally.misses.append({
                    "article": article.id, "paragraph": j, "twins": wanted,
                    "flagged_with": sorted(twins),
                    "text": _excerpt(article.paragraphs[j]),
                    "twin_text": _excerpt(article.paragraphs[wanted[0]]),
                })
        for i, j in sorted(predicted):
            if i in article.headings or j in article.headings:
                tally.heading_pairs += 1
                continue
            tally.predicted += 1
            if (i, j) in article.retold:
                tally.predicted_true += 1
            elif (i, j) in article.borderline:
                tally.predicted_borderline += 1
        for j in sorted(by_phrases - article.headings):
            tally.phrase_findings += 1
            if any((i, j) in article.retold for i in found[j]):
                tally.phrase_correct += 1
            elif any((i, j) in article.borderline for i in found[j]):
                tally.phrase_borderline += 1
        for j, twins in sorted(found.items()):
            body = {i for i in twins if i not in article.headings and j not in article.headings}
            if body and not any((i, j) in article.retold | article.borderline for i in body):
                tally.false_findings += 1
                tally.false.append({
                    "article": article.id, "paragraph": j, "twins": sorted(body),
                    "text": _excerpt(article.paragraphs[j]),
                    "twin_text": _excerpt(article.paragraphs[min(body)]),
                })
    return tally


def run(folder: Path, source: str | None = None) -> dict[str, Any]:
    tally = score(read_farm(folder, source))
    return {"source": source or "all", **tally.figures(), "misses": tally.misses,
            "false_findings": tally.false}


@click.command("farm")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--source", type=click.Choice(SOURCES),
              help="Only one generator's articles (hd- or hart-): tune on one, report the other.")
@click.option("--list/--no-list", "listing", default=True,
              help="List every miss and false finding.")
@click.option("--train", "real", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Learn the re-telling model instead, with these folders of real pages as "
              "negatives (repeatable): cross-validated by generator, then on all.")
@click.option("--write", is_flag=True, help="With --train: replace the shipped model.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(folder: Path, source: str | None, listing: bool, real: tuple[Path, ...],
            write: bool, as_json: bool) -> None:
    """Re-telling recall and precision on hand-labelled machine-written articles in FOLDER."""
    if real:
        from .train_retelling import cross_validate

        cross_validate(folder, list(real), write=write, echo=click.echo)
        return
    report = run(folder, source)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(f"{report['articles']} articles ({report['source']}) from {folder}")
    for key in ("paragraph_recall", "pair_recall", "pair_precision", "exact_recall",
                "false_findings_per_100_articles", "phrase_route_precision"):
        value = report[key]
        click.echo(f"  {key.replace('_', ' ')}: {'n/a' if value is None else value}")
    click.echo(
        f"  ({report['retelling_paragraphs']} re-telling paragraphs, {report['retold_pairs']} "
        f"re-told pairs; {report['predicted_pairs']} pairs predicted, "
        f"{report['predicted_borderline']} of them borderline; {report['heading_pairs']} "
        f"with a heading, not counted; {report['phrase_route_findings']} paragraphs found by "
        "the phrase route)"
    )
    if not listing:
        return
    for miss in report["misses"]:
        click.echo(f"\n- missed {miss['article']} [{miss['paragraph']}] re-tells {miss['twins']}"
                   + (f" (flagged with {miss['flagged_with']})" if miss["flagged_with"] else ""))
        click.echo(f"  this: {miss['text']}\n  twin: {miss['twin_text']}")
    for false in report["false_findings"]:
        click.echo(f"\n- false {false['article']} [{false['paragraph']}] said to re-tell "
                   f"{false['twins']}")
        click.echo(f"  this: {false['text']}\n  twin: {false['twin_text']}")
