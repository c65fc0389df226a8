"""The local API, version 1: health, analyze and the OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from .. import __version__, contract, history
from ..engine import nlp
from ..engine.analyze import analyze as run_analysis
from ..engine.errors import EngineError
from ..engine.page import Page, Result
from ..errors import NewslintError
from ..security import public, slots

api = Blueprint("api", __name__, url_prefix="/v1")


@api.get("/health")
@public
def health() -> Response:
    return jsonify({"name": "newslint", "version": __version__, "api": "v1",
                    "model": nlp.model_info()})


@api.get("/openapi.json")
@public
def openapi() -> Response:
    return jsonify(contract.openapi())


def read_json() -> Any:
    """The body as JSON, or a problem that says exactly why it is not."""
    if request.mimetype != "application/json":
        raise NewslintError(
            "unsupported-media-type",
            f"Send the page as application/json, not {request.mimetype or 'no content type'}.",
        )
    body = request.get_data(cache=False)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NewslintError(
            "invalid-json", f"The body is not UTF-8 (byte {exc.start} is not valid)."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NewslintError(
            "invalid-json", f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, "
            f"column {exc.colno}."
        ) from None
    except RecursionError:
        raise NewslintError("invalid-json", "The body's JSON is nested too deeply.") from None


def analyse(page: Page) -> Result:
    """Run the engine within the server's limit of analyses at once (see `AnalysisSlots`),
    its errors turned into problems; /v1/analyze and the history's re-run share it."""
    try:
        with slots().hold():
            return run_analysis(page, echo_blocks=page.source == "html")
    except EngineError as exc:
        raise NewslintError(exc.code, exc.message) from None


@api.post("/analyze")
def analyze() -> Response:
    page = contract.page_from_request(read_json(), current_app.config["NEWSLINT"])
    result = analyse(page)
    body = result.to_json()
    response = jsonify(body)
    kept = history.record_result(history.store_for(current_app), result,  # type: ignore[arg-type]
                                 body=body)
    if kept is not None:
        response.headers["X-Newslint-History-Id"] = str(kept)
    return response
