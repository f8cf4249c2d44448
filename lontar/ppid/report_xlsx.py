"""The report as a workbook: a cover sheet, then one sheet per section (openpyxl, write-only)."""

from __future__ import annotations

import io
import re

from django.utils import translation
from django.utils.translation import gettext as _

from lontar.ppid import exports
from lontar.ppid.report import Report
from lontar.ppid.report_render import period_label, scope_label, sections

_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _cell(value: object) -> object:
    return value if isinstance(value, float) else exports._cell(value)


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_UNSAFE.sub(" ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:26]} {n}", n + 1
    used.add(name.lower())
    return name


def render_xlsx(report: Report) -> bytes:
    """Workbook bytes in Indonesian; text a spreadsheet would run as a formula is quoted."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    with translation.override("id"):
        book = Workbook(write_only=True)
        bold = Font(bold=True)
        used: set[str] = set()

        def heading(sheet, value: str) -> list:
            cell = WriteOnlyCell(sheet, value=_cell(value))
            cell.font = bold
            return [cell]

        cover = book.create_sheet(_sheet_title(_("Report"), used))
        cover.append(heading(cover, _("Public information service report")))
        cover.append([_("Period"), _cell(period_label(report))])
        cover.append([_("Public body"), _cell(scope_label(report))])
        cover.append([_("From"), report.period.start])
        cover.append([_("Until"), report.period.end])
        cover.append([_("Computed on"), report.generated_on])
        if report.has_sample:
            cover.append([_("Sample data (data contoh)"), _("yes")])
        for section in sections(report):
            sheet = book.create_sheet(_sheet_title(section.title, used))
            sheet.append(heading(sheet, section.title))
            if section.note:
                sheet.append([_cell(section.note)])
            for table in section.tables:
                sheet.append([])
                sheet.append(heading(sheet, table.title))
                header = []
                for label in table.headers:
                    cell = WriteOnlyCell(sheet, value=_cell(label))
                    cell.font = bold
                    header.append(cell)
                sheet.append(header)
                for row in table.rows:
                    sheet.append([_cell(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
    return buffer.getvalue()
