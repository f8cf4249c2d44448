"""Read-only SQL over public tables: ``/data/sql.json?sql=…`` and the ``/data/sql`` form."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.datastore.query import engine
from lontar.datastore.query.messages import query_message, query_status, rejection_message
from lontar.datastore.query.public import run_public_sql as run_checked
from lontar.datastore.query.sqlguard import SqlRejected
from lontar.datastore.selectors import public_aliases, public_listing
from lontar.datastore.views.common import json_response
from lontar.datastore.views.datasette import datasette_error

MAX_ROWS = 1000
SHAPES = ("objects", "arrays", "array")


class _Outcome:
    def __init__(self) -> None:
        self.result: engine.Result | None = None
        self.title = ""
        self.detail = ""
        self.status = 400


def run_public_sql(sql: str) -> _Outcome:
    """Check and run ``sql``; the outcome holds the result or a (title, detail) refusal."""
    outcome = _Outcome()
    aliases = public_aliases()
    try:
        outcome.result = run_checked(sql, aliases, max_rows=MAX_ROWS)
    except SqlRejected as exc:
        outcome.title, outcome.detail = _("Query refused."), rejection_message(exc)
    except engine.QueryError as exc:
        outcome.title, detail = query_message(exc)
        outcome.status = query_status(exc)
        for key, name in aliases.items():
            detail = detail.replace(name, f'"{key}"')
        outcome.detail = detail
    return outcome


@require_GET
def sql_json(request: HttpRequest) -> HttpResponse:
    """Run one read-only SELECT over public tables (``"dataset/resource"`` names them); at most
    1,000 rows and ``DATASTORE_RESPONSE_MAX_BYTES`` of values, within the time limit. Writes,
    ATTACH, PRAGMA, catalogues, private tables, functions off the allow-list and results over the
    size limits are refused with a 400 in Datasette's error shape (also a problem); 503 while the
    endpoint is not available."""
    shape = request.GET.get("_shape", "objects")
    if shape not in SHAPES:
        return datasette_error(
            request,
            400,
            _("Invalid parameter."),
            _("_shape must be one of: %(choices)s.") % {"choices": ", ".join(SHAPES)},
        )
    sql = request.GET.get("sql", "")
    outcome = run_public_sql(sql) if sql.strip() else None
    if outcome is None:
        return datasette_error(request, 400, _("Query refused."), rejection_message(SqlRejected("empty")))
    if outcome.result is None:
        return datasette_error(request, outcome.status, outcome.title, outcome.detail)
    result = outcome.result
    objects: list[Any] = [dict(zip(result.columns, row, strict=False)) for row in result.rows]
    if shape == "array":
        return json_response(objects)
    body: dict[str, Any] = {
        "ok": True,
        "columns": result.columns,
        "rows": objects if shape == "objects" else [list(r) for r in result.rows],
        "truncated": result.truncated,
        "max_rows": MAX_ROWS,
        "query_ms": round(result.elapsed_ms, 2),
    }
    return json_response(body)


@require_GET
def sql_page(request: HttpRequest) -> HttpResponse:
    sql = request.GET.get("sql", "")
    context: dict[str, Any] = {"sql": sql, "tables": public_listing(), "max_rows": MAX_ROWS}
    status = 200
    if sql.strip():
        outcome = run_public_sql(sql)
        context["outcome"] = outcome
        status = 200 if outcome.result is not None else outcome.status
    return render(request, "datastore/sql.html", context, status=status)
