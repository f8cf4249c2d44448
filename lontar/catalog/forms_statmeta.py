"""Forms for MS-Keg, MS-Var and MS-Ind. They parse input; the services validate and save."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.catalog.forms import DATE_INPUT
from lontar.catalog.models import ActivityMetadata, Dataset, IndicatorMetadata, UpdateFrequency, VariableMetadata
from lontar.catalog.models.statmeta import (
    CollectionMode,
    CollectionTechnique,
    DisseminationProduct,
    PresentationLevel,
    SchedulePhase,
)

CHECKBOXES = forms.CheckboxSelectMultiple


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class ActivityForm(forms.ModelForm):
    frequency = forms.ChoiceField(label=_("Frequency"), choices=[("", "—"), *UpdateFrequency.choices], required=False)
    techniques = forms.MultipleChoiceField(
        label=_("Collection techniques"), choices=CollectionTechnique.choices, widget=CHECKBOXES, required=False
    )
    modes = forms.MultipleChoiceField(
        label=_("Collection modes"), choices=CollectionMode.choices, widget=CHECKBOXES, required=False
    )
    presentation_levels = forms.MultipleChoiceField(
        label=_("Levels of presentation"), choices=PresentationLevel.choices, widget=CHECKBOXES, required=False
    )

    class Meta:
        model = ActivityMetadata
        fields = [
            "title",
            "year",
            "statistics_kind",
            "collection_method",
            "sector",
            "bps_registration",
            "unit_name",
            "responsible_name",
            "responsible_position",
            "responsible_email",
            "responsible_phone",
            "background",
            "objective",
            "frequency",
            "coverage",
            "techniques",
            "modes",
            "observation_unit",
            "is_sample_based",
            "sampling_frame",
            "sampling_method",
            "sampling_unit",
            "sample_size",
            "quality_checks",
            "staff",
            "staff_count",
            "processing",
            "analysis_method",
            "presentation_levels",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("background", "objective", "quality_checks", "processing", "analysis_method")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schedule = self.instance.schedule or {}
        for phase, label in SchedulePhase.choices:
            for edge, edge_label in (("start", _("start")), ("end", _("end"))):
                name = f"schedule_{phase}_{edge}"
                self.fields[name] = forms.DateField(label=f"{label}: {edge_label}", required=False, widget=DATE_INPUT)
                self.initial.setdefault(name, _date((schedule.get(phase) or {}).get(edge)))
        for product, label in DisseminationProduct.choices:
            name = f"release_{product}"
            self.fields[name] = forms.DateField(
                label=_("Release date: %(product)s") % {"product": label},
                required=False,
                widget=DATE_INPUT,
                help_text=_("Leave empty when this product is not made."),
            )
            self.initial.setdefault(name, _date((self.instance.dissemination or {}).get(product)))
        for name in ("techniques", "modes", "presentation_levels"):
            self.initial.setdefault(name, getattr(self.instance, name) or [])

    def _post_clean(self) -> None:
        """Validated by the service."""

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith(("schedule_", "release_"))}
        data["schedule"] = {
            phase: {
                "start": self.cleaned_data.get(f"schedule_{phase}_start"),
                "end": self.cleaned_data.get(f"schedule_{phase}_end"),
            }
            for phase in SchedulePhase.values
        }
        data["dissemination"] = {p: self.cleaned_data.get(f"release_{p}") for p in DisseminationProduct.values}
        return data


class VariableForm(forms.ModelForm):
    value_domain = forms.CharField(
        label=_("Value domain"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        help_text=_("One value per line: code = meaning, e.g. 1 = Laki-laki."),
    )

    class Meta:
        model = VariableMetadata
        fields = [
            "name",
            "alias",
            "concept",
            "definition",
            "reason",
            "time_reference",
            "measure",
            "unit",
            "data_type",
            "reference_classification",
            "value_domain",
            "validation_rule",
            "question_text",
            "is_public",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("definition", "reason", "validation_rule", "question_text")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["value_domain"] = "\n".join(f"{c} = {label}" for c, label in self.instance.value_domain)

    def _post_clean(self) -> None:
        """Validated by the service."""


class IndicatorForm(forms.ModelForm):
    estimation_level = forms.MultipleChoiceField(
        label=_("Estimation levels"), choices=PresentationLevel.choices, widget=CHECKBOXES, required=False
    )

    class Meta:
        model = IndicatorMetadata
        fields = [
            "name",
            "activity",
            "concept",
            "definition",
            "interpretation",
            "method",
            "measure",
            "unit",
            "disaggregation",
            "is_composite",
            "component_indicators",
            "component_variables",
            "estimation_level",
            "is_public",
            "datasets",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 2}),
            "interpretation": forms.Textarea(attrs={"rows": 2}),
            "method": forms.Textarea(attrs={"rows": 2}),
            "component_indicators": CHECKBOXES,
            "component_variables": CHECKBOXES,
            "datasets": CHECKBOXES,
        }

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        activities = ActivityMetadata.objects.filter(organisation=organisation)
        cast(forms.ModelChoiceField, self.fields["activity"]).queryset = activities
        others = IndicatorMetadata.objects.filter(organisation=organisation)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        cast(forms.ModelChoiceField, self.fields["component_indicators"]).queryset = others
        cast(forms.ModelChoiceField, self.fields["component_variables"]).queryset = VariableMetadata.objects.filter(
            activity__organisation=organisation
        )
        datasets = Dataset.objects.filter(organisation=organisation)
        cast(forms.ModelChoiceField, self.fields["datasets"]).queryset = datasets
        self.initial.setdefault("estimation_level", self.instance.estimation_level or [])

    def _post_clean(self) -> None:
        """Validated by the service."""
