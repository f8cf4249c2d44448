"""Working-day arithmetic for legal deadlines. Pure functions: no database, no clock.

The legal convention (UU KIP / Perki SLIP deadlines "sepuluh hari kerja sejak diterimanya"):
**the day of receipt is day 0**. The first working day *after* it is day 1, so

* ``add_working_days(start, 10, H)`` is the 10th working day after ``start``; ``start`` itself
  never counts, whether it is a working day, a weekend or a holiday;
* ``working_days_between(start, end, H)`` counts the working days in ``(start, end]``, and is
  mirrored (negative) when ``end`` is before ``start``.

A working day is Monday to Friday and not in ``holidays``. Saturdays and Sundays are never
working days, whatever ``holidays`` says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

_ONE_DAY = dt.timedelta(days=1)
_WORKDAYS_PER_WEEK = 5


class DateOutOfRange(ValueError):
    """The result would fall outside the dates Python can represent (year 1 to 9999)."""


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    """Monday to Friday and not a day off."""
    return day.weekday() < _WORKDAYS_PER_WEEK and day not in holidays


def _weekdays_after(start: dt.date, days: int) -> int:
    """Number of Mondays-to-Fridays in ``(start, start + days]`` for ``days >= 0``."""
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * _WORKDAYS_PER_WEEK
    first = start.weekday()
    for offset in range(1, rest + 1):
        if (first + offset) % 7 < _WORKDAYS_PER_WEEK:
            count += 1
    return count


def working_days_between(start: dt.date, end: dt.date, holidays: Collection[dt.date]) -> int:
    """Working days in ``(start, end]``; ``-working_days_between(end, start)`` when end < start."""
    if end < start:
        return -working_days_between(end, start, holidays)
    count = _weekdays_after(start, (end - start).days)
    count -= sum(1 for day in set(holidays) if start < day <= end and day.weekday() < _WORKDAYS_PER_WEEK)
    return count


def _shift(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError as exc:
        raise DateOutOfRange(f"{day.isoformat()} + {delta.days} days is outside the supported dates") from exc


def add_working_days(start: dt.date, n: int, holidays: Collection[dt.date]) -> dt.date:
    """The ``n``-th working day after ``start`` (``start`` is day 0; ``n == 0`` returns ``start``).

    Raises ``ValueError`` for a negative ``n`` and :class:`DateOutOfRange` past year 9999.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    day = start
    remaining = n
    while remaining > 0:
        # Jumping whole weeks never overshoots: w weeks hold at most 5w < remaining working days.
        weeks = (remaining - 1) // _WORKDAYS_PER_WEEK
        if weeks:
            target = _shift(day, dt.timedelta(weeks=weeks))
            remaining -= working_days_between(day, target, holidays)
            day = target
            continue
        day = _shift(day, _ONE_DAY)
        if is_working_day(day, holidays):
            remaining -= 1
    return day
