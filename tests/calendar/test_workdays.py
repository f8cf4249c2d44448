"""The pure working-day arithmetic: properties (hypothesis) and hand-computed legal vectors."""

from __future__ import annotations

import datetime as dt

import holidays as holidays_pkg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.calendar.workdays import DateOutOfRange, add_working_days, is_working_day, working_days_between

D = dt.date


def _package_days_off(*years: int) -> frozenset[dt.date]:
    table = holidays_pkg.country_holidays("ID", years=years, categories=("public", "government"))
    return frozenset(table.keys())


H = _package_days_off(2024, 2025, 2026, 2027)

# ---------------------------------------------------------------- brute force (the definition)


def _brute_between(start: dt.date, end: dt.date, hols: frozenset[dt.date]) -> int:
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day, hols)
    return sign * count


def _brute_add(start: dt.date, n: int, hols: frozenset[dt.date]) -> dt.date:
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in hols:
            n -= 1
    return day


# ---------------------------------------------------------------- strategies

starts = st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@st.composite
def start_and_holidays(draw: st.DrawFn) -> tuple[dt.date, frozenset[dt.date]]:
    start = draw(starts)
    offsets = draw(st.frozensets(st.integers(min_value=-30, max_value=700), max_size=120))
    return start, frozenset(start + dt.timedelta(days=o) for o in offsets)


# ---------------------------------------------------------------- properties


@given(start_and_holidays(), counts)
@settings(deadline=None)  # the machine is shared: no per-example time limit
def test_between_inverts_add(sh: tuple[dt.date, frozenset[dt.date]], n: int) -> None:
    start, hols = sh
    assert working_days_between(start, add_working_days(start, n, hols), hols) == n


@given(start_and_holidays(), st.integers(min_value=1, max_value=400))
@settings(deadline=None)  # the machine is shared: no per-example time limit
def test_result_is_a_working_day(sh: tuple[dt.date, frozenset[dt.date]], n: int) -> None:
    start, hols = sh
    result = add_working_days(start, n, hols)
    assert result > start
    assert is_working_day(result, hols)


@given(start_and_holidays(), counts)
@settings(deadline=None)  # the machine is shared: no per-example time limit
def test_strictly_monotonic_in_n(sh: tuple[dt.date, frozenset[dt.date]], n: int) -> None:
    start, hols = sh
    assert add_working_days(start, n, hols) < add_working_days(start, n + 1, hols)


@given(start_and_holidays(), counts, st.frozensets(st.integers(min_value=0, max_value=700), max_size=60))
@settings(deadline=None)  # the machine is shared: no per-example time limit
def test_more_holidays_never_earlier(sh: tuple[dt.date, frozenset[dt.date]], n: int, extra: frozenset[int]) -> None:
    start, hols = sh
    more = hols | {start + dt.timedelta(days=o) for o in extra}
    assert add_working_days(start, n, more) >= add_working_days(start, n, hols)


@given(start_and_holidays(), counts)
@settings(deadline=None)  # the machine is shared: no per-example time limit
def test_add_matches_definition(sh: tuple[dt.date, frozenset[dt.date]], n: int) -> None:
    start, hols = sh
    assert add_working_days(start, n, hols) == _brute_add(start, n, hols)


@given(start_and_holidays(), st.integers(min_value=-800, max_value=800))
@settings(deadline=None)  # the machine is shared: no per-example time limit
def test_between_matches_definition_and_is_mirrored(sh: tuple[dt.date, frozenset[dt.date]], span: int) -> None:
    start, hols = sh
    end = start + dt.timedelta(days=span)
    assert working_days_between(start, end, hols) == _brute_between(start, end, hols)
    assert working_days_between(end, start, hols) == -working_days_between(start, end, hols)


@given(starts, st.integers(min_value=0, max_value=6))
@settings(max_examples=50, deadline=None)
def test_day_zero_is_the_start_itself(start: dt.date, _unused: int) -> None:
    assert add_working_days(start, 0, frozenset()) == start
    assert working_days_between(start, start, frozenset({start})) == 0


# ---------------------------------------------------------------- edge cases


def test_negative_n_is_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        add_working_days(D(2026, 1, 5), -1, frozenset())


def test_past_year_9999_is_a_clear_error() -> None:
    with pytest.raises(DateOutOfRange):
        add_working_days(D(9999, 12, 20), 30, frozenset())


def test_weekend_in_holidays_changes_nothing() -> None:
    saturday = D(2026, 3, 21)
    assert working_days_between(D(2026, 3, 16), D(2026, 3, 27), {saturday}) == 9


def test_large_span_is_fast_and_exact() -> None:
    # 1 Jan 2001 (Mon) .. 31 Dec 2400: the Gregorian cycle of 146,097 days holds 104,355 weekdays
    # (20,871 weeks); the interval (31 Dec 2000, 31 Dec 2400] is exactly one cycle.
    assert working_days_between(D(2000, 12, 31), D(2400, 12, 31), frozenset()) == 104_355


# ---------------------------------------------------------------- legal vectors 2025/2026
# Expected values worked out by hand from the holidays package (ID, public + government):
# 2025-12-25 Thu Natal, 2025-12-26 Fri cuti bersama Natal, 2026-01-01 Thu Tahun Baru,
# 2026-03-18 Wed cuti bersama Nyepi, 2026-03-19 Thu Nyepi, 2026-03-20 Fri cuti bersama Idul Fitri,
# 2026-03-21/22 Sat/Sun Idul Fitri, 2026-03-23/24 Mon/Tue cuti bersama Idul Fitri, 2026-04-03 Fri Wafat Yesus Kristus,
# 2025-03-28 Fri cuti bersama Nyepi, 2025-03-31 Mon + 04-01 Tue Idul Fitri, 04-02/03/04/07 cuti bersama.


def test_package_still_lists_the_days_the_vectors_assume() -> None:
    assumed = {
        D(2025, 12, 25), D(2025, 12, 26), D(2026, 1, 1),
        D(2026, 3, 18), D(2026, 3, 19), D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24), D(2026, 4, 3),
        D(2025, 3, 28), D(2025, 3, 31), D(2025, 4, 1), D(2025, 4, 2), D(2025, 4, 3), D(2025, 4, 4), D(2025, 4, 7),
    }  # fmt: skip
    assert assumed <= H
    assert D(2025, 12, 24) not in H and D(2025, 12, 29) not in H and D(2026, 3, 25) not in H


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Nyepi + Idul Fitri 2026: 18..24 March are all days off; day 1 is Wed 25 March.
        (D(2026, 3, 17), 1, D(2026, 3, 25)),
        # 25,26,27,30,31 March, 1,2 April, (3 April Good Friday), 6,7,8 April.
        (D(2026, 3, 17), 10, D(2026, 4, 8)),
        # Receipt on Saturday 21 March (Idul Fitri): day 1 is still Wed 25 March.
        (D(2026, 3, 21), 1, D(2026, 3, 25)),
        # Receipt on Nyepi (a holiday) is still day 0; Fri 20 .. Tue 24 are off, so day 1 is Wed 25.
        (D(2026, 3, 19), 1, D(2026, 3, 25)),
        # Christmas 2025 + New Year 2026: 23, 24, (25, 26, weekend), 29, 30, 31, (1 Jan), 2, 5, 6, 7, 8.
        (D(2025, 12, 22), 5, D(2025, 12, 31)),
        (D(2025, 12, 22), 10, D(2026, 1, 8)),
        # Receipt on New Year's Day (a holiday): day 1 is Friday 2 January.
        (D(2026, 1, 1), 1, D(2026, 1, 2)),
        (D(2026, 1, 1), 0, D(2026, 1, 1)),
        # Nyepi + Idul Fitri 2025: every weekday from Fri 28 March to Mon 7 April is off; day 1 is Tue 8 April.
        (D(2025, 3, 27), 1, D(2025, 4, 8)),
        # From Mon 2 March 2026: 3,4,5,6, 9..13, 16,17, (18..24 off), 25,26,27, 30,31 = 16, then Wed 1 April.
        (D(2026, 3, 2), 16, D(2026, 3, 31)),
        (D(2026, 3, 2), 17, D(2026, 4, 1)),
    ],
)
def test_deadline_vectors(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_working_days(start, n, H) == expected
    assert working_days_between(start, expected, H) == n


def test_without_holidays_the_same_deadline_is_earlier() -> None:
    # 18,19,20,23,24,25,26,27,30,31 March: ten weekdays.
    assert add_working_days(D(2026, 3, 17), 10, frozenset()) == D(2026, 3, 31)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 3, 17), D(2026, 3, 24), 0),  # only days off and a weekend in (17, 24]
        (D(2026, 3, 25), D(2026, 3, 17), -1),  # mirrored: (17, 25] holds one working day
        (D(2025, 12, 24), D(2026, 1, 2), 4),  # 29, 30, 31 Dec and 2 Jan
        # 2026: 261 weekdays (starts on Thursday, 365 days) minus 21 weekday holidays / cuti bersama.
        (D(2025, 12, 31), D(2026, 12, 31), 240),
    ],
)
def test_between_vectors(start: dt.date, end: dt.date, expected: int) -> None:
    assert working_days_between(start, end, H) == expected
