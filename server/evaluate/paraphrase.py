"""`newslint eval paraphrase FILE`: how well the sentence matcher tells paraphrases apart.

FILE is in the Microsoft Research Paraphrase Corpus format (tab-separated: quality,
id, id, sentence, sentence; a header line). The report gives precision, recall and F1
of the shipped matcher at its shipped threshold, and, because the shipped model was
trained on MRPC's training file, the same figures from 10-fold cross-validation, which
is what to quote for unseen pairs. `--train` refits the model and writes it.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import click
import numpy as np

from ..engine import nlp
from ..engine.similarity import (
    MODEL_FILE,
    SentenceMatcher,
    SentenceView,
    english_weight,
    features,
    matcher,
    view,
)


@dataclass(frozen=True)
class Pair:
    label: int
    a: str
    b: str


def read_pairs(path: Path) -> list[Pair]:
    """MRPC is tab-separated without quoting (sentences contain quotes), UTF-8 with a BOM."""
    pairs = []
    with path.open(encoding="utf-8-sig") as lines:
        next(lines, None)
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 5 and fields[0] in ("0", "1"):
                pairs.append(Pair(int(fields[0]), fields[3], fields[4]))
    if not pairs:
        raise click.ClickException(f"{path} holds no sentence pairs in the MRPC format")
    return pairs


def featurise(pairs: list[Pair]) -> tuple[np.ndarray, np.ndarray]:
    texts = [t for p in pairs for t in (p.a, p.b)]
    views: list[SentenceView] = [view(doc[:]) for doc in nlp.parse(texts, batch_size=256)]
    rows = [features(views[2 * i], views[2 * i + 1], english_weight) for i in range(len(pairs))]
    return np.array(rows, dtype=float), np.array([p.label for p in pairs], dtype=float)


def fit(
    x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50
) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method: a few features, so no library is needed."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        gradient = xb.T @ (p - y) + reg @ w
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def predict(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    p: np.ndarray = 1.0 / (1.0 + np.exp(-(x @ w + b)))  # numpy types a ufunc's result as Any
    return p


def scores(y: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    tp = float(np.sum((predicted == 1) & (y == 1)))
    fp = float(np.sum((predicted == 1) & (y == 0)))
    fn = float(np.sum((predicted == 0) & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = float(np.mean(predicted == y))
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    grid = np.linspace(0.2, 0.8, 61)
    return float(max(grid, key=lambda t: scores(y, (p >= t).astype(float))["f1"]))


def cross_validate(x: np.ndarray, y: np.ndarray, folds: int = 10) -> dict[str, float]:
    """Each fold's model and threshold are chosen on the other nine folds only."""
    order = list(range(len(y)))
    random.Random(13).shuffle(order)
    predicted = np.zeros(len(y))
    for k in range(folds):
        test = np.array(order[k::folds])
        train = np.setdiff1d(np.arange(len(y)), test)
        w, b = fit(x[train], y[train])
        threshold = best_threshold(y[train], predict(x[train], w, b))
        predicted[test] = predict(x[test], w, b) >= threshold
    return scores(y, predicted)


def run(path: Path, train: bool = False) -> dict[str, object]:
    pairs = read_pairs(path)
    x, y = featurise(pairs)
    report: dict[str, object] = {"file": str(path), "pairs": len(pairs)}
    report["always_paraphrase"] = scores(y, np.ones(len(y)))
    report["cross_validated"] = cross_validate(x, y)
    if train:
        w, b = fit(x, y)
        model = SentenceMatcher(tuple(float(v) for v in w), b, best_threshold(y, predict(x, w, b)))
        target = resources.files("newslint.server.engine").joinpath("models", MODEL_FILE)
        Path(str(target)).write_text(json.dumps(model.to_json(), indent=2) + "\n")
        matcher.cache_clear()
    shipped = matcher()
    p = predict(x, np.array(shipped.weights), shipped.bias)
    predicted = (p >= shipped.threshold) * 1.0
    report["shipped"] = {"threshold": shipped.threshold, **scores(y, predicted)}
    return report


@click.command("paraphrase")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--train", is_flag=True, help="Refit the shipped model on FILE and save it.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(path: Path, train: bool, as_json: bool) -> None:
    """Precision, recall and F1 of the sentence matcher on MRPC-format PATH."""
    report = run(path, train=train)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{report['pairs']} sentence pairs from {report['file']}")
    for name in ("always_paraphrase", "cross_validated", "shipped"):
        s = report[name]
        assert isinstance(s, dict)
        extra = f"  (threshold {s['threshold']:.2f})" if "threshold" in s else ""
        click.echo(
            f"  {name:<18} precision {s['precision']:.3f}  recall {s['recall']:.3f}  "
            f"F1 {s['f1']:.3f}  accuracy {s['accuracy']:.3f}{extra}"
        )
