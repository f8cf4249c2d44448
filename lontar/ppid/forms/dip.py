"""Forms of the DIP pages: the staff entry form and the public filters (DIP and DIK)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.catalog.selectors.public import public_datasets
from lontar.core.forms import UploadField
from lontar.ppid.forms.public import BodyChoiceField
from lontar.ppid.models import ConsequenceTest, DipCategory, InformationForm, PublicBody
from lontar.ppid.models.dip import MAX_YEAR, MIN_YEAR
from lontar.ppid.selectors.dip import DipFilters
from lontar.ppid.selectors.requests import MAX_QUERY_LENGTH
from lontar.ppid.services.dip import DipEntryData

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class _TestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.body.organisation.name}: {obj.information} ({_('Pasal 17')} {obj.ground})"


class DipEntryForm(forms.Form):
    body = BodyChoiceField(label=_("Public body"), queryset=PublicBody.objects.none(), empty_label=_("— choose —"))
    number = forms.CharField(label=_("Number"), max_length=50)
    summary = forms.CharField(
        label=_("Summary of the information"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    holder = forms.CharField(label=_("Official or unit holding the information"), max_length=300)
    responsible = forms.CharField(label=_("Person responsible for issuing it"), max_length=300)
    made_when = forms.CharField(
        label=_("Time made"), max_length=200, help_text=_("For example: every year in March; 2024; since 2019.")
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR, help_text=_("Used to filter the list.")
    )
    made_where = forms.CharField(label=_("Place made"), max_length=200, required=False)
    form = forms.ChoiceField(label=_("Form of the information"), choices=InformationForm.choices)
    retention = forms.CharField(
        label=_("Retention period"), max_length=200, help_text=_("For example: 5 years; permanent.")
    )
    category = forms.ChoiceField(label=_("Category"), choices=DipCategory.choices)
    consequence_test = _TestChoiceField(
        label=_("Consequence test"),
        queryset=ConsequenceTest.objects.none(),
        required=False,
        empty_label=_("— none —"),
        help_text=_("Required for exempt information: the uji konsekuensi of the same public body."),
    )
    dataset = forms.ModelChoiceField(
        label=_("Satu Data dataset"),
        queryset=public_datasets().none(),
        required=False,
        empty_label=_("— none —"),
        help_text=_("Datasets published in the Satu Data catalogue."),
    )
    document = UploadField(
        label=_("Document"), required=False, help_text=_("PDF, JPEG, PNG or ZIP-based office files, at most 20 MB.")
    )
    remove_document = forms.BooleanField(label=_("Remove the current document"), required=False)
    document_url = forms.CharField(
        label=_("Document address"),
        max_length=500,
        required=False,
        help_text=_("A full address starting with https://."),
    )

    def __init__(self, *args: Any, bodies: Any, has_document: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies
        cast(forms.ModelChoiceField, self.fields["consequence_test"]).queryset = (
            ConsequenceTest.objects.filter(body__in=bodies)
            .select_related("body__organisation")
            .order_by("body__organisation__name", "information")
        )
        cast(forms.ModelChoiceField, self.fields["dataset"]).queryset = public_datasets().order_by("title")
        if not has_document:
            del self.fields["remove_document"]

    def entry_data(self) -> DipEntryData:
        values: dict[str, Any] = {k: self.cleaned_data.get(k) for k in DipEntryData.__dataclass_fields__}
        return DipEntryData(**values)


def _year_choices() -> list[tuple[str, StrOrPromise]]:
    from lontar.ppid.selectors.dip import dip_years

    return [("", _("All")), *((str(y), str(y)) for y in dip_years())]


class DipFilterForm(forms.Form):
    body = BodyChoiceField(label=_("Public body"), required=False, queryset=None, empty_label=_("All"))
    category = forms.ChoiceField(label=_("Category"), required=False, choices=[("", _("All")), *DipCategory.choices])
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, choices=[])
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)

    def __init__(self, *args: Any, bodies: Any, with_body: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies
        cast(forms.ChoiceField, self.fields["year"]).choices = _year_choices()
        if not with_body:
            del self.fields["body"]

    def filters(self, *, body: PublicBody | None = None) -> DipFilters:
        c = self.cleaned_data if self.is_valid() else {}
        chosen = body or c.get("body")
        return DipFilters(
            body=chosen.pk if chosen else None,
            category=c.get("category") or "",
            year=c.get("year"),
            query=c.get("q") or "",
        )


class DikFilterForm(forms.Form):
    body = BodyChoiceField(label=_("Public body"), required=False, queryset=None, empty_label=_("All"))

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies

    def body_pk(self) -> int | None:
        body = self.cleaned_data.get("body") if self.is_valid() else None
        return body.pk if body else None
