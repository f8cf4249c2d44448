"""Forms for applications, assets, services, security audits, risk ratings and imports."""

from __future__ import annotations

import json
from typing import Any, cast

from django import forms
from django.db import models
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from lontar.katalog.asset_types import SCHEMA
from lontar.katalog.models import (
    Application,
    AuditConclusion,
    Basis,
    InfrastructureAsset,
    Service,
    Stage,
)
from lontar.katalog.selectors import staff as selectors

APP_FIELDS = (
    "organisation",
    "name",
    "acronym",
    "description",
    "function",
    "output",
    "licence_type",
    "languages",
    "framework",
    "database",
    "developer_unit",
    "operator_unit",
    "raa_l1",
    "raa_l2",
    "raa_l3",
    "raa_l4",
    "rab_code",
    "ownership_class",
    "url",
    "hosting",
    "stage",
    "replaced_by",
    "year_built",
    "sso",
    "tte",
    "system_category",
    "integrations",
    "splp",
    "datasets",
)
APP_LINKS = ("integrations", "splp", "datasets")
ASSET_FIELDS = ("organisation", "kind", "name", "description", "ownership", "status", "rai_code", "licence_valid_until")
SERVICE_FIELDS = ("organisation", "name", "kind", "ral_code", "description", "channel_url", "applications")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _queryset(form: forms.Form, name: str, qs: Any) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = qs


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class _RecordForm(forms.Form):
    model: Any
    field_names: tuple[str, ...]

    def __init__(self, *args: Any, actor: Any, instance: Any = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = model_to_dict(instance, fields=self.field_names)
        super().__init__(*args, **kwargs)
        widgets: dict[str, Any] = {"description": TEXTAREA, "function": TEXTAREA, "output": TEXTAREA}
        self.fields.update(
            fields_for_model(
                self.model, fields=self.field_names, widgets=widgets, formfield_callback=cast(Any, _formfield)
            )
        )
        _queryset(self, "organisation", selectors.organisations_for_actor(actor))
        self.instance = instance

    def values(self) -> dict[str, Any]:
        """The cleaned values the service takes (links apart)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in APP_LINKS and k != "applications"}


class ApplicationForm(_RecordForm):
    model = Application
    field_names = APP_FIELDS

    def __init__(self, *args: Any, actor: Any, instance: Application | None = None, **kwargs: Any) -> None:
        super().__init__(*args, actor=actor, instance=instance, **kwargs)
        self.fields["basis"] = forms.MultipleChoiceField(
            label=_("application basis"),
            choices=Basis.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=instance.basis if instance else [],
        )
        _queryset(self, "hosting", selectors.hosting_choices())
        others = selectors.application_choices()
        if instance is not None:
            others = others.exclude(pk=instance.pk)
        _queryset(self, "replaced_by", others)
        _queryset(self, "integrations", others)
        _queryset(self, "splp", selectors.splp_choices())
        _queryset(self, "datasets", selectors.dataset_choices())
        for name in APP_LINKS:
            self.fields[name].widget = forms.SelectMultiple(attrs={"size": 5})
            self.fields[name].help_text = _("Hold Ctrl (or ⌘) to choose several.")

    def links(self) -> dict[str, list[Any]]:
        return {name: list(self.cleaned_data.get(name) or []) for name in APP_LINKS}


class AssetForm(_RecordForm):
    model = InfrastructureAsset
    field_names = ASSET_FIELDS

    def __init__(self, *args: Any, actor: Any, instance: InfrastructureAsset | None = None, **kwargs: Any) -> None:
        super().__init__(*args, actor=actor, instance=instance, **kwargs)
        self.fields["licence_valid_until"].widget = forms.DateInput(attrs={"type": "date"})
        self.fields["attributes"] = forms.CharField(
            label=_("type-specific attributes (JSON)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=json.dumps(instance.attributes, ensure_ascii=False) if instance else "{}",
            help_text=_("Per kind: %(kinds)s")
            % {"kinds": "; ".join(f"{k}: {', '.join(a.name for a in attrs)}" for k, attrs in SCHEMA.items())},
        )

    def clean_attributes(self) -> dict[str, Any]:
        text = (self.cleaned_data.get("attributes") or "").strip() or "{}"
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(_('Write the attributes as a JSON object, e.g. {"tier": "3"}.')) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(_('Write the attributes as a JSON object, e.g. {"tier": "3"}.'))
        return value


class ServiceForm(_RecordForm):
    model = Service
    field_names = SERVICE_FIELDS

    def __init__(self, *args: Any, actor: Any, instance: Service | None = None, **kwargs: Any) -> None:
        super().__init__(*args, actor=actor, instance=instance, **kwargs)
        _queryset(self, "applications", selectors.application_choices())
        self.fields["applications"].widget = forms.SelectMultiple(attrs={"size": 6})
        self.fields["applications"].help_text = _("Hold Ctrl (or ⌘) to choose several.")


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("stage"), choices=Stage.choices)
    replaced_by = forms.ModelChoiceField(label=_("replaced by"), queryset=Application.objects.none(), required=False)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"stage": application.stage, "replaced_by": application.replaced_by_id})
        super().__init__(*args, **kwargs)
        _queryset(self, "replaced_by", selectors.application_choices().exclude(pk=application.pk))


class SecurityAuditForm(forms.Form):
    audited_on = forms.DateField(label=_("audit date"), widget=forms.DateInput(attrs={"type": "date"}))
    auditor = forms.CharField(label=_("auditor"), max_length=200)
    conclusion = forms.ChoiceField(label=_("conclusion"), choices=AuditConclusion.choices)
    follow_up = forms.CharField(label=_("follow-up"), required=False, widget=TEXTAREA)


class RiskForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("risk rating"),
        coerce=int,
        choices=[
            (1, _("1 — high risk")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 — low risk")),
        ],
    )
    note = forms.CharField(label=_("note"), required=False, widget=TEXTAREA)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("file (XLSX or CSV in the SIA-SPBE layout)"))
