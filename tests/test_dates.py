"""Dates: every kind of expression resolved against the right reference, name variants
merged, agreement told apart from conflict, and the golden pages' date expectations."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from newslint.server.cli import main
from newslint.server.engine import nlp
from newslint.server.engine.dates.events import Cast, clean_name, same_name
from newslint.server.engine.dates.mentions import Mention, find_mentions
from newslint.server.engine.detectors.dates import find_date_conflicts
from newslint.server.engine.page import Block, Page
from newslint.server.evaluate import timebank
from newslint.server.pages.contract import validator

from .golden import PAGES, Case, cases

THURSDAY = dt.date(2024, 11, 7)


def page_of(*texts: str, published: dt.date | None = None) -> Page:
    page = Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language="en",
                published=published)
    page.docs = list(nlp.parse(list(texts)))
    return page


def analysed(page: Page) -> dict[str, Any]:
    """The date detector's part of the API response (annotations and timeline) for a page.

    The detector is called on its own, as `analyze` calls it, so these tests do not
    depend on the other detectors.
    """
    page.docs = list(nlp.parse([b.text for b in page.blocks]))
    findings = find_date_conflicts(page)
    return {"annotations": [a.to_json() for a in findings.annotations],
            "timeline": findings.timeline}


def mention(page: Page, expression: str) -> Mention:
    found = [m for m in find_mentions(page) if m.phrase.text.lower() == expression.lower()
             or m.phrase.display_text.lower() == expression.lower()]
    assert found, f"{expression!r} not found in {[m.phrase.text for m in find_mentions(page)]}"
    return found[0]


def value(page: Page, expression: str) -> tuple[str | None, str | None, str | None]:
    r = mention(page, expression).resolution
    if r is None:
        return None, None, None
    return r.value, r.granularity, r.anchor.kind


# --- absolute ---------------------------------------------------------------------------


def test_a_fully_written_date_needs_no_reference() -> None:
    page = page_of("The merger was announced on November 7, 2024, in New York.")
    assert value(page, "November 7, 2024") == ("2024-11-07", "day", "absolute")
    r = mention(page, "November 7, 2024").resolution
    assert r is not None and (r.start, r.end) == (dt.date(2024, 11, 7), dt.date(2024, 11, 7))


def test_months_quarters_and_decades_keep_their_granularity_and_range() -> None:
    page = page_of("Sales fell in the third quarter of 2023 and again in November 2023, "
                   "the worst since the 1990s.")
    assert value(page, "the third quarter of 2023") == ("2023-Q3", "quarter", "absolute")
    assert value(page, "November 2023") == ("2023-11", "month", "absolute")
    assert value(page, "the 1990s") == ("199", "decade", "absolute")
    r = mention(page, "November 2023").resolution
    assert r is not None and (r.start, r.end) == (dt.date(2023, 11, 1), dt.date(2023, 11, 30))


# --- year from context ------------------------------------------------------------------


def test_a_year_less_date_takes_the_year_of_the_story_around_it() -> None:
    page = page_of("Protesters gathered outside parliament on September 14, 2023.",
                   "On Sept. 16, police cleared the square.")
    m = mention(page, "Sept. 16")
    assert m.resolution is not None
    assert (m.resolution.value, m.resolution.anchor.kind) == ("2023-09-16", "mention")
    assert m.resolution.anchor.expression == "September 14, 2023"


def test_a_year_less_date_after_a_year_takes_that_year_not_the_nearest_one() -> None:
    """July 22 before 1 January 2020 is nearer than July 22, 2020, but the story is 2020's."""
    page = page_of("The band will go on a 50th anniversary tour in 2020.",
                   "The reunion tour stops at Blossom Music Center on July 22.")
    assert value(page, "July 22") == ("2020-07-22", "day", "mention")


def test_a_year_less_past_date_takes_the_publication_year_that_makes_it_past() -> None:
    page = page_of("The summit took place on Dec. 12 in Brussels.", published=dt.date(2025, 1, 10))
    assert value(page, "Dec. 12") == ("2024-12-12", "day", "published")


def test_a_year_less_date_without_any_reference_stays_unresolved() -> None:
    page = page_of("The summit took place on Dec. 12 in Brussels.")
    assert mention(page, "Dec. 12").resolution is None


# --- relative to the publication date ----------------------------------------------------


def test_deictic_dates_count_from_the_publication_date() -> None:
    page = page_of("The minister resigned yesterday. Last Tuesday the cabinet met. "
                   "The scandal broke two weeks ago. She left last week and a successor "
                   "will be named next month.", published=THURSDAY)
    assert value(page, "yesterday") == ("2024-11-06", "day", "published")
    assert value(page, "Last Tuesday") == ("2024-11-05", "day", "published")
    assert value(page, "two weeks ago") == ("2024-W43", "week", "published")
    assert value(page, "last week") == ("2024-W44", "week", "published")
    assert value(page, "next month") == ("2024-12", "month", "published")


def test_the_publication_days_own_weekday_is_that_day_not_a_week_earlier() -> None:
    page = page_of("On Thursday, the prime minister said she had accepted it.",
                   published=THURSDAY)
    assert value(page, "Thursday") == ("2024-11-07", "day", "published")


def test_a_weekday_told_in_the_future_is_the_next_one() -> None:
    page = page_of("The two leaders will meet on Monday in Geneva.", published=THURSDAY)
    assert value(page, "Monday") == ("2024-11-11", "day", "published")


def test_without_a_publication_date_deictic_dates_stay_unresolved() -> None:
    page = page_of("The minister resigned yesterday.")
    assert mention(page, "yesterday").resolution is None


# --- anchored to another event --------------------------------------------------------


def test_a_day_earlier_counts_from_the_event_told_before_it_not_from_today() -> None:
    page = page_of("The talks opened in Geneva on 3 March 2025.",
                   "Observers had arrived a day earlier to inspect the venue.",
                   published=dt.date(2025, 3, 20))
    m = mention(page, "a day earlier")
    assert m.resolution is not None
    assert (m.resolution.value, m.resolution.granularity) == ("2025-03-02", "day")
    assert m.resolution.anchor.kind == "mention"
    assert m.resolution.anchor.expression == "3 March 2025"
    assert m.resolution.anchor.value == "2025-03-03"


def test_later_and_the_following_week_count_from_the_previous_event() -> None:
    page = page_of("The court heard the case on 10 June 2024. Two days later, it ruled.",
                   "The following week, the government appealed.")
    assert value(page, "Two days later") == ("2024-06-12", "day", "mention")
    assert value(page, "The following week") == ("2024-W25", "week", "mention")


def test_earlier_this_week_without_a_publication_date_is_the_week_of_the_event() -> None:
    page = page_of("The leaders met on Friday, 8 November 2024. Earlier this week, their "
                   "ministers had prepared the meeting.")
    assert value(page, "Earlier this week") == ("2024-W45", "week", "mention")


def test_a_shift_from_an_undated_named_event_is_not_resolved() -> None:
    page = page_of("The talks opened on 3 March 2025. Two days after the signing, "
                   "prisoners were released.")
    assert mention(page, "Two days after").resolution is None


# --- durations and vague references ---------------------------------------------------


@pytest.mark.parametrize(("text", "expression", "kind"), [
    ("The conflict has persisted for over two years.", "over two years", "duration"),
    ("The company has operated for three decades.", "three decades", "duration"),
    ("Peace talks have recently stalled.", "recently", "vague"),
    ("The company now employs 4,000 people.", "now", "vague"),
])
def test_durations_and_vague_references_never_become_a_point(text: str, expression: str,
                                                              kind: str) -> None:
    page = page_of(text, published=THURSDAY)
    m = mention(page, expression)
    assert m.resolution is None
    assert m.kind == kind


# --- participants -----------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Zelensky", "Zelenskyy", True),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
    ("Donald Trump", "Trump", True),
    ("Donald Trump", "Ivanka Trump", False),
    ("Vladimir Putin", "Kamala Harris", False),
])
def test_name_variants_are_one_participant(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


def test_titles_and_possessives_are_not_part_of_a_name() -> None:
    assert clean_name("Russian President Vladimir Putin") == "Vladimir Putin"
    assert clean_name("Trump’s") == "Trump"


def test_the_cast_merges_spellings_across_the_page() -> None:
    page = page_of("Donald Trump spoke with Ukrainian President Volodymyr Zelensky.",
                   "In addition to his call with Putin, Trump also spoke with Zelenskyy.")
    cast = Cast(page.docs)
    zelensky = cast.lookup("Zelenskyy", "PERSON")
    assert zelensky is not None and zelensky is cast.lookup("Volodymyr Zelensky", "PERSON")
    assert cast.lookup("Trump", "PERSON") is cast.lookup("Donald Trump", "PERSON")


# --- agreement and conflict -------------------------------------------------------------


def test_one_event_told_twice_with_the_same_date_is_agreement() -> None:
    page = page_of("Chancellor Olaf Scholz met President Emmanuel Macron in Paris on "
                   "May 6, 2024.",
                   "The meeting between Scholz and Macron on May 6 produced a declaration.")
    findings = find_date_conflicts(page)
    assert findings.annotations == []
    meetings = [e for e in findings.timeline if e["date"] == "2024-05-06"]
    assert len(meetings) == 1 and len(meetings[0]["mentions"]) == 2


def test_one_event_told_twice_with_different_days_is_a_conflict() -> None:
    page = page_of("Macron held a phone call with Chinese President Xi Jinping on "
                   "May 2, 2024, about trade.",
                   "Macron also spoke with Xi on May 3, urging him to press Moscow.")
    [annotation] = find_date_conflicts(page).annotations
    assert (annotation.type, annotation.rule, annotation.severity) == (
        "date_conflict", "date.conflict", "warning")
    values = [m["value"] for m in annotation.evidence["mentions"]]
    assert values == ["2024-05-02", "2024-05-03"]
    assert annotation.evidence["event"]["action"] == "call"
    assert annotation.score is not None and 0.6 <= annotation.score <= 1


def test_another_occurrence_is_not_a_conflict() -> None:
    page = page_of("Scholz met Macron in Paris on May 6, 2024.",
                   "Scholz met Macron again on May 9, 2024, in Berlin.")
    assert find_date_conflicts(page).annotations == []


def test_different_participants_are_different_events() -> None:
    page = page_of("Trump spoke with Vladimir Putin on November 7, 2024.",
                   "Trump also spoke with Volodymyr Zelensky on November 8, 2024.")
    assert find_date_conflicts(page).annotations == []


def test_two_dates_of_one_paragraph_with_a_borrowed_cast_are_two_events() -> None:
    """A tour's stop and its ticket sale: "the anniversary tour" borrows the cast of the
    sentence that told the stop, but its date belongs to the ticket sale."""
    page = page_of(
        "The band will look to ride a Hall of Fame induction into a 50th anniversary tour "
        "in 2020.",
        "Rolling Stone reported details of the reunion tour that stops at Blossom Music "
        "Center on July 22. The trek will feature members Tom Johnston, Patrick Simmons and "
        "John McFee together for the first time in 25 years. Tickets for the anniversary "
        "tour go on sale at 10 a.m. Friday, Dec. 6.",
        "The band performed at Blossom Music Center in 2019.",
        published=dt.date(2019, 11, 19))
    assert find_date_conflicts(page).annotations == []


def test_an_event_dated_after_the_publication_date_and_told_as_past_is_flagged() -> None:
    page = page_of("Donald Trump spoke with Vladimir Putin on November 7, 2024.",
                   "The Kremlin will announce its response on November 12, 2024.",
                   published=dt.date(2024, 11, 5))
    [annotation] = find_date_conflicts(page).annotations
    assert annotation.rule == "date.after_publication"
    assert annotation.evidence["mentions"][0]["value"] == "2024-11-07"


def test_pages_in_other_languages_are_skipped() -> None:
    page = page_of("Trump sprach am 7. November 2024 mit Putin.")
    page.language = "de"
    assert find_date_conflicts(page).annotations == []
    assert find_date_conflicts(page).timeline == []


# --- the page the product exists for ----------------------------------------------------


def blocks_of_html(source: str) -> list[Block]:
    """The page's <h1>/<h2>/<p> texts in document order (the page declares no date)."""
    blocks = []
    for i, m in enumerate(re.finditer(r"<(p|h1|h2)\b[^>]*>(.*?)</\1>", source, re.S)):
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))).strip()
        if text:
            blocks.append(Block(f"b{i}", m.group(1), text))
    return blocks


def trump_page() -> Page:
    source = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
    return Page(blocks=blocks_of_html(source), language="en", published=None)


def test_the_trump_zelensky_call_is_flagged_and_the_putin_call_is_not() -> None:
    page = trump_page()
    result = analysed(page)
    conflicts = [a for a in result["annotations"] if a["type"] == "date_conflict"]
    assert len(conflicts) == 1
    [conflict] = conflicts
    earlier, later = conflict["evidence"]["mentions"]
    assert earlier["expression"] == "just a day earlier"
    assert earlier["value"] == "2024-11-06"
    assert earlier["anchor"] == {"kind": "mention", "expression": "November 7, 2024",
                                 "value": "2024-11-07"}
    assert later["expression"] == "on November 8"
    assert later["value"] == "2024-11-08"
    assert later["granularity"] == "day"
    texts = {b.id: b.text for b in page.blocks}
    assert texts[conflict["block"]].startswith("In addition to his conversation with Putin")
    assert texts[conflict["related"][0]["block"]].startswith("The context of this call")
    assert conflict["related"][0]["role"] == "other_date"
    assert texts[conflict["block"]][conflict["start"]:conflict["end"]] == "on November 8"
    assert {"Donald Trump", "Volodymyr Zelensky"} <= set(
        conflict["evidence"]["event"]["participants"])
    assert "Putin" not in " ".join(conflict["evidence"]["event"]["participants"])
    assert "6 Nov 2024" in conflict["message"] and "8 Nov 2024" in conflict["message"]
    # The Putin call, 7 November in both tellings, is one timeline entry, not a conflict.
    putin = [e for e in result["timeline"] if e["date"] == "2024-11-07"
             and "Vladimir Putin" in e["event"]["participants"]]
    assert putin and max(len(e["mentions"]) for e in putin) == 2
    dates = [e["date"] for e in result["timeline"]]
    assert dates == sorted(dates)


# --- golden pages -----------------------------------------------------------------------


def golden_response(case: Case, through: str, client: FlaskClient) -> dict[str, Any]:
    """The page's full analysis through the API or `newslint check --json`, as users get it."""
    if through == "api":
        response = client.post("/v1/analyze", json=case.request())
        assert response.status_code == 200, response.get_json()
        body: dict[str, Any] = response.get_json()
        validator("analyze-response").validate(body)
        return body
    result = CliRunner().invoke(main, ["check", "--json", str(case.source)])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    return body


def find(mentions: list[tuple[str, dict[str, Any]]], block: str,
         expression: str) -> dict[str, Any] | None:
    wanted = expression.lower()
    for text, m in mentions:
        said = m["expression"].lower()
        if text.startswith(block) and (said == wanted or wanted in said or said in wanted):
            return m
    return None


DATE_CASES = cases("dates", "not_dated", "date_conflicts_must_flag",
                   "date_after_publication_must_flag")


@pytest.mark.parametrize("through", ["api", "cli"])
@pytest.mark.parametrize("case", DATE_CASES, ids=lambda c: c.slug)
def test_golden_page_dates(case: Case, through: str, client: FlaskClient) -> None:
    result = golden_response(case, through, client)
    blocks = result["blocks"] or case.request()["blocks"]
    texts = {b["id"]: b["text"] for b in blocks}
    published = result["page"]["published"]
    page = page_of(*texts.values(),
                   published=dt.date.fromisoformat(published) if published else None)
    page.blocks = [Block(b["id"], b["kind"], b["text"]) for b in blocks]
    dated = [(texts[m["block"]], m) for e in result["timeline"] for m in e["mentions"]]
    conflicts = [a for a in result["annotations"] if a["type"] == "date_conflict"]
    expected = case.expected
    for item in expected.get("dates", []):
        m = find(dated, item["block"], item["expression"])
        assert m is not None, f"{item} not dated; found {[x for _, x in dated]}"
        assert m["value"] == item["resolves_to"], (item, m)
        assert m["granularity"] == item["granularity"], (item, m)
        if "anchor" in item:
            assert m["anchor"]["kind"] == item["anchor"], (item, m)
        if "anchor_expression" in item:
            assert m["anchor"]["expression"] == item["anchor_expression"], (item, m)
    for item in expected.get("not_dated", []):
        assert find(dated, item["block"], item["expression"]) is None, item
        if "kind" in item:
            found = [m for m in find_mentions(page)
                     if texts[m.block_id].startswith(item["block"])
                     and item["expression"].lower() in m.phrase.display_text.lower()]
            assert found and found[0].kind == item["kind"], (item, found)
    for flag in expected.get("date_conflicts_must_flag", []):
        pairs = [[(texts[m["block"]], m) for m in a["evidence"]["mentions"]]
                 for a in conflicts if a["rule"] == "date.conflict"]
        assert any(all((hit := find(pair, w["block"], w["expression"])) is not None
                       and hit["value"] == w["resolves_to"]
                       for w in flag["mentions"]) for pair in pairs), (flag, conflicts)
    for item in expected.get("date_conflicts_must_not_flag", []):
        for w in item.get("mentions", []):
            flagged = [(texts[m["block"]], m) for a in conflicts
                       for m in a["evidence"]["mentions"]]
            assert find(flagged, w["block"], w["expression"]) is None, (item, conflicts)
    for item in expected.get("date_after_publication_must_flag", []):
        flagged = [(texts[a["block"]], a["evidence"]["mentions"][0]) for a in conflicts
                   if a["rule"] == "date.after_publication"]
        assert find(flagged, item["block"], item["expression"]) is not None, conflicts
    if "date_after_publication_must_flag" not in expected:
        assert not [a for a in conflicts if a["rule"] == "date.after_publication"]


# --- the TimeBank evaluation ------------------------------------------------------------

TIMEML = (
    '<?xml version="1.0" ?>\n<TimeML>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">'
    "19980807</TIMEX3></DCT>\n<TEXT>\n"
    'The embassy was bombed <TIMEX3 tid="t1" type="DATE" value="1998-08-07">today</TIMEX3>. '
    'Officials said <TIMEX3 tid="t2" type="DATE" value="1998-08-06">yesterday</TIMEX3> that '
    'talks would resume on <TIMEX3 tid="t3" type="DATE" value="1998-08-12">Aug. 12</TIMEX3>.'
    "\n\nThe dispute has lasted "
    '<TIMEX3 tid="t4" type="DURATION" value="P2Y">two years</TIMEX3> and peace is '
    '<TIMEX3 tid="t5" type="DATE" value="FUTURE_REF">the future</TIMEX3>\'s task &amp; hope.'
    "\n</TEXT>\n</TimeML>\n"
)


def test_the_timebank_evaluation_scores_found_and_resolved_dates(tmp_path: Path) -> None:
    (tmp_path / "doc.tml").write_text(TIMEML, encoding="utf-8")
    doc = timebank.read_document(tmp_path / "doc.tml")
    assert doc.dct == dt.date(1998, 8, 7)
    assert [doc.text[t.start:t.end] for t in doc.timexes] == [
        "today", "yesterday", "Aug. 12", "two years", "the future"]
    result = timebank.run(tmp_path)
    assert result["gold_dates"] == 4
    assert result["span_relaxed"]["recall"] == 1.0
    assert result["value_exact"]["recall"] == 1.0
    assert result["value_exact"]["precision"] == 1.0


def test_according_to_names_a_source_not_an_agreement() -> None:
    page = page_of("Work at the site will begin on Monday, according to Mayor Anna Vogt.",
                   published=THURSDAY)
    timeline = analysed(page)["timeline"]
    assert timeline and all(e["event"]["action"] != "agreement" for e in timeline)


# --- issue 11: one act, the text's own year, readable periods, bounded work -------------


def test_a_date_of_an_act_done_to_the_call_is_not_the_calls_date() -> None:
    """'the transcript of that call was released on September 25' dates a release."""
    page = page_of(
        "Trump spoke with Ukrainian President Volodymyr Zelensky in the July 25, 2019 call.",
        "Officials said the weather was mild in Washington that week.",
        "Trump and Zelensky were both criticised after the transcript of that call was "
        "released on September 25, 2019.",
        published=dt.date(2019, 10, 30))
    assert find_date_conflicts(page).annotations == []
    released = [e for e in find_date_conflicts(page).timeline if e["date"] == "2019-09-25"]
    assert released and released[0]["event"]["action"] != "call"


def test_a_reporting_verb_takes_its_own_date() -> None:
    page = page_of("Vindman told investigators on Tuesday that he had worried about the call "
                   "between Trump and Zelensky.", published=dt.date(2019, 10, 30))
    [entry] = [e for e in find_date_conflicts(page).timeline if e["date"] == "2019-10-29"]
    assert entry["event"]["action"] != "call"


def test_a_year_written_in_the_sentence_anchors_a_bare_month() -> None:
    page = page_of("Date: November 30, 2021",
                   "As the year 2020 comes to a close, December marks the end of the season.",
                   published=dt.date(2021, 11, 30))
    assert value(page, "December") == ("2020-12", "month", "mention")
    resolution = mention(page, "December").resolution
    assert resolution is not None and resolution.anchor.expression == "the year 2020"


def test_a_year_that_only_bounds_something_does_not_anchor() -> None:
    page = page_of("He had been arrested in several states since 1990, and his car was "
                   "found at the airport in December.", published=dt.date(1999, 5, 6))
    assert value(page, "December") == ("1998-12", "month", "published")


@pytest.mark.parametrize(("text", "when"), [
    ("Sales were the worst since the 1990s.", "the 1990s"),
    ("The town was founded in the 14th century.", "the 14th century"),
    ("Profit rose in the third quarter of 2019.", "Q3 2019"),
    ("The bridge reopened in the summer of 2019.", "summer 2019"),
    ("The shops stayed shut the week of November 18, 2019.", "the week of 18 Nov 2019"),
])
def test_the_timeline_says_periods_as_a_reader_writes_them(text: str, when: str) -> None:
    timeline = find_date_conflicts(page_of(text)).timeline
    assert when in [e["when"] for e in timeline], timeline


def test_a_conflict_says_why_its_two_dates_are_one_event() -> None:
    page = page_of("Macron held a phone call with Chinese President Xi Jinping on "
                   "May 2, 2024, about trade.",
                   "Macron also spoke with Xi on May 3, urging him to press Moscow.")
    [annotation] = find_date_conflicts(page).annotations
    why = annotation.evidence["event"]["why_one_event"]
    assert why["action"] == "call" and why["told_as"] == ["call", "spoke"]
    assert set(why["shared_participants"]) == {"Macron", "Xi Jinping"}
    assert "'call' and 'spoke'" in annotation.message
    assert "its year from 'May 2, 2024'" in annotation.message


def test_the_cast_compares_each_name_with_a_bounded_number_of_others(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A page naming hundreds of people sharing a surname must not compare every pair."""
    from newslint.server.engine.dates import events

    calls = 0
    real = events.same_name

    def counting(a: str, b: str) -> bool:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(events, "same_name", counting)
    firsts = ["Anna", "Boris", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Ines",
              "Jonas", "Karin", "Lukas", "Marta", "Nils", "Olga", "Paul", "Rosa", "Sven",
              "Tina", "Uwe"]
    surnames = [f"Sch{x}{y}er" for x in "aeiou" for y in "bdfgklmnprt"]
    names = [f"{a} {b}" for a in firsts for b in surnames]
    page = page_of(*(f"Yesterday {n} spoke with the press." for n in names))
    cast = Cast(page.docs)
    people = len(cast.people)
    # Comparing all pairs would take about people² / 2 calls (well over this bound).
    assert people > 600
    assert calls <= len(names) * 3 * events.MAX_CANDIDATES


def test_the_report_says_when_the_timeline_is_cut() -> None:
    from newslint.server.engine.page import Result
    from newslint.server.pages import report

    texts = [f"The council met on {d} March 2024 in Leipzig." for d in range(1, 29)] + [
        f"The council met on {d} April 2024 in Leipzig." for d in range(1, 29)]
    page = page_of(*texts)
    findings = find_date_conflicts(page)
    assert len(findings.timeline) > report.TIMELINE_SHOWN
    result = Result(page=page, annotations=[], timeline=findings.timeline, notices=[],
                    elapsed_ms=1.0, analyzer={})
    text = report.render(result, timeline=True)
    assert "the list is cut here" in text and "1 Mar 2024" in text


# --- the injected-conflict evaluation -----------------------------------------------------


def test_the_injected_evaluation_finds_changed_dates_and_spares_unchanged_ones(
        tmp_path: Path) -> None:
    from newslint.server.evaluate import dates_injected

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "summit.txt").write_text(
        "Leaders meet in Paris\n\n"
        "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on May 6, 2024.\n\n"
        "The two men discussed energy prices and the war in Ukraine for three hours.\n\n"
        "Officials from both governments described the talks as friendly.\n\n"
        "A joint declaration on industrial policy is expected before the summer.\n",
        encoding="utf-8")
    result = dates_injected.run([tmp_path], per_page=1)
    assert result["sources"] == 1
    summary = result["all"]
    for kind in dates_injected.KINDS:
        assert summary[kind]["injected"] == 1 and summary[kind]["controls"] == 1, summary
        assert summary[kind]["false_alarms"] == 0, result["control_false_alarms"]
    assert summary["absolute"]["found"] == 1 and summary["year"]["found"] == 1, result["misses"]


def test_the_injected_evaluation_refuses_a_folder_it_cannot_read(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "dates-injected", str(tmp_path)])
    assert result.exit_code != 0
    assert "has no articles/*.txt" in result.output


def test_a_verb_of_its_own_is_an_act_two_tellings_share() -> None:
    page = page_of("Firefighters evacuated the Hilton hotel in Denver on March 3, 2024, after "
                   "a gas leak.",
                   "Guests were allowed back the following evening.",
                   "Firefighters evacuated the Hilton hotel in Denver on March 5, 2024, "
                   "according to the city.")
    [annotation] = find_date_conflicts(page).annotations
    assert annotation.evidence["event"]["why_one_event"]["told_as"] == ["evacuated"] * 2
    assert "'evacuated'" in annotation.message


def test_one_persons_death_dated_twice_is_a_conflict_deaths_in_one_place_are_not() -> None:
    one = page_of("Barnett Slepian, a doctor, was killed on Oct. 23, 1998, by a sniper.",
                  "Police have named a suspect.",
                  "Slepian was killed on Oct. 24, 1998, at his home.")
    [annotation] = find_date_conflicts(one).annotations
    assert annotation.evidence["event"]["action"] == "death"
    many = page_of("Two soldiers were killed in Kabul on Oct. 23, 1998.",
                   "Police have named a suspect.",
                   "A soldier was killed in Kabul on Oct. 24, 1998.")
    assert find_date_conflicts(many).annotations == []


def test_a_year_behind_a_relative_clause_does_not_anchor() -> None:
    page = page_of("Under a plan the board adopted in 2015 that set no limit, the firm had "
                   "bought back 2 million shares through Sept. 29.",
                   published=dt.date(2019, 10, 30))
    assert value(page, "Sept. 29") == ("2019-09-29", "day", "published")


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(1, 1, 3),
                                       dt.date(9999, 12, 25), dt.date(9999, 12, 31)])
def test_a_publication_date_at_the_ends_of_the_calendar_leaves_phrases_unresolved(
        published: dt.date) -> None:
    # The API refuses such dates (contract), but the engine is also called by the CLI,
    # batch runs and evaluations: counting "yesterday" or "a century later" off the
    # calendar must leave the phrase unresolved, not crash the analysis.
    page = page_of("Yesterday Smith met Jones in Paris. Last week they spoke.",
                   "Two days later Smith met Jones. Next Tuesday they meet again. In December "
                   "they talk. The meeting follows in two years.",
                   "Smith met Jones on March 3, 2020. A century later they met.",
                   published=published)
    findings = find_date_conflicts(page)
    assert value(page, "March 3, 2020") == ("2020-03-03", "day", "absolute")
    off = "Last week" if published.year == 1 else "two years"
    assert value(page, off) == (None, None, None)
    # the resolved phrase still reaches the timeline; the unresolved one does not
    assert "2020-03-03" in {row["date"] for row in findings.timeline}


# --- issue 11: recall on what the detector left unsaid ------------------------------------


def test_a_date_before_a_noun_is_that_nouns_date_not_the_verbs_before_it() -> None:
    """'obtained a warrant … in the Oct. 23 sniper shooting': the date is the shooting's."""
    page = page_of("Police obtained a warrant for Kopp in the Oct. 23, 1998 sniper shooting "
                   "of Barnett Slepian.")
    [entry] = [e for e in find_date_conflicts(page).timeline if e["date"] == "1998-10-23"]
    assert entry["event"]["action"] == "attack"
    deadline = page_of("Lawyers for Kopp obtained a delay past the Nov. 3, 1998 filing deadline.")
    [entry] = [e for e in find_date_conflicts(deadline).timeline if e["date"] == "1998-11-03"]
    assert entry["event"]["action"] == "deadline"  # the deadline's date, not the delay's


def test_an_infinitives_date_is_not_in_the_tense_of_the_verb_before_it() -> None:
    # Subpoenaed in January to testify on Feb. 10: the coming February, not the last one.
    page = page_of("Burton said he subpoenaed Elian to testify before the committee on "
                   "Feb. 10.", published=dt.date(2000, 1, 7))
    assert value(page, "Feb. 10") == ("2000-02-10", "day", "published")


def test_one_participant_and_the_same_act_said_alike_is_one_event() -> None:
    page = page_of("On May 6, 1999, James Kopp was charged with the slaying.",
                   "Police have searched his flat twice.",
                   "Kopp was charged with the slaying on May 10, 1999.")
    [annotation] = find_date_conflicts(page).annotations
    assert annotation.evidence["event"]["why_one_event"]["told_as"] == ["charged"] * 2
    assert "slaying" in annotation.message
    other = page_of("On May 6, 1999, James Kopp was charged with the slaying.",
                    "Police have searched his flat twice.",
                    "Kopp was charged with burglary on May 10, 1999.")
    assert find_date_conflicts(other).annotations == []


def test_a_statement_is_one_event_only_when_it_says_the_same() -> None:
    same = page_of("On October 13, 2023, Israel warned people in northern Gaza to move south.",
                   "Aid groups protested.",
                   "As noted, on October 17, 2023, Israel warned people in northern Gaza to "
                   "move south.")
    assert len(find_date_conflicts(same).annotations) == 1
    repeated = page_of("Trump said on November 4, 2019, that the call was perfect.",
                       "Democrats disagreed.",
                       "Trump said on November 6, 2019, that the inquiry was a hoax.")
    assert find_date_conflicts(repeated).annotations == []


def test_an_attribution_after_the_comma_does_not_set_the_dates_tense() -> None:
    page = page_of("Compaq still plans to announce new products on 6 November, the report said.",
                   published=dt.date(1989, 10, 27))
    assert value(page, "6 November") == ("1989-11-06", "day", "published")


def test_dates_of_one_day_and_month_never_clash_on_a_year_filled_in() -> None:
    # Each year is inferred (here from clauses of different tenses); the page writes none.
    page = page_of("Compaq will announce new products with Intel on Nov. 6.",
                   "Analysts were unimpressed.",
                   "Compaq announced new products with Intel on Nov. 6, the report said.",
                   published=dt.date(1989, 10, 27))
    values = {m.resolution.value for m in find_mentions(page) if m.resolution}
    assert values == {"1989-11-06", "1988-11-06"}
    assert find_date_conflicts(page).annotations == []
    # A bare date beside the same day written with its year is that day to a reader.
    written = page_of("Compaq will announce new products with Intel on Nov. 6.",
                      "Analysts were unimpressed.",
                      "Compaq announced new products with Intel on Nov. 6, 1988, the report "
                      "said.", published=dt.date(1989, 10, 27))
    assert find_date_conflicts(written).annotations == []
    other_day = page_of("Compaq will announce new products with Intel on Nov. 6.",
                        "Analysts were unimpressed.",
                        "Compaq announced new products with Intel on Nov. 9, 1989, the report "
                        "said.", published=dt.date(1989, 10, 27))
    assert [a.rule for a in find_date_conflicts(other_day).annotations
            if a.rule == "date.conflict"] == ["date.conflict"]


def test_the_generator_takes_a_happenings_day_not_a_bound_and_retells_with_a_pronoun(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from newslint.server.evaluate import dates_injected

    texts = ["Leaders meet in Paris",
             "President Joe Biden met Chancellor Olaf Scholz in Berlin on May 6, 2024.",
             "Siemens said revenue for the quarter ended Sept. 30, 2023 rose by a tenth.",
             "The May 8, 2024 summit of Biden and Scholz in Paris was cancelled.",
             "Biden said he was pleased with the talks.",
             "Officials from both governments described them as friendly."]
    docs = list(nlp.parse(texts))
    said = {s.sentence: s.said for s in dates_injected.find_sources("summit", texts, docs)}
    assert said == {texts[1]: "on", texts[3]: "noun"}  # not the quarter's end
    monkeypatch.setattr(dates_injected, "PRONOUN_SHARE", 1.0)
    [source] = [s for s in dates_injected.find_sources("summit", texts, docs) if s.block == 1]
    injection = dates_injected.build(source, "absolute", False, random.Random(1),
                                     lambda text: next(iter(nlp.parse([text]))))
    assert injection is not None and injection.frame == dates_injected.PRONOUN_FRAME
    assert injection.inserted.startswith("He met Chancellor Olaf Scholz in Berlin on ")
    host = injection.texts[injection.inserted_block]
    assert "Biden" in host and host.endswith(injection.inserted)
    assert dates_injected.frame_group(injection.frame) == "pronoun"


def event_of(page: Page, expression: str) -> tuple[str | None, str | None, list[str]]:
    """(action, the word that told it, participant names) of the event around a phrase."""
    from newslint.server.engine.dates.conflicts import read_events

    cast, dated = read_events(page, find_mentions(page))
    [item] = [d for d in dated if d.mention.phrase.display_text.lower() == expression.lower()
              or d.mention.phrase.text.lower() == expression.lower()]
    e = item.event
    return e.action, e.trigger, sorted(cast.people[i].name for i in e.key_participants())


def test_a_dated_act_noun_that_names_its_cast_is_of_that_cast_not_of_the_clause() -> None:
    """The embassy bombings were explained as 'the attack between State Department and
    Albright': the subject of the clause around them, not who or where they struck."""
    page = page_of(
        "Secretary of State Madeleine Albright flew to Nairobi on Tuesday.",
        "Just ahead of Albright's trip, the State Department on Sunday issued a warning to "
        "travelers after the Aug. 7 bombings at American embassies in Kenya and Tanzania.",
        "Aid workers said little had changed.",
        "Investigators are still studying the Aug. 4 bombings at American embassies in Kenya "
        "and Tanzania, officials said.", published=dt.date(1998, 8, 17))
    action, _trigger, cast = event_of(page, "Aug. 7")
    assert action == "attack" and "Madeleine Albright" not in cast
    assert {"Kenya", "Tanzania"} <= set(cast)
    [annotation] = [a for a in find_date_conflicts(page).annotations
                    if a.rule == "date.conflict"]
    assert annotation.message.startswith("The attack in Kenya and Tanzania is dated ")
    assert "Albright" not in annotation.message and "State Department" not in annotation.message
    assert {"Kenya", "Tanzania"} <= set(
        annotation.evidence["event"]["why_one_event"]["shared_participants"])
    # The Sunday of the same sentence is the issuing's: a date between a subject and its
    # verb is the verb's, not the trip's before the comma.
    assert event_of(page, "Sunday")[1] == "issued"


@pytest.mark.parametrize(("text", "expression", "trigger"), [
    # A date opening a clause after "that" or "but" is of the verb it opens.
    ("Readers will remember that on Monday, on behalf of the United States, Dean Acheson "
     "signed the Washington Treaty.", "Monday", "signed"),
    ("As noted, but on April 8, investigators, wondering how the assailant could have "
     "emerged from the woods, searched the site of the shooting.", "April 8", "searched"),
    # A dash aside between the act and its date does not cut them apart.
    ("The court heard Andrew Hartley admit to forgetting to secure the boiler during the job "
     "– for which he was not paid – on December 16, 2010.", "December 16, 2010", "secure"),
])
def test_a_date_is_of_the_verb_its_clause_gives_it(text: str, expression: str,
                                                   trigger: str) -> None:
    page = page_of(text, published=dt.date(1949, 4, 6))
    assert event_of(page, expression)[1] == trigger


def test_a_date_that_opens_a_clause_takes_that_clauses_tense() -> None:
    # "will remember" is the reader's; the signing on Monday is past.
    page = page_of("Readers will remember that on Monday, on behalf of the United States, "
                   "Dean Acheson signed the Washington Treaty.", published=dt.date(1949, 4, 6))
    assert value(page, "Monday") == ("1949-04-04", "day", "published")
    # The clause after the date is another act's: the grant is to come, the vote is past.
    vote = page_of("Texas voters approved an amendment to the state constitution on Tuesday "
                   "that will grant billions of dollars to the Teacher Retirement System.",
                   published=dt.date(2023, 11, 8))
    assert value(vote, "Tuesday") == ("2023-11-07", "day", "published")


def test_a_word_that_ranks_the_doer_does_not_make_the_act_another_occurrence() -> None:
    page = page_of("On 30 September, students at Coventry University halls were the latest to "
                   "spark fury with an illegal party involving up to 200 students.",
                   "Other universities warned their students.",
                   "To recap: on September 28, students at Coventry University halls were the "
                   "latest to spark fury with an illegal party involving up to 200 students.",
                   published=dt.date(2020, 10, 2))
    assert len(find_date_conflicts(page).annotations) == 1
    again = page_of("On 30 September, students at Coventry University halls sparked fury with "
                    "an illegal party involving up to 200 students.",
                    "Other universities warned their students.",
                    "On September 28, students at Coventry University halls sparked fury "
                    "again with an illegal party involving up to 200 students.",
                    published=dt.date(2020, 10, 2))
    assert find_date_conflicts(again).annotations == []


def test_a_last_sighting_is_a_happening_said_by_the_sentence_around_it() -> None:
    # The clause says only "he was last seen"; the rest of the sentence says what it is,
    # and "he" is not what makes the two tellings one.
    told = ("was last seen Nov. {}, the day before authorities issued a material witness "
            "warrant in the Slepian shooting.")
    page = page_of("James Kopp is wanted by the FBI.", "He " + told.format(3),
                   "Investigators searched his car.", "Agents visited France.",
                   "Kopp " + told.format(5), published=dt.date(1999, 5, 7))
    [annotation] = find_date_conflicts(page).annotations
    assert annotation.evidence["event"]["why_one_event"]["told_as"] == ["seen", "seen"]
    other = page_of("James Kopp is wanted by the FBI.", "He " + told.format(3),
                    "Investigators searched his car.", "Agents visited France.",
                    "Kopp was last seen Nov. 5 in a bar in Dublin, a witness said.",
                    published=dt.date(1999, 5, 7))
    assert [a for a in find_date_conflicts(other).annotations
            if a.rule == "date.conflict"] == []


def test_the_generator_writes_what_a_reader_would_call_one_happening() -> None:
    import random

    from newslint.server.evaluate import dates_injected as di

    # A bare "Nov. 3" told as past on a page of 7 May 1999 is 1998's, though 1999's is nearer.
    assert di._year_near(dt.date(1999, 5, 7), 11, 3) == 1998
    assert di._year_near(dt.date(1999, 5, 7), 11, 3, future=True) == 1999
    [doc] = nlp.parse(["Dresden Drive is closed between Ellijay Drive and Apple Valley Road "
                       "due to a gas leak, police reported on Nov. 8."])
    assert not di._told_as_coming(doc)  # "due to" gives a cause
    for seed in range(5):
        assert "Ellijay Drive" in di._name_variants(doc.text, doc, random.Random(seed))
    texts = ["Shooting inquiry", "Police questioned neighbours.", "The FBI joined the case.",
             "But on April 8, investigators searched the site of the shooting near the Slepian "
             "home.", "The rifle was found."]
    docs = list(nlp.parse(texts))
    [source] = di.find_sources("slepian", texts, docs, dt.date(1999, 5, 5))
    framed = [di.build(source, "absolute", True, random.Random(seed),
                       lambda text: next(iter(nlp.parse([text])))) for seed in range(12)]
    prefixed = [i.inserted for i in framed if i is not None and i.frame > 0
                and not di._FRAMES[i.frame].startswith("{")]
    assert prefixed and not any("but on" in text.lower() for text in prefixed)


def test_the_generator_reads_days_counted_from_the_page_and_only_happenings() -> None:
    import random

    from newslint.server.evaluate import dates_injected as di

    saturday = dt.date(1999, 4, 10)
    texts = ["Slepian inquiry",
             "Investigators said Friday they found a rifle buried near the home of Slepian.",
             "The FBI's stock of leads was thin in Buffalo yesterday.",
             "Yesterday, Kopp's lawyer told reporters in Dublin that his client was innocent.",
             "The rifle was sent to a laboratory in Washington for tests.",
             "Neighbours in Amherst described the family as quiet."]
    docs = list(nlp.parse(texts))
    sources = {s.block: s for s in di.find_sources("kopp", texts, docs, saturday)}
    # "was thin … yesterday" tells a state, not a happening; the other two count from the
    # page's date: Friday the day before it, yesterday the same.
    assert sorted(sources) == [1, 3]
    assert (sources[1].form, sources[1].day) == ("weekday", dt.date(1999, 4, 9))
    assert (sources[3].form, sources[3].day) == ("yesterday", dt.date(1999, 4, 9))
    assert di.find_sources("kopp", texts, docs) == [s for s in di.find_sources(
        "kopp", texts, docs) if s.form == "date"]  # without a page date, no counted days

    def parse(text: str) -> Any:
        return next(iter(nlp.parse([text])))

    absolute = di.build(sources[1], "absolute", False, random.Random(2), parse)
    assert absolute is not None and absolute.published == saturday
    assert re.search(r"said on (?:\d+ April|April \d+) they found", absolute.inserted)
    assert "Friday" not in absolute.inserted
    control = di.build(sources[3], "absolute", True, random.Random(2), parse)
    assert control is not None and re.search(r"\b(?:9 April|April 9)\b", control.inserted)
    # A weekday re-telling keeps the page's date, which "Friday" counts from, and names
    # another day of the week before it.
    weekday = di.build(sources[1], "weekday", False, random.Random(3), parse)
    assert weekday is not None and weekday.published == saturday
    assert re.search(r"said on (?:Wednesday|Thursday) they", weekday.inserted)


def _timeml(paragraphs: str) -> str:
    """A TimeBank-like document of 27 Oct 1989: a first and a last paragraph of no date
    around `paragraphs` (TimeML text, each ending in a blank line)."""
    return ('<?xml version="1.0" ?><TimeML><DOCID>wsj</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
            'value="1989-10-27" functionInDocument="CREATION_TIME">10/27/89</TIMEX3></DCT>'
            "<TEXT>Jaguar shares rose in London.\n\n" + paragraphs
            + "Analysts in London were surprised.\n</TEXT></TimeML>")


def test_the_generator_takes_timebank_days_from_the_annotation(tmp_path: Path) -> None:
    from newslint.server.evaluate import dates_injected as di

    (tmp_path / "wsj.tml").write_text(_timeml(
        'General Motors Corp. said <TIMEX3 tid="t1" type="DATE" value="1989-10-25">'
        "Wednesday</TIMEX3> it bought a stake in Jaguar PLC.\n\n"
        'Ford Motor Co. made its offer <TIMEX3 tid="t2" type="DATE" value="1989-10">this '
        "month</TIMEX3> in Detroit.\n\n"
    ), encoding="utf-8")
    [(name, texts, published, gold)] = list(di.read_pages(tmp_path))
    assert published == dt.date(1989, 10, 27) and gold is not None
    assert [[(texts[i][a:b], value) for a, b, value, _type in g] for i, g in enumerate(gold)] \
        == [[], [("Wednesday", "1989-10-25")], [("this month", "1989-10")], []]
    [source] = di.find_sources(name, texts, list(nlp.parse(texts)), published, gold)
    # The gold value is the source's day (not a month: "this month" is no source).
    assert (source.block, source.form, source.day) == (1, "weekday", dt.date(1989, 10, 25))
    assert source.sentence[source.start:source.end] == "Wednesday"


def test_a_price_move_is_one_event_only_with_the_same_figures() -> None:
    friday = dt.date(1989, 10, 27)
    told_twice = page_of(
        "In New York Stock Exchange composite trading yesterday, Compaq shares fell $1.625 "
        "to $108.625.",
        "Analysts said the computer maker's new line was late.",
        "In New York Stock Exchange composite trading on October 23, Compaq shares fell "
        "$1.625 to $108.625, the report said.", published=friday)
    [annotation] = [a for a in find_date_conflicts(told_twice).annotations
                    if a.rule == "date.conflict"]
    assert annotation.evidence["event"]["why_one_event"]["told_as"] == ["fell"] * 2
    # Two days' moves of one price, with their own figures, are two moves; a closing
    # told without a figure is no move one could tell apart from another.
    two_days = page_of(
        "In New York Stock Exchange composite trading yesterday, Compaq shares fell $1.625 "
        "to $108.625.",
        "Analysts said the computer maker's new line was late.",
        "In New York Stock Exchange composite trading on October 23, Compaq shares fell "
        "$2.25 to $110.25.", published=friday)
    no_figures = page_of(
        "The Brooklyn Bridge closed on October 23 after Governor Cuomo ordered repairs.",
        "Engineers inspected the cables.",
        "The Brooklyn Bridge closed on October 25 after Governor Cuomo ordered repairs.",
        published=friday)
    # A change alone recurs from day to day, and so does a round level: the same figures
    # on two days leave it unclear whether one move is told twice.
    friday_2024 = dt.date(2024, 3, 15)
    same_change = page_of(
        "Apple shares rose 1% on Monday after the company unveiled a new iPhone in Cupertino.",
        "Microsoft and Nvidia also gained.",
        "Apple shares rose 1% on Wednesday, extending the iPhone rally in Cupertino.",
        published=friday_2024)
    same_seats = page_of("The Conservatives gained 12 seats in Birmingham on May 2.",
                         "Turnout was low.",
                         "The Conservatives gained 12 seats in Manchester on May 9.",
                         published=friday_2024)
    round_level = page_of("Brent crude closed at $82 a barrel in London on Monday.",
                          "OPEC ministers met in Vienna.",
                          "Brent crude closed at $82 a barrel in London on Thursday.",
                          published=friday_2024)
    for page in (two_days, no_figures, same_change, same_seats, round_level):
        assert [a for a in find_date_conflicts(page).annotations
                if a.rule == "date.conflict"] == []
    # "the year ending June 30, 1990" bounds a period, and "expects income to fall" is a
    # forecast: neither is a move told as past, so neither is dated after the page.
    forecast = page_of("Elco Industries Inc. said it expects net income in the year ending "
                       "June 30, 1990, to fall below a recent analyst's estimate of $1.65 a "
                       "share.", "Elco makes fasteners.", "Its shares were unchanged.",
                       published=dt.date(1989, 11, 2))
    assert [a.rule for a in find_date_conflicts(forecast).annotations
            if a.rule == "date.after_publication"] == []


def test_a_relative_date_is_not_a_word_of_repetition() -> None:
    # "A day earlier, Crossland closed …" dates the close; "earlier" is the date's word,
    # not a mark of another, earlier close.
    page = page_of("In composite trading on the New York Stock Exchange Friday, Crossland "
                   "closed at $5.25, down $1.875, a 26% decline.",
                   "Analysts were unimpressed.",
                   "The account was made public on October 30, 1989. In composite trading on "
                   "the New York Stock Exchange a day earlier, Crossland closed at $5.25, down "
                   "$1.875, a 26% decline.", published=dt.date(1989, 10, 30))
    [annotation] = [a for a in find_date_conflicts(page).annotations
                    if a.rule == "date.conflict"]
    assert "'a day earlier' than 'October 30, 1989'" in annotation.message


def test_a_surname_the_model_calls_a_place_is_the_person_it_calls_an_organisation() -> None:
    # spaCy reads "Olaf Scholz" as an ORG here and the bare "Scholz" as a GPE: the
    # surname is still his, so the re-telling has both participants.
    from newslint.server.engine.dates.events import Cast

    texts = ["Chancellor Olaf Scholz met President Emmanuel Macron in Paris on May 6, 2024.",
             "Talks went well.",
             "The figures came out on May 9, 2024. Two days later, Scholz met Macron in Paris."]
    docs = list(nlp.parse(texts))
    cast = Cast(docs)
    scholz = cast.lookup("Olaf Scholz", "ORG")
    assert scholz is not None and cast.lookup("Scholz", "GPE") is scholz
    assert cast.lookup("Paris", "GPE") is not scholz
    [annotation] = [a for a in find_date_conflicts(page_of(*texts)).annotations
                    if a.rule == "date.conflict"]
    assert "'Two days later' than 'May 9, 2024'" in annotation.message
    # A two-word organisation with no person's title is no person: the bank "Wells Fargo"
    # keeps the town "Fargo" apart.
    bank = Cast(list(nlp.parse(["Wells Fargo opened a branch on Main Street.",
                                "The bank hired staff in Fargo last year."])))
    wells_fargo = bank.lookup("Wells Fargo", "ORG")
    fargo = bank.lookup("Fargo", "GPE")
    assert wells_fargo is not None and fargo is not None and fargo is not wells_fargo


@pytest.mark.parametrize("opening", ["As noted, in", "Meanwhile, in", "In"])
def test_a_date_in_a_fronted_phrase_is_of_the_clause_after_it(opening: str) -> None:
    # "As noted" only introduces the sentence: "on Monday" dates the fall, not the noting.
    page = page_of("In New York Stock Exchange composite trading yesterday, Compaq shares fell "
                   "$1.625 to $108.625.",
                   "Analysts were unimpressed.",
                   f"{opening} New York Stock Exchange composite trading on Monday, Compaq "
                   "shares fell $1.625 to $108.625.", published=dt.date(1989, 10, 26))
    [annotation] = [a for a in find_date_conflicts(page).annotations
                    if a.rule == "date.conflict"]
    assert annotation.evidence["event"]["why_one_event"]["told_as"] == ["fell"] * 2
    # A clause before the comma is no introduction: "Police arrested Kopp, in Lisbon on
    # June 7, …" dates the arrest.
    assert event_of(page_of("Police arrested Karl Mendes, in Lisbon on June 7, after a long "
                            "search.", published=dt.date(2021, 6, 12)), "June 7")[0] \
        == "arrest"


def test_the_generator_reads_coming_from_the_verb_nearest_the_date_not_the_sentence() -> None:
    import random

    from newslint.server.evaluate import dates_injected as di

    def sources(sentence: str, published: dt.date | None) -> list[Any]:
        texts = ["Ballot measure", sentence, "Voters will decide in November.",
                 "Polls in Sacramento show a close race."]
        return [s for s in di.find_sources("ca", texts, list(nlp.parse(texts)), published)
                if s.block == 1]

    # A "will" elsewhere in the sentence does not make a past "said Tuesday" next week's.
    wednesday = dt.date(2020, 2, 19)
    [said] = sources("The measure will give voters in California a choice, Governor Gavin "
                     "Newsom said Tuesday.", wednesday)
    assert (said.form, said.day) == ("weekday", dt.date(2020, 2, 18))
    assert not said.coming
    # The verb nearest the date does: "will meet on Friday" is the Friday to come.
    [meet] = sources("Governor Gavin Newsom will meet Mayor London Breed in Sacramento on "
                     "Friday.", wednesday)
    assert (meet.day, meet.coming) == (dt.date(2020, 2, 21), True)
    # On a page without a date of its own, a past happening's page is published after it.
    [written] = sources("The measure will give voters in California a choice, Governor Gavin "
                        "Newsom said on Feb. 18.", None)
    injection = di.build(written, "absolute", False, random.Random(1),
                         lambda text: next(iter(nlp.parse([text]))))
    assert injection is not None and injection.published == dt.date(2020, 2, 20)


def test_the_generator_takes_will_and_a_verb_without_a_parser() -> None:
    from newslint.server.evaluate import dates_injected as di

    texts = ["Leaders meet in Paris",
             "Chancellor Olaf Scholz will meet Emmanuel Macron in Paris on May 6.",
             "The two men are to discuss energy prices.",
             "Officials from both governments expect friendly talks."]
    docs = list(nlp.parse(texts))
    # The pipeline has no parser (a token is its own head), and the sentence has no verb in
    # the past: only "will" before "meet" says it tells a happening, one to come.
    assert not any(t.tag_ == "VBD" for t in docs[1])
    [source] = di.find_sources("summit", texts, docs, dt.date(2024, 5, 1))
    assert (source.block, source.day, source.coming) == (1, dt.date(2024, 5, 6), True)


@pytest.mark.parametrize("sentence", [
    "Former Prime Minister Boris Johnson told the Sunday Times that he regretted nothing.",
    "Senator Bernie Sanders lost Virginia on Super Tuesday to Joe Biden.",
    "Shoppers crowded the Macy's store in Chicago on Black Friday.",
    "Pilgrims walked to the Vatican on Good Friday.",
    "Crowds gathered in Jerusalem on Palm Sunday.",
    "Police arrested Karl Mendes in Lisbon Friday night.",
    "Police arrested Karl Mendes in Lisbon on Friday morning.",
])
def test_the_generator_takes_no_weekday_of_a_name_or_before_a_part_of_day(
        sentence: str) -> None:
    from newslint.server.evaluate import dates_injected as di

    texts = ["News", sentence, "Officials in Lisbon gave no details.", "The inquiry goes on."]
    assert di.find_sources("p", texts, list(nlp.parse(texts)), dt.date(2024, 4, 10)) == []


@pytest.mark.parametrize("sentence", [
    "Police arrested Karl Mendes in Lisbon Friday.",
    "Poland, Hungary and the Czech Republic Friday formally joined NATO.",
    "Officials met at Camp David Friday to talk about Iran.",
])
def test_a_weekday_after_a_place_is_still_a_day(sentence: str) -> None:
    from newslint.server.evaluate import dates_injected as di

    texts = ["News", sentence, "Officials in Lisbon gave no details.", "The inquiry goes on."]
    [source] = di.find_sources("p", texts, list(nlp.parse(texts)), dt.date(2024, 4, 10))
    assert (source.form, source.day, source.date_text) == ("weekday", dt.date(2024, 4, 5),
                                                           "Friday")


def test_the_generator_counts_the_timebank_sources_whose_value_is_not_the_pages_reading(
        tmp_path: Path) -> None:
    from newslint.server.evaluate import dates_injected as di
    from newslint.server.evaluate.halves import half_of

    # DCT Friday 27 Oct 1989. "said Wednesday" valued a week earlier than the DCT gives,
    # and "flew Tuesday" valued as the coming one though told as past, are dropped; "…
    # will appeal, a spokesman told reporters Tuesday" is valued as the past Tuesday, as a
    # reader reads it, and is a source (a "will" elsewhere in the sentence does not make it
    # next week's).
    (tmp_path / "wsj_drop.tml").write_text(_timeml(
        'General Motors Corp. said <TIMEX3 tid="t1" type="DATE" value="1989-10-18">'
        "Wednesday</TIMEX3> it bought a stake in Jaguar PLC.\n\n"
        "Chairman John Egan flew to Tokyo "
        '<TIMEX3 tid="t2" type="DATE" value="1989-10-31">Tuesday</TIMEX3>, Jaguar said.\n\n'
        "Ford Motor Co. said it will appeal, a spokesman told reporters in Detroit "
        '<TIMEX3 tid="t3" type="DATE" value="1989-10-24">Tuesday</TIMEX3>.\n\n'
    ), encoding="utf-8")
    [(name, texts, published, gold)] = list(di.read_pages(tmp_path))
    dropped: Counter[str] = Counter()
    sources = di.find_sources(name, texts, list(nlp.parse(texts)), published, gold, dropped)
    assert [(s.block, s.day) for s in sources] == [(3, dt.date(1989, 10, 24))]
    assert not sources[0].coming
    assert dropped == {"another_day": 1, "read_past": 1}
    result = di.run([tmp_path], per_page=1)
    half = half_of(name)
    assert result["timeml_dropped"] == {f"{half}:another_day": 1, f"{half}:read_past": 1}
    assert f"{half}:another_day 1" in di._report(result, 0)


# --- stop 22: dates of acts read where a reader reads them -------------------------------


def conflicts(page: Page) -> list[Any]:
    return [a for a in find_date_conflicts(page).annotations if a.rule == "date.conflict"]


MEETING = ("Chancellor Olaf Scholz met President Emmanuel Macron in Paris on May 6, 2024, "
           "to discuss defence.")


def test_a_date_fronted_after_that_is_of_the_clause_after_it() -> None:
    """"… remember that in Paris on May 9, Scholz met Macron": the date is the meeting's,
    not the remembering's; "again" or the same day still make no conflict."""
    [annotation] = conflicts(page_of(
        MEETING, "Few now remember that in Paris on May 9, 2024, Scholz met Macron to discuss "
        "defence."))
    assert annotation.evidence["event"]["action"] == "meeting"
    assert conflicts(page_of(MEETING, "It is worth noting that on May 9, 2024, Scholz met "
                                      "Macron again to discuss defence.")) == []
    assert conflicts(page_of(MEETING, "Observers noted that in Paris on May 6, 2024, Scholz "
                                      "met Macron to discuss defence.")) == []


def test_a_frames_will_does_not_make_a_fronted_or_participle_date_coming() -> None:
    wednesday = dt.date(2024, 3, 6)
    page = page_of("Readers will remember that in a joint statement published Saturday, Iran "
                   "and Oman said they had agreed to more talks.", published=wednesday)
    assert value(page, "Saturday") == ("2024-03-02", "day", "published")
    page = page_of("It bears repeating that in national trading on Tuesday, POP plunged $2 to "
                   "$14.50.", published=wednesday)
    assert value(page, "Tuesday") == ("2024-03-05", "day", "published")
    # A participle told as to come stays so.
    page = page_of("The report, which will be published Friday, names the donors.",
                   published=wednesday)
    assert value(page, "Friday") == ("2024-03-08", "day", "published")


def test_an_infinitive_after_the_date_does_not_set_its_tense() -> None:
    """"will then travel to Berlin on Friday to meet Scholz": the travel is to come; the
    infinitive after the date is its purpose, not its tense."""
    wednesday = dt.date(2024, 3, 6)
    page = page_of("Rutte will then travel to Berlin on Friday to meet Olaf Scholz.",
                   published=wednesday)
    assert value(page, "Friday") == ("2024-03-08", "day", "published")
    # The infinitive before the date still has no tense of its own.
    page = page_of("The court subpoenaed him to testify on Friday.", published=wednesday)
    assert mention(page, "Friday").phrase.tense == 0
    # Without a "will" before the date, an infinitive after it still says the tense is not
    # told (a year-less date then takes the nearest year, here the coming one) ...
    page = page_of("The mayor has invited the players to a ceremony at City Hall on March 12 "
                   "to mark the title.", published=dt.date(1999, 2, 16))
    assert value(page, "March 12") == ("1999-03-12", "day", "published")
    # ... and a participle after its noun is past only when the date is its own.
    page = page_of("The bank said it will buy all bonds tendered by holders from today "
                   "through Nov. 17.", published=dt.date(1989, 10, 27))
    assert value(page, "Nov. 17")[0] == "1989-11-17"


def test_a_time_clause_after_a_fronted_date_is_passed_over() -> None:
    """"On March 4, as Rutte flew home, the ministry lifted a warning": the date is the
    lifting's; a second warning, or a date of the flight, is not the first lifting."""
    lifted = "The Dutch foreign ministry lifted a travel warning for Bali on March 1, 2024."
    [annotation] = conflicts(page_of(
        lifted, "On March 4, 2024, as Rutte flew home from Washington, the Dutch foreign "
        "ministry lifted a travel warning for Bali."))
    assert annotation.evidence["event"]["why_one_event"]["told_as"] == ["lifted", "lifted"]
    assert conflicts(page_of(
        lifted, "On March 4, 2024, while Rutte was in Washington, the Dutch foreign ministry "
        "lifted a second travel warning for Bali.")) == []
    assert conflicts(page_of(
        lifted, "On March 4, 2024, when the Dutch foreign ministry lifted a travel warning for "
        "Bali, Rutte flew to Washington.")) == []


def test_a_start_is_dated_with_its_act_and_an_end_is_another_event() -> None:
    trial = "The trial of Sam Bankman-Fried began on October 3, 2023, in Manhattan."
    [annotation] = conflicts(page_of(trial, "Bankman-Fried's trial began in Manhattan on "
                                            "October 5, 2023."))
    assert annotation.evidence["event"]["action"] == "start of the trial"
    strike = "The strike by Boeing machinists began on September 13, 2024, in Seattle."
    assert len(conflicts(page_of(strike, "Boeing machinists began their strike in Seattle on "
                                         "September 16, 2024."))) == 1
    truce = "Israel and Hamas began a truce in Gaza on November 24, 2023."
    assert len(conflicts(page_of(truce, "The truce between Israel and Hamas in Gaza began on "
                                        "November 22, 2023."))) == 1
    for other in ("The trial of Sam Bankman-Fried ended on November 2, 2023, in Manhattan.",
                  "A second trial of Sam Bankman-Fried began on March 11, 2024, in Manhattan.",
                  "The trial of Caroline Ellison began on October 5, 2023, in Manhattan.",
                  "The sentencing hearing of Sam Bankman-Fried began on March 28, 2024, in "
                  "Manhattan."):
        assert conflicts(page_of(trial, other)) == [], other
    for other in ("Boeing machinists ended their strike in Seattle on November 4, 2024.",):
        assert conflicts(page_of(strike, other)) == [], other
    for other in ("The truce between Israel and Hamas in Gaza ended on December 1, 2023.",
                  "Israel and Hamas began a new truce in Gaza on January 19, 2025."):
        assert conflicts(page_of(truce, other)) == [], other


def test_talks_are_one_round_unless_told_as_another() -> None:
    talks = "Iran and Oman held talks in Muscat on June 3, 2023."
    assert len(conflicts(page_of(
        "The talks between Iran and Oman in Muscat on June 3, 2023, ended without a deal.",
        "Iran and Oman held talks in Muscat on June 5, 2023, that ended without a deal."))) == 1
    # Talks run over days and recur: the same parties and place on two days, with nothing
    # more said of them in both, are two days of talks, not one round dated twice (review).
    for first, second in (
            ("Chancellor Olaf Scholz held talks with President Emmanuel Macron in Paris on May 6, "
             "2024.", "Scholz and Macron held talks in Paris on May 8, 2024, on defence."),
            ("American and Russian officials held talks in Geneva on January 10, 2022.",
             "American and Russian officials held talks in Geneva on January 12, 2022, on "
             "missiles in Europe."),
            ("Ukraine and Russia held talks in Istanbul on March 29, 2022.",
             "Ukraine and Russia held talks in Istanbul on May 16, 2025."),
            ("Antony Blinken held talks with Wang Yi in Beijing on April 26, 2024.",
             "Antony Blinken held talks with Wang Yi in Lima on November 15, 2024.")):
        assert conflicts(page_of(first, second)) == [], second
    for other in ("Iran and Oman held new talks in Muscat on June 5, 2023.",
                  "Iran and Oman held talks again in Muscat on June 5, 2023.",
                  "Iran held talks with Qatar in Doha on June 5, 2023.",
                  "Iran and Oman held further talks in Muscat on June 5, 2023.",
                  "Iran and Oman held a second round of talks in Muscat on June 5, 2023."):
        assert conflicts(page_of(talks, other)) == [], other


def test_a_news_conference_is_one_event_only_when_both_say_the_same_of_it() -> None:
    wednesday = dt.date(1999, 5, 5)
    scheduled = ("Mayor Eric Adams has scheduled a news conference Friday to announce the new "
                 "stadium plan.")
    page = page_of(scheduled, published=wednesday)
    assert value(page, "Friday") == ("1999-05-07", "day", "published")
    assert len(conflicts(page_of(
        scheduled, "Adams will hold the news conference on May 10 to announce the new stadium "
        "plan, his office said.", published=wednesday))) == 1
    assert conflicts(page_of(
        scheduled, "Adams will hold the news conference on May 7 to announce the new stadium "
        "plan, his office said.", published=wednesday)) == []
    held = "Mayor Eric Adams held a news conference Monday to announce the new stadium plan."
    for other in ("Adams held a news conference on April 28 to defend the budget cuts.",
                  "Adams held another news conference on April 28 to announce the new stadium "
                  "plan."):
        assert conflicts(page_of(held, other, published=wednesday)) == [], other


def test_a_dated_page_takes_a_bare_dates_year_from_its_own_paragraph_not_the_one_before() -> None:
    """"… until the restriction expires on Dec. 31, 1990." then, in the next paragraph,
    "… on 26 October": the page's date (27 Oct 1989) tells the year, not another story's
    deadline; in one paragraph the written day still does."""
    friday = dt.date(1989, 10, 27)
    deadline = ("The government may keep its golden share until the restriction expires on "
                "Dec. 31, 1990.")
    rose = "Jaguar shares rose to a record in London on 26 October."
    assert value(page_of(deadline, rose, published=friday), "26 October") == (
        "1989-10-26", "day", "published")
    assert value(page_of(f"{deadline} {rose}", published=friday), "26 October") == (
        "1990-10-26", "day", "mention")
    # Without a publication date the paragraph before is still the best guide.
    assert value(page_of(deadline, rose), "26 October")[0] == "1990-10-26"


def test_a_definite_set_of_acts_is_one_happening_only_on_what_both_say() -> None:
    """"The bombings … on Aug. 7 killed 224 people" is one known set of acts; sets recur
    ("the protests on Saturday drew thousands"), so a figure or three words both say
    must make the two tellings one."""
    bombings = ("The bombings at the U.S. embassies in Kenya and Tanzania on Aug. 7, 1998, "
                "killed 224 people.")
    assert len(conflicts(page_of(bombings, bombings.replace("Aug. 7", "Aug. 9")))) == 1
    attacks = "The attacks on Israel by Hamas on October 7, 2023, killed about 1,200 people."
    assert len(conflicts(page_of(attacks, attacks.replace("October 7", "October 9")))) == 1
    for first, other in (
            (bombings, "Two more bombings at the U.S. embassies in Kenya and Tanzania on Aug. "
                       "9, 1998, killed 12 people."),
            (attacks, "The attacks on Israel by Hezbollah on October 9, 2023, killed two "
                      "soldiers."),
            ("The strikes on March 4, 2024 hit Kyiv and Lviv.",
             "The strikes on March 6, 2024 hit Kyiv and Lviv."),
            ("The protests on March 2, 2024 drew thousands in Paris and Lyon.",
             "The protests on March 3, 2024 drew thousands in Paris and Lyon."),
            ("Israeli airstrikes on Gaza on October 9, 2023, killed dozens of people.",
             "Israeli airstrikes on Gaza on October 10, 2023, killed dozens of people."),
            ("The airstrikes on Gaza by Israel on October 9, 2023, killed 40 people.",
             "The airstrikes on Gaza by Israel on October 10, 2023, killed 25 people."),
            ("The meetings between Blinken and Wang Yi in Beijing on April 26, 2024, covered "
             "trade.", "The meetings between Blinken and Wang Yi in Beijing on April 29, 2024, "
                       "covered Taiwan.")):
        assert conflicts(page_of(first, other)) == [], other


def test_a_departure_is_an_act_told_alike_or_not_at_all() -> None:
    friday = dt.date(1998, 8, 14)
    left = ("Secretary of State Madeleine Albright departed Tuesday for consultations with "
            "NATO allies in Brussels.")
    assert len(conflicts(page_of(left, "Albright departed on Wednesday for consultations with "
                                       "NATO allies in Brussels, aides said.",
                                 published=friday))) == 1
    for other in ("Albright departed on Wednesday for a visit to Kenya and Tanzania.",
                  "Albright departed Brussels on Thursday after the consultations."):
        assert conflicts(page_of(left, other, published=friday)) == [], other
    decided = "The Federal Reserve decided on Wednesday to hold interest rates steady."
    assert conflicts(page_of(decided, "The Federal Reserve decided on Thursday to raise the "
                                      "discount rate.", published=friday)) == []
    assert conflicts(page_of(
        "The Federal Reserve decided on March 3, 2024, to hold interest rates steady.",
        "The Bank of England decided on March 5, 2024, to hold interest rates steady.")) == []


def test_different_happenings_the_review_joined_stay_apart() -> None:
    """Probes from the review of the new rules: each pair tells two happenings, and each
    was flagged as one event dated twice."""
    for paragraphs, published in (
            # "Leave" is mostly not a departure.
            (("Hurricane Helene left 200 people dead in North Carolina on September 27, 2024.",
              "Hurricane Helene left 200 people dead in North Carolina on October 2, 2024."),
             None),
            (("President Joe Biden left the White House on March 1, 2024, for a weekend at "
              "Camp David.", "President Joe Biden left the White House on March 8, 2024, for a "
              "weekend at Camp David."), None),
            # The start of a part of an act is not the act's start.
            (("Jury selection in the trial of Donald Trump began in Manhattan on April 15, 2024.",
              "Opening statements in the trial of Donald Trump began in Manhattan on April 22, "
              "2024."), None),
            # A history paragraph on a dated page keeps the year its own story gives.
            (("Japan attacked Pearl Harbor on Dec. 7, 1941.",
              "On Dec. 8, President Franklin Roosevelt asked Congress to declare war on Japan. "
              "Three days later, Germany declared war on the United States.",
              "Germany declared war on the United States on Dec. 11, 1941."),
             dt.date(2024, 12, 6))):
        assert conflicts(page_of(*paragraphs, published=published)) == [], paragraphs


def test_a_participle_after_its_noun_is_past_only_under_a_telling_frame() -> None:
    """"Readers will remember that a statement published Saturday" is a done act; "will
    keep the roads closed Friday" and "the summit rescheduled for Friday" are to come, and
    "has set a record Thursday" is done (review: each was read a week off)."""
    wednesday = dt.date(2024, 3, 20)
    for sentence, word, day in (
            ("The city will keep the roads closed Friday for the parade.", "Friday", 22),
            ("The league will play the game rescheduled for Sunday in Boston.", "Sunday", 24),
            ("Unions will join the strike called for Monday by the CGT.", "Monday", 25),
            ("Fans will watch the debate between the two candidates televised Thursday on CNN.",
             "Thursday", 21),
            ("Bitcoin has set a record high Thursday, rising above $73,000.", "Thursday", 14),
            ("Police have planned the raid Monday, officials said.", "Monday", 18),
            ("Readers will remember that in a joint statement published Saturday, the two "
             "leaders agreed.", "Saturday", 16),
            ("Mayor Eric Adams has scheduled a news conference Friday to announce the plan.",
             "Friday", 22)):
        assert value(page_of(sentence, published=wednesday), word) == (
            f"2024-03-{day}", "day", "published"), sentence


def test_a_cast_name_the_model_leaves_untagged_in_a_frame_is_still_the_cast() -> None:
    """The model tags "Queen Elizabeth II" in "Queen Elizabeth II died …" but not after
    "Looking back,": the name the page tags elsewhere is the same participant there."""
    died = "Queen Elizabeth II died at Balmoral Castle on September 8."
    framed = "Looking back, Queen Elizabeth II died at Balmoral Castle on September 7."
    [doc] = nlp.parse([framed])
    assert not any(e.label_ == "PERSON" for e in doc.ents)
    [annotation] = conflicts(page_of(died, framed, published=dt.date(2022, 9, 15)))
    assert "Elizabeth II" in annotation.message and "of II " not in annotation.message
    assert conflicts(page_of(died, "Looking back, Queen Elizabeth II died at Balmoral Castle on "
                                   "8 September.", published=dt.date(2022, 9, 15))) == []
    # A name the page never tags as a person or organisation is no participant.
    assert conflicts(page_of("Queen Anne visited Balmoral Castle on September 8.",
                             "Looking back, Queen Elizabeth II died at Balmoral Castle on "
                             "September 7.", published=dt.date(2022, 9, 15))) == []


def test_a_frame_before_a_comma_neither_takes_the_date_nor_makes_the_act_another() -> None:
    """"Put another way, Hurricane Fiona made landfall … on Monday": the frame's verb is
    not the date's act, and its "another" is not said of the hurricane."""
    thursday = dt.date(2022, 9, 15)
    landfall = "Hurricane Fiona made landfall in Puerto Rico on Wednesday, knocking out power."
    for frame in ("Put another way, ", "Looking back, "):
        told = f"{frame}Hurricane Fiona made landfall in Puerto Rico on Monday, knocking out power."
        assert len(conflicts(page_of(landfall, "Markets were calm.", told,
                                     published=thursday))) == 1, frame
        same = told.replace("on Monday", "on September 14")
        assert conflicts(page_of(landfall, "Markets were calm.", same,
                                 published=thursday)) == [], frame
    # A repeat word said of the act itself still sets it apart.
    assert conflicts(page_of(
        landfall, "Markets were calm.", "Put simply, another Hurricane Fiona made landfall in "
        "Puerto Rico on Monday, knocking out power.", published=thursday)) == []
