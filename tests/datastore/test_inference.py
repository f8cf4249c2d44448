"""Type inference and value parsing (pure functions; hypothesis round-trips)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.datastore.ingest.convert import ColumnSpec, Options, convert
from lontar.datastore.ingest.inference import infer_values
from lontar.datastore.ingest.types import ColumnType, parse_date, parse_decimal, parse_integer, parse_value

KNOWN = ["53", "53.01", "53.71", "53.01.04", "53.01.04.2003"]


def group(digits: str, sep: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


def fmt_id(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    return sign + group(whole, ".") + (f",{frac}" if frac else "")


def fmt_en(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    return sign + group(whole, ",") + (f".{frac}" if frac else "")


integers = st.integers(min_value=-(10**15), max_value=10**15)
decimals = st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(integers, min_size=1, max_size=40))
def test_indonesian_integers_round_trip(values):
    texts = [fmt_id(Decimal(v)) for v in values]
    inferred = infer_values(texts)
    assert inferred.type == ColumnType.INTEGER
    assert [parse_integer(t, inferred.number_format) for t in texts] == values


@settings(max_examples=200, deadline=None)
@given(st.lists(decimals, min_size=1, max_size=40))
def test_indonesian_decimals_round_trip(values):
    texts = [fmt_id(v) for v in values]
    inferred = infer_values(texts)
    assert inferred.type in (ColumnType.INTEGER, ColumnType.DECIMAL)
    parsed = [parse_decimal(t, inferred.number_format) for t in texts]
    assert parsed == values


@settings(max_examples=200, deadline=None)
@given(st.lists(decimals, min_size=1, max_size=40))
def test_english_numbers_are_read_exactly_or_flagged(values):
    """Never a silent misreading: either every value parses back, or the column is flagged."""
    texts = [fmt_en(v) for v in values]
    inferred = infer_values(texts)
    assert inferred.type in (ColumnType.INTEGER, ColumnType.DECIMAL)
    parsed = [parse_decimal(t, inferred.number_format) for t in texts]
    assert parsed == values or inferred.ambiguous


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(decimals, st.none()), min_size=1, max_size=60))
def test_vectorised_conversion_matches_the_value_parser(values):
    texts = ["" if v is None else fmt_id(v) for v in values]
    inferred = infer_values(texts)
    spec = ColumnSpec("x", "x", inferred.type.value, inferred.number_format)
    out = convert(pa.array(texts), spec, Options(pa.array(KNOWN), decimals_as_text=True)).values.to_pylist()
    expected = [parse_value(t, spec.type, spec.number_format) for t in texts]
    assert [None if o is None else Decimal(str(o)) for o in out] == expected


@pytest.mark.parametrize(
    ("values", "kind", "fmt"),
    [
        (["1", "22", "-3", ""], ColumnType.INTEGER, "id"),
        (["1.234.567", "12", "2.000"], ColumnType.INTEGER, "id"),
        (["1.234,5", "0,25", "7"], ColumnType.DECIMAL, "id"),
        (["1,234.5", "0.25", "7"], ColumnType.DECIMAL, "en"),
        (["1,234,567", "12"], ColumnType.INTEGER, "en"),
        (["3.5", "0.125", "1.234"], ColumnType.DECIMAL, "en"),
        (["007", "012"], ColumnType.TEXT, ""),
        (["12345678901234567890123"], ColumnType.TEXT, ""),
        (["1.234,5", "1,234.5"], ColumnType.TEXT, ""),
        (["ya", "tidak", "Ya", "TIDAK", ""], ColumnType.BOOLEAN, ""),
        (["1", "0", "ya"], ColumnType.BOOLEAN, ""),
        (["1", "0", "1"], ColumnType.INTEGER, "id"),
        (["true", "false"], ColumnType.BOOLEAN, ""),
        (["2024-08-17", "2023-01-01"], ColumnType.DATE, ""),
        (["17/08/2024", "1/1/2023"], ColumnType.DATE, ""),
        (["17-08-2024", "31-12-2023"], ColumnType.DATE, ""),
        (["17 Agustus 2024", "1 Jan 2023", "5 Des 2022"], ColumnType.DATE, ""),
        (["31/02/2024"], ColumnType.TEXT, ""),
        (["53.01", "53.71", "53.01.04.2003"], ColumnType.REGION, ""),
        (["53", "53.01"], ColumnType.REGION, ""),
        (["12.34", "56.78"], ColumnType.DECIMAL, "en"),
        (["Kupang", "Ende"], ColumnType.TEXT, ""),
        (["", " "], ColumnType.TEXT, ""),
    ],
)
def test_inferred_types(values, kind, fmt):
    inferred = infer_values(values, known_regions=KNOWN)
    assert inferred.type == kind
    if fmt:
        assert inferred.number_format == fmt


def test_ambiguous_thousands_are_read_the_indonesian_way_and_flagged():
    inferred = infer_values(["1.234", "5.678", "12"])
    assert inferred.type == ColumnType.INTEGER and inferred.number_format == "id"
    assert inferred.ambiguous == ("1.234", "5.678")


def test_spreadsheet_numbers_are_not_ambiguous():
    inferred = infer_values(["1.234", "0.5"], number_hint="en")
    assert inferred.type == ColumnType.DECIMAL and inferred.number_format == "en" and not inferred.ambiguous


def test_region_codes_need_real_codes():
    assert infer_values(["53.01", "99.99"], known_regions=KNOWN).type == ColumnType.REGION
    assert infer_values(["11.22", "99.99"], known_regions=KNOWN).type == ColumnType.DECIMAL


def test_date_parser():
    assert parse_date("17 Agustus 1945") == dt.date(1945, 8, 17)
    assert parse_date("01-02-2024") == dt.date(2024, 2, 1)
    with pytest.raises(ValueError):
        parse_date("30 Februari 2024")
    with pytest.raises(ValueError):
        parse_date("17 Agustusan 2024")


def test_values_that_do_not_fit_an_override_are_marked():
    spec = ColumnSpec("x", "x", "integer", "id")
    result = convert(pa.array(["1", "dua", "", "3"]), spec, Options(pa.array(KNOWN)))
    assert result.values.to_pylist() == [1, None, None, 3]
    assert result.invalid.to_pylist() == [False, True, False, False]


def test_text_is_kept_verbatim_including_formula_like_cells():
    spec = ColumnSpec("x", "x", "text")
    values = ["=SUM(A1)", "+62 812", "-", "@x", "  spasi  ", ""]
    out = convert(pa.array(values), spec, Options(pa.array(KNOWN))).values.to_pylist()
    assert out == ["=SUM(A1)", "+62 812", "-", "@x", "  spasi  ", None]
