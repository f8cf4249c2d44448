"""Parse CKAN/Solr-style search parameters (``q``, ``fq``, ``sort``) into plain clauses.

Pure functions: text in, dataclasses out, :class:`QueryError` (never anything else) on bad input.
Supported: ``field:value``, ``+field:value``, ``-field:value``, ``field:"quoted value"``,
``field:(a OR b)``, ranges ``field:[X TO Y]`` / ``{X TO Y}`` with ``*``, ``NOW``, ``NOW-7DAYS``,
ISO dates and date-times, and ``AND`` between clauses. Free words in ``q`` are full-text terms.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

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


_UNITS = {
    "YEAR": "YEAR",
    "YEARS": "YEAR",
    "MONTH": "MONTH",
    "MONTHS": "MONTH",
    "DAY": "DAY",
    "DAYS": "DAY",
    "DATE": "DAY",
    "HOUR": "HOUR",
    "HOURS": "HOUR",
    "MINUTE": "MINUTE",
    "MINUTES": "MINUTE",
    "SECOND": "SECOND",
    "SECONDS": "SECOND",
}
_MATH_START = re.compile(r"(?:/|[+-]\d+)(?:YEAR|MONTH|DAY|DATE|HOUR|MINUTE|SECOND)")
_MATH = re.compile(r"([+-])(\d{1,5})([A-Z]+)|/([A-Z]+)")
_ROUND_FIELDS = ("month", "day", "hour", "minute", "second", "microsecond")
_ROUND_KEEP = {"YEAR": 0, "MONTH": 1, "DAY": 2, "HOUR": 3, "MINUTE": 4, "SECOND": 5}


def _round(value: dt.datetime, unit: str) -> dt.datetime:
    """Solr's ``/UNIT``: the start of the unit."""
    keep = _ROUND_KEEP[unit]
    reset: dict[str, Any] = {f: (1 if f in ("month", "day") else 0) for f in _ROUND_FIELDS[keep:]}
    return value.replace(**reset)


def _add(value: dt.datetime, amount: int, unit: str) -> dt.datetime:
    """Solr's ``+N UNIT``: calendar months and years (the day clamped to the month's end)."""
    if unit in ("YEAR", "MONTH"):
        months = value.year * 12 + value.month - 1 + (amount * 12 if unit == "YEAR" else amount)
        year, month = divmod(months, 12)
        if not 1 <= year <= 9999:
            raise QueryError("date out of range")
        last = calendar.monthrange(year, month + 1)[1]
        return value.replace(year=year, month=month + 1, day=min(value.day, last))
    seconds = {"DAY": 86400, "HOUR": 3600, "MINUTE": 60, "SECOND": 1}[unit]
    try:
        return value + dt.timedelta(seconds=amount * seconds)
    except OverflowError as exc:
        raise QueryError("date out of range") from exc


def _date_math(base: dt.datetime, math: str, original: str) -> dt.datetime:
    """Apply Solr date math (``/DAY``, ``-7DAYS``, ``+1MONTH``… left to right) to ``base``."""
    value, position = base, 0
    while position < len(math):
        match = _MATH.match(math, position)
        unit = _UNITS.get((match.group(3) or match.group(4)) if match else "")
        if match is None or unit is None:
            raise QueryError(f"not a date: {original[:40]!r}")
        if match.group(4):
            value = _round(value, unit)
        else:
            value = _add(value, int(match.group(2)) * (1 if match.group(1) == "+" else -1), unit)
        position = match.end()
    return value


def parse_datetime(text: str, *, now: dt.datetime | None = None) -> dt.datetime:
    """An ISO date or date-time (naive = UTC) or ``NOW``, optionally followed by Solr date math
    (``NOW/DAY-7DAYS``, ``2024-01-01T00:00:00Z+1MONTH``); raises QueryError."""
    now = now or dt.datetime.now(dt.UTC)
    raw = text.strip().upper()
    if raw.startswith("NOW"):
        return _date_math(now, raw[3:], text)
    head, zulu, tail = raw.partition("Z")
    math = _MATH_START.search(head)
    if math:  # date math right after a date without "Z" (2024-01-01/DAY)
        head, tail = head[: math.start()], head[math.start() :] + zulu + tail
        zulu = ""
    try:
        value = dt.datetime.fromisoformat(head + zulu)
    except ValueError as exc:
        raise QueryError(f"not a date: {text[:40]!r}") from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return _date_math(value, tail, text)


def parse_year(text: str) -> int:
    raw = text.strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) != 4:
        raise QueryError(f"not a year: {text[:40]!r}")
    return int(raw)
