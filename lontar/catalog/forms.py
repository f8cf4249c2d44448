"""Forms of the staff pages. They only parse input; the services validate and save."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.catalog.models import ActivityMetadata, Column, Dataset, Resource, ResourceFormat, Topic
from lontar.core.forms import UploadField
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import province_and_kabkota_regions

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TagsField(forms.CharField):
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value


class DatasetForm(forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Topics (urusan)"),
    )
    tags = TagsField(
        required=False,
        max_length=2000,
        label=_("Tags"),
        help_text=_("Separate tags with commas, e.g. penduduk, kesehatan."),
    )
    spatial_region = forms.ModelChoiceField(
        queryset=province_and_kabkota_regions(),
        required=False,
        label=_("Area covered"),
    )

    class Meta:
        model = Dataset
        fields = [
            "title",
            "slug",
            "description",
            "topics",
            "tags",
            "licence",
            "data_class",
            "update_frequency",
            "temporal_start",
            "temporal_end",
            "spatial_level",
            "spatial_region",
            "contact_name",
            "contact_email",
            "is_prioritas",
            "release_date",
            "source",
            "activity",
            "is_sample",
        ]
        widgets = {"release_date": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "slug": _(
                "Used in links and in the API, e.g. jumlah-penduduk-kabupaten-kota. Cannot change after publication."
            ),
            "release_date": _("The dataset is published on this date once verified. Leave empty to publish at once."),
            "is_prioritas": _("Data Prioritas gets a second check by the Pembina Data."),
            "source": _("Cite the source exactly, e.g. the publication or the system the data comes from."),
        }

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = organisation or getattr(self.instance, "organisation", None)
        cast(forms.ModelChoiceField, self.fields["activity"]).queryset = (
            ActivityMetadata.objects.filter(organisation=org) if org else ActivityMetadata.objects.none()
        )
        if self.instance.pk:
            self.initial["tags"] = ", ".join(self.instance.tags.values_list("name", flat=True))
            if self.instance.first_published_at:
                self.fields["slug"].disabled = True

    def _post_clean(self) -> None:
        """Model validation runs in the service (with the organisation known)."""

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["topics"] = list(data.get("topics") or [])
        return data


class CreateDatasetForm(DatasetForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Produsen Data (agency)"))

    class Meta(DatasetForm.Meta):
        fields = ["organisation", *DatasetForm.Meta.fields]

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
        if organisations is not None and organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data.pop("organisation", None)
        return data


class ResourceForm(forms.ModelForm):
    upload = UploadField(label=_("File"), required=False)
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("Or give a link instead of uploading a file."),
    )

    class Meta:
        model = Resource
        fields = ["name", "description", "format", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self) -> None:
        """Validated by the service."""


class ColumnForm(forms.ModelForm):
    class Meta:
        model = Column
        fields = ["name", "label", "type", "unit", "reference_kind", "description", "variable"]
        widgets = {"description": forms.TextInput()}

    def _post_clean(self) -> None:
        """Validated by the service (unique names, variable of the same agency)."""


ColumnFormSet = forms.formset_factory(ColumnForm, extra=3, can_delete=True, max_num=500, absolute_max=500)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


FORMAT_CHOICES = ResourceFormat.choices
