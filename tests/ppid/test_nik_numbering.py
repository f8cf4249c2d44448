"""NIK validation and nomor pendaftaran formats (pure, hypothesis)."""

from __future__ import annotations

import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lontar.ppid.rules import nik, numbering
from lontar.ppid.rules.nik import NikProblem


@st.composite
def valid_niks(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(nik.PROVINCE_CODES)))
    regency = draw(st.integers(1, 99))
    district = draw(st.integers(1, 99))
    yy = draw(st.integers(0, 99))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(1900 + yy, month)[1]))
    female = draw(st.booleans())
    serial = draw(st.integers(1, 9999))
    return f"{province}{regency:02d}{district:02d}{day + 40 * female:02d}{month:02d}{yy:02d}{serial:04d}"


@given(valid_niks())
def test_generated_niks_are_valid(value):
    assert nik.problem(value) is None
    assert nik.is_valid(nik.normalise(f"{value[:6]} {value[6:12]}.{value[12:]}"))


@given(st.text(alphabet="0123456789", max_size=30).filter(lambda s: len(s) != 16))
def test_wrong_length(value):
    assert nik.problem(value) == NikProblem.LENGTH


@given(valid_niks(), st.integers(0, 99).map(lambda n: f"{n:02d}").filter(lambda c: c not in nik.PROVINCE_CODES))
def test_unknown_province(value, code):
    assert nik.problem(code + value[2:]) == NikProblem.PROVINCE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5301011501900001", None),
        ("5301015501900001", None),  # a woman born 15-01-1990
        ("5301012902000001", None),  # 29 February 2000
        ("5301016902000001", None),  # 29 February 2000, a woman
        ("5301012902010001", NikProblem.DATE),  # 29 February 2001 / 1901 never existed
        ("5301013201900001", NikProblem.DATE),  # day 32
        ("5301017201900001", NikProblem.DATE),  # day 72 (32 + 40)
        ("5301010001900001", NikProblem.DATE),
        ("5301011513900001", NikProblem.DATE),  # month 13
        ("5301011500900001", NikProblem.DATE),  # month 00
        ("5301011501900000", NikProblem.SERIAL),
        ("5300011501900001", NikProblem.REGION),
        ("5301001501900001", NikProblem.REGION),
        ("1001011501900001", NikProblem.PROVINCE),
        ("9701011501900001", NikProblem.PROVINCE),
        ("9601011501900001", None),  # Papua Barat Daya
        ("53010115019000O1", NikProblem.LENGTH),  # letter O
        ("５３０１０１１５０１９０００１", NikProblem.LENGTH),  # full-width digits
    ],
)
def test_nik_vectors(value, expected):
    assert nik.problem(value) == expected


def test_female_flag():
    assert nik.is_female("5301015501900001") and not nik.is_female("5301011501900001")


@pytest.mark.parametrize(("code", "expected"), [("53", "5300"), ("53.01", "5301"), ("53.71", "5371")])
def test_region_code(code, expected):
    assert numbering.region_code(code) == expected


def test_default_format_example():
    number = numbering.format_number(
        numbering.DEFAULT_FORMAT, region_code="5300", code="NTT", year=2026, month=3, seq=123
    )
    assert number == "PPID-5300-2026-000123"


@pytest.mark.parametrize(
    "fmt",
    [
        "PPID-{year}",  # no seq
        "{seq}-{secret}",  # unknown field
        "{seq.__class__}",  # attribute access
        "{seq!r}",  # conversion
        "{seq:s}",  # spec that does not fit an int
        "PPID {seq}",  # space
        "PPID-<b>{seq}",  # markup
        "{seq",  # unbalanced
        "X" * 70 + "{seq}",  # too long
    ],
)
def test_bad_formats_are_explained(fmt):
    assert numbering.format_problems(fmt)


@given(
    st.sampled_from(
        [numbering.DEFAULT_FORMAT, numbering.DEFAULT_PELAKSANA_FORMAT, "{code}/{year}/{month:02d}/{seq:04d}"]
    ),
    st.integers(1, 10**7),
    st.integers(1, 10**7),
)
def test_distinct_sequence_numbers_give_distinct_numbers(fmt, a, b):
    assert not numbering.format_problems(fmt)
    kwargs = {"region_code": "5301", "code": "KOMINFO", "year": 2026, "month": 5}
    assert (numbering.format_number(fmt, seq=a, **kwargs) == numbering.format_number(fmt, seq=b, **kwargs)) == (a == b)
