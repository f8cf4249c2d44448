"""The filter form of the audit page (GET)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lontar.audit import registry
from lontar.organisations.models import Organisation

MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor (e-mail contains)"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), required=False, empty_label=_("All")
    )
    action = forms.ChoiceField(label=pgettext_lazy("audit event", "Action"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput(), input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput(), input_formats=["%Y-%m-%d"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = [(name, f"{label} ({name})") for name, label in registry.all_actions().items()]
        cast(forms.ChoiceField, self.fields["action"]).choices = [("", _("All")), *actions]

    def _clean_day(self, name: str) -> dt.date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not MIN_DATE <= value <= MAX_DATE:
            raise forms.ValidationError(
                _("Choose a date between %(min)s and %(max)s."), params={"min": MIN_DATE, "max": MAX_DATE}
            )
        return value

    def clean_date_from(self) -> dt.date | None:
        return self._clean_day("date_from")

    def clean_date_to(self) -> dt.date | None:
        return self._clean_day("date_to")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        return data

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``selectors.event_filter`` (call after is_valid())."""
        data = self.cleaned_data
        return {
            "actor": data.get("actor") or "",
            "organisation": data.get("organisation"),
            "action": data.get("action") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class PageCursorForm(forms.Form):
    """``?before=<id>``: the keyset cursor of the next (older) page."""

    before = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=2**62)
