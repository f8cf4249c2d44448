"""Forms of the calendar page. Validation of meaning stays in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.calendar.api import MAX_ADD
from lontar.calendar.services import NAME_MAX, NOTE_MAX


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class HolidayAddForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    name = forms.CharField(label=_("Name of the day off"), max_length=NAME_MAX)
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        help_text=_("The reason or legal basis, e.g. the number of the SKB or the governor's decree."),
    )


class HolidayRemoveForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        help_text=_("Why this day is a working day again, e.g. the decree that moved it."),
    )


class WorkingDaysForm(forms.Form):
    """The public deadline calculator (GET)."""

    start = forms.DateField(label=_("Day of receipt (day 0)"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    add = forms.IntegerField(label=_("Working days to add"), min_value=0, max_value=MAX_ADD)
