"""The local API, version 1: health, analyze and the OpenAPI document."""

from __future__ import annotations

import json
import logging
import statistics
import threading
import time
from collections import deque
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from ... import __version__, history
from ...base.errors import NewslintError
from ...engine import deadline, nlp
from ...engine.analyze import analyze as run_analysis
from ...engine.errors import EngineError
from ...engine.page import Page, Result
from ...pages import contract
from ..openapi import openapi as openapi_document
from ..security import proof, public, slots

log = logging.getLogger("newslint.server")
api = Blueprint("api", __name__, url_prefix="/v1")


class Speed:
    """How fast this server analyses, measured on its recent pages, so a client can say
    how long a long page will take on this machine (not on the developer's).

    Only pages of at least `MIN_WORDS` count: on short ones the fixed cost per request
    hides the speed per word. The speed is the median of the recent pages' own speeds,
    not their words over their seconds: one slow analysis (the first, which loads the
    sentence model, or one run while the machine was busy) would otherwise set every
    estimate for the next `KEPT` pages (bench/extension.py: +125 % on the seed page)."""

    MIN_WORDS = 300
    KEPT = 20

    def __init__(self) -> None:
        self._runs: deque[tuple[int, float]] = deque(maxlen=self.KEPT)
        self._lock = threading.Lock()

    def record(self, words: int, seconds: float) -> None:
        if words >= self.MIN_WORDS and seconds > 0:
            with self._lock:
                self._runs.append((words, seconds))

    def words_per_second(self) -> float | None:
        with self._lock:
            runs = list(self._runs)
        if not runs:
            return None
        return round(statistics.median(w / s for w, s in runs), 1)


def speed() -> Speed:
    found: Speed = current_app.extensions.setdefault("newslint_speed", Speed())
    return found


@api.get("/health")
@public
def health() -> Response:
    body: dict[str, Any] = {"name": "newslint", "version": __version__, "api": "v1",
                            "model": nlp.model_info(),
                            "words_per_second": speed().words_per_second()}
    nonce = request.args.get("nonce", "")
    if 16 <= len(nonce) <= 128:
        body["proof"] = proof(current_app.config["NEWSLINT_TOKEN"], nonce,
                              current_app.config["NEWSLINT"]["port"])
    return jsonify(body)


@api.get("/openapi.json")
@public
def openapi() -> Response:
    return jsonify(openapi_document())


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
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NewslintError(
            "invalid-json", f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, "
            f"column {exc.colno}."
        ) from None
    except RecursionError:
        raise NewslintError("invalid-json", "The body's JSON is nested too deeply.") from None
    except ValueError:  # Python's limit on integer digits (int_max_str_digits)
        raise NewslintError("invalid-json", "The body has a number with more than 4,300 "
                            "digits; no field of newslint's takes one.") from None
    where = _lone_surrogate(data)
    if where is not None:
        raise NewslintError("invalid-json", f"{where} holds a lone UTF-16 surrogate "
                            "(an escape such as \\ud800 without its pair): that is not text.")
    return data


def _lone_surrogate(value: Any, where: str = "request") -> str | None:
    """Where the first string holding a lone surrogate is, if any: JSON lets `\\ud800`
    through, but it cannot be stored, logged or sent back as UTF-8."""
    stack = [(value, where)]
    while stack:
        item, place = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return place
        elif isinstance(item, dict):
            for key, inner in item.items():
                stack.append((key, place))
                stack.append((inner, f"{place}.{key}" if str(key).isidentifier() else place))
        elif isinstance(item, list):
            stack.extend((inner, f"{place}[{i}]") for i, inner in enumerate(item))
    return None


def analyse(page: Page) -> Result:
    """Run the engine within the server's limit of analyses at once (see `AnalysisSlots`),
    its errors turned into problems; /v1/analyze and the history's re-run share it.

    Every analysis runs under the `analysis_timeout_seconds` deadline and stops early when
    waitress reports the client gone (`deadline.py`), so it frees its slot either way."""
    settings = current_app.config["NEWSLINT"]
    try:
        with slots().hold(page.words), deadline.bounded(
                settings["analysis_timeout_seconds"], hard=True,
                cancelled=request.environ.get("waitress.client_disconnected")):
            started = time.perf_counter()
            result = run_analysis(page, echo_blocks=page.source == "html")
            speed().record(page.words, time.perf_counter() - started)
            return result
    except EngineError as exc:
        if exc.code in ("analysis-timeout", "client-gone"):
            log.info("analysis stopped: %s", exc.message)
        raise NewslintError(exc.code, exc.message) from None


@api.post("/analyze")
def analyze() -> Response:
    page = contract.page_from_request(read_json(), current_app.config["NEWSLINT"])
    result = analyse(page)
    body = result.to_json()
    failures: list[NewslintError] = []
    # One run per unchanged page and engine version: a re-click adds no copy.
    kept = history.record_result(history.store_for(current_app), result,
                                 body=body, reuse_unchanged=True, failures=failures)
    if failures:  # answered all the same, saying it was not kept and what to do
        body = {**body, "notices": [*body["notices"], {
            "type": "not-saved", "message": f"Not kept in the history: {failures[0].detail}"}]}
    response = jsonify(body)
    if kept is not None:
        response.headers["X-Newslint-History-Id"] = str(kept)
    return response
