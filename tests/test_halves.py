"""Every evaluation splits a data set the same way, so a page tuned on is never reported."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newslint.server.evaluate.articles import read_articles
from newslint.server.evaluate.extraction import read_samples
from newslint.server.evaluate.halves import half_of, in_half

PAGE = "<html><head><title>T</title></head><body><article><p>{}</p></article></body></html>"


def _web_pages(folder: Path, count: int) -> list[str]:
    (folder / "html").mkdir()
    expected = {}
    for i in range(count):
        file = f"page-{i}.html"
        (folder / "html" / f"{file}.gz").write_bytes(gzip.compress(PAGE.format(i).encode()))
        expected[f"https://example.org/{i}"] = {"file": file, "with": [], "without": []}
    (folder / "expected.json").write_text(json.dumps(expected))
    return [f"page-{i}.html" for i in range(count)]


def test_a_compressed_and_a_plain_name_fall_in_one_half() -> None:
    names = [f"page-{i}.html" for i in range(40)]
    assert all(half_of(n) == half_of(f"{n}.gz") for n in names)
    # both halves are used: a split that puts everything on one side splits nothing
    assert {half_of(n) for n in names} == {"a", "b"}
    assert all(in_half(n, None) for n in names)


def test_eval_articles_and_eval_extraction_read_the_same_half(tmp_path: Path) -> None:
    names = _web_pages(tmp_path, 24)
    for half in ("a", "b"):
        articles = {a.id for a in read_articles(tmp_path, half)}
        _layout, samples = read_samples(tmp_path, half)
        assert articles == {s.name for s in samples} == {n for n in names if half_of(n) == half}
