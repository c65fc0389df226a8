"""Fuzzing: schemathesis over every operation of /v1/openapi.json, hypothesis on the engine.

Every generated request must get a documented status, never a 5xx, and every response
must match the schemas in shared/ (schemathesis checks both). 1,000 cases per operation
and for the engine (about 15 s); NEWSLINT_FUZZ_EXAMPLES changes the count.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newslint.server.app import create_app
from newslint.server.contract import openapi, validator
from newslint.server.engine.analyze import analyze
from newslint.server.engine.page import Block, Page
from newslint.server.security import TOKEN_HEADER
from schemathesis.checks import positive_data_acceptance

EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "1000"))


#: Every operation the document describes: the API and the history.
OPERATIONS = [(path, method.upper()) for path, item in openapi()["paths"].items()
              for method in item if method in ("get", "post", "put", "delete", "patch")]


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
    def call(case) -> None:  # type: ignore[no-untyped-def]
        # A schema cannot say "block ids are unique" or "at most max_blocks": a request
        # can be schema-valid and rightly refused with a documented 413 or 422.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    call()


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


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
