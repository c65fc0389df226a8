"""Fuzzing: schemathesis over every operation of /v1/openapi.json, hypothesis on the engine.

Every generated request must get a documented status, never a 5xx, and every response
must match the schemas in shared/ (schemathesis checks both). 1,000 cases per operation
and for the engine (about 15 s); NEWSLINT_FUZZ_EXAMPLES changes the count.
"""

from __future__ import annotations

import functools
import json
import os
import urllib.parse
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newslint.server.engine.analyze import analyze
from newslint.server.engine.page import Block, Page
from newslint.server.pages.contract import validator
from newslint.server.web.app import create_app
from newslint.server.web.openapi import openapi
from newslint.server.web.security import TOKEN_HEADER
from schemathesis.checks import positive_data_acceptance

EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "1000"))


#: Every operation the document describes: the API and the history.
OPERATIONS = [(path, method.upper()) for path, item in openapi()["paths"].items()
              for method in item if method in ("get", "post", "put", "delete", "patch")]


@pytest.mark.slow  # a thousand generated requests each (NEWSLINT_FUZZ_EXAMPLES)
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_every_operation_answers_within_its_contract(path: str, method: str) -> None:
    app = create_app()
    headers = {TOKEN_HEADER: app.config["NEWSLINT_TOKEN"]}
    client = app.test_client()
    for number in range(1, 4):  # pages 1-3 exist, so history operations meet real data too
        client.post("/v1/analyze", headers=headers, json={
            "url": f"https://fuzz.example/{number}",
            "blocks": [{"id": "p", "kind": "p", "text": f"Page {number} of the fuzzed history."}]})
    schema = schemathesis.openapi.from_wsgi("/v1/openapi.json", app)

    @given(case=schema[path][method].as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def call(case) -> None:
        # A schema cannot say "block ids are unique" or "at most max_blocks": a request
        # can be schema-valid and rightly refused with a documented 413 or 422.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    call()


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)


@pytest.mark.slow  # a thousand generated requests each (NEWSLINT_FUZZ_EXAMPLES)
@given(st.lists(TEXT, max_size=12), st.sampled_from(["en", "de", None]))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_engine_answers_any_unicode_within_the_schema(texts: list[str],
                                                         lang: str | None) -> None:
    page = Page(blocks=[Block(f"b{i}", "p", t) for i, t in enumerate(texts)], language=lang)
    body = analyze(page).to_json()
    validator("analyze-response").validate({**body, "blocks": None})
    lengths = {f"b{i}": len(t) for i, t in enumerate(texts)}
    for annotation in body["annotations"]:
        assert 0 <= annotation["start"] <= annotation["end"] <= lengths[annotation["block"]]


# --- issue 16: the new limits, and values JSON allows but text cannot hold ----------------

#: Strings with anything in them, lone surrogates included (json.dumps escapes them).
ANY_TEXT = st.text(st.characters(), max_size=60)
DAYS = st.dates().map(lambda d: d.isoformat())
#: Tight limits, so generated requests meet every one of them, the deadline included.
TIGHT = {"analysis_timeout_seconds": 0.3, "long_page_words": 50, "max_blocks": 40,
         "max_concurrent_analyses": 1, "analysis_wait_seconds": 0.1}


@pytest.mark.slow  # a thousand generated requests each (NEWSLINT_FUZZ_EXAMPLES)
@pytest.mark.parametrize(("path", "method"), [("/v1/analyze", "POST"),
                                              ("/v1/history/pages", "GET"),
                                              ("/v1/history/export", "GET")])
def test_every_operation_answers_within_its_contract_under_tight_limits(
        path: str, method: str) -> None:
    app = create_app(TIGHT)
    headers = {TOKEN_HEADER: app.config["NEWSLINT_TOKEN"]}
    schema = schemathesis.openapi.from_wsgi("/v1/openapi.json", app)

    @given(case=schema[path][method].as_strategy())
    @settings(max_examples=max(50, EXAMPLES // 4), deadline=None,
              suppress_health_check=list(HealthCheck))
    def call(case) -> None:
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    call()


@given(block_id=ANY_TEXT, text=ANY_TEXT, url=ANY_TEXT, title=ANY_TEXT, published=DAYS,
       digits=st.integers(min_value=1, max_value=6000),
       copies=st.integers(min_value=1, max_value=60))
@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_json_value_is_answered_without_a_5xx(block_id: str, text: str, url: str,
                                                  title: str, published: str, digits: int,
                                                  copies: int) -> None:
    """Lone surrogates in any string, integers past Python's 4,300 digits, any date as
    `published` (years 1 to 9999), repeated ids, too many blocks: never a 5xx."""
    app = _tight_app()
    body = json.dumps({"url": url, "title": title, "published": published, "n": 0,
                       "blocks": [{"id": block_id, "kind": "p",
                                   "text": f"{text} Yesterday, a year ago and next year."}]
                       * copies}).replace('"n": 0', '"n": ' + "7" * digits, 1)
    response = app.test_client().post("/v1/analyze", data=body, headers={
        TOKEN_HEADER: app.config["NEWSLINT_TOKEN"], "Content-Type": "application/json"})
    assert response.status_code < 500, response.get_json()
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"


@given(since=DAYS, until=DAYS, q=TEXT)  # a query string is UTF-8: no lone surrogates
@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_date_filter_is_answered_without_a_5xx(since: str, until: str, q: str) -> None:
    app = _tight_app()
    client = app.test_client()
    # A lone surrogate cannot be encoded as UTF-8, so the test client would fail before
    # sending anything: send its bytes as they are (surrogatepass), as a hostile client can.
    query = urllib.parse.urlencode({"since": since, "until": until, "q": q},
                                   errors="surrogatepass")
    for path in ("/v1/history/pages", "/v1/history/stats", "/v1/history/export"):
        response = client.get(path, query_string=query,
                              headers={TOKEN_HEADER: app.config["NEWSLINT_TOKEN"]})
        assert response.status_code < 500, (path, response.get_json())


@functools.cache
def _tight_app() -> Any:
    return create_app(TIGHT)
