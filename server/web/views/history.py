"""The history: its API under /v1/history and its UI at /history.

The views ask the app's history store (`newslint.server.history`); none opens SQLite.
The UI is static HTML, JS and CSS from `server/web/ui/` under a strict Content-Security-
Policy; page text only ever reaches the DOM as text (see `ui/history.js`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterator
from importlib import resources
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from markupsafe import escape
from werkzeug.wsgi import wrap_file

from ... import history
from ...base.errors import NewslintError
from ...engine.page import Block, Page
from ...pages.contract import check_limits, plausible_published
from .. import pairing
from ..security import SESSION_HEADER, public
from .api import analyse, read_json

history_api = Blueprint("history_api", __name__, url_prefix="/v1/history")
history_ui = Blueprint("history_ui", __name__)

CSP = ("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'")
UI_FILES = {"history.js": "text/javascript", "history.css": "text/css",
            "chart.js": "text/javascript", "text.js": "text/javascript",
            "icon.svg": "image/svg+xml"}
#: SQLite's largest integer: no page has a larger id (see `no_page_beyond_sqlite`).
MAX_PAGE_ID = 2**63 - 1
CSV_COLUMNS = ("page_id", "analysis_id", "analyzed_at", "url", "site", "title",
               "engine_version", "type", "rule", "severity", "block", "start", "end", "score",
               "message")


def init_app(app: Flask) -> None:
    history.init_app(app)
    pairing.init_app(app)
    app.register_blueprint(history_api)
    app.register_blueprint(history_ui)


def store() -> history.HistoryStore:
    return history.store_for(current_app)


# --- query parameters ---------------------------------------------------------------------


def _date(name: str) -> dt.date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise NewslintError("invalid-request",
                            f"{name}: {value!r} is not a date such as 2026-11-25.") from None


def _int(name: str, default: int) -> int:
    value = request.args.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise NewslintError("invalid-request", f"{name}: {value!r} is not a number.") from None


def _ids(values: Any, where: str) -> tuple[int, ...]:
    try:
        return tuple(int(v) for v in values)
    except (TypeError, ValueError):
        raise NewslintError("invalid-request", f"{where} must be page ids (numbers).") from None


def filters_from_request() -> history.Filters:
    args = request.args
    ids = args.get("ids", "").strip()
    return history.Filters(
        q=args.get("q", "").strip()[:500] or None,
        site=args.get("site", "").strip() or None,
        kind=args.get("kind", "").strip() or None,
        since=_date("since"),
        until=_date("until"),
        ids=_ids(ids.split(","), "ids") if ids else (),
    )


# --- the API ------------------------------------------------------------------------------


@history_api.url_value_preprocessor
def no_page_beyond_sqlite(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """A page id larger than SQLite's integers is a page that does not exist, answered
    here: in the store it would overflow, and a bounded route converter would not match
    at all (a 404 for GET, a 405 for DELETE)."""
    page_id = (values or {}).get("page_id")
    if isinstance(page_id, int) and page_id > MAX_PAGE_ID:
        raise NewslintError("not-found", f"There is no page {page_id} in the history.")


@history_api.get("/pages")
def list_pages() -> Response:
    return jsonify(store().list_pages(filters_from_request(),
                                      sort=request.args.get("sort", "recent"),
                                      limit=_int("limit", 50), offset=_int("offset", 0)))


@history_api.get("/pages/<int:page_id>")
def one_page(page_id: int) -> Response:
    from ...history.recycled import recycled_paragraphs

    analysis = request.args.get("analysis")
    page = store().page(page_id, _int("analysis", 0) if analysis else None)
    # Paragraphs that also appeared on other pages of the history (not part of the run:
    # it changes as the history grows).
    page["recycled"] = recycled_paragraphs(store(), page_id, int(page["analysis"]["id"]))
    return jsonify(page)


@history_api.delete("/pages/<int:page_id>")
def delete_page(page_id: int) -> Response:
    deleted = store().delete([page_id])
    if not deleted:
        raise NewslintError("not-found", f"There is no page {page_id} in the history.")
    return jsonify({"deleted": deleted})


@history_api.post("/pages/delete")
def delete_pages() -> Response:
    body = read_json()
    if not isinstance(body, dict) or not isinstance(body.get("ids"), list) \
            or not 1 <= len(body["ids"]) <= 10_000 \
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in body["ids"]):
        raise NewslintError("invalid-request",
                            "Send {\"ids\": [page ids]} with 1 to 10,000 numbers.")
    return jsonify({"deleted": store().delete(body["ids"])})


@history_api.post("/pages/<int:page_id>/rerun")
def rerun(page_id: int) -> tuple[Response, int]:
    """Analyse a kept page again with the engine as it is now; keep it as a new run."""
    old = store().latest_run(page_id)
    meta = old["response"].get("page") or {}
    published = meta.get("published")
    page = Page(
        blocks=[Block(str(b["id"]), str(b["kind"]), str(b["text"])) for b in old["blocks"]],
        url=meta.get("url"), title=meta.get("title"), language=meta.get("language"),
        published=plausible_published(_stored_date(published)),
        source="html" if meta.get("source") == "html" else "blocks",
    )
    check_limits(page, current_app.config["NEWSLINT"])
    body = analyse(page).to_json()
    analysis_id = store().record(body, [b.to_json() for b in page.blocks], url=old["url"],
                                 page_id=page_id)
    return jsonify({**store().changes_of(analysis_id), "response": body}), 201


def _stored_date(value: Any) -> dt.date | None:
    """A kept run's publication date (runs kept before the contract's year range, or by
    hand, may hold any string)."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


@history_api.get("/stats")
def stats() -> Response:
    filters = filters_from_request()
    return jsonify({**store().stats(filters), "sites": store().sites(),
                    "kinds": store().kinds()})


@history_api.get("/export")
def export() -> Response:
    fmt = request.args.get("format", "jsonl")
    runs = request.args.get("runs", "all")
    if fmt not in ("jsonl", "csv") or runs not in ("all", "latest"):
        raise NewslintError("invalid-request",
                            "format must be jsonl or csv, and runs all or latest.")
    rows = store().export(filters_from_request(), runs=runs)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    # Written out in full before the answer starts: a failure half-way is then a problem
    # (never a 200 that delivers a cut-off file). Spooled to disk past 8 MiB.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    try:
        for chunk in _jsonl(rows) if fmt == "jsonl" else _csv(rows):
            spool.write(chunk.encode("utf-8"))
    except BaseException:
        spool.close()
        raise
    size = spool.tell()
    spool.seek(0)
    response = Response(wrap_file(request.environ, spool),
                        mimetype="application/x-ndjson" if fmt == "jsonl" else "text/csv",
                        direct_passthrough=True)
    response.content_length = size
    response.headers["Content-Disposition"] = (
        f'attachment; filename="newslint-history-{stamp}.{fmt}"')
    return response


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _cell(value: Any) -> Any:
    """Page text opened in a spreadsheet must not become a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """One line per finding; a run without findings still gets one line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        base = [row["page_id"], row["analysis_id"], row["analyzed_at"], row["url"],
                row["site"], row["title"], row["engine_version"]]
        findings = row["response"].get("annotations") or [{}]
        for a in findings:
            finding = [a.get(k) for k in ("type", "rule", "severity", "block", "start", "end",
                                          "score", "message")]
            writer.writerow([_cell(v) for v in (*base, *finding)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


@history_api.post("/ticket")
def ticket() -> tuple[Response, int]:
    """A one-time ticket that lets a browser or the desktop window open the history UI."""
    value = current_app.extensions["newslint_tickets"].issue()
    return jsonify({"ticket": value, "open": f"/history/open?ticket={value}",
                    "expires_in": current_app.extensions["newslint_tickets"].lifetime}), 201


# --- the UI -------------------------------------------------------------------------------


def _ui_file(name: str) -> str:
    return resources.files("newslint.server.web").joinpath("ui", name).read_text(encoding="utf-8")


@history_ui.after_request
def ui_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
    return response


def _locked(status: int, why: str) -> tuple[Response, int]:
    html = _ui_file("locked.html").replace("{{why}}", str(escape(why)))
    return Response(html, mimetype="text/html"), status


def _ui_page() -> Response:
    """The UI's HTML: it holds no secret (its script gets the session key through the
    ticket exchange), so it may be served to anyone with a session cookie."""
    return Response(_ui_file("history.html"), mimetype="text/html")


@history_ui.get("/history")
@public
def page() -> Response | tuple[Response, int]:
    if not pairing.sessions_of(current_app).has_cookie(request.cookies):
        return _locked(401, "This browser has not been let in to your history yet.")
    return _ui_page()


@history_ui.get("/history/open")
@public
def open_history() -> Response | tuple[Response, int]:
    """The page a one-time ticket opens; its script redeems the ticket (`/history/session`).

    The ticket is only looked at here, not redeemed: whoever fetches this page learns
    nothing, and the ticket still works once, for the script."""
    if not current_app.extensions["newslint_tickets"].is_open(request.args.get("ticket")):
        return _locked(403, "This link has expired or was already used.")
    return _ui_page()


@history_ui.post("/history/session")
@public
def open_session() -> tuple[Response, int]:
    """Redeem a ticket: a session cookie (HttpOnly, SameSite=Strict, named after the port)
    and, in the body only, the key the UI's script sends as X-Newslint-Session."""
    sessions = pairing.sessions_of(current_app)
    if not sessions.is_own(request.headers.get("Origin")):
        raise NewslintError("forbidden-origin", "Only the history page may open a session.")
    body = read_json()
    ticket = body.get("ticket") if isinstance(body, dict) else None
    if not isinstance(ticket, str) or not current_app.extensions["newslint_tickets"].redeem(
            ticket):
        raise NewslintError("unauthorized", "This link has expired or was already used: run "
                            "`newslint history --open` again.", status=403)
    cookie, key = sessions.open()
    response = jsonify({"session": key, "header": SESSION_HEADER})
    response.set_cookie(sessions.cookie, cookie, httponly=True, samesite="Strict", path="/")
    response.headers["Cache-Control"] = "no-store"
    return response, 201


@history_api.post("/pairing-token")
def pairing_token() -> Response:
    """The token, for the UI's "Pair the browser extension" dialog: asked for by the UI's
    own script with its session (never embedded in a page another program can fetch)."""
    response = jsonify({"token": current_app.config["NEWSLINT_TOKEN"]})
    response.headers["Cache-Control"] = "no-store"
    return response


@history_ui.get("/history/static/<name>")
@public
def static_file(name: str) -> Response:
    if name not in UI_FILES:
        raise NewslintError("not-found", f"There is no {request.path} here.")
    response = Response(_ui_file(name), mimetype=UI_FILES[name])
    response.headers["Cache-Control"] = "no-cache"
    return response
