"""Sample content for the pattern library page (/pola/). Everything here is "data contoh".

The numbers are synthetic: derived deterministically from each region code so the page looks the
same on every visit. They claim nothing about the real regions.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core.svg import Chart, bar_chart, kabkota_map, line_chart
from lontar.core.svg.geometry import kabkota_geometry

DEFAULT_REGION = "53.71"
TABS = ("overview", "details", "history")


def region_codes() -> list[str]:
    return [region.code for region in kabkota_geometry().regions]


def region_names() -> dict[str, str]:
    return {region.code: region.name for region in kabkota_geometry().regions}


def sample_index(code: str) -> float:
    """A synthetic index between 1.0 and 4.6 derived from the code (not a real measurement)."""
    number = int(code.replace(".", ""))
    return round(1.0 + (number * 37 % 97) / 96 * 3.6, 2)


def sample_predikat(value: float) -> str:
    if value >= 3.5:
        return _("Very good")
    if value >= 2.6:
        return _("Good")
    if value >= 1.8:
        return _("Fair")
    return _("Poor")


def selected_region(raw: str | None) -> str:
    """The region chosen on the sample map; anything unknown falls back to the default."""
    return raw if raw in set(region_codes()) else DEFAULT_REGION


def pattern_charts(*, selected: str) -> dict[str, Chart]:
    """One live example of every chart helper, all labelled as sample data."""
    codes = region_codes()
    names = region_names()
    index: dict[str, float | None] = {code: sample_index(code) for code in codes}
    index[codes[5]] = None  # one region without data, to show the "no data" pattern
    sample = _("sample data")
    predikat = {code: sample_predikat(v) for code, v in index.items() if v is not None}
    palette = {_("Very good"): "#0b5e4a", _("Good"): "#5ba97f", _("Fair"): "#f4d35e", _("Poor"): "#c2410c"}
    top = sorted((v, c) for c, v in index.items() if v is not None)[-6:]
    return {
        "map_values": kabkota_map(
            index,
            title=_("SPBE index by regency/city (%(sample)s)") % {"sample": sample},
            value_label=_("Index"),
        ),
        "map_categories": kabkota_map(
            categories=predikat,
            palette=palette,
            title=_("Predikat by regency/city (%(sample)s)") % {"sample": sample},
            value_label=_("Predikat"),
            highlight=selected,
            link=lambda code: f"{reverse('core:patterns')}?wilayah={code}#peta",
        ),
        "bar": bar_chart(
            [(names[c], v) for v, c in reversed(top)],
            title=_("Six highest indices (%(sample)s)") % {"sample": sample},
            max_value=5,
        ),
        "line": line_chart(
            {
                _("Province"): [(2021, 2.14), (2022, 2.61), (2023, None), (2024, 3.05), (2025, 3.32)],
                _("Average of regencies/cities"): [(2021, 1.72), (2022, 1.98), (2023, 2.31), (2024, 2.55), (2025, 2.8)],
            },
            title=_("Index over time (%(sample)s)") % {"sample": sample},
            x_label=_("Year"),
        ),
    }


class PatternDemoForm(forms.Form):
    """A form shown bound with errors, to demonstrate field, help and error styles."""

    name = forms.CharField(label=gettext_lazy("Full name"), max_length=120)
    email = forms.EmailField(label=gettext_lazy("E-mail"), help_text=gettext_lazy("We only use it to reply."))
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of body"),
        choices=[
            ("instansi", gettext_lazy("Government body (instansi)")),
            ("opd", gettext_lazy("Regional agency (OPD)")),
        ],
    )
    message = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    agree = forms.BooleanField(label=gettext_lazy("I agree to the terms"), required=True)

    def clean(self) -> dict:
        cleaned = super().clean() or self.cleaned_data
        if self.errors:
            raise forms.ValidationError(_("Please correct the errors below."))
        return cleaned


def demo_form() -> PatternDemoForm:
    form = PatternDemoForm(data={"name": "", "email": "bukan-email", "kind": "opd", "message": ""})
    form.is_valid()
    return form
