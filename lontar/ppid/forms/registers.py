"""Filters of the registers: period and body."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lontar.ppid.choices import ObjectionStatus
from lontar.ppid.forms.public import BodyChoiceField
from lontar.ppid.registers.filters import RegisterFilters

_DATE = forms.DateInput(attrs={"type": "date"})


class RegisterFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Received from"), required=False, widget=_DATE)
    date_to = forms.DateField(label=_("Received until"), required=False, widget=_DATE)
    body = BodyChoiceField(
        label=_("Public body or PPID Pelaksana"), required=False, queryset=None, empty_label=_("All")
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise ValidationError(gettext("The start of the period is after its end."))
        if start and start < dt.date(2000, 1, 1):
            raise ValidationError(gettext("The period cannot start before 2000."))
        return cleaned

    def filters(self) -> RegisterFilters:
        if not self.is_valid():
            return RegisterFilters()
        body = self.cleaned_data.get("body")
        return RegisterFilters(
            date_from=self.cleaned_data.get("date_from"),
            date_to=self.cleaned_data.get("date_to"),
            body=body.pk if body else None,
        )


class ObjectionRegisterFilterForm(RegisterFilterForm):
    """The staff register of keberatan: the period and body, plus their status."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *ObjectionStatus.choices],
    )

    def filters(self) -> RegisterFilters:
        base = super().filters()
        if not self.is_valid():
            return base
        return replace(base, status=self.cleaned_data.get("status") or "")
