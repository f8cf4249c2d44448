"""Parse CKAN/Solr-style search parameters (``q``, ``fq``, ``sort``) into plain clauses.

Pure functions: text in, dataclasses out, :class:`QueryError` (never anything else) on bad input.
Supported: ``field:value``, ``+field:value``, ``-field:value``, ``field:"quoted value"``,
``field:(a OR b)``, ranges ``field:[X TO Y]`` / ``{X TO Y}`` with ``*``, ``NOW``, ``NOW-7DAYS``,
ISO dates and date-times, and ``AND`` between clauses. Free words in ``q`` are full-text terms.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

MAX_TEXT = 2000
MAX_CLAUSES = 30
MAX_VALUES = 100

FIELDS = frozenset(
    {
        "organization",
        "owner_org",
        "tags",
        "res_format",
        "groups",
        "license_id",
        "name",
        "id",
        "metadata_modified",
        "metadata_created",
        "year",
        "state",
        "capacity",
        "dataset_type",
        "type",
        "title",
        "notes",
        "text",
        "is_sample",
        "prioritas",
    }
)
ALIASES = {"tag": "tags", "group": "groups", "format": "res_format", "tahun": "year", "license": "license_id"}
TEXT_FIELDS = frozenset({"title", "notes", "text"})
SORT_FIELDS = {
    "score": "score",
    "id": "id",
    "name": "name",
    "title_string": "title",
    "title": "title",
    "metadata_modified": "metadata_modified",
    "metadata_created": "metadata_created",
    "num_resources": "num_resources",
    "num_tags": "num_tags",
}
_FIELD = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*):")
_OPERATORS = frozenset({"AND", "OR", "NOT", "&&", "||"})
_NOW = re.compile(r"^NOW(?:([+-])(\d{1,4})(DAY|DAYS|HOUR|HOURS|YEAR|YEARS))?(?:/(DAY|HOUR))?$")


class QueryError(ValueError):
    """The search parameters cannot be understood (CKAN "Search Query Error")."""


@dataclass(frozen=True)
class Clause:
    field: str
    values: tuple[str, ...] = ()
    is_range: bool = False
    low: str | None = None
    high: str | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    negate: bool = False


@dataclass
class Parsed:
    clauses: list[Clause] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    """``text[i]`` is '"'; returns the unescaped content and the index after the closing quote."""
    out: list[str] = []
    i += 1
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if ch == '"':
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    raise QueryError("unterminated quoted value")


def _read_bare(text: str, i: int, stop: str = "") -> tuple[str, int]:
    start = i
    while i < len(text) and not text[i].isspace() and text[i] not in stop:
        i += 1
    return text[start:i], i


def _read_range(text: str, i: int) -> tuple[Clause, int]:
    end = text.find("]", i)
    end_curly = text.find("}", i)
    ends = [e for e in (end, end_curly) if e != -1]
    if not ends:
        raise QueryError("unterminated range")
    end = min(ends)
    body = text[i + 1 : end].strip()
    parts = re.split(r"\s+TO\s+", body)
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise QueryError("a range must look like [X TO Y]")
    low, high = (None if p == "*" else p.strip('"') for p in parts)
    clause = Clause(
        field="",
        is_range=True,
        low=low,
        high=high,
        low_inclusive=text[i] == "[",
        high_inclusive=text[end] == "]",
    )
    return clause, end + 1


def _read_group(text: str, i: int) -> tuple[tuple[str, ...], int]:
    end = text.find(")", i)
    if end == -1:
        raise QueryError("unterminated group")
    values: list[str] = []
    j = i + 1
    while j < end:
        if text[j].isspace():
            j += 1
            continue
        if text[j] == '"':
            value, j = _read_quoted(text, j)
        else:
            value, j = _read_bare(text, j, stop=")")
        if value not in ("OR", "||"):
            values.append(value)
    if not values:
        raise QueryError("empty group")
    return tuple(values), end + 1


def _read_value(text: str, i: int) -> tuple[Clause, int]:
    if i >= len(text) or text[i].isspace():
        raise QueryError("missing value")
    ch = text[i]
    if ch in "[{":
        return _read_range(text, i)
    if ch == "(":
        values, i = _read_group(text, i)
        return Clause(field="", values=values), i
    if ch == '"':
        value, i = _read_quoted(text, i)
        return Clause(field="", values=(value,)), i
    value, i = _read_bare(text, i)
    return Clause(field="", values=(value,)), i


def _field_name(raw: str) -> str:
    name = raw.lower()
    name = ALIASES.get(name, name)
    if name not in FIELDS:
        raise QueryError(f"unknown field {raw[:40]!r}")
    return name


def _check(parsed: Parsed) -> Parsed:
    if len(parsed.clauses) > MAX_CLAUSES:
        raise QueryError("too many clauses")
    if any(len(c.values) > MAX_VALUES for c in parsed.clauses):
        raise QueryError("too many values in one clause")
    if any(not v.strip() for c in parsed.clauses for v in c.values):
        raise QueryError("empty value")
    return parsed


def parse(text: str | None, *, free_text: bool) -> Parsed:
    """Clauses and free words of a ``q`` (``free_text=True``) or ``fq`` string."""
    text = str(text or "")
    if len(text) > MAX_TEXT:
        raise QueryError("query too long")
    text = text.replace("*:*", " ")
    parsed = Parsed()
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        negate = text[i] == "-" and i + 1 < len(text) and _FIELD.match(text, i + 1) is not None
        plus = text[i] == "+" and i + 1 < len(text) and _FIELD.match(text, i + 1) is not None
        if negate or plus:
            i += 1
        match = _FIELD.match(text, i)
        if match:
            name = _field_name(match.group(1))
            clause, i = _read_value(text, match.end())
            parsed.clauses.append(Clause(**{**clause.__dict__, "field": name, "negate": negate}))
            continue
        if not free_text:
            raise QueryError("fq takes field:value clauses only")
        word, i = _read_bare(text, i)
        if word not in _OPERATORS:
            parsed.words.append(word)
    return _check(parsed)


def parse_sort(text: str | None, *, has_text: bool) -> list[tuple[str, bool]]:
    """``"metadata_modified desc, name asc"`` → [("metadata_modified", True), ("name", False)]."""
    raw = str(text or "").strip()
    if not raw:
        return [("score", True), ("metadata_modified", True)] if has_text else [("metadata_modified", True)]
    if len(raw) > 200:
        raise QueryError("sort too long")
    result: list[tuple[str, bool]] = []
    for part in raw.split(","):
        bits = part.split()
        if not bits or len(bits) > 2:
            raise QueryError(f"bad sort {part.strip()[:40]!r}")
        name = SORT_FIELDS.get(bits[0].lower())
        direction = bits[1].lower() if len(bits) == 2 else "asc"
        if name is None or direction not in ("asc", "desc"):
            raise QueryError(f"bad sort {part.strip()[:40]!r}")
        result.append((name, direction == "desc"))
    return result


def _now_bound(match: re.Match[str], now: dt.datetime) -> dt.datetime:
    sign, amount, unit, rounding = match.groups()
    value = now
    if rounding == "DAY":
        value = value.replace(hour=0, minute=0, second=0, microsecond=0)
    elif rounding == "HOUR":
        value = value.replace(minute=0, second=0, microsecond=0)
    if sign:
        n = int(amount) * (1 if sign == "+" else -1)
        unit = unit.rstrip("S")
        delta = {"DAY": dt.timedelta(days=n), "HOUR": dt.timedelta(hours=n), "YEAR": dt.timedelta(days=365 * n)}[unit]
        try:
            value = value + delta
        except OverflowError as exc:
            raise QueryError("date out of range") from exc
    return value


def parse_datetime(text: str, *, now: dt.datetime | None = None) -> dt.datetime:
    """An ISO date or date-time (naive = UTC), or ``NOW`` with an offset; raises QueryError."""
    now = now or dt.datetime.now(dt.UTC)
    raw = text.strip().upper()
    match = _NOW.match(raw)
    if match:
        return _now_bound(match, now)
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError as exc:
        raise QueryError(f"not a date: {text[:40]!r}") from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def parse_year(text: str) -> int:
    raw = text.strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) != 4:
        raise QueryError(f"not a year: {text[:40]!r}")
    return int(raw)
