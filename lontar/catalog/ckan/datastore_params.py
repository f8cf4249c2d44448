"""The parameters of CKAN's ``datastore_search`` (and ``/datastore/dump``), checked as CKAN 2.11
checks them (``datastore_search_schema`` and the DataStore plugin's ``datastore_validate``),
into a :class:`~lontar.datastore.query.search.Search` over the table's own columns.

Every refusal is CKAN's 409 "Validation Error" with CKAN's field messages: unknown parameters
(``__junk``), unknown columns in ``filters``, ``q``, ``fields`` and ``sort`` (``invalid value
"…"``), JSON that does not parse, ``records_format`` outside its four values. Values are bound
parameters and names must be columns of the table: nothing from the request reaches SQL text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lontar.catalog.ckan import params as p
from lontar.catalog.ckan.errors import ValidationFailed
from lontar.core import safe_json
from lontar.datastore.query.params import ID, Columns, ParamError
from lontar.datastore.query.search import BoolOp, FieldOp, Search, SortKey, TextExpr, TextMatch, Word

SEARCH_KEYS = frozenset(
    {
        "resource_id",
        "id",
        "q",
        "plain",
        "filters",
        "language",
        "limit",
        "offset",
        "fields",
        "sort",
        "distinct",
        "include_total",
        "total_estimation_threshold",
        "records_format",
        "include_next_page",
        "full_text",
    }
)
RECORDS_FORMATS = ("objects", "lists", "csv", "tsv")
LIMIT_MAX = 1000
OFFSET_MAX = 1_000_000
#: CKAN's MAX_FILTER_OPS_NUM; and at most this many values in all filters together
MAX_FILTER_OPS = 100
MAX_FILTER_VALUES = 1000
MAX_WORDS = 16
#: a LIKE pattern of SQLite is at most 64 characters with its two %
MAX_WORD = 60
MAX_SORT = 20
FILTER_OPS = ("eq", "in", "gt", "gte", "lt", "lte")
_SORT_CLAUSE = re.compile(r"^(.+?)( +(asc|desc))?( nulls +(first|last) *)?$", re.IGNORECASE)


def invalid(key: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"{key}: {message}", {key: [message]})


def invalid_value(key: str, value: Any) -> ValidationFailed:
    """CKAN's ``datastore_validate`` refusal of a name that is not a column."""
    return invalid(key, f'invalid value "{str(value)[:80]}"')


@dataclass
class SearchParams:
    search: Search
    records_format: str = "objects"
    include_total: bool = True
    include_next_page: bool = False
    links: dict[str, Any] = field(default_factory=dict)


def check_junk(data: dict[str, Any], allowed: frozenset[str] = SEARCH_KEYS) -> None:
    junk = [key for key in data if key not in allowed]
    if junk:
        names = [(str(key)[:60],) for key in junk[:10]]
        raise invalid("__junk", f"The input field {names} was not expected.")


def json_value(data: dict[str, Any], key: str) -> Any:
    """CKAN's ``json_validator``: dicts and lists as given, anything else parsed as JSON."""
    raw = data.get(key)
    if isinstance(raw, dict | list) or raw is None:
        return raw
    try:
        return safe_json.loads(str(raw))
    except (ValueError, TypeError) as exc:
        raise invalid(key, "Cannot parse JSON") from exc


def string_or_dict(data: dict[str, Any], key: str) -> str | dict[str, Any]:
    """CKAN's ``unicode_or_json_validator``: a JSON object becomes a dict, anything else a string."""
    raw = data.get(key)
    if raw is None:
        return ""
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, list):
        raise invalid(key, "Must be a string or a JSON object")
    text = str(raw)
    if text.lstrip().startswith("{"):
        try:
            parsed = safe_json.loads(text)
        except ValueError:
            return text
        if isinstance(parsed, dict):
            return parsed
    return text


def name_list(data: dict[str, Any], key: str, *, strip_quotes: bool) -> list[str] | None:
    """CKAN's ``list_of_strings_or_string`` then ``get_list``: a list, or a comma-separated string."""
    raw = data.get(key)
    if raw is None:
        return None
    if isinstance(raw, str):
        items = [item.strip() for item in raw.split(",")]
        items = [item for item in items if item]
    elif isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        items = [item.strip() for item in raw]
    else:
        raise invalid(key, "Not a list")
    if len(items) > 1000:
        raise invalid(key, "Too many values")
    if strip_quotes:
        items = [i[1:-1] if len(i) > 1 and i[0] == i[-1] == '"' else i for i in items]
    return items


# -- filters ------------------------------------------------------------------------------------
class _Filters:
    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self.ops: list[FieldOp] = []
        self.values = 0

    def parse(self, filters: Any) -> list[FieldOp]:
        if filters in (None, "", {}):
            return []
        if not isinstance(filters, dict):
            raise invalid("filters", "Must be a JSON object of field: value")
        for name, wanted in filters.items():
            if str(name).startswith("$"):
                raise invalid("filters", f"Unknown operators (not supported here): {str(name)[:40]}")
            if name not in self.columns.types:
                raise invalid_value("filters", name)
            self._field(name, wanted)
        return self.ops

    def _field(self, name: str, wanted: Any) -> None:
        if isinstance(wanted, dict):
            if not wanted:
                raise invalid("filters", f"Empty filter for {name}")
            for op, value in wanted.items():
                if op not in FILTER_OPS:
                    raise invalid("filters", f"Unknown filter operation: {str(op)[:40]}")
                self._add(name, op, value)
        elif isinstance(wanted, list):
            self._add(name, "in", wanted)
        else:
            self._add(name, "eq", wanted)

    def _add(self, name: str, op: str, value: Any) -> None:
        items = value if isinstance(value, list) else [value]
        if op != "in" and isinstance(value, list):
            raise invalid("filters", f"{op} takes one value ({name})")
        self.values += len(items)
        if len(self.ops) >= MAX_FILTER_OPS or self.values > MAX_FILTER_VALUES:
            raise invalid("filters", "Maximum number of filter operations exceeded")
        converted = [self._value(name, v) for v in items if v is not None]
        if op == "in" or value is None:
            self.ops.append(FieldOp(name, "in", converted))
        else:
            self.ops.append(FieldOp(name, op, converted[0]))

    def _value(self, name: str, value: Any) -> Any:
        if isinstance(value, dict | list):
            raise invalid("filters", f"Filter values of {name} must be text or numbers")
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        try:
            return self.columns.value(name, text)
        except ParamError as exc:
            raise invalid("filters", exc.message) from exc


# -- text queries -------------------------------------------------------------------------------
#: what separates words, as PostgreSQL's text parser reads them: spaces, underscores and
#: punctuation other than the dots, hyphens and slashes inside numbers, codes and dates
_SEPARATOR = re.compile(r"[^\w.\-/]+|_")


def plain_words(text: str, key: str) -> TextExpr | None:
    """``plainto_tsquery``: every word must match."""
    words = split_words(text, key)
    return words_and(words) if words else None


def split_words(text: str, key: str) -> list[Word]:
    words = [w for w in _SEPARATOR.split(text) if w.strip(".-/")]
    if len(words) > MAX_WORDS:
        raise invalid(key, f"At most {MAX_WORDS} words")
    for w in words:
        if len(w) > MAX_WORD:
            raise invalid(key, f"Each search word is at most {MAX_WORD} characters")
    return [Word(w) for w in words]


def words_and(words: list[Word]) -> TextExpr:
    return words[0] if len(words) == 1 else BoolOp("and", tuple(words))


_TS_TOKEN = re.compile(r"\s*(<->|<\d+>|[&|!()]|[^\s&|!()<>:]+(?::[*A-Da-d]+)?)")


class _TsQuery:
    """``to_tsquery`` (``plain=false``): ``&`` ``|`` ``!`` ``<->`` (read as AND), parentheses,
    ``word:*`` (a prefix; every word already matches as a substring)."""

    def __init__(self, text: str, key: str) -> None:
        self.key = key
        self.tokens: list[str] = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            match = _TS_TOKEN.match(text, pos)
            if match is None or match.end() == pos:
                raise self.error()
            self.tokens.append(match.group(1))
            pos = match.end()
        if len(self.tokens) > 5 * MAX_WORDS or len([t for t in self.tokens if t not in "&|!()"]) > MAX_WORDS:
            raise invalid(key, f"At most {MAX_WORDS} words")
        self.pos = 0
        self.depth = 0

    def error(self) -> ValidationFailed:
        return ValidationFailed(f"{self.key}: syntax error in tsquery", {"query": ["Invalid query"]})

    def parse(self) -> TextExpr | None:
        if not self.tokens:
            return None
        expr = self._or()
        if self.pos != len(self.tokens):
            raise self.error()
        return expr

    def _peek(self) -> str:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ""

    def _or(self) -> TextExpr:
        items = [self._and()]
        while self._peek() == "|":
            self.pos += 1
            items.append(self._and())
        return items[0] if len(items) == 1 else BoolOp("or", tuple(items))

    def _and(self) -> TextExpr:
        items = [self._not()]
        while self._peek() == "&" or self._peek().startswith("<"):
            self.pos += 1
            items.append(self._not())
        return items[0] if len(items) == 1 else BoolOp("and", tuple(items))

    def _not(self) -> TextExpr:
        if self._peek() == "!":
            self.pos += 1
            return BoolOp("not", (self._not(),))
        return self._atom()

    def _atom(self) -> TextExpr:
        token = self._peek()
        self.pos += 1
        if token == "(":  # noqa: S105 - a parenthesis, not a password
            self.depth += 1
            if self.depth > 10:
                raise self.error()
            expr = self._or()
            if self._peek() != ")":
                raise self.error()
            self.pos += 1
            self.depth -= 1
            return expr
        if not token or token in "&|!)" or token.startswith("<"):  # noqa: S105
            raise self.error()
        words = split_words(token.split(":")[0], self.key)  # "kota_kupang:*" (CKAN's DataTables view)
        if not words:
            raise self.error()
        return words_and(words)


def text_expr(text: str, key: str, plain: bool) -> TextExpr | None:
    if len(text) > 500:
        raise invalid(key, "Must be at most 500 characters")
    return plain_words(text, key) if plain else _TsQuery(text, key).parse()


def text_matches(data: dict[str, Any], columns: Columns, plain: bool) -> list[TextMatch]:
    """``full_text`` (or a string ``q``) over every column; a dict ``q`` column by column."""
    everywhere = tuple(columns.names)
    q = string_or_dict(data, "q")
    full_text = p.text(data, "full_text", max_length=500)
    matches: list[TextMatch] = []
    wide = full_text or (q if isinstance(q, str) else "")
    expr = text_expr(wide, "full_text" if full_text else "q", plain) if wide else None
    if expr is not None:
        matches.append(TextMatch(everywhere, expr))
    if isinstance(q, dict):
        for name, value in q.items():
            if name not in columns.types or not isinstance(value, str):
                raise invalid_value("q", name)
            one = text_expr(value, "q", plain)
            if one is not None:
                matches.append(TextMatch((name,), one))
    return matches


# -- fields and sort ----------------------------------------------------------------------------
def field_names(data: dict[str, Any], columns: Columns) -> list[str]:
    wanted = name_list(data, "fields", strip_quotes=True)
    if not wanted:
        return columns.names
    for name in wanted:
        if name not in columns.types:
            raise invalid_value("fields", name)
    return list(dict.fromkeys(wanted))


def sort_keys(data: dict[str, Any], columns: Columns, default: str = "") -> list[SortKey]:
    clauses = name_list(data, "sort", strip_quotes=False)
    if clauses is None and default:
        clauses = [default]
    keys: list[SortKey] = []
    for clause in (clauses or [])[: MAX_SORT + 1]:
        match = _SORT_CLAUSE.match(clause) if len(clauses or []) <= MAX_SORT and len(clause) <= 200 else None
        name = match.group(1) if match else ""
        if len(name) > 1 and name[0] == name[-1] == '"':
            name = name[1:-1]
        if match is None or name not in columns.types:
            raise invalid_value("sort", clause)
        direction = (match.group(3) or "asc").lower()
        keys.append(SortKey(name, desc=direction == "desc", nulls=(match.group(5) or "").lower()))
    return keys


def records_format(
    data: dict[str, Any], choices: tuple[str, ...] = RECORDS_FORMATS, key: str = "records_format"
) -> str:
    value = data.get(key) or choices[0]
    if value not in choices:
        raise invalid(key, f"Value must be one of {list(choices)}")
    return str(value)


# -- the whole search ---------------------------------------------------------------------------
def search(data: dict[str, Any], columns: Columns, *, limit_max: int | None = LIMIT_MAX) -> Search:
    """The search of ``datastore_search`` (``limit_max`` None: no limit, the dump's)."""
    fields = field_names(data, columns)
    distinct = p.boolean(data, "distinct", False)
    result = Search(
        fields=fields,
        conditions=_Filters(columns).parse(json_value(data, "filters")),
        texts=text_matches(data, columns, p.boolean(data, "plain", True)),
        sort=sort_keys(data, columns),
        distinct=distinct,
        offset=p.natural(data, "offset", 0, maximum=OFFSET_MAX, clamp=False),
    )
    if limit_max is not None:
        result.limit = p.natural(data, "limit", 100, maximum=limit_max)
    elif data.get("limit") not in (None, ""):
        result.limit = p.natural(data, "limit", 0)
    else:
        result.limit = -1
    p.text(data, "language", max_length=100)
    if distinct and any(k.column not in fields for k in result.sort):
        raise invalid("sort", "With distinct, sort only by the fields returned")
    return result


def search_params(data: dict[str, Any], columns: Columns) -> SearchParams:
    check_junk(data)
    params = SearchParams(
        search=search(data, columns),
        records_format=records_format(data),
        include_total=p.boolean(data, "include_total", True),
        include_next_page=p.boolean(data, "include_next_page", False),
    )
    if data.get("total_estimation_threshold") not in (None, ""):
        p.integer(data, "total_estimation_threshold", 0, minimum=-(2**31), maximum=2**63)
    return params


def next_page(params: SearchParams, last_id: Any) -> dict[str, Any] | None:
    """CKAN's ``next_page`` filter: only when sorted by ``_id`` alone (ascending or descending)."""
    sort = params.search.sort
    if not params.include_next_page or params.search.distinct or last_id is None:
        return None
    if sort and (len(sort) != 1 or sort[0].column != ID):
        return None
    return {ID: {"lt" if sort and sort[0].desc else "gt": last_id}}
