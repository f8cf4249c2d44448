"""Vectorised conversion of a chunk of one column to its chosen type (pyarrow compute).

Each converter returns the typed values (null for an empty cell or a value that does not fit)
and a mask of the non-empty values that did not fit, so the report can name their rows. The
results agree with the one-value parsers in :mod:`lontar.datastore.ingest.types`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from lontar.datastore.ingest import types as t
from lontar.datastore.ingest.types import ColumnType

_TRUE = pa.array(sorted(t.TRUE_TOKENS))
_FALSE = pa.array(sorted(t.FALSE_TOKENS))


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    label: str
    type: str
    number_format: str = ""


@dataclass
class Converted:
    values: pa.Array
    #: non-empty values that do not parse as the type (None when there are none)
    invalid: pa.Array | None = None
    #: region columns: values that are not real Kemendagri codes
    unknown_region: pa.Array | None = None
    #: number columns with marks: the mark of each cell ("-", "…", "*"), null where none
    marks: pa.Array | None = None


def _null_where(values: pa.Array, mask: pa.Array, kind: pa.DataType) -> pa.Array:
    return pc.if_else(mask, pa.scalar(None, type=kind), values)


@dataclass
class Options:
    known_regions: pa.Array
    #: keep decimals as exact strings (PostgreSQL NUMERIC) instead of floats (SQLite REAL)
    decimals_as_text: bool = False
    #: raw value -> ISO date, shared across chunks (pass 1 fills it for inferred date columns)
    date_cache: dict[str, Any] | None = None
    #: the type was inferred from every value, so a direct cast is tried first
    trusted: bool = False


def convert(raw: pa.Array, spec: ColumnSpec, options: Options) -> Converted:
    """``raw`` untrimmed strings → typed values."""
    kind = ColumnType(spec.type)
    blank = pc.match_substring_regex(raw, pattern=t.BLANK_RE)
    if kind == ColumnType.TEXT:
        return Converted(_null_where(raw, blank, pa.string()))
    if options.trusted and kind in (ColumnType.INTEGER, ColumnType.DECIMAL):
        direct = _direct_cast(raw, blank, kind, spec.number_format, options.decimals_as_text)
        if direct is not None:
            return direct
    values = pc.utf8_trim_whitespace(raw)
    empty = pc.equal(values, "")
    if kind == ColumnType.REGION:
        return _region(values, empty, options.known_regions)
    if kind == ColumnType.BOOLEAN:
        return _boolean(values, empty)
    if kind == ColumnType.DATE:
        return _date(values, empty, options.date_cache if options.date_cache is not None else {})
    out = _number(values, empty, kind, spec.number_format or "id", options.decimals_as_text)
    if out.invalid is not None:
        return _marked_number(values, out, kind, spec.number_format or "id", options.decimals_as_text)
    return out


_MISSING = pa.array(sorted(t.MISSING_MARKS))


def _marked_number(values: pa.Array, out: Converted, kind: ColumnType, number_format: str, as_text: bool) -> Converted:
    """A chunk with values that are not numbers: a missing-value mark ("-", "…", "x") is null
    and a footnote marker is cut off ("230.040*" is 230040); each cell's mark is returned in
    ``marks``. ``out`` is returned as it is when no value carries a mark."""
    missing = pc.is_in(pc.utf8_lower(values), value_set=_MISSING)
    footnote = pc.match_substring_regex(values, pattern=t.MARKED_NUMBER_RE)
    if not pc.any(pc.or_(missing, footnote)).as_py():
        return out
    marker = pc.replace_substring_regex(values, pattern=t.MARKED_NUMBER_RE, replacement=r"\2")
    no_mark = pa.scalar(None, type=pa.string())
    marks = pc.if_else(missing, values, pc.if_else(footnote, marker, no_mark))
    number = pc.replace_substring_regex(values, pattern=t.MARKED_NUMBER_RE, replacement=r"\1")
    clean = pc.if_else(missing, pa.scalar("", type=pa.string()), number)
    result = _number(clean, pc.equal(clean, ""), kind, number_format, as_text)
    result.marks = marks
    return result


def _direct_cast(
    raw: pa.Array, blank: pa.Array, kind: ColumnType, number_format: str, as_text: bool
) -> Converted | None:
    """Plain numbers (``-12``, ``3.5``) cast in one step; None when the chunk needs the full path.

    Only where a plain cast cannot misread: integers (a separator makes the cast fail) and
    English-convention decimals (``1.234`` means one point two three four there).
    """
    if kind == ColumnType.DECIMAL and (as_text or number_format != "en"):
        return None
    try:
        out = pc.cast(_null_where(raw, blank, pa.string()), pa.int64() if kind == ColumnType.INTEGER else pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return Converted(out)


def _invalid(valid: pa.Array, empty: pa.Array) -> pa.Array | None:
    bad = pc.and_(pc.invert(valid), pc.invert(empty))
    return bad if pc.any(bad).as_py() else None


def _region(values: pa.Array, empty: pa.Array, known: pa.Array) -> Converted:
    unknown = pc.and_(pc.invert(pc.is_in(values, value_set=known)), pc.invert(empty))
    return Converted(
        _null_where(values, empty, pa.string()), unknown_region=unknown if pc.any(unknown).as_py() else None
    )


def _boolean(values: pa.Array, empty: pa.Array) -> Converted:
    lowered = pc.utf8_lower(values)
    is_true = pc.is_in(lowered, value_set=_TRUE)
    is_false = pc.is_in(lowered, value_set=_FALSE)
    valid = pc.or_(is_true, is_false)
    out = pc.if_else(valid, is_true, pa.scalar(None, type=pa.bool_()))
    return Converted(out, invalid=_invalid(valid, empty))


def _date(values: pa.Array, empty: pa.Array, cache: dict[str, str | None]) -> Converted:
    """Raw date text → ISO text through a lookup table shared by all chunks: only values not
    seen before are parsed in Python (a handful per chunk once the table is warm)."""
    keys, isos = _lookup(cache)
    position = pc.index_in(values, value_set=keys)
    unseen = pc.unique(pc.filter(values, pc.and_(pc.is_null(position), pc.invert(empty)))).to_pylist()
    if unseen:
        for value in unseen:
            try:
                cache[value] = t.parse_date(value).isoformat()
            except ValueError:
                cache[value] = None
        cache.pop(_LOOKUP, None)
        keys, isos = _lookup(cache)
        position = pc.index_in(values, value_set=keys)
    out = pc.take(isos, position)
    return Converted(out, invalid=_invalid(pc.is_valid(out), empty))


_LOOKUP = "\x00lookup"


def _lookup(cache: dict[str, Any]) -> tuple[pa.Array, pa.Array]:
    """(raw values, ISO dates) as arrays, kept in the cache under a key no cell can have."""
    if _LOOKUP not in cache:
        items = [(k, v) for k, v in cache.items() if k != _LOOKUP]
        cache[_LOOKUP] = (
            pa.array([k for k, _v in items], type=pa.string()),
            pa.array([v for _k, v in items], type=pa.string()),
        )
    return cache[_LOOKUP]


def _number(values: pa.Array, empty: pa.Array, kind: ColumnType, number_format: str, as_text: bool) -> Converted:
    if kind == ColumnType.INTEGER:
        pattern = t.ID_INT_RE if number_format == "id" else t.EN_INT_RE
    else:
        pattern = t.ID_NUM_RE if number_format == "id" else t.EN_NUM_RE
    valid = pc.match_substring_regex(values, pattern=pattern)
    if number_format == "id":
        plain = pc.replace_substring(pc.replace_substring(values, ".", ""), ",", ".")
    else:
        plain = pc.replace_substring(values, ",", "")
    if kind == ColumnType.INTEGER:
        digits = pc.utf8_length(pc.utf8_ltrim(plain, characters="-"))
        valid = pc.and_(valid, pc.less_equal(digits, t.MAX_INT_DIGITS))
    plain = _null_where(plain, pc.invert(valid), pa.string())
    if kind == ColumnType.INTEGER:
        out = pc.cast(plain, pa.int64())
    elif as_text:
        out = plain
    else:
        out = pc.cast(plain, pa.float64())
    return Converted(out, invalid=_invalid(valid, empty))
