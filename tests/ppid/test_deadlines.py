"""Legal deadlines: hand-computed vectors across the 2025/2026 holidays and hypothesis properties.

The days off are the ``holidays`` package's Indonesian public holidays and cuti bersama
(categories public + government) for 2025 and 2026. Each expected date below was counted by hand
on the calendar, day of receipt = day 0.
"""

from __future__ import annotations

import datetime as dt

import holidays as holidays_pkg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lontar.calendar.workdays import add_working_days, is_working_day, working_days_between
from lontar.ppid.rules import deadlines

D = dt.date
H = frozenset(holidays_pkg.country_holidays("ID", years=[2025, 2026], categories=("public", "government")).keys())


def test_the_holiday_set_is_the_one_the_vectors_were_counted_on():
    # Nyepi + Idul Fitri 2026 (18–24 March), Good Friday, Christmas/New Year, Idul Fitri 2025.
    for day in ("2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24", "2026-04-03",
                "2025-12-25", "2025-12-26", "2026-01-01", "2026-01-16", "2026-12-24", "2026-12-25",
                "2025-03-28", "2025-03-31", "2025-04-01", "2025-04-02", "2025-04-03", "2025-04-04",
                "2025-04-07", "2025-04-18", "2025-05-01", "2026-05-14", "2026-05-15", "2026-05-27",
                "2026-05-28", "2026-06-01"):  # fmt: skip
        assert D.fromisoformat(day) in H
    assert D(2025, 12, 24) not in H  # no cuti bersama on 24 December 2025


@pytest.mark.parametrize(
    ("received", "due", "extended"),
    [
        # Nyepi and Idul Fitri 2026: 18, 19, 20, 23, 24 March off, Good Friday 3 April
        (D(2026, 3, 16), D(2026, 4, 7), D(2026, 4, 16)),
        (D(2026, 3, 13), D(2026, 4, 6), D(2026, 4, 15)),
        # received on a holiday (Nyepi): still day 0
        (D(2026, 3, 19), D(2026, 4, 8), D(2026, 4, 17)),
        # received on a Saturday inside the break
        (D(2026, 3, 21), D(2026, 4, 8), D(2026, 4, 17)),
        # Christmas 2025, New Year 2026, Isra Mi'raj 16 January 2026 in the extension
        (D(2025, 12, 22), D(2026, 1, 8), D(2026, 1, 20)),
        # Christmas 2026 (24 cuti bersama, 25)
        (D(2026, 12, 14), D(2026, 12, 30), None),
        # Idul Fitri 2025 (28 March – 7 April), Good Friday 18 April, Labour Day 1 May in the extension
        (D(2025, 3, 27), D(2025, 4, 22), D(2025, 5, 2)),
        # Ascension 14–15 May, Idul Adha 27–28 May, Pancasila 1 June 2026
        (D(2026, 5, 13), D(2026, 6, 3), D(2026, 6, 12)),
    ],
)
def test_notice_and_extension_vectors(received, due, extended):
    assert deadlines.notice_due(received, H) == due
    if extended is not None:
        assert deadlines.extended_due(due, H) == extended


@pytest.mark.parametrize(
    ("function", "start", "expected"),
    [
        (deadlines.objection_deadline, D(2026, 3, 2), D(2026, 4, 21)),
        (deadlines.objection_answer_due, D(2026, 3, 2), D(2026, 4, 21)),
        (deadlines.dispute_deadline, D(2026, 4, 21), D(2026, 5, 12)),
        (deadlines.incomplete_notify_by, D(2026, 3, 16), D(2026, 3, 26)),
        (deadlines.completion_due, D(2026, 3, 26), D(2026, 3, 31)),
        # 1 Dec 2025: 17 working days to 24 Dec, 25–26 Dec and 1 Jan off, the 30th is 15 Jan
        (deadlines.objection_deadline, D(2025, 12, 1), D(2026, 1, 15)),
    ],
)
def test_other_windows(function, start, expected):
    assert function(start, H) == expected


def test_working_days_left_and_overdue():
    due = D(2026, 4, 7)
    assert deadlines.working_days_left(D(2026, 3, 17), due, H) == 9  # 25–27, 30, 31 Mar, 1, 2, 6, 7 Apr
    assert deadlines.working_days_left(D(2026, 3, 20), due, H) == 9  # on a holiday: the same count
    assert deadlines.working_days_left(due, due, H) == 0
    status = deadlines.deadline_status(D(2026, 4, 8), due, H)
    assert (status.days_left, status.overdue) == (-1, True)
    assert deadlines.deadline_status(D(2026, 4, 6), due, H).due_soon
    weekend_after = deadlines.deadline_status(D(2026, 4, 11), due, H)  # Saturday after the last day
    assert weekend_after.overdue and weekend_after.days_left == -3


def test_internal_target_is_never_later_than_the_law():
    assert deadlines.internal_target(D(2026, 3, 16), 5, H) == D(2026, 3, 30)
    assert deadlines.internal_target(D(2026, 3, 16), 15, H) == deadlines.notice_due(D(2026, 3, 16), H)


# ------------------------------------------------------------------ properties

dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))
holiday_sets = st.one_of(
    st.just(H),
    st.frozensets(st.dates(min_value=D(2024, 1, 1), max_value=D(2029, 12, 31)), max_size=60),
)


@given(dates, holiday_sets)
def test_notice_due_is_the_tenth_working_day(received, hols):
    due = deadlines.notice_due(received, hols)
    assert due > received
    assert is_working_day(due, hols)
    assert working_days_between(received, due, hols) == deadlines.NOTICE_DAYS
    assert working_days_between(received, due - dt.timedelta(days=1), hols) == deadlines.NOTICE_DAYS - 1


@given(dates, holiday_sets)
def test_extension_runs_from_the_end_of_the_first_ten(received, hols):
    due = deadlines.notice_due(received, hols)
    extended = deadlines.extended_due(due, hols)
    assert extended == add_working_days(received, deadlines.NOTICE_DAYS + deadlines.EXTENSION_DAYS, hols)
    assert working_days_between(due, extended, hols) == deadlines.EXTENSION_DAYS


@given(dates, dates, holiday_sets)
def test_deadlines_are_monotonic(a, b, hols):
    first, second = min(a, b), max(a, b)
    for function in (deadlines.notice_due, deadlines.objection_deadline, deadlines.dispute_deadline):
        assert function(first, hols) <= function(second, hols)


@given(dates, st.integers(min_value=0, max_value=40), holiday_sets)
def test_days_left_counts_down_and_overdue_after_the_last_day(received, offset, hols):
    due = deadlines.notice_due(received, hols)
    today = received + dt.timedelta(days=offset)
    tomorrow = today + dt.timedelta(days=1)
    status = deadlines.deadline_status(today, due, hols)
    assert status.overdue == (today > due)
    assert deadlines.working_days_left(tomorrow, due, hols) <= status.days_left
    if not status.overdue:
        assert status.days_left >= 0


@given(dates, st.integers(min_value=1, max_value=30), holiday_sets)
def test_internal_target_never_after_the_notice_due(received, days, hols):
    assert deadlines.internal_target(received, days, hols) <= deadlines.notice_due(received, hols)
