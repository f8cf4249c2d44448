"""The report as a workbook: a cover sheet, then one sheet per section (openpyxl, write-only)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from lontar.core.spreadsheets import bold_row, sheet_title, workbook_bytes
from lontar.ppid import exports
from lontar.ppid.report.compute import Report
from lontar.ppid.report.render import period_label, scope_label, sections


def _cell(value: object) -> object:
    return value if isinstance(value, float) else exports.cell(value)


def report_xlsx(report: Report) -> bytes:
    """Workbook bytes in Indonesian; text a spreadsheet would run as a formula is quoted."""
    from openpyxl import Workbook

    with translation.override("id"):
        book = Workbook(write_only=True)
        used: set[str] = set()
        cover = book.create_sheet(sheet_title(_("Report"), used))
        cover.append(bold_row(cover, [_cell(_("Public information service report"))]))
        cover.append([_("Period"), _cell(period_label(report))])
        cover.append([_("Public body"), _cell(scope_label(report))])
        cover.append([_("From"), report.period.start])
        cover.append([_("Until"), report.period.end])
        cover.append([_("Computed on"), report.generated_on])
        if report.has_sample:
            cover.append([_("Sample data (data contoh)"), _("yes")])
        for section in sections(report):
            sheet = book.create_sheet(sheet_title(section.title, used))
            sheet.append(bold_row(sheet, [_cell(section.title)]))
            if section.note:
                sheet.append([_cell(section.note)])
            for table in section.tables:
                sheet.append([])
                sheet.append(bold_row(sheet, [_cell(table.title)]))
                sheet.append(bold_row(sheet, [_cell(label) for label in table.headers]))
                for row in table.rows:
                    sheet.append([_cell(v) for v in row])
        return workbook_bytes(book)
