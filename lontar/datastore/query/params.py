"""Query-string parameters of the table API, checked against the table's columns.

``col__op=value`` filters (``exact gt gte lt lte contains in isnull``; ``col=value`` means
exact), ``_sort`` / ``_sort_desc``, ``_size``, ``_next``, ``_shape``, ``_facet``, ``_count``,
``_stream``. Anything unknown is refused with a message that lists what is valid.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from lontar.datastore.ingest.types import FALSE_TOKENS, TRUE_TOKENS

OPERATORS = ("exact", "gt", "gte", "lt", "lte", "contains", "in", "isnull")
SHAPES = ("objects", "arrays", "array")
CONTROL = ("_sort", "_sort_desc", "_size", "_next", "_shape", "_facet", "_count", "_stream")
DEFAULT_SIZE = 100
MAX_SIZE = 1000
MAX_IN = 100
MAX_FACETS = 5
ID = "_id"


class ParamError(Exception):
    """A parameter the API refuses; the message is shown to the user (400)."""

    def __init__(self, message: str, **extra: Any) -> None:
        self.message = message
        self.extra = extra
        super().__init__(message)


@dataclass(frozen=True)
class Filter:
    column: str
    op: str
    value: Any


@dataclass(frozen=True)
class Keyset:
    value: Any = None
    id: int = 0
    nulls: bool = False


@dataclass
class TableQuery:
    filters: list[Filter] = field(default_factory=list)
    sort: str = ""
    desc: bool = False
    size: int = DEFAULT_SIZE
    after: Keyset | None = None
    shape: str = "objects"
    facets: list[str] = field(default_factory=list)
    exact_count: bool = False
    stream: bool = False


class Columns:
    """The table's columns (``_id`` first) and their value conversion for one database."""

    def __init__(self, columns: list[dict[str, Any]], *, postgres: bool) -> None:
        self.types = {ID: "integer", **{c["name"]: c["type"] for c in columns}}
        self.nullable = {ID: False, **{c["name"]: bool(c.get("nullable", True)) for c in columns}}
        self.postgres = postgres

    @property
    def names(self) -> list[str]:
        return list(self.types)

    def require(self, name: str) -> str:
        if name not in self.types:
            raise ParamError(
                _("Unknown column %(column)s. Columns: %(columns)s.")
                % {"column": name, "columns": ", ".join(self.names)},
                valid_columns=self.names,
            )
        return name

    def value(self, column: str, text: str) -> Any:
        """A query-string value as the database compares it for ``column``; ParamError if it cannot be."""
        kind = self.types[column]
        try:
            return _CONVERT.get(kind, _text)(text, self.postgres)
        except (ValueError, InvalidOperation) as exc:
            raise ParamError(
                _("The value %(value)s is not valid for column %(column)s (type %(type)s).")
                % {"value": repr(text)[:60], "column": column, "type": kind}
            ) from exc


def _text(text: str, postgres: bool) -> str:
    return text


def _integer(text: str, postgres: bool) -> int | float:
    number = Decimal(text.strip())
    if not number.is_finite():
        raise ValueError(text)
    return int(number) if number == number.to_integral_value() else float(number)


def _decimal(text: str, postgres: bool) -> float | Decimal:
    number = Decimal(text.strip())
    if not number.is_finite():
        raise ValueError(text)
    return number if postgres else float(number)


def _date(text: str, postgres: bool) -> dt.date | str:
    day = dt.date.fromisoformat(text.strip())
    return day if postgres else day.isoformat()


def _boolean(text: str, postgres: bool) -> bool | int:
    token = text.strip().lower()
    if token not in TRUE_TOKENS | FALSE_TOKENS:
        raise ValueError(text)
    truth = token in TRUE_TOKENS
    return truth if postgres else int(truth)


_CONVERT = {"integer": _integer, "decimal": _decimal, "date": _date, "boolean": _boolean}


def parse(params: QueryDict, columns: Columns) -> TableQuery:
    query = TableQuery()
    for key in params:
        if key.startswith("_"):
            if key not in CONTROL:
                raise ParamError(
                    _("Unknown parameter %(name)s. Parameters: %(names)s.") % {"name": key, "names": ", ".join(CONTROL)}
                )
            continue
        for raw in params.getlist(key):
            query.filters.append(_filter(key, raw, columns))
    _parse_sort(params, columns, query)
    query.size = _size(params.get("_size"))
    query.shape = _choice(params.get("_shape", "objects"), SHAPES, "_shape")
    query.facets = [columns.require(c) for c in params.getlist("_facet")][:MAX_FACETS]
    query.exact_count = params.get("_count", "") == "exact"
    query.stream = params.get("_stream", "") in ("on", "1", "true")
    if next_key := params.get("_next"):
        query.after = decode_keyset(next_key, query, columns)
    return query


def _filter(key: str, raw: str, columns: Columns) -> Filter:
    name, _sep, op = key.rpartition("__") if "__" in key else (key, "", "exact")
    columns.require(name)
    if op not in OPERATORS:
        raise ParamError(
            _("Unknown operator %(op)s for column %(column)s. Operators: %(ops)s.")
            % {"op": op, "column": name, "ops": ", ".join(OPERATORS)},
            valid_operators=list(OPERATORS),
        )
    if op == "isnull":
        token = raw.strip().lower()
        if token not in TRUE_TOKENS | FALSE_TOKENS:
            raise ParamError(_("%(name)s takes 1 (empty) or 0 (filled).") % {"name": key})
        return Filter(name, op, token in TRUE_TOKENS)
    if op == "contains":
        return Filter(name, op, raw)
    if op == "in":
        return Filter(name, op, [columns.value(name, v) for v in _in_values(raw, key)])
    return Filter(name, op, columns.value(name, raw))


def _in_values(raw: str, key: str) -> list[str]:
    text = raw.strip()
    if text.startswith("["):
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParamError(_("%(name)s: write a comma-separated list or a JSON array.") % {"name": key}) from exc
        if not isinstance(values, list) or not all(isinstance(v, str | int | float) for v in values):
            raise ParamError(_("%(name)s: write a comma-separated list or a JSON array.") % {"name": key})
        items = [str(v) for v in values]
    else:
        items = [v for v in text.split(",")]
    if not items or len(items) > MAX_IN:
        raise ParamError(_("%(name)s takes 1 to %(max)s values.") % {"name": key, "max": MAX_IN})
    return items


def _parse_sort(params: QueryDict, columns: Columns, query: TableQuery) -> None:
    asc, desc = params.get("_sort"), params.get("_sort_desc")
    if asc and desc:
        raise ParamError(_("Use either _sort or _sort_desc, not both."))
    if asc or desc:
        query.sort = columns.require(asc or desc or "")
        query.desc = bool(desc)
    if query.sort == ID:
        query.sort = "" if not query.desc else ID


def _size(text: str | None) -> int:
    if not text:
        return DEFAULT_SIZE
    if text == "max":
        return MAX_SIZE
    try:
        size = int(text)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_SIZE:
        raise ParamError(_("_size must be a whole number from 1 to %(max)s.") % {"max": MAX_SIZE})
    return size


def _choice(value: str, choices: tuple[str, ...], name: str) -> str:
    if value not in choices:
        raise ParamError(_("%(name)s must be one of: %(choices)s.") % {"name": name, "choices": ", ".join(choices)})
    return value


def encode_keyset(keyset: Keyset, query: TableQuery) -> str:
    value = keyset.value.isoformat() if isinstance(keyset.value, dt.date) else keyset.value
    if isinstance(value, Decimal):
        value = str(value)
    elif isinstance(value, bool):
        value = int(value)
    payload = {"s": query.sort, "d": query.desc, "v": value, "i": keyset.id, "n": keyset.nulls}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_keyset(token: str, query: TableQuery, columns: Columns) -> Keyset:
    invalid = ParamError(_("The _next token is not valid for this query; start again from the first page."))
    try:
        if len(token) > 1024:
            raise ValueError(token)
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if not isinstance(data, dict) or data.get("s") != query.sort or bool(data.get("d")) != query.desc:
            raise ValueError(token)
        row_id = data["i"]
        if not isinstance(row_id, int) or isinstance(row_id, bool):
            raise ValueError(token)
        nulls = bool(data.get("n"))
        value = data.get("v")
        if query.sort and query.sort != ID and not nulls:
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise ValueError(token)
            value = columns.value(query.sort, str(value))
        return Keyset(value=value, id=row_id, nulls=nulls)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError, ParamError) as exc:
        raise invalid from exc
