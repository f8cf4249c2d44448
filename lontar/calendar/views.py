"""The working-day calendar page: public list per year, deadline calculator, admin changes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import role_required
from lontar.accounts.models import Role
from lontar.accounts.permissions import is_province_admin
from lontar.calendar import selectors, services
from lontar.calendar.forms import HolidayAddForm, HolidayRemoveForm, WorkingDaysForm
from lontar.calendar.models import Holiday
from lontar.calendar.workdays import DateOutOfRange
from lontar.core.dates import format_date
from lontar.core.errors import apply_errors

MIN_YEAR, MAX_YEAR = 1900, 2200


def _year(request: HttpRequest) -> tuple[int, str]:
    """The year asked for, or this year (WITA) with an error message when the value is bad."""
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    if raw == "":
        return this_year, ""
    if len(raw) == 4 and raw.isascii() and raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        return int(raw), ""
    return this_year, _("The year must be a number between %(min)d and %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}


def _calculate(form: WorkingDaysForm) -> dict[str, Any] | None:
    if not form.is_valid():
        return None
    start, n = form.cleaned_data["start"], form.cleaned_data["add"]
    try:
        result = selectors.add_working_days_from_db(start, n)
    except DateOutOfRange:
        form.add_error("add", _("The result falls after the year 9999."))
        return None
    return {"start": start, "add": n, "date": result, "skipped": selectors.skipped_days(start, result)}


def _page(request: HttpRequest, *, add_form: HolidayAddForm | None = None, status: int = 200) -> HttpResponse:
    year, year_error = _year(request)
    calc_form = WorkingDaysForm(request.GET if "start" in request.GET else None)
    calculation = _calculate(calc_form) if calc_form.is_bound else None
    can_edit = is_province_admin(request.user)
    if can_edit and add_form is None:
        add_form = HolidayAddForm()
    bad_input = bool(year_error) or (calc_form.is_bound and calculation is None)
    context = {
        "year": year,
        "year_error": year_error,
        "years": sorted(set(selectors.years_with_holidays()) | {year}),
        "holidays": selectors.holidays_for_year(year),
        "calc_form": calc_form,
        "calculation": calculation,
        "can_edit": can_edit,
        "add_form": add_form if can_edit else None,
    }
    return render(request, "calendar/index.html", context, status=400 if bad_input and status == 200 else status)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Public: days off of one year, the deadline calculator, and the admin form when allowed."""
    return _page(request)


@require_POST
@role_required(Role.ADMIN)
def holiday_add(request: HttpRequest) -> HttpResponse:
    form = HolidayAddForm(request.POST)
    if form.is_valid():
        try:
            holiday = services.holiday_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(date)s is now a day off.") % {"date": format_date(holiday.date)})
            return redirect(f"{reverse('calendar:index')}?year={holiday.date.year}#holidays")
    return _page(request, add_form=form, status=400)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
def holiday_remove(request: HttpRequest, pk: int) -> HttpResponse:
    holiday = get_object_or_404(Holiday, pk=pk, is_day_off=True)
    if not is_province_admin(request.user):
        raise PermissionDenied
    form = HolidayRemoveForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.holiday_remove(actor=request.user, holiday=holiday, note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(date)s is a working day again.") % {"date": format_date(holiday.date)})
            return redirect(f"{reverse('calendar:index')}?year={holiday.date.year}#holidays")
    status = 400 if form.is_bound else 200
    return render(request, "calendar/holiday_remove.html", {"holiday": holiday, "form": form}, status=status)
