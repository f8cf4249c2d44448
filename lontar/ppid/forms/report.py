"""The report page's filter: year (of the years with requests), semester, public body."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.ppid.models import PublicBody

SEMESTER_CHOICES = [
    ("", _("Whole year")),
    ("1", _("Semester I (January–June)")),
    ("2", _("Semester II (July–December)")),
]


class ReportForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Year"), coerce=int)
    semester = forms.TypedChoiceField(
        label=_("Period"), choices=SEMESTER_CHOICES, coerce=int, empty_value=None, required=False
    )
    badan = forms.ChoiceField(label=_("Public body"), required=False)

    def __init__(self, data: Any, *, years: list[int], bodies: list[PublicBody]) -> None:
        super().__init__(data)
        self.bodies = {b.slug: b for b in bodies}
        cast(forms.ChoiceField, self.fields["tahun"]).choices = [(y, str(y)) for y in years]
        badan = cast(forms.ChoiceField, self.fields["badan"])
        badan.choices = [("", _("All public bodies"))] + [(b.slug, b.name) for b in bodies]

    def selection(self) -> tuple[int, int | None, PublicBody | None]:
        """Year, semester and body of a valid form."""
        c = self.cleaned_data
        return c["tahun"], c.get("semester"), self.bodies.get(c.get("badan") or "")
