"""The OpenAPI 3.1 document of every route the server answers (`GET /v1/openapi.json`).

It is assembled here, on the web layer that owns the routes: the analysis API's schemas
come from the page services' contract (`pages/contract.py`), the history's paths are
written out below. Its schemas are the files in `shared/schemas/` verbatim, the same
ones the requests are checked against.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .. import __version__
from ..pages.contract import SCHEMAS as API_SCHEMAS
from ..pages.contract import schema

#: The history's schema files in shared/schemas/, added to the OpenAPI components.
HISTORY_SCHEMAS = ("history-page-list", "history-page", "history-delete-request",
                   "history-delete-response", "history-rerun-response", "history-stats",
                   "history-ticket")
#: Every schema file the document holds.
SCHEMAS = (*API_SCHEMAS, *HISTORY_SCHEMAS)

_FILTERS = [
    ("q", "Words that must all occur in the title or text (each as a prefix)."),
    ("site", "Only pages of this host name."),
    ("kind", "Only pages whose latest analysis has this type of finding; `any` or `none`."),
    ("since", "Only pages last analysed on or after this UTC date (YYYY-MM-DD)."),
    ("until", "Only pages last analysed on or before this UTC date (YYYY-MM-DD)."),
    ("ids", "Only these page ids, comma-separated."),
]


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


def _path_id(name: str = "page_id") -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}}


def paths(component: Callable[[str], dict[str, Any]],
          problems: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The history API's paths (`/v1/history/...`)."""
    filters = [_query(n, d) for n, d in _FILTERS]

    def ok(description: str, schema: str, status: str = "200") -> dict[str, Any]:
        return {status: {"description": description, "content": component(schema)}}

    return {
        "/v1/history/pages": {"get": {
            "operationId": "historyList", "summary": "Analysed pages, one screen at a time",
            "parameters": [*filters,
                           _query("sort", "Order of the list.", enum=[
                               "recent", "oldest", "title", "site", "findings", "relevance"]),
                           _query("limit", "Pages per screen (1-500).", type="integer"),
                           _query("offset", "Pages to skip.", type="integer")],
            "responses": {**ok("The pages", "history-page-list"), **problems(401, 422, 500)},
        }},
        "/v1/history/pages/{page_id}": {
            "parameters": [_path_id()],
            "get": {
                "operationId": "historyPage", "summary": "One page with its findings and runs",
                    "parameters": [_query("analysis", "Show this analysis instead of the latest.",
                                      type="integer")],
                "responses": {**ok("The page", "history-page"), **problems(401, 404, 500)},
            },
            "delete": {
                "operationId": "historyDeletePage", "summary": "Forget one page and its runs",
                    "responses": {**ok("Deleted", "history-delete-response"),
                              **problems(401, 404, 500)},
            },
        },
        "/v1/history/pages/delete": {"post": {
            "operationId": "historyDeletePages", "summary": "Forget several pages",
            "requestBody": {"required": True, "content": component("history-delete-request")},
            "responses": {**ok("Deleted", "history-delete-response"),
                          **problems(400, 401, 415, 422, 500)},
        }},
        "/v1/history/pages/{page_id}/rerun": {"post": {
            "operationId": "historyRerun",
            "summary": "Analyse a kept page again with the current engine",
            "parameters": [_path_id()],
            "responses": {**ok("The new analysis and what changed", "history-rerun-response",
                               "201"), **problems(401, 404, 413, 500, 503)},
        }},
        "/v1/history/stats": {"get": {
            "operationId": "historyStats", "summary": "Findings per day and per site",
            "parameters": filters,
            "responses": {**ok("The figures", "history-stats"), **problems(401, 422, 500)},
        }},
        "/v1/history/export": {"get": {
            "operationId": "historyExport", "summary": "Download the history",
            "parameters": [*filters,
                           _query("format", "jsonl: one analysis a line (blocks and response); "
                                  "csv: one finding a line.", enum=["jsonl", "csv"]),
                           _query("runs", "Every analysis, or each page's latest.",
                                  enum=["all", "latest"])],
            "responses": {"200": {"description": "An attachment", "content": {
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}}}}, **problems(401, 422, 500)},
        }},
        "/v1/history/ticket": {"post": {
            "operationId": "historyTicket",
            "summary": "A one-time link that opens the history UI in a browser",
            "responses": {**ok("The ticket", "history-ticket", "201"), **problems(401)},
        }},
        "/v1/history/pairing-token": {"post": {
            "operationId": "historyPairingToken",
            "summary": "The token, for the history UI's pairing dialog (with a UI session)",
            "responses": {"200": {"description": "The token", "content": {
                "application/json": {"schema": {
                    "type": "object", "required": ["token"],
                    "properties": {"token": {"type": "string"}}}}}}, **problems(401)},
        }},
    }


def _problem_responses(*statuses: int) -> dict[str, Any]:
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {str(s): {"description": "A problem", "content": content} for s in statuses}


@functools.cache
def openapi() -> dict[str, Any]:
    """OpenAPI 3.1 of the local API; its schemas are the files in `shared/schemas` verbatim."""

    def component(name: str) -> dict[str, Any]:
        ref = f"#/components/schemas/{schema(name)['title']}"
        return {"application/json": {"schema": {"$ref": ref}}}

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newslint local API",
            "version": __version__,
            "description": "Finds re-told paragraphs and conflicting dates on a news page.",
        },
        "servers": [{"url": "http://127.0.0.1:8877"}],
        "paths": {
            "/v1/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Name and version of the running server",
                    "parameters": [{
                        "name": "nonce", "in": "query", "required": False,
                        "description": "16 to 128 characters: the answer then carries "
                                       "`proof` (see security.proof).",
                        "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "The server is up",
                            "content": component("health-response"),
                        }
                    },
                }
            },
            "/v1/analyze": {
                "post": {
                    "operationId": "analyze",
                    "summary": "Analyse one page, given as blocks or as HTML",
                    "requestBody": {
                        "required": True,
                        "content": component("analyze-request"),
                    },
                    "responses": {
                        "200": {
                            "description": "The page's annotations",
                            "content": component("analyze-response"),
                        },
                        **_problem_responses(400, 413, 415, 422, 500, 503),
                    },
                }
            },
            "/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3.1 document"}},
                }
            },
            **paths(component, _problem_responses),
        },
        "components": {"schemas": _components()},
    }


def _components() -> dict[str, Any]:
    """The schema files as OpenAPI components: each file's `$defs` hoisted beside it and its
    `#/$defs/…` references pointed there, because OpenAPI tools resolve `#` against the
    OpenAPI document, not against a schema's own `$id`."""

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref"
                        else rewrite(v))
                    for k, v in node.items() if k not in ("$id", "$schema", "$defs")}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    components: dict[str, Any] = {}
    for name in SCHEMAS:
        document = schema(name)
        components[document["title"]] = rewrite(document)
        for def_name, definition in document.get("$defs", {}).items():
            hoisted = rewrite(definition)
            if components.setdefault(def_name, hoisted) != hoisted:
                raise ValueError(f"two schemas define {def_name} differently")
    return components
