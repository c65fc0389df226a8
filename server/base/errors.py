"""The server's one error type and its rendering as RFC 9457 problem details.

Every failure a user can meet has a stable `type` (`urn:newslint:problem:<code>`), a
status and a sentence that says what to do; the CLI prints the same sentence on one
line. Nothing renders a traceback.
"""

from __future__ import annotations

from typing import Any

#: HTTP status of each problem code; codes not listed are 400.
STATUS = {
    "invalid-json": 400,
    "invalid-request": 422,
    "unsupported-media-type": 415,
    "request-too-large": 413,
    "too-many-blocks": 413,
    "block-too-long": 413,
    "unreadable-html": 422,
    "not-found": 404,
    "method-not-allowed": 405,
    "model-missing": 503,
    "unauthorized": 401,
    "forbidden-host": 403,
    "forbidden-origin": 403,
    "server-busy": 503,
    "too-many-words": 413,
    "analysis-timeout": 422,
    "client-gone": 400,
    "history-corrupt": 500,
    "history-read-only": 507,
    "history-full": 507,
    "headers-too-large": 431,
    "not-implemented": 501,
    "invalid-setting": 500,
    "internal-error": 500,
}


class NewslintError(Exception):
    """A request or a setting newslint cannot act on, with what to tell the user."""

    def __init__(self, code: str, detail: str, *, title: str | None = None,
                 limit: int | None = None, status: int | None = None,
                 retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.title = title or code.replace("-", " ").capitalize()
        self.limit = limit
        self.status = status or STATUS.get(code, 400)
        #: Seconds after which the same request may succeed (sent as Retry-After).
        self.retry_after = retry_after

    def to_problem(self) -> dict[str, Any]:
        problem: dict[str, Any] = {
            "type": f"urn:newslint:problem:{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.limit is not None:
            problem["limit"] = self.limit
        return problem
