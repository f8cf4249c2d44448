"""The pure reminder rule: when due_soon and overdue reminders are due (property-tested)."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from lontar.calendar.workdays import add_working_days, is_working_day
from lontar.ppid.choices import CLOCK_RUNNING, Status
from lontar.ppid.rules.reminders import DUE_SOON, OVERDUE, OVERDUE_REPEAT_DAYS, SentReminder, reminder_due

#: Nyepi and Idul Fitri 2026 with their cuti bersama (SKB 3 Menteri): Wed 18 – Tue 24 March
LEBARAN_2026 = frozenset(dt.date(2026, 3, d) for d in (18, 19, 20, 23, 24))

days = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))
holiday_sets = st.frozensets(days, max_size=30)


def due(deadline, today, holidays=frozenset(), status=Status.ASSIGNED, sent=()):
    return reminder_due(request_id=1, deadline=deadline, status=status, today=today, holidays=holidays, sent=sent)


def run(deadline, start, end, holidays=frozenset(), status=Status.ASSIGNED):
    """Simulate a daily job from ``start`` to ``end``; returns what was sent (the sent list grows)."""
    sent: list[SentReminder] = []
    day = start
    while day <= end:
        reminder = due(deadline, day, holidays, status, sent)
        if reminder is not None:
            sent.append(SentReminder(kind=reminder.kind, deadline=deadline, sent_on=day))
        day += dt.timedelta(days=1)
    return sent


def test_due_soon_three_working_days_before_across_nyepi_and_lebaran():
    # Deadline Wed 25 March 2026: the working days left are Mon 16, Tue 17 and Wed 25, so the
    # reminder goes out on Fri 13 March, not on Mon 23 (a cuti bersama).
    deadline = dt.date(2026, 3, 25)
    sent = run(deadline, dt.date(2026, 3, 1), dt.date(2026, 3, 25), LEBARAN_2026)
    assert sent == [SentReminder(DUE_SOON, deadline, dt.date(2026, 3, 13))]
    assert due(deadline, dt.date(2026, 3, 12), LEBARAN_2026) is None
    assert due(deadline, dt.date(2026, 3, 13), LEBARAN_2026).days_left == 3


def test_overdue_the_first_working_day_after_then_weekly():
    # Deadline Tue 17 March 2026; the next working day is Wed 25 March.
    deadline = dt.date(2026, 3, 17)
    sent = run(deadline, dt.date(2026, 3, 1), dt.date(2026, 4, 10), LEBARAN_2026)
    overdue = [s.sent_on for s in sent if s.kind == OVERDUE]
    assert overdue == [dt.date(2026, 3, 25), dt.date(2026, 4, 1), dt.date(2026, 4, 8)]
    first = due(deadline, dt.date(2026, 3, 25), LEBARAN_2026)
    assert first.kind == OVERDUE and first.days_overdue == 1


def test_an_extension_earns_its_own_due_soon():
    first = dt.date(2026, 5, 8)
    extended = dt.date(2026, 5, 19)
    sent = [SentReminder(DUE_SOON, first, dt.date(2026, 5, 5))]
    assert due(extended, dt.date(2026, 5, 14), sent=sent).kind == DUE_SOON


def test_nothing_on_a_weekend_or_holiday():
    deadline = dt.date(2026, 3, 25)
    assert due(deadline, dt.date(2026, 3, 21), LEBARAN_2026) is None  # Saturday
    assert due(deadline, dt.date(2026, 3, 23), LEBARAN_2026) is None  # cuti bersama
    assert due(dt.date(2026, 3, 13), dt.date(2026, 3, 14)) is None  # overdue, but a Saturday


@given(deadline=days, today=days, holidays=holiday_sets, status=st.sampled_from(list(Status)))
def test_never_for_a_stopped_clock_nor_on_a_day_off(deadline, today, holidays, status):
    reminder = due(deadline, today, holidays, status)
    if status not in CLOCK_RUNNING or not is_working_day(today, holidays):
        assert reminder is None


@given(deadline=days, today=days, holidays=holiday_sets)
def test_kind_matches_the_side_of_the_deadline(deadline, today, holidays):
    reminder = due(deadline, today, holidays)
    if reminder is not None:
        assert (reminder.kind == OVERDUE) == (today > deadline)
        assert reminder.days_left <= 3
        assert (reminder.days_left < 0) == (reminder.kind == OVERDUE)


@given(deadline=days, today=days, holidays=holiday_sets, status=st.sampled_from(list(CLOCK_RUNNING)))
def test_idempotent(deadline, today, holidays, status):
    reminder = due(deadline, today, holidays, status)
    if reminder is not None:
        sent = [SentReminder(reminder.kind, deadline, today)]
        assert due(deadline, today, holidays, status, sent) is None


@given(start=days, holidays=holiday_sets, span=st.integers(min_value=0, max_value=60))
def test_a_daily_run_sends_one_due_soon_then_overdue_at_most_weekly(start, holidays, span):
    deadline = add_working_days(start, 10, holidays)
    end = deadline + dt.timedelta(days=span)
    sent = run(deadline, start, end, holidays)
    soon = [s for s in sent if s.kind == DUE_SOON]
    late = [s.sent_on for s in sent if s.kind == OVERDUE]
    assert len(soon) == 1 and soon[0].sent_on <= deadline  # 10 working days always pass 3 left
    assert all(d > deadline for d in late)
    assert all((b - a).days >= OVERDUE_REPEAT_DAYS for a, b in itertools.pairwise(late))
    assert len({s.sent_on for s in sent}) == len(sent)  # never two on one day
    if any(is_working_day(deadline + dt.timedelta(days=i), holidays) for i in range(1, span + 1)):
        assert late  # an overdue reminder once a working day came after the deadline
