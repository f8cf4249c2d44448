"""Query-string parameters of the table API, checked against the table's columns.

``col__op=value`` filters (``col=value`` means exact; the operators are Datasette's, see
:data:`OPERATORS`), ``_sort`` / ``_sort_desc``, ``_size``, ``_next``, ``_shape``, ``_facet``,
``_count``, ``_stream``, and Datasette's table arguments (``_col``, ``_nocol``, ``_search``,
``_search_<col>``, ``_facet_size``, ``_nofacet``, ``_nosuggest``, ``_nocount``, ``_extra``, ``_nl``,
``_dl``, ``_timelimit``, and the ones accepted without effect, :data:`IGNORED`). Anything unknown is
refused with a message that lists what is valid; docs/datasette-compat.md lists every parameter.
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

OPERATORS = (
    "exact",
    "not",
    "gt",
    "gte",
    "lt",
    "lte",
    "contains",
    "notcontains",
    "startswith",
    "endswith",
    "like",
    "notlike",
    "glob",
    "in",
    "notin",
    "date",
    "isnull",
    "notnull",
    "isblank",
    "notblank",
)
#: operators whose SQL is a pattern match (LIKE/GLOB); a query holds at most MAX_PATTERNS of them
PATTERN_OPS = frozenset({"contains", "notcontains", "startswith", "endswith", "like", "notlike", "glob"})
#: Datasette operators on JSON-array columns; Lontar columns hold one value each
ARRAY_OPS = ("arraycontains", "arraynotcontains")
SHAPES = ("objects", "arrays", "array", "object", "arrayfirst")
CONTROL = (
    "_sort",
    "_sort_desc",
    "_size",
    "_next",
    "_shape",
    "_facet",
    "_count",
    "_stream",
    "_col",
    "_nocol",
    "_search",
    "_searchmode",
    "_facet_size",
    "_nofacet",
    "_nosuggest",
    "_nocount",
    "_extra",
    "_nl",
    "_dl",
    "_timelimit",
)
#: Datasette arguments accepted without effect: there are no foreign keys to label, no JSON or
#: infinite values, caching and tracing are the server's own
IGNORED = ("_labels", "_label", "_json", "_json_infinity", "_ttl", "_trace", "_format")
#: Datasette arguments answered as Datasette answers when it may not honour them
REFUSED = ("_where", "_through", "_facet_array", "_facet_date")
DEFAULT_SIZE = 100
MAX_SIZE = 1000
MAX_IN = 100
MAX_FACETS = 5
MAX_PATTERNS = 4  # as public SQL (query.functions.MAX_PATTERN_MATCHES): one row's matches are not interruptible
MAX_PATTERN_LENGTH = 64  # SQLITE_LIMIT_LIKE_PATTERN_LENGTH (query.engine)
MAX_SEARCH_TERMS = 4
ID = "_id"


class ParamError(Exception):
    """A parameter the API refuses; the message is shown to the user (``status``, 400 unless
    the parameter is one Datasette refuses with another status)."""

    def __init__(self, message: str, *, status: int = 400, **extra: Any) -> None:
        self.message = message
        self.extra = extra
        self.status = status
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
    #: Datasette's table arguments (docs/datasette-compat.md)
    select: list[str] | None = None  # _col / _nocol: the columns shown (None: all)
    facet_size: int | None = None  # _facet_size (None: the reader's default)
    nocount: bool = False
    nofacet: bool = False
    nosuggest: bool = False
    extras: list[str] = field(default_factory=list)
    nl: bool = False
    download: bool = False
    time_limit_ms: int | None = None


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
    if number.adjusted() > 18:  # past int64: int() of "1e999999" would build a million digits (minutes)
        return float(number)
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
        # As Datasette: a name starting with _ and without __ is an argument, not a filter.
        if key.startswith("_") and "__" not in key and key != ID:
            dargs.check_argument(key)
            continue
        for raw in params.getlist(key):
            query.filters.append(_filter(key, raw, columns))
    query.filters += dargs.search_filters(params, columns)
    if (
        sum(1 for f in query.filters if f.op in PATTERN_OPS)
        + sum(len(f.value) for f in query.filters if f.op == "search")
        > MAX_PATTERNS
    ):
        raise ParamError(
            _(
                "At most %(max)s text matches per query (contains, startswith, endswith, like, glob and "
                "each _search word); split the query."
            )
            % {"max": MAX_PATTERNS}
        )
    _parse_sort(params, columns, query)
    query.size = _size(params.get("_size"))
    query.shape = _choice(params.get("_shape", "objects"), SHAPES, "_shape")
    query.facets = [columns.require(c) for c in dict.fromkeys(params.getlist("_facet"))][:MAX_FACETS]
    query.exact_count = params.get("_count", "") == "exact"
    query.stream = params.get("_stream", "") in ("on", "1", "true")
    query.select = dargs.select(params, columns)
    query.facet_size = dargs.facet_size(params.get("_facet_size", ""))
    # Datasette reads these as set when they hold anything at all (``_nocount=0`` too).
    query.nocount = bool(params.get("_nocount")) or query.shape in ("array", "object")
    query.nofacet = bool(params.get("_nofacet")) or query.shape in ("array", "object")
    query.nosuggest = bool(params.get("_nosuggest"))
    query.nl = bool(params.get("_nl"))
    query.download = bool(params.get("_dl"))
    query.extras = dargs.extras(params.getlist("_extra"))
    query.time_limit_ms = dargs.time_limit(params.get("_timelimit"))
    if next_key := params.get("_next"):
        query.after = decode_keyset(next_key, query, columns)
    return query


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filter(key: str, raw: str, columns: Columns) -> Filter:
    name, _sep, op = key.rpartition("__") if "__" in key else (key, "", "exact")
    columns.require(name)
    if op in ARRAY_OPS:
        raise ParamError(
            _("The operator %(op)s is not supported: Lontar columns hold single values, not JSON arrays.") % {"op": op}
        )
    if op not in OPERATORS:
        raise ParamError(
            _("Unknown operator %(op)s for column %(column)s. Operators: %(ops)s.")
            % {"op": op[:40], "column": name, "ops": ", ".join(OPERATORS)},
            valid_operators=list(OPERATORS),
        )
    if op in ("isnull", "notnull", "isblank", "notblank"):
        token = raw.strip().lower()
        if token not in TRUE_TOKENS | FALSE_TOKENS | {"on", "off"}:
            raise ParamError(_("%(name)s takes 1 (empty) or 0 (filled).") % {"name": key})
        return Filter(name, op, token in TRUE_TOKENS | {"on"})
    if op in PATTERN_OPS:
        return Filter(name, op, _pattern(key, raw, op, columns))
    if op in ("in", "notin"):
        return Filter(name, op, [columns.value(name, v) for v in _in_values(raw, key)])
    if op == "date":
        try:
            day = dt.date.fromisoformat(raw.strip())
        except ValueError as exc:
            raise ParamError(_("%(name)s takes a date written YYYY-MM-DD.") % {"name": key}) from exc
        return Filter(
            name, op, columns.value(name, day.isoformat()) if columns.types[name] == "date" else day.isoformat()
        )
    return Filter(name, op, columns.value(name, raw))


def _pattern(key: str, raw: str, op: str, columns: Columns) -> str:
    """The text of a pattern filter, checked for what the database can match in bounded time."""
    length = len(raw) if op in ("like", "notlike", "glob") else len(_like_escape(raw)) + 2
    if length > MAX_PATTERN_LENGTH:
        raise ParamError(
            _("%(name)s takes a pattern of at most %(max)s characters.") % {"name": key, "max": MAX_PATTERN_LENGTH}
        )
    if op == "glob" and columns.postgres and "[" in raw:
        raise ParamError(_("%(name)s: character classes [...] are not supported; use * and ?.") % {"name": key})
    return raw


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
    """Rows per page: 0 (counts and facets only, as Datasette) to MAX_SIZE, or ``max``."""
    if not text:
        return DEFAULT_SIZE
    if text == "max":
        return MAX_SIZE
    size = int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else -1
    if not 0 <= size <= MAX_SIZE:
        raise ParamError(_("_size must be a whole number from 0 to %(max)s.") % {"max": MAX_SIZE})
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
    if len(token) <= 1024 and dargs.DATASETTE_TOKEN.search(token):
        return dargs.datasette_keyset(token, query, columns, invalid)
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


# Datasette's table arguments; imported last, as that module uses the names above.
from lontar.datastore.query import datasette_args as dargs  # noqa: E402
