"""CSV and XLSX responses for tables (registers). CSV streams; XLSX uses openpyxl's write-only mode."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

from lontar.core.spreadsheets import XLSX_TYPE, bold_row, csv_line_writer, escape_formula, workbook_bytes


def cell(value: Any) -> Any:
    """Plain values (dates and numbers as they are, everything else as escaped text)."""
    if value is None:
        return ""
    if isinstance(value, dt.date | int | Decimal):
        return value
    return escape_formula(str(value))


def csv_response(filename: str, header: list[str], rows: Iterable[list[Any]]) -> StreamingHttpResponse:
    writer = csv_line_writer()

    def stream() -> Iterator[str]:
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([cell(v) for v in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, title: str, header: list[str], rows: Iterable[list[Any]]) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(bold_row(sheet, header))
    for row in rows:
        sheet.append([cell(v) for v in row])
    response = HttpResponse(workbook_bytes(book), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
