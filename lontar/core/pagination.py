"""Keyset (cursor) pagination for API lists: stable under inserts, O(page) at any depth.

A cursor is an opaque URL-safe token encoding the sort value(s) of the last row of the page.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Annotated, Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query
from ninja.errors import HttpError

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_CURSOR_LENGTH = 512

#: the ``limit`` and ``cursor`` parameters of a list operation, with their limits in the schema
Limit = Annotated[
    int | None, Query(None, ge=1, le=MAX_LIMIT, description=f"rows per page, 1–{MAX_LIMIT} (default {DEFAULT_LIMIT})")
]
Cursor = Annotated[
    str | None,
    Query(
        None,
        max_length=MAX_CURSOR_LENGTH,
        pattern=r"^[A-Za-z0-9_-]*$",
        description="next_cursor of the previous page (opaque)",
    ),
]


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, size: int) -> list[Any]:
    try:
        if len(token) > MAX_CURSOR_LENGTH:
            raise ValueError
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != size:
            raise ValueError
        if not all(isinstance(v, str | int | float) or v is None for v in values):
            raise ValueError
        return values
    except (ValueError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HttpError(422, _("The cursor parameter is not valid.")) from exc


@dataclass
class Page:
    items: list[Any]
    next_cursor: str | None
    next_url: str | None


def keyset_page(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    order: tuple[str, ...],
    cursor: str | None,
    limit: int | None,
) -> Page:
    """Return one page of ``queryset`` ordered ascending by the unique-together ``order`` fields."""
    size = DEFAULT_LIMIT if limit is None else limit
    if size < 1 or size > MAX_LIMIT:
        raise HttpError(422, _("The limit parameter must be between 1 and %(max)d.") % {"max": MAX_LIMIT})
    qs = queryset.order_by(*order)
    if cursor:
        values = decode_cursor(cursor, len(order))
        condition = Q()
        for i, field in enumerate(order):
            step = Q(**{f"{field}__gt": values[i]})
            for prev_field, prev_value in zip(order[:i], values[:i], strict=True):
                step &= Q(**{prev_field: prev_value})
            condition |= step
        qs = qs.filter(condition)
    rows = list(qs[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    next_url = None
    if has_more and rows:
        last = rows[-1]
        next_cursor = encode_cursor([_attr(last, f) for f in order])
        params = request.GET.copy()
        params["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return Page(items=rows, next_cursor=next_cursor, next_url=next_url)


def _attr(obj: Any, field: str) -> Any:
    for part in field.split("__"):
        obj = getattr(obj, part)
    return obj
