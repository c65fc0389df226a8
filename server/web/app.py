"""The Flask application factory: settings in, a WSGI app out, nothing started."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from ..base import settings as settings_module
from ..base.errors import NewslintError
from . import security
from .views import history as history_views
from .views.api import api

log = logging.getLogger("newslint.server")

#: Werkzeug's HTTP errors → our stable problem codes.
_HTTP_CODES = {404: "not-found", 405: "method-not-allowed", 413: "request-too-large",
               415: "unsupported-media-type"}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. `config` overrides settings (tests, the CLI's flags)."""
    app = Flask(__name__)
    app.config["NEWSLINT"] = settings_module.load(config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["NEWSLINT"]["max_request_bytes"]
    # Flask types app.json as the JSONProvider base; the default provider has these two.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.register_blueprint(api)
    history_views.init_app(app)
    _register_error_handlers(app)
    _register_request_log(app)
    security.init_app(app)
    settings = app.config["NEWSLINT"]
    app.extensions["newslint_slots"] = security.AnalysisSlots(
        settings["max_concurrent_analyses"], settings["analysis_wait_seconds"],
        settings["long_page_words"],
    )
    return app


def problem(error: NewslintError) -> Response:
    response = jsonify(error.to_problem())
    response.status_code = error.status
    response.mimetype = "application/problem+json"
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(NewslintError)
    def newslint_error(error: NewslintError) -> Response:
        return problem(error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        code = _HTTP_CODES.get(status, "http-error")
        if status == 413:
            limit = app.config["MAX_CONTENT_LENGTH"]
            return problem(NewslintError(
                code,
                f"The request body is larger than the limit of {limit:,} bytes "
                "(setting max_request_bytes).",
                limit=limit,
            ))
        detail = {404: f"There is no {request.path} here; see /v1/openapi.json.",
                  405: f"{request.method} is not allowed on {request.path}."}.get(
                      status, error.description or error.name)
        return problem(NewslintError(code, detail, title=error.name, status=status))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        log.exception("unexpected error on %s %s", printable(request.method),
                      printable(request.path))
        return problem(NewslintError(
            "internal-error",
            "newslint failed on this request; the server log has the details.",
        ))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\\]")


def printable(text: str, limit: int = 300) -> str:
    """`text` safe for one log line: control characters (a `%0a` or `%1b` in a URL path
    would forge lines or send terminal escapes) and backslashes written as escapes."""
    text = text[:limit]
    return _CONTROL.sub(lambda m: "\\\\" if m.group() == "\\" else
                        f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else
                        f"\\u{ord(m.group()):04x}", text)


def _register_request_log(app: Flask) -> None:
    """One line per request: method, path, status, size and time — never page text; the
    path with its control characters escaped (`printable`)."""

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s %s %s %sB %.0fms", printable(request.method), printable(request.path),
                 response.status_code, request.content_length or 0, elapsed)
        return response
