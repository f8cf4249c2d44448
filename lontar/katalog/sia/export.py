"""The registry of one instansi (and its OPD) in the SIA-SPBE layout, as XLSX (a sheet per object
type) or CSV (one object type). Every text cell goes through the formula escape."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models import Q, QuerySet

from lontar.core.spreadsheets import bold_row, escape_formula, workbook_bytes
from lontar.katalog.sia.layout import LAYOUTS, cell_value

PREFETCH = {
    "aplikasi": ("integrations", "splp", "datasets"),
    "aset": (),
    "layanan": ("applications",),
}


def rows_for(kind: str, visible: QuerySet[Any], instansi: Any) -> QuerySet[Any]:
    """The records of ``kind`` owned by ``instansi`` or an OPD under it, among ``visible``."""
    qs = visible.filter(Q(organisation=instansi) | Q(organisation__parent=instansi))
    related = ["organisation"] + (["hosting", "replaced_by"] if kind == "aplikasi" else [])
    return qs.select_related(*related).prefetch_related(*PREFETCH[kind]).order_by("code")


def _lines(kind: str, records: QuerySet[Any]) -> list[list[Any]]:
    _title, columns, _model = LAYOUTS[kind]
    return [[cell_value(r, c) for c in columns] for r in records]


def export_csv(kind: str, records: QuerySet[Any]) -> bytes:
    _title, columns, _model = LAYOUTS[kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in columns])
    for line in _lines(kind, records):
        writer.writerow([escape_formula(v) for v in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(sheets: dict[str, QuerySet[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for kind, records in sheets.items():
        title, columns, _model = LAYOUTS[kind]
        sheet = book.create_sheet(title)
        sheet.append(bold_row(sheet, [c.header for c in columns]))
        for line in _lines(kind, records):
            sheet.append([escape_formula(v) for v in line])
    return workbook_bytes(book)
