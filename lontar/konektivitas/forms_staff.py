"""Forms of the staff pages of the site registry (labels from the models, Indonesian by locale)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.konektivitas.models import Connection, ConnectionStatus, Site, SiteKind
from lontar.konektivitas.permissions import MANAGE
from lontar.konektivitas.services.connections import ENDED
from lontar.konektivitas.services.sites import EDITABLE_FIELDS
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import organisation_list


def managed_organisations(actor: Any) -> Any:
    """The active organisations whose sites the actor manages (choices of a form)."""
    return MANAGE.scope(actor).filter(organisation_list(), field="").order_by("region_id", "kind", "name")


class SiteForm(forms.ModelForm):
    code = forms.CharField(label=_("code"), max_length=40)
    desa_code = forms.CharField(
        label=_("desa/kelurahan code"), max_length=13, help_text=_("Kemendagri code, e.g. 53.71.01.1001.")
    )
    organisation = forms.ModelChoiceField(label=_("responsible agency"), queryset=Organisation.objects.none())

    class Meta:
        model = Site
        fields = [f for f in EDITABLE_FIELDS if f != "is_sample"]
        widgets = {"lat": forms.NumberInput(attrs={"step": "any"}), "lng": forms.NumberInput(attrs={"step": "any"})}

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = managed_organisations(actor)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["organisation"].disabled = True
            self.initial.update(
                code=self.instance.code,
                desa_code=self.instance.desa_id,
                organisation=self.instance.organisation_id,
            )
        self.order_fields(["code", "name", "kind", "organisation", "desa_code", "lat", "lng"])

    def _post_clean(self) -> None:  # the service validates the model (one set of messages)
        pass


class ConnectionForm(forms.ModelForm):
    class Meta:
        model = Connection
        fields = [
            "role",
            "technology_raw",
            "technology",
            "provider",
            "programme",
            "status",
            "download_contracted_mbps",
            "upload_contracted_mbps",
            "monthly_cost",
            "contract_start",
            "contract_end",
            "ownership",
            "valid_from",
        ]
        widgets = {
            "contract_start": forms.DateInput(attrs={"type": "date"}),
            "contract_end": forms.DateInput(attrs={"type": "date"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "technology_raw": _('As written in the contract or Dapodik, e.g. "Telkomsel Flash" or "VSAT BAKTI".'),
            "technology": _("Leave empty to derive it from the value as entered."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["technology"].required = False
        self.fields["status"].initial = ConnectionStatus.AKTIF

    def _post_clean(self) -> None:
        pass


class ConnectionEndForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=[(s.value, s.label) for s in ConnectionStatus if s in ENDED])
    valid_to = forms.DateField(label=_("valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=500)


class SiteFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", "—"), *SiteKind.choices])


class ImportUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("responsible agency"),
        queryset=Organisation.objects.none(),
        help_text=_("For rows without an organisasi column."),
    )
    file = forms.FileField(label=_("file (CSV or XLSX)"))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = managed_organisations(actor)


class ImportApplyForm(forms.Form):
    skip_broken = forms.BooleanField(label=_("Import without the rows with problems"), required=False)
    fix_swapped = forms.BooleanField(label=_("Exchange swapped latitude and longitude as offered"), required=False)
