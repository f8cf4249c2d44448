"""Type inference per column, over every value of the file (never a sample).

A :class:`ColumnProfile` is fed the column's string values chunk by chunk (pyarrow arrays, so the
pattern tests run in C++) and keeps only what the decision needs: which types are still
possible, number-convention evidence, a few examples. :func:`decide` turns a profile into a
type. Candidates are dropped as soon as one value contradicts them, so a text column costs one
or two vectorised tests per chunk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyarrow as pa
import pyarrow.compute as pc

from lontar.datastore.ingest import types as t
from lontar.datastore.ingest.types import ColumnType

MAX_DATE_VALUES = 100_000
EXAMPLES = 3
SHORT_TEXT = 100
#: share of values that must be real Kemendagri codes for a column to be read as region codes
REGION_SHARE = 0.5
_BOOL_SET = pa.array(sorted(t.BOOL_TOKENS))
_DIGIT_SET = pa.array(sorted(t.DIGIT_TOKENS))
MISSING_SET = pa.array(sorted(t.MISSING_MARKS))


def unmarked(values: pa.Array) -> tuple[pa.Array, bool]:
    """Trimmed non-empty values without missing-value marks and with footnote markers cut off
    the numbers (``"230.040*"`` → ``"230.040"``); True when there was any mark."""
    missing = pc.is_in(pc.utf8_lower(values), value_set=MISSING_SET)
    marked = _any(missing)
    if marked:
        values = pc.filter(values, pc.invert(missing))
    footnote = _match(values, t.MARKED_NUMBER_RE)
    if _any(footnote):
        marked = True
        values = pc.replace_substring_regex(values, pattern=t.MARKED_NUMBER_RE, replacement=r"\1")
    return values, marked


def _all(mask: pa.Array) -> bool:
    return bool(pc.all(mask).as_py()) if len(mask) else True


def _any(mask: pa.Array) -> bool:
    return bool(pc.any(mask).as_py()) if len(mask) else False


def _count(mask: pa.Array) -> int:
    return int(pc.sum(mask).as_py() or 0) if len(mask) else 0


def _match(values: pa.Array, pattern: str) -> pa.Array:
    return pc.match_substring_regex(values, pattern=pattern)


@dataclass
class NumberEvidence:
    all_int: bool = True
    leading_zero: bool = False
    too_long: bool = False
    id_ok: bool = True
    en_ok: bool = True
    id_decimal: bool = False
    en_decimal: bool = False
    ambiguous: list[str] = field(default_factory=list)

    @property
    def alive(self) -> bool:
        return not self.leading_zero and not self.too_long and (self.all_int or self.id_ok or self.en_ok)

    def feed(self, values: pa.Array) -> None:
        is_int = _match(values, t.INT_RE)
        if _any(_match(values, t.LEADING_ZERO_RE)):
            self.leading_zero = True
            return
        lengths = pc.utf8_length(values)
        if len(values) and int(pc.max(lengths).as_py()) > t.MAX_INT_DIGITS + 8:
            self.too_long = True
            return
        if _all(is_int):
            self._check_int_lengths(values)
            return
        self.all_int = False
        others = pc.filter(values, pc.invert(is_int))
        self._feed_separated(others)

    def _check_int_lengths(self, values: pa.Array) -> None:
        digits = pc.utf8_length(pc.utf8_ltrim(values, characters="-"))
        if int(pc.max(digits).as_py()) > t.MAX_INT_DIGITS:
            self.too_long = True

    def _feed_separated(self, others: pa.Array) -> None:
        if self.id_ok:
            self.id_ok = _all(_match(others, t.ID_NUM_RE))
            self.id_decimal = self.id_decimal or (self.id_ok and _any(pc.match_substring(others, ",")))
        if self.en_ok:
            self.en_ok = _all(_match(others, t.EN_NUM_RE))
            self.en_decimal = self.en_decimal or (self.en_ok and _any(pc.match_substring(others, ".")))
        if self.id_ok and self.en_ok and len(self.ambiguous) < EXAMPLES:
            found = pc.filter(others, _match(others, t.AMBIGUOUS_RE)).slice(0, EXAMPLES).to_pylist()
            self.ambiguous.extend(v for v in found if v not in self.ambiguous)
            del self.ambiguous[EXAMPLES:]


class _Chunk:
    """A chunk's raw values, with the trimmed non-empty values computed only when asked for."""

    def __init__(self, raw: pa.Array) -> None:
        self.raw = raw
        self._values: pa.Array | None = None

    @property
    def values(self) -> pa.Array:
        if self._values is None:
            trimmed = pc.utf8_trim_whitespace(self.raw)
            self._values = pc.filter(trimmed, pc.not_equal(trimmed, ""))
        return self._values


@dataclass
class ColumnProfile:
    """What one column's values allow. ``known_regions`` is the set of real Kemendagri codes.

    Missing values and text lengths are counted while converting (pass 2), not here.
    """

    known_regions: pa.Array | None = None
    rows: int = 0
    examples: list[str] = field(default_factory=list)
    numbers: NumberEvidence = field(default_factory=NumberEvidence)
    bool_ok: bool = True
    bool_evidence: bool = False
    region_ok: bool = True
    region_dotted: bool = False
    region_known: int = 0
    region_filled: int = 0
    date_ok: bool = True
    date_values: dict[str, str] = field(default_factory=dict)
    #: numbers with missing-value marks ("-", "…") or footnote markers ("230.040*")
    marked: bool = False
    #: a value that is not a mark was seen (a column of marks only stays text)
    unmarked_value: bool = False

    @property
    def any_candidate(self) -> bool:
        return self.bool_ok or self.region_ok or self.numbers.alive or self.date_ok

    def feed(self, raw: pa.Array) -> None:
        """Account for one chunk of raw (untrimmed) string values."""
        self.rows += len(raw)
        chunk = _Chunk(raw)
        if len(self.examples) < EXAMPLES:
            self._collect_examples(chunk)
        if not self.examples or not self.any_candidate:
            return  # nothing filled so far (this chunk included), or already plain text
        if self.bool_ok:
            self._feed_bool(chunk)
        if self.region_ok:
            self._feed_region(chunk)
        if self.numbers.alive and not _all(_match(raw, t.PLAIN_INT_OR_EMPTY_RE)):
            values, marked = unmarked(chunk.values)
            self.marked = self.marked or marked
            self.unmarked_value = self.unmarked_value or len(values) > 0
            if len(values):
                self.numbers.feed(values)
        elif not self.unmarked_value:
            self.unmarked_value = len(chunk.values) > 0
        if self.date_ok:
            self._feed_date(chunk)

    def _collect_examples(self, chunk: _Chunk) -> None:
        for value in pc.unique(chunk.values).slice(0, EXAMPLES).to_pylist():
            if len(self.examples) < EXAMPLES and value not in self.examples:
                self.examples.append(value)

    def _feed_bool(self, chunk: _Chunk) -> None:
        lowered = pc.utf8_lower(chunk.values)
        self.bool_ok = _all(pc.is_in(lowered, value_set=_BOOL_SET))
        if self.bool_ok and not self.bool_evidence:
            self.bool_evidence = not _all(pc.is_in(lowered, value_set=_DIGIT_SET))

    def _feed_region(self, chunk: _Chunk) -> None:
        if self.known_regions is None:
            self.region_ok = False
            return
        if _all(_match(chunk.raw, t.REGION_OR_EMPTY_RE)):
            values = chunk.raw
            filled = len(values) - _count(pc.equal(values, ""))
        elif _all(_match(chunk.values, t.REGION_RE)):
            values = chunk.values
            filled = len(values)
        else:
            self.region_ok = False
            return
        if not self.region_dotted:
            self.region_dotted = _any(pc.match_substring(values, "."))
        self.region_known += _count(pc.is_in(values, value_set=self.known_regions))
        self.region_filled += filled

    def _feed_date(self, chunk: _Chunk) -> None:
        if _all(_match(chunk.raw, t.ISO_DATE_OR_EMPTY_RE)):
            candidates = pc.unique(chunk.raw)
        elif _all(_match(chunk.values, t.DATE_RE)):
            candidates = pc.unique(chunk.values)
        else:
            self.date_ok = False
            return
        for value in candidates.to_pylist():
            if not value or value in self.date_values:
                continue
            try:
                self.date_values[value] = t.parse_date(value).isoformat()
            except ValueError:
                self.date_ok = False
                return
            if len(self.date_values) > MAX_DATE_VALUES:
                self.date_ok = False
                return


@dataclass(frozen=True)
class Inference:
    type: ColumnType
    number_format: str = ""
    #: examples of values that could be read in both number conventions ("" when none)
    ambiguous: tuple[str, ...] = ()
    #: numbers with missing-value or footnote marks: the marks go to a ``_catatan`` column
    marked: bool = False


def decide(profile: ColumnProfile, *, number_hint: str = "") -> Inference:
    """The most specific type every non-empty value of the column fits.

    ``number_hint`` "en" says the numbers came typed from a spreadsheet (no ambiguity).
    """
    if not profile.examples:
        return Inference(ColumnType.TEXT)
    if profile.bool_ok and profile.bool_evidence:
        return Inference(ColumnType.BOOLEAN)
    if profile.region_ok and profile.region_dotted and profile.region_known >= REGION_SHARE * profile.region_filled:
        return Inference(ColumnType.REGION)
    numeric = _decide_number(profile.numbers, number_hint) if profile.unmarked_value else None
    if numeric is not None:
        return replace(numeric, marked=profile.marked) if profile.marked else numeric
    if profile.date_ok:
        return Inference(ColumnType.DATE)
    return Inference(ColumnType.TEXT)


def _decide_number(ev: NumberEvidence, hint: str) -> Inference | None:
    if not ev.alive:
        return None
    if ev.all_int:
        return Inference(ColumnType.INTEGER, "id")
    if hint == "en" and ev.en_ok:
        return Inference(ColumnType.DECIMAL if ev.en_decimal else ColumnType.INTEGER, "en")
    if ev.id_ok:
        kind = ColumnType.DECIMAL if ev.id_decimal else ColumnType.INTEGER
        ambiguous = tuple(ev.ambiguous) if ev.en_ok else ()
        return Inference(kind, "id", ambiguous)
    if ev.en_ok:
        return Inference(ColumnType.DECIMAL if ev.en_decimal else ColumnType.INTEGER, "en")
    return None


def infer_values(values: Iterable[str], *, known_regions: Iterable[str] = (), number_hint: str = "") -> Inference:
    """Convenience for one in-memory column (tests, small tables)."""
    known = pa.array(sorted(set(known_regions)), type=pa.string())
    profile = ColumnProfile(known_regions=known)
    profile.feed(pa.array(list(values), type=pa.string()))
    return decide(profile, number_hint=number_hint)
