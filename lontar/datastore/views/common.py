"""Helpers shared by the data views: JSON and problem responses. The messages and row values
they use live in ``lontar.datastore.query`` (``messages``, ``values``), which other apps may use."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lontar.datastore.query.engine import QueryError
from lontar.datastore.query.messages import query_message
from lontar.datastore.query.values import json_default

PROBLEM = "application/problem+json"


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


def query_problem(request: HttpRequest, exc: QueryError) -> HttpResponse:
    title, detail = query_message(exc)
    return problem(request, 400, title, detail)
