"""lontar.core.spreadsheets: the one formula escape and sheet naming every export uses."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.core.spreadsheets import csv_line_writer, escape_formula, sheet_title


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Kupang", "Kupang"),
        (-5, -5),
        (1.5, 1.5),
        (None, None),
        (dt.date(2025, 1, 2), dt.date(2025, 1, 2)),
    ],
)
def test_escape_formula(value, expected):
    assert escape_formula(value) == expected
    assert escape_formula(escape_formula(value)) == expected  # escaping twice changes nothing


def test_sheet_titles_are_valid_and_unique():
    used: set[str] = set()
    assert sheet_title("A/B: [C]?", used) == "A B   C"
    long = "x" * 40
    first, second = sheet_title(long, used), sheet_title(long, used)
    assert len(first) <= 31 and len(second) <= 31 and first.lower() != second.lower()
    assert sheet_title("", fallback="data", replacement="_") == "data"
    assert sheet_title("a/b", replacement="_") == "a_b"


def test_csv_line_writer_returns_the_line():
    assert csv_line_writer().writerow(["a", "b,c"]) == 'a,"b,c"\r\n'
