"""The local API: its answers, its contract and its errors."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from newslint.server import __version__
from newslint.server.pages.contract import schema, validator
from newslint.server.web.openapi import SCHEMAS, openapi

RETOLD = [
    {"id": "h", "kind": "h1", "text": "Council approves new bridge over the Elbe"},
    {"id": "p1", "kind": "p", "text": "The city council of Dresden approved on Monday a new "
     "footbridge over the Elbe that will cost 42 million euros. Mayor Anna Vogt said "
     "construction at the Blaues Wunder site will begin in spring."},
    {"id": "p2", "kind": "p", "text": "Residents had campaigned for years for a safer crossing "
     "for cyclists, and traffic counts showed thousands of riders each day."},
    {"id": "p3", "kind": "p", "text": "Dresden's council on Monday gave the green light to a "
     "42 million euro footbridge spanning the Elbe. Building work at the Blaues Wunder "
     "will start in spring, according to Mayor Anna Vogt."},
]


def post(client: FlaskClient, body: Any, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    response = client.post("/v1/analyze", json=body, **kwargs)
    return response.status_code, response.get_json()


def assert_problem(status: int, body: dict[str, Any], expected_status: int, code: str) -> None:
    assert status == expected_status, body
    validator("problem").validate(body)
    assert body["type"] == f"urn:newslint:problem:{code}", body
    assert "Traceback" not in body["detail"]


def test_health_names_the_server_and_its_version(client: FlaskClient) -> None:
    body = client.get("/v1/health").get_json()
    validator("health-response").validate(body)
    assert body["name"] == "newslint"
    assert body["version"] == __version__


def test_every_schema_is_a_valid_json_schema() -> None:
    for name in SCHEMAS:
        Draft202012Validator.check_schema(schema(name))


def test_openapi_document_uses_the_shared_schemas(client: FlaskClient) -> None:
    doc = client.get("/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    assert {"/v1/health", "/v1/analyze", "/v1/openapi.json"} <= set(doc["paths"])
    assert doc == openapi()
    components = doc["components"]["schemas"]
    for name in SCHEMAS:
        file = schema(name)
        assert components[file["title"]]["properties"].keys() == file["properties"].keys()
        for def_name in file.get("$defs", {}):
            definition = file["$defs"][def_name]
            assert components[def_name]["properties"].keys() == definition["properties"].keys()


def test_a_retold_paragraph_is_found_with_its_twin_and_sentences(client: FlaskClient) -> None:
    status, body = post(client, {"url": "https://example.org/a", "lang": "en", "blocks": RETOLD})
    assert status == 200
    validator("analyze-response").validate(body)
    found = [a for a in body["annotations"] if a["type"] == "duplicate"]
    assert [(a["block"], a["related"][0]["block"]) for a in found] == [("p3", "p1")]
    retelling = found[0]
    assert retelling["rule"] == "duplicate.retelling"
    assert "paragraph 1" in retelling["message"] and "other words" in retelling["message"]
    assert len(retelling["evidence"]["sentences"]) == 2
    assert body["blocks"] is None
    assert body["page"]["source"] == "blocks"


def test_unrelated_paragraphs_on_one_topic_are_not_flagged(client: FlaskClient) -> None:
    status, body = post(client, {"blocks": RETOLD[:3]})
    assert status == 200
    assert body["annotations"] == []


def test_offsets_count_code_points_of_the_text_as_sent(client: FlaskClient) -> None:
    text = "🙂 Ünïcode first. " + RETOLD[1]["text"]
    blocks = [{"id": "a", "kind": "p", "text": text}, {"id": "b", "kind": "p", "text": text}]
    status, body = post(client, {"blocks": blocks})
    assert status == 200
    (annotation,) = body["annotations"]
    assert (annotation["start"], annotation["end"]) == (0, len(text))


def test_html_requests_echo_the_extracted_blocks(client: FlaskClient) -> None:
    html = "<html><body><article><h1>A headline of several words</h1>" + "".join(
        f"<p>{b['text']}</p>" for b in RETOLD[1:]) + "</article></body></html>"
    status, body = post(client, {"html": html, "url": "https://example.org/b"})
    assert status == 200
    validator("analyze-response").validate(body)
    assert body["page"]["source"] == "html"
    assert next(b["kind"] for b in body["blocks"]) == "h1"
    assert any(a["type"] == "duplicate" for a in body["annotations"])


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ([1, 2], "invalid-request"),
        ({}, "invalid-request"),
        ({"blocks": "not a list"}, "invalid-request"),
        ({"blocks": [{"id": "a", "kind": "p"}]}, "invalid-request"),
        ({"blocks": [{"id": "a", "kind": "p", "text": 5}]}, "invalid-request"),
        ({"blocks": [], "html": "<p>x</p>"}, "invalid-request"),
        ({"blocks": [], "surprise": True}, "invalid-request"),
        ({"blocks": [], "published": "last week"}, "invalid-request"),
        ({"blocks": [{"id": "a", "kind": "p", "text": "x"}] * 2}, "invalid-request"),
    ],
)
def test_wrong_requests_get_a_problem_that_says_what_is_wrong(
    client: FlaskClient, body: Any, code: str
) -> None:
    status, problem = post(client, body)
    assert_problem(status, problem, 422, code)


def test_malformed_json_is_a_400_problem(client: FlaskClient) -> None:
    response = client.post("/v1/analyze", data=b'{"blocks": [', content_type="application/json")
    assert_problem(response.status_code, response.get_json(), 400, "invalid-json")
    assert "line 1" in response.get_json()["detail"]


def test_non_utf8_bytes_are_a_400_problem(client: FlaskClient) -> None:
    response = client.post("/v1/analyze", data=b'{"blocks": "\xff\xfe"}',
                           content_type="application/json")
    assert_problem(response.status_code, response.get_json(), 400, "invalid-json")
    assert "UTF-8" in response.get_json()["detail"]


def test_deeply_nested_json_is_refused_cleanly(client: FlaskClient) -> None:
    response = client.post("/v1/analyze", data=b"[" * 100_000 + b"]" * 100_000,
                           content_type="application/json")
    assert_problem(response.status_code, response.get_json(), 400, "invalid-json")


def test_only_json_is_accepted(client: FlaskClient) -> None:
    response = client.post("/v1/analyze", data="blocks=1", content_type="text/plain")
    assert_problem(response.status_code, response.get_json(), 415, "unsupported-media-type")


def test_a_body_over_the_size_limit_names_the_limit(client: FlaskClient) -> None:
    huge = {"blocks": [{"id": "a", "kind": "p", "text": "word " * 2_000_000}]}
    status, problem = post(client, huge)
    assert_problem(status, problem, 413, "request-too-large")
    assert problem["limit"] == 8 * 1024 * 1024
    assert "max_request_bytes" in problem["detail"]


def test_a_5mb_block_within_a_larger_request_limit_names_the_block_limit() -> None:
    from newslint.server.web.app import create_app

    from .helpers import client_for

    client = client_for(create_app({"max_request_bytes": 16 * 1024 * 1024}))
    big = {"blocks": [{"id": "big", "kind": "p", "text": "x" * 5_000_000}]}
    status, problem = post(client, big)
    assert_problem(status, problem, 413, "block-too-long")
    assert "'big'" in problem["detail"]


def test_ten_thousand_blocks_are_refused_with_the_limit(client: FlaskClient) -> None:
    blocks = [{"id": f"b{i}", "kind": "p", "text": f"Paragraph {i}."} for i in range(10_000)]
    status, problem = post(client, {"blocks": blocks})
    assert_problem(status, problem, 413, "too-many-blocks")
    assert problem["limit"] == 5000


def test_a_page_of_one_word_a_million_times_is_refused_not_crashed(client: FlaskClient) -> None:
    status, problem = post(client, {"html": "<p>" + "spam " * 200_000 + "</p>"})
    assert_problem(status, problem, 413, "block-too-long")


@pytest.mark.parametrize("body", [{"blocks": []}, {"html": ""}, {"html": "<html></html>"}])
def test_an_empty_page_is_an_empty_result(client: FlaskClient, body: dict[str, Any]) -> None:
    status, result = post(client, body)
    assert status == 200
    validator("analyze-response").validate(result)
    assert result["annotations"] == []
    assert [n["type"] for n in result["notices"]] == ["empty-page"]


def test_binary_junk_as_html_gives_a_result_or_a_problem_never_a_500(client: FlaskClient) -> None:
    junk = bytes(range(256)).decode("latin-1") * 50
    status, body = post(client, {"html": junk})
    assert status in (200, 422), body
    if status == 200:
        validator("analyze-response").validate(body)


def test_a_page_in_another_language_says_so_and_checks_only_exact_repeats(
    client: FlaskClient,
) -> None:
    german = ("Der Stadtrat hat am Montag eine neue Brücke über die Elbe beschlossen, "
              "die im Frühjahr gebaut wird.")
    blocks = [{"id": "a", "kind": "p", "text": german}, {"id": "b", "kind": "p", "text": german}]
    status, body = post(client, {"blocks": blocks, "lang": "de"})
    assert status == 200
    assert body["page"]["language"] == "de"
    assert [n["type"] for n in body["notices"]] == ["unsupported-language"]
    assert [a["rule"] for a in body["annotations"]] == ["duplicate.exact"]


def test_unknown_paths_and_methods_are_problems(client: FlaskClient) -> None:
    response = client.get("/v1/nothing")
    assert_problem(response.status_code, response.get_json(), 404, "not-found")
    response = client.get("/v1/analyze")
    assert_problem(response.status_code, response.get_json(), 405, "method-not-allowed")
