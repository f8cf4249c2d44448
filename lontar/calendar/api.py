"""Working-day calendar in the API (public, read-only)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from lontar.calendar import selectors
from lontar.calendar.models import HolidayKind
from lontar.calendar.workdays import DateOutOfRange
from lontar.core.api_openapi import documented_query

router = Router(tags=["kalender"])

MAX_ADD = 3650
_MAX_PARAM_LENGTH = 32
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT_RE = re.compile(r"[+-]?[0-9]{1,9}")
_YEAR_RE = re.compile(r"[0-9]{4}")


#: years a date parameter may name (the calendar's range; holidays are known for fewer)
MIN_YEAR, MAX_YEAR = 1900, 2199
_DATE_PATTERN = r"^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"


def _date_parameter(description: str, default: Any = None) -> Any:
    """A YYYY-MM-DD query parameter (checked here, with messages naming it; the schema says the same)."""
    return documented_query(default, description=description, schema={"format": "date", "pattern": _DATE_PATTERN})


class SkippedDayOut(Schema):
    date: dt.date
    name: str


class WorkingDaysAddOut(Schema):
    start: dt.date
    add: int
    date: dt.date
    skipped: list[SkippedDayOut]


class WorkingDaysBetweenOut(Schema):
    start: dt.date
    end: dt.date
    working_days: int
    skipped: list[SkippedDayOut]


class HolidayOut(Schema):
    date: dt.date
    name: str
    kind: str
    kind_label: str
    is_day_off: bool
    source: str
    note: str


def _unprocessable(message: str) -> HttpError:
    return HttpError(422, message)


def _parse_date(value: str | None, name: str) -> dt.date:
    if value is None or value == "":
        raise _unprocessable(_("The parameter %(name)s is required (a date YYYY-MM-DD).") % {"name": name})
    if len(value) > _MAX_PARAM_LENGTH:
        raise _unprocessable(_("The parameter %(name)s is too long.") % {"name": name})
    message = _("The parameter %(name)s is not a valid date; use YYYY-MM-DD.") % {"name": name}
    if not _DATE_RE.fullmatch(value):
        raise _unprocessable(message)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _unprocessable(message) from exc
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _unprocessable(
            _("The parameter %(name)s must be a date in the years %(low)d–%(high)d.")
            % {"name": name, "low": MIN_YEAR, "high": MAX_YEAR}
        )
    return day


def _parse_add(value: str) -> int:
    if not _INT_RE.fullmatch(value.strip()):
        raise _unprocessable(_("The parameter add must be a whole number."))
    number = int(value.strip())
    if not 0 <= number <= MAX_ADD:
        raise _unprocessable(_("The parameter add must be between 0 and %(max)d.") % {"max": MAX_ADD})
    return number


def _skipped(start: dt.date, end: dt.date) -> list[dict[str, object]]:
    return [{"date": day, "name": name} for day, name in selectors.skipped_days(start, end)]


@router.get("/working-days", response=WorkingDaysAddOut | WorkingDaysBetweenOut, summary="Add or count working days")
def working_days(
    request: HttpRequest,
    start: str = _date_parameter("the day of receipt (day 0), YYYY-MM-DD", ...),
    add: str | None = documented_query(
        None,
        description=f"working days to add, 0–{MAX_ADD}; give either add or end",
        schema={"type": "integer", "minimum": 0, "maximum": MAX_ADD},
    ),
    end: str | None = _date_parameter("count the working days up to this date; give either add or end"),
) -> dict[str, object]:
    """Deadline arithmetic with the legal convention "the day of receipt is day 0".

    * ``?start=YYYY-MM-DD&add=N`` → the N-th working day after ``start`` (0 ≤ N ≤ 3650);
    * ``?start=YYYY-MM-DD&end=YYYY-MM-DD`` → the working days in ``(start, end]``, negative if
      ``end`` is before ``start``.

    Saturdays, Sundays, national holidays and cuti bersama are not working days. ``skipped``
    lists the holidays that fell on weekdays in the interval. Give exactly one of ``add``/``end``.
    """
    if (add is None) == (end is None):
        raise _unprocessable(_("Give exactly one of the parameters add (a number of working days) or end (a date)."))
    start_date = _parse_date(start, "start")
    if add is not None:
        n = _parse_add(add)
        try:
            result = selectors.add_working_days_from_db(start_date, n)
        except DateOutOfRange as exc:
            raise _unprocessable(_("The result falls after the year 9999.")) from exc
        return {"start": start_date, "add": n, "date": result, "skipped": _skipped(start_date, result)}
    end_date = _parse_date(end, "end")
    return {
        "start": start_date,
        "end": end_date,
        "working_days": selectors.working_days_between_from_db(start_date, end_date),
        "skipped": _skipped(start_date, end_date),
    }


@router.get("/holidays", response=list[HolidayOut], summary="Days off of one year")
def holidays(
    request: HttpRequest,
    year: str | None = documented_query(
        None,
        description="default: the current year in WITA",
        schema={"type": "integer", "minimum": 1900, "maximum": 2200},
    ),
) -> list[dict[str, object]]:
    """Every row of the calendar for ``year`` (default: the current year in WITA).

    ``is_day_off`` false marks a day an admin struck out: it is a working day again.
    ``kind`` is ``libur_nasional``, ``cuti_bersama`` or ``lainnya``.
    """
    number = _parse_year(year)
    return [
        {
            "date": h.date,
            "name": h.name,
            "kind": h.kind,
            "kind_label": str(HolidayKind(h.kind).label),
            "is_day_off": h.is_day_off,
            "source": h.source,
            "note": h.note,
        }
        for h in selectors.holidays_for_year(number)
    ]


def _parse_year(value: str | None) -> int:
    if value is None or value == "":
        return timezone.localdate().year
    if not _YEAR_RE.fullmatch(value):
        raise _unprocessable(_("The parameter year must be a year such as 2026."))
    number = int(value)
    if not 1900 <= number <= 2200:
        raise _unprocessable(_("The parameter year must lie between 1900 and 2200."))
    return number
