"""`newslint batch`: whole folders, WARC crawls and JSON Lines through the real engine, on
local processes and on a Dask cluster, with bad inputs, a resumed run, and paragraphs
recycled across pages."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from newslint.server.batch import sources
from newslint.server.cli import main
from newslint.server.commands.batch import run
from newslint.server.crosspage import recycled
from newslint.server.pages.contract import validator
from newslint.server.pages.extract import page_from_html

from .golden import PAGES

GOLDEN = ("farm-earthquake", "news-court-ruling", "trump-putin-call")
COPYCAT_URL = "https://copycat.example/quake"


def html_page(url: str, title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html lang="en"><head><meta property="og:url" content="{url}"><title>{title}'
            f"</title></head><body><article><h1>{title}</h1>{body}</article></body></html>")


def quake_paragraph() -> str:
    page = page_from_html((PAGES / "farm-earthquake" / "source.html").read_text("utf-8"))
    return max((b.text for b in page.blocks if b.kind == "p"), key=len)


def write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    """A gzipped WARC of HTTP responses: (url, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three golden pages, a copycat page, a WARC of two pages and an image, and junk."""
    folder = tmp_path_factory.mktemp("crawl")
    for slug in GOLDEN:
        shutil.copy(PAGES / slug / "source.html", folder / f"{slug}.html")
    copied = quake_paragraph()
    (folder / "copycat.html").write_text(html_page(COPYCAT_URL, "Copycat quake story", [
        "Residents of the coastal town spent the night outdoors, unsure whether their "
        "homes were safe to return to after the strong shaking.", copied]), "utf-8")
    lake = (PAGES / "news-lake-effect-storm" / "source.html").read_bytes()
    write_warc(folder / "crawl.warc.gz", [
        ("https://weather.example/lake-storm", "text/html; charset=utf-8", lake),
        ("https://weather.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("https://blog.example/quake-again", "text/html",
         html_page("https://blog.example/quake-again", "Quake, again", [copied]).encode()),
    ])
    (folder / "broken.warc.gz").write_bytes(gzip.compress(b"this is not a WARC record\r\n"))
    (folder / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "empty.html").write_bytes(b"")
    (folder / "notes.txt").write_text("not a page\n")
    return folder


PAGES_IN_CRAWL = len(GOLDEN) + 1 + 2  # golden pages, the copycat, two WARC pages
FAILURES_IN_CRAWL = 3  # broken WARC, binary "HTML", empty file


@pytest.fixture(scope="module")
def local_run(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("local") / "results.jsonl"
    summary = run((str(crawl),), out, engine="local", workers=2)
    return {"out": out, "summary": summary, "lines": lines_of(out)}


def lines_of(path: Path) -> dict[str, dict[str, Any]]:
    return {line["id"]: line for line in map(json.loads, path.read_text("utf-8").splitlines())}


def comparable(line: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in line.items() if k != "elapsed_ms"}


# --- reading inputs ----------------------------------------------------------------------


def test_a_warc_yields_its_html_responses_with_their_address_and_not_its_images(
        crawl: Path) -> None:
    entries = list(sources.read_warc(crawl / "crawl.warc.gz"))
    items = [e for e in entries if isinstance(e, sources.Item)]
    assert [e.request.get("url") for e in items] == [
        "https://weather.example/lake-storm", "https://blog.example/quake-again"]
    assert items == entries and all(e.id.startswith("urn:uuid:") for e in items)
    assert "Lake" in items[0].request["html"] or "lake" in items[0].request["html"]


def test_a_corrupt_warc_is_one_failure_with_a_readable_reason(crawl: Path) -> None:
    (entry,) = sources.read_warc(crawl / "broken.warc.gz")
    assert isinstance(entry, sources.Failure)
    assert entry.reason.startswith("unreadable WARC") and entry.reason.isprintable()


def test_json_lines_keep_their_ids_and_report_lines_that_are_not_pages(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text('{"id": "one", "blocks": []}\n\n[1, 2]\n{nope\n{"html": "<p>x</p>"}\n')
    entries = list(sources.read_jsonl(path))
    assert [type(e).__name__ for e in entries] == ["Item", "Failure", "Failure", "Item"]
    assert entries[0].id == "one" and entries[3].id == f"{path}:5"
    assert isinstance(entries[1], sources.Failure) and isinstance(entries[2], sources.Failure)
    assert entries[1].reason == "not a JSON object" and entries[2].reason.startswith("not JSON")


def test_pages_in_other_charsets_are_decoded_by_their_declaration() -> None:
    raw = '<meta charset="iso-8859-1"><p>Café crème</p>'.encode("latin-1")
    assert "Café crème" in sources.decode_html(raw)


# --- a whole run --------------------------------------------------------------------------


@pytest.mark.slow  # the crawl analysed by worker processes
def test_a_run_writes_one_valid_api_response_per_page_with_its_id_and_source(
        local_run: dict[str, Any], crawl: Path) -> None:
    lines = local_run["lines"]
    good = [line for line in lines.values() if "error" not in line]
    assert len(good) == PAGES_IN_CRAWL
    for line in good:
        assert line["source"] and line["id"]
        validator("analyze-response").validate(
            {k: v for k, v in line.items() if k not in ("id", "source")})
    trump = lines[str(crawl / "trump-putin-call.html")]
    assert {a["type"] for a in trump["annotations"]} >= {"duplicate", "date_conflict"}


@pytest.mark.slow  # the crawl analysed by worker processes
def test_bad_inputs_are_reported_with_reasons_and_do_not_stop_the_run(
        local_run: dict[str, Any], crawl: Path) -> None:
    summary = local_run["summary"]
    reasons = {Path(i.split("@")[0]).name: r for i, _, r in summary.failures}
    assert reasons == {"broken.warc.gz": reasons["broken.warc.gz"],
                       "photo.html": "not an HTML page (binary content)",
                       "empty.html": "empty file"}
    assert reasons["broken.warc.gz"].startswith("unreadable WARC")
    assert summary.ignored_files == {".txt": 1}
    assert summary.analysed == PAGES_IN_CRAWL
    text = summary.render()
    assert f"{PAGES_IN_CRAWL} pages analysed" in text and "3 failed" in text
    assert "empty file" in text and "peak memory per worker" in text
    errors = [line for line in local_run["lines"].values() if "error" in line]
    assert len(errors) == FAILURES_IN_CRAWL


@pytest.mark.slow  # the crawl analysed by worker processes
def test_a_paragraph_copied_to_other_sites_is_annotated_recycled_naming_them(
        local_run: dict[str, Any], crawl: Path) -> None:
    lines = local_run["lines"]
    copycat = lines[str(crawl / "copycat.html")]
    (annotation,) = [a for a in copycat["annotations"] if a["type"] == "recycled"]
    assert annotation["rule"] == "recycled.exact" and annotation["related"] == []
    places = annotation["evidence"]["appears_on"]
    assert {p["url"] for p in places} >= {"https://blog.example/quake-again"}
    assert {p["page"] for p in places} >= {str(crawl / "farm-earthquake.html")}
    block = next(b for b in copycat["blocks"] if b["id"] == annotation["block"])
    assert block["text"] == quake_paragraph()
    assert "also appears word for word on" in annotation["message"]
    # Pages that share nothing get no recycled annotation.
    court = lines[str(crawl / "news-court-ruling.html")]
    assert not [a for a in court["annotations"] if a["type"] == "recycled"]


@pytest.mark.slow  # the crawl analysed by worker processes
def test_the_per_site_report_counts_pages_and_escapes_what_pages_say(
        local_run: dict[str, Any]) -> None:
    out: Path = local_run["out"]
    report = json.loads(out.with_name("results.report.json").read_text("utf-8"))
    sites = {s["site"]: s for s in report["sites"]}
    assert sites["copycat.example"]["share_recycled"] == 1.0
    assert sites["weather.example"]["pages"] == 1
    html = out.with_name("results.report.html").read_text("utf-8")
    assert "<svg" in html and "copycat.example" in html and "<script" not in html


@pytest.mark.slow  # the crawl analysed by worker processes
def test_a_resumed_run_skips_finished_pages_and_cuts_a_half_written_line(
        local_run: dict[str, Any], crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    complete = local_run["out"].read_text("utf-8").splitlines(keepends=True)
    ok = [line for line in complete if '"error"' not in line]
    kept = ok[:3]
    # A run killed while writing its fourth line.
    out.write_text("".join(kept) + ok[3][: len(ok[3]) // 2], "utf-8")
    side = local_run["out"].with_name("results.jsonl.paragraphs").read_text("utf-8")
    kept_ids = {json.loads(line)["id"] for line in kept}
    out.with_name("results.jsonl.paragraphs").write_text("".join(
        line for line in side.splitlines(keepends=True) if json.loads(line)["id"] in kept_ids))
    result = CliRunner().invoke(main, ["batch", str(crawl), "--out", str(out), "--json",
                                       "--workers", "2"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["skipped_already_done"] == 3
    assert summary["analysed"] == PAGES_IN_CRAWL - 3
    resumed = lines_of(out)
    assert len(out.read_text("utf-8").splitlines()) == len(resumed) == len(local_run["lines"])
    assert {k: comparable(v) for k, v in resumed.items()} == \
        {k: comparable(v) for k, v in local_run["lines"].items()}


@pytest.mark.slow  # a Dask cluster of worker processes
def test_the_dask_engine_on_worker_processes_gives_the_local_results(
        local_run: dict[str, Any], crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    summary = run((str(crawl),), out, engine="dask", workers=2)
    assert summary.analysed == PAGES_IN_CRAWL and len(summary.failures) == FAILURES_IN_CRAWL
    assert len({w.rsplit(":", 1)[1] for w in summary.workers}) == 2  # two worker processes
    assert {k: comparable(v) for k, v in lines_of(out).items()} == \
        {k: comparable(v) for k, v in local_run["lines"].items()}


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "--out",
                                       str(tmp_path / "r.jsonl"), "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.output


# --- the cross-page index -----------------------------------------------------------------

STORY = ("The city council of Dresden approved on Monday a new footbridge over the Elbe that "
         "will cost 42 million euros. Mayor Anna Vogt said construction at the Blaues Wunder "
         "site will begin in spring.")
RETOLD = ("On Monday, Dresden's city council gave its approval to a new footbridge over the "
          "Elbe, at a cost of 42 million euros. Building work at the Blaues Wunder site will "
          "begin in spring, according to Mayor Anna Vogt.")
UNRELATED = ("Leipzig's zoo welcomed two red panda cubs this week, the first born there in a "
             "decade, and keepers expect visitors to see them from January onwards.")


def paragraphs_of(*texts: str) -> list[recycled.Paragraph]:
    return recycled.paragraphs({"id": f"p{i}", "kind": "p", "text": t}
                               for i, t in enumerate(texts, 1))


def test_the_index_finds_copies_and_retellings_on_other_sites_but_not_other_stories() -> None:
    index = recycled.RecycledIndex()
    original = recycled.PageRef("a", "https://a.example/x", "a.example", date="2024-11-04")
    index.add(original, paragraphs_of(STORY, UNRELATED))
    index.add(recycled.PageRef("b", "https://b.example/y", "b.example", date="2024-11-07"),
              paragraphs_of(STORY))
    index.add(recycled.PageRef("c", "https://c.example/z", "c.example"), paragraphs_of(RETOLD))
    found = index.matches()
    assert sorted((m.other.page.id, m.rule) for m in found[("batch", "a")][0]) == [
        ("b", "recycled.exact"), ("c", "recycled.retelling")]
    annotation = recycled.annotation(found[("batch", "b")][0])
    assert annotation["evidence"]["appears_on"][0]["when"] == "3 days earlier"
    assert annotation["severity"] == "warning"
    assert len(found[("batch", "a")]) == 1  # the zoo paragraph is on no other page


#: What datasketch 2.0.0 answered (signatures, bandings, an index's candidates), recorded
#: before newslint replaced it with its own numpy MinHash (tests/fixtures/make_minhash_fixture.py).
DATASKETCH = json.loads((Path(__file__).parent / "fixtures" / "minhash_datasketch.json")
                        .read_text("utf-8"))


def test_signatures_are_bit_for_bit_datasketch_s() -> None:
    """Signatures kept in a history must keep matching new ones: the numpy MinHash gives
    datasketch's `MinHash.bulk(scheme="affine32")` bits, for sets and for whole paragraphs."""
    expected = (DATASKETCH["num_perm"], DATASKETCH["seed"], DATASKETCH["scheme"])
    assert expected == (recycled.NUM_PERM, recycled.SEED, recycled.SCHEME)
    sets = [[s.encode() for s in case["shingles"]] for case in DATASKETCH["sets"]]
    signed = recycled.signatures(sets)
    assert [row.astype("<u4").tobytes().hex() for row in signed] == [
        case["signature"] for case in DATASKETCH["sets"]]
    # One set at a time gives the same as all in one bulk computation.
    assert recycled.signatures(sets[2:3]).tolist() == signed[2:3].tolist()
    for case in DATASKETCH["texts"]:
        (paragraph,) = paragraphs_of(case["text"])
        assert paragraph.signature.hex() == case["signature"]
    assert recycled.signatures([[], [b"x"]])[0].tolist() == [2**32 - 1] * recycled.NUM_PERM


def test_the_banding_is_the_one_datasketch_s_index_chose() -> None:
    for case in DATASKETCH["bandings"]:
        assert recycled.optimal_banding(case["threshold"], case["num_perm"]) == (
            case["bands"], case["rows"]), case


def test_the_band_index_finds_exactly_the_candidates_datasketch_would() -> None:
    """The same banding as datasketch's MinHashLSH, and the same candidates, whether an
    entry is still in the unsorted tail or merged into the sorted arrays."""
    import hashlib

    import numpy as np

    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, size=(40, recycled.NUM_PERM), dtype=np.uint32)
    # Variants that keep a share of each base signature's values: some bands equal, some not.
    variants = np.where(rng.random((600, recycled.NUM_PERM)) < rng.random((600, 1)),
                        base[rng.integers(0, 40, 600)],
                        rng.integers(0, 2**32, size=(600, recycled.NUM_PERM), dtype=np.uint32))
    signatures = np.concatenate([base, variants])
    theirs = DATASKETCH["candidates"]
    # The very signatures datasketch's index was given (numpy's generator did not drift).
    assert hashlib.sha256(signatures.astype("<u4").tobytes()).hexdigest() == (
        theirs["signatures_sha256"])
    assert theirs["threshold"] == recycled.THRESHOLD
    ours = recycled.BandIndex(recycled.THRESHOLD)
    ours.TAIL = 256
    for start in range(0, 400, 100):
        ours.add(np.arange(start, start + 100), signatures[start:start + 100])
    ours.query(signatures[0])  # a query merges the long tail into the sorted arrays
    ours.add(np.arange(400, len(signatures)), signatures[400:])  # these stay in the tail
    assert (ours.bands, ours.rows) == next(
        (c["bands"], c["rows"]) for c in DATASKETCH["bandings"]
        if (c["threshold"], c["num_perm"]) == (recycled.THRESHOLD, recycled.NUM_PERM))
    assert ours._keys.shape[1] == 400 and ours._tail_size == len(signatures) - 400
    assert theirs["queries"] == list(range(0, len(signatures), 7))
    for query, expected in zip(theirs["queries"], theirs["found"], strict=True):
        assert sorted(ours.query(signatures[query]).tolist()) == expected
    # Not only each signature itself: some queries find other entries too.
    assert sum(len(found) > 1 for found in theirs["found"]) >= 10


def test_a_paragraph_on_many_copies_of_one_address_is_one_entry_and_no_finding() -> None:
    index = recycled.RecycledIndex()
    for n in range(100):
        index.add(recycled.PageRef(f"copy{n}", "https://same.example/page"),
                  paragraphs_of(STORY))
    assert index.entries == 1 and len(index) == 100
    assert index.matches() == {}
    index.add(recycled.PageRef("other", "https://other.example/"), paragraphs_of(STORY))
    found = index.matches()
    assert len(found[("batch", "other")][0]) == 1  # the 100 copies are one page
    assert len(found) == 101


def test_short_paragraphs_and_headings_are_not_indexed() -> None:
    assert recycled.paragraphs([{"id": "a", "kind": "p", "text": "Read more on our site."}]) == []
    assert recycled.paragraphs([{"id": "h", "kind": "h1", "text": STORY[:80]}]) == []


def test_with_history_a_batch_page_names_the_history_page_it_recycles(tmp_path: Path) -> None:
    from newslint.server.base import settings as settings_module
    from newslint.server.history import open_store

    store = open_store(settings_module.load())
    store.record({"analyzer": {"name": "newslint", "version": "0.1.0"},
                  "page": {"url": "https://origin.example/bridge", "title": "Bridge",
                           "published": "2024-11-04", "language": "en", "words": 30,
                           "source": "blocks"},
                  "blocks": None, "annotations": [], "timeline": [], "notices": [],
                  "elapsed_ms": 1.0}, [{"id": "b1", "kind": "p", "text": STORY}])
    store.close()
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "farm", "url": "https://farm.example/bridge",
                                 "published": "2024-11-06",
                                 "blocks": [{"id": "x", "kind": "p", "text": RETOLD}]}) + "\n")
    out = tmp_path / "results.jsonl"
    # A Dask cluster of threads in this process: the same code path, without start-up cost.
    run((str(pages),), out, engine="dask", workers=1, with_history=True, dask_processes=False)
    (annotation,) = lines_of(out)["farm"]["annotations"]
    (place,) = annotation["evidence"]["appears_on"]
    assert (place["origin"], place["site"], place["when"]) == ("history", "origin.example",
                                                              "2 days earlier")
    assert annotation["rule"] == "recycled.retelling"
