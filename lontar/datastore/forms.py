"""Staff forms: uploading a file, and reviewing the inferred column types before publishing."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.core.forms import UploadField
from lontar.datastore.ingest.errors import NUMBER_FORMAT_LABELS
from lontar.datastore.ingest.names import valid_resource_key
from lontar.datastore.ingest.pipeline import LAYOUT_KEY
from lontar.datastore.ingest.types import TYPE_LABELS, ColumnType
from lontar.organisations.models import Organisation

MAX_UPLOAD = 500 * 1024 * 1024


class UploadForm(forms.Form):
    file = UploadField(label=_("CSV or XLSX file"), help_text=_("At most 500 MB."))
    resource_key = forms.CharField(
        label=_("Resource key"),
        max_length=250,
        help_text=_("The address of the table: dataset/resource, e.g. penduduk-kabkota/2024."),
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)
    sheet = forms.CharField(
        label=_("Sheet (XLSX)"),
        max_length=200,
        required=False,
        help_text=_("Number (1 = first) or name; empty = first sheet with data."),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations

    def clean_resource_key(self) -> str:
        key = self.cleaned_data["resource_key"].strip()
        if not valid_resource_key(key):
            raise forms.ValidationError(
                _("Use parts of letters, digits, - and _ separated by /, e.g. penduduk-kabkota/2024.")
            )
        return key

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 500 MB."))
        return upload

    def clean_sheet(self) -> int | str | None:
        value = self.cleaned_data["sheet"].strip()
        if not value:
            return None
        return int(value) - 1 if value.isdigit() and int(value) > 0 else value


TYPE_CHOICES = [(t.value, TYPE_LABELS[t]) for t in ColumnType]
SYSTEM_CHOICES = [
    ("none", _("not regions")),
    ("kemendagri", _("Kemendagri codes")),
    ("bps", _("BPS codes")),
    ("name", _("region names")),
]
FORMAT_CHOICES = [(k, v) for k, v in NUMBER_FORMAT_LABELS.items()]


class ReviewForm(forms.Form):
    """One type (and number convention) per column, prefilled with the current choice."""

    def __init__(
        self, *args: Any, columns: list[dict[str, Any]], layout: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        found = layout or {}
        chosen = found.get("choices") or {}
        self.fields["layout_plain"] = forms.BooleanField(
            label=_(
                "Read the sheet as it is: the first row of column names is the header (no search for titles, "
                "merged header rows, column numbers and notes)"
            ),
            required=False,
            initial=chosen.get("detect", True) is False,
        )
        self.fields["layout_header_rows"] = forms.CharField(
            label=_("Header rows (row numbers, e.g. 3, 4)"),
            required=False,
            initial=", ".join(str(r) for r in found.get("header_rows") or []),
        )
        self.fields["layout_data_row"] = forms.IntegerField(
            label=_("First data row"), required=False, min_value=1, initial=found.get("data_start_row")
        )
        self.manual_before = bool(chosen.get("header_rows"))
        if found.get("wide") or found.get("long"):
            wide = found.get("wide") or {}
            self.fields["layout_long"] = forms.BooleanField(
                label=_("Publish long: one row per %(variable)s instead of the columns %(columns)s")
                % {"variable": wide.get("variable", ""), "columns": ", ".join(wide.get("columns", []))},
                required=False,
                initial=bool(found.get("long")),
            )
        own = [c for c in columns if not c.get("derived_from") and not c.get("role")]  # not the added ones
        self.column_names = [c["name"] for c in own]
        for column in own:
            name = column["name"]
            self.fields[f"type__{name}"] = forms.ChoiceField(
                label=column["name"], choices=TYPE_CHOICES, initial=column["type"]
            )
            self.fields[f"format__{name}"] = forms.ChoiceField(
                label=_("number format of %(column)s") % {"column": name},
                choices=FORMAT_CHOICES,
                initial=column.get("number_format") or "id",
            )
            self.fields[f"system__{name}"] = forms.ChoiceField(
                label=_("regions in %(column)s") % {"column": name},
                choices=SYSTEM_CHOICES,
                initial=column.get("code_system") or "none",
                required=False,
            )
            if column.get("total_values"):
                self.fields[f"totals__{name}"] = forms.BooleanField(
                    label=_("%(values)s mark total rows") % {"values": ", ".join(column["total_values"][:3])},
                    required=False,
                    initial=True,
                )

    def clean_layout_header_rows(self) -> list[int]:
        text = str(self.cleaned_data.get("layout_header_rows") or "")
        try:
            return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError(_("Write row numbers separated by commas.")) from exc

    def overrides(self) -> dict[str, Any]:
        """Column choices, and the layout choices under ``_layout`` (detect, long)."""
        out: dict[str, Any] = {}
        for name in self.column_names:
            choice: dict[str, Any] = {
                "type": self.cleaned_data[f"type__{name}"],
                "number_format": self.cleaned_data[f"format__{name}"],
            }
            if self.cleaned_data.get(f"system__{name}"):
                choice["code_system"] = self.cleaned_data[f"system__{name}"]
            if f"totals__{name}" in self.fields and not self.cleaned_data[f"totals__{name}"]:
                choice["totals"] = False
            out[name] = choice
        layout: dict[str, Any] = {"detect": not self.cleaned_data.get("layout_plain")}
        if self.cleaned_data.get("layout_long"):
            layout["long"] = True
        rows, first = self.cleaned_data.get("layout_header_rows"), self.cleaned_data.get("layout_data_row")
        moved = bool(rows and first) and (
            ", ".join(str(r) for r in rows or []) != self.fields["layout_header_rows"].initial
            or first != self.fields["layout_data_row"].initial
        )  # left empty (or not sent): as found
        if layout["detect"] and rows and first and (moved or self.manual_before):
            layout["header_rows"], layout["data_row"] = rows, first
        if moved or self.fields["layout_plain"].initial != bool(self.cleaned_data.get("layout_plain")):
            return {LAYOUT_KEY: layout}  # other header rows, other column names: types found anew
        out[LAYOUT_KEY] = layout
        return out

    def rows(self) -> list[tuple[Any, Any, Any, Any]]:
        return [
            (
                self[f"type__{n}"],
                self[f"format__{n}"],
                self[f"system__{n}"],
                self.fields.get(f"totals__{n}") and self[f"totals__{n}"],
            )
            for n in self.column_names
        ]
