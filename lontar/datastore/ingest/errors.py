"""Problems found while reading a file, as codes with parameters and translatable messages.

A fatal problem raises :class:`IngestError`; a problem that is reported but does not stop the
load is an :class:`Issue` in the validation report. Both keep a stable ``code`` and the
``params`` (for the JSON report) and render their message in the active language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # fatal: the file cannot be loaded
    "empty_file": _("The file is empty."),
    "header_only": _("The file has a header row but no data rows."),
    "not_text": _("The file is not a CSV text file: it contains binary data."),
    "legacy_xls": _("Old Excel files (.xls) are not supported: save the file as XLSX or CSV and upload it again."),
    "unknown_encoding": _("The character encoding of the file could not be recognised. Save it as UTF-8 CSV."),
    "encoding_error": _(
        "The file is not valid %(encoding)s text near row %(row)s. Save it as UTF-8 CSV and upload it again."
    ),
    "no_header": _("No header row with column names was found in the first %(rows)s rows."),
    "layout_no_table": _(
        "The file holds only titles and notes (Sumber, Catatan, Keterangan): no table with a header row and "
        "data rows was found."
    ),
    "layout_header_too_deep": _(
        "No data row was found under the header: more than %(limit)s header rows (%(rows)s rows looked at). "
        "Keep one or two header rows above the data."
    ),
    "layout_manual_invalid": _(
        "The header rows and the first data row chosen do not fit the file: give up to %(limit)s header rows "
        "above the first data row, within the first %(rows)s rows."
    ),
    "layout_unnamed_column": _(
        "Column %(column)s has no header and looked empty in the first and last rows, but has a value in row "
        "%(row)s. Give the column a header and upload the file again."
    ),
    "too_many_columns": _("The table has %(count)s columns; at most %(limit)s are allowed."),
    "file_too_large": _("The file is %(size)s; at most %(limit)s can be loaded."),
    "ragged_rows": _(
        "%(count)s rows do not have the %(expected)s columns of the header row (rows %(rows)s). "
        "Check the column separator (%(delimiter)s) and quotes in those rows."
    ),
    "mixed_delimiters": _(
        "The file seems to mix column separators (%(delimiters)s). Use one separator in the whole file."
    ),
    "csv_malformed": _("The CSV file could not be read near row %(row)s: %(detail)s"),
    "xlsx_corrupt": _("The XLSX file is damaged or is not a real XLSX workbook."),
    "xlsx_bomb": _("The XLSX file would unpack to %(size)s (limit %(limit)s); it is refused."),
    "xlsx_no_sheet": _("The workbook has no sheet %(sheet)s; it has %(count)s sheets: %(names)s."),
    "xlsx_empty_sheet": _("Sheet %(sheet)s of the workbook is empty."),
    "unknown_override_column": _("Type override for an unknown column %(column)s. Columns: %(columns)s."),
    "unknown_override_type": _("Unknown column type %(type)s for column %(column)s. Types: %(types)s."),
    "invalid_resource_key": _(
        "The resource key %(key)s is not valid: use parts of letters, digits, - and _ separated by /."
    ),
    "source_missing": _("The uploaded file is no longer available."),
    "interrupted": _("Loading stopped before it finished (the worker process ended). Load the file again."),
    "internal": _("An unexpected error stopped the load; nothing was published. The administrators can see the log."),
    # refusals of the publishing steps
    "report_has_errors": _("This version has errors in its validation report and cannot be activated."),
    "not_activatable": _("Only a loaded version (status ready or replaced) can be activated; this one is %(status)s."),
    "table_missing": _("The rows of this version are missing from the datastore; load the file again."),
    "not_loading": _("This version is not waiting to be loaded."),
    "visibility_owned": _(
        "This table belongs to a catalogue dataset: whether it is public follows the dataset's data class and "
        "publication. Change it in the catalogue."
    ),
    "catalogue_owned": _(
        "This table belongs to a catalogue resource: its versions are loaded and activated through the "
        "catalogue's workflow (publishing the dataset). Change it in the catalogue."
    ),
    "name_claimed": _(
        "The name %(key)s belongs to a catalogue dataset; choose another name, or add the file to the dataset "
        "in the catalogue."
    ),
    "class_not_public": _(
        "This table belongs to a dataset that is not public (data class internal or dikecualikan, or not "
        "published); it cannot be made public."
    ),
    # reported issues
    "ragged_row": _("Row %(row)s has %(found)s columns instead of %(expected)s."),
    "duplicate_rows": _("%(count)s rows repeat an earlier row exactly (first at rows %(rows)s)."),
    "invalid_region_codes": _(
        "Column %(column)s: %(count)s values are not Kemendagri region codes (rows %(rows)s; e.g. %(examples)s)."
    ),
    "total_rows": _(
        "%(count)s rows are totals or subtotals (rows %(rows)s; e.g. %(examples)s). They are kept and flagged in "
        "the column %(column)s, and left out of charts and sums."
    ),
    "region_code_conflicts": _(
        "Column %(column)s: %(count)s rows have a code that does not match the region name in the same row "
        "when read as %(system)s codes (e.g. %(examples)s)."
    ),
    "region_system_unconfirmed": _(
        "Column %(column)s: the codes fit both the Kemendagri and the BPS numbering and no region names were "
        "found to tell them apart; they were read as Kemendagri codes. Check and choose the code system."
    ),
    "region_other_province": _(
        "Column %(column)s: %(count)s codes belong to a province whose regions are not in the reference list "
        "(e.g. %(examples)s); they cannot be mapped."
    ),
    "region_names_unmatched": _(
        "Column %(column)s: %(count)s region names were not found in the Kemendagri list (e.g. %(examples)s)."
    ),
    "region_names_ambiguous": _(
        "Column %(column)s: %(count)s region names match more than one region (e.g. %(examples)s); write "
        "Kabupaten or Kota, or add a code column."
    ),
    "marked_values": _(
        "Column %(column)s: %(count)s cells hold marks (%(marks)s). Missing-value marks are stored as empty "
        "values; every mark is kept in the column %(notes)s."
    ),
    "type_mismatch": _(
        "Column %(column)s: %(count)s values are not %(type)s (rows %(rows)s; e.g. %(examples)s). "
        "They are stored as empty values; choose another type or correct the file."
    ),
    "ambiguous_numbers": _(
        "Column %(column)s: values like %(examples)s can be read two ways; they were read with the %(format)s "
        "convention. Check the column and change its number format if needed."
    ),
}

NUMBER_FORMAT_LABELS = {
    "id": _("Indonesian (1.234,5)"),
    "en": _("English (1,234.5)"),
}


def render(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return code
    shown = {k: _display(_label(k, v)) for k, v in params.items()}
    try:
        return str(template) % shown
    except (KeyError, TypeError, ValueError):
        return str(template)


def _label(key: str, value: Any) -> Any:
    """Codes kept in stored reports are shown in the active language."""
    from lontar.datastore.ingest.types import TYPE_LABELS

    if key == "type" and value in TYPE_LABELS:
        return TYPE_LABELS[value]
    if key == "format" and value in NUMBER_FORMAT_LABELS:
        return NUMBER_FORMAT_LABELS[value]
    return value


def _display(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


class IngestError(Exception):
    """A file that cannot be loaded. ``report`` carries what was found before giving up."""

    def __init__(self, code: str, *, report: Any = None, **params: Any) -> None:
        self.code = code
        self.params = params
        self.report = report
        super().__init__(code)

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def __str__(self) -> str:
        return self.message


@dataclass
class Issue:
    """A reported problem. ``severity`` "error" blocks activation; "warning" does not."""

    code: str
    severity: str
    column: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "column": self.column,
            "params": self.params,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Issue:
        return cls(
            code=data["code"], severity=data["severity"], column=data.get("column", ""), params=data.get("params", {})
        )


def human_size(size: int) -> str:
    """Bytes as a short figure (1.5 MB)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
