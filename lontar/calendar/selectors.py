"""Reads of the working-day calendar: days off from the ``Holiday`` table and deadline helpers.

Nothing is cached in the process: the table is tiny and an admin's change must count at once
in every process, so each call runs one cheap indexed query.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from lontar.calendar import workdays
from lontar.calendar.models import Holiday

#: first look-ahead window for add_working_days_from_db, in calendar days beyond the bare minimum
_LOOKAHEAD_SLACK_DAYS = 60


def _days_off(start: dt.date, end: dt.date) -> QuerySet[Holiday]:
    """Days off (``is_day_off``) from ``start`` to ``end``, both included."""
    return Holiday.objects.filter(is_day_off=True, date__gte=start, date__lte=end)


def holiday_dates(start: dt.date, end: dt.date) -> frozenset[dt.date]:
    """Dates of the days off between ``start`` and ``end`` (both included, either order)."""
    low, high = min(start, end), max(start, end)
    return frozenset(_days_off(low, high).values_list("date", flat=True))


def _window_end(start: dt.date, span_days: int) -> dt.date:
    try:
        return start + dt.timedelta(days=span_days)
    except OverflowError:
        return dt.date.max


def add_working_days_from_db(start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` (day 0) with the days off in the table.

    Loads the days off of a window that surely holds the result; if holidays push the result
    past the window, the window doubles. The result only depends on days off in
    ``(start, result]``, so it is exact once it falls inside the window.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    span = n * 7 // 5 + _LOOKAHEAD_SLACK_DAYS
    while True:
        end = _window_end(start, span)
        result = workdays.add_working_days(start, n, holiday_dates(start, end))
        if result <= end or end == dt.date.max:
            return result
        span *= 2


def working_days_between_from_db(start: dt.date, end: dt.date) -> int:
    """Working days in ``(start, end]`` (negative when ``end < start``) with the table's days off."""
    return workdays.working_days_between(start, end, holiday_dates(start, end))


def skipped_days(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """The days off that a count over ``(start, end]`` skipped: (date, name), by date.

    Only days off falling Monday to Friday are listed (a holiday on a Saturday skips nothing).
    For ``end < start`` the mirrored interval ``(end, start]`` is used.
    """
    low, high = min(start, end), max(start, end)
    rows = _days_off(low + dt.timedelta(days=1), high).values_list("date", "name") if low < high else []
    return [(day, name) for day, name in rows if day.weekday() < 5]


def holidays_for_year(year: int) -> QuerySet[Holiday]:
    """Every row of one year, days off and struck days alike, by date (for the public list)."""
    return Holiday.objects.filter(date__year=year).select_related("changed_by").order_by("date")


def years_with_holidays() -> list[int]:
    """The years that have at least one row in the table, ascending."""
    return sorted({d.year for d in Holiday.objects.dates("date", "year")})
