"""Helpers shared by the data views: problem responses, JSON encoding, row values."""

from __future__ import annotations

import base64
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lontar.datastore.query.engine import QueryError, response_max_bytes, time_limit_ms, value_max_bytes

PROBLEM = "application/problem+json"


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # as SQLite's REAL gives it, so both databases answer alike
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return {"$base64": base64.b64encode(bytes(value)).decode()}
    raise TypeError(type(value).__name__)


def json_response(body: Any, *, status: int = 200, content_type: str = "application/json") -> HttpResponse:
    text = json.dumps(body, default=json_default, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(text, status=status, content_type=f"{content_type}; charset=utf-8")


def problem(request: HttpRequest, status: int, title: str, detail: str = "", **extra: Any) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    body.update(extra)
    return json_response(body, status=status, content_type=PROBLEM)


def not_found(request: HttpRequest) -> HttpResponse:
    return problem(request, 404, _("Table not found."), _("No public data table has this name."))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _size_message(exc: QueryError) -> tuple[str, str] | None:
    if exc.kind == "too_large":
        detail = _(
            "The result is larger than %(size)s. Select fewer columns or fewer rows (WHERE, LIMIT)."
        ) % {"size": _megabytes(response_max_bytes())}
        return _("Query result too large."), detail
    if exc.kind == "value_too_large":
        detail = _("A value or row of the result is larger than %(size)s.") % {"size": _megabytes(value_max_bytes())}
        return _("Query result too large."), detail
    if exc.kind == "expensive":
        detail = _(
            "A function call would cost too much: printf/format widths and precisions are at most "
            "%(limit)s, and instr/replace cannot look for a pattern of more than %(limit)s characters "
            "in a longer value."
        ) % {"limit": exc.detail}
        return _("Query refused."), detail
    return None


def query_status(exc: QueryError) -> int:
    """HTTP status of a query error: 503 while public SQL is unavailable, else 400."""
    return 503 if exc.kind == "unavailable" else 400


def query_message(exc: QueryError) -> tuple[str, str]:
    """(title, detail) for a query the database stopped or refused."""
    sized = _size_message(exc)
    if sized is not None:
        return sized
    if exc.kind == "unavailable":
        return _("Public SQL queries are not available."), _(
            "This server has no read-only database role for public queries yet. The administrator must set "
            "DATASTORE_READONLY_DATABASE_URL and run manage.py datastore_reader_setup."
        )
    if exc.kind == "timeout":
        detail = _("The query took longer than the limit of %(ms)s ms. Add filters or simplify it.") % {
            "ms": time_limit_ms()
        }
        return _("Query time limit exceeded."), detail
    if exc.kind == "denied":
        return _("Query refused."), _("Only reading public data tables is allowed.")
    return _("The query could not be run."), exc.detail


def query_problem(request: HttpRequest, exc: QueryError) -> HttpResponse:
    title, detail = query_message(exc)
    return problem(request, 400, title, detail)


def output_rows(rows: list[tuple[Any, ...]], types: list[str]) -> list[tuple[Any, ...]]:
    """Booleans stored as 1/0 (SQLite) are given back as true/false."""
    flags = [i for i, t in enumerate(types) if t == "boolean"]
    if not flags:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for i in flags:
            if values[i] is not None:
                values[i] = bool(values[i])
        out.append(tuple(values))
    return out
