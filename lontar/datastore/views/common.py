"""Helpers shared by the data views: problem responses, JSON encoding, row values."""

from __future__ import annotations

import base64
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lontar.datastore.query.engine import QueryError, time_limit_ms

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


def query_message(exc: QueryError) -> tuple[str, str]:
    """(title, detail) for a query the database stopped or refused."""
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
