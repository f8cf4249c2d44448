"""Writing CSV and XLSX that no spreadsheet program turns against its reader.

A text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets a
leading ``'`` so that Excel, LibreOffice or Google Sheets show it as text instead of running it as
a formula (CSV/formula injection). Numbers, dates and booleans are written as they are. Every
CSV or XLSX export in Lontar writes its cells through :func:`escape_formula`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
#: Excel's limit on the length of a sheet name
SHEET_TITLE_MAX = 31


def escape_formula(value: Any) -> Any:
    """``value`` unchanged, except text a spreadsheet would read as a formula: that gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` returns what it was given (for streamed CSV)."""

    def write(self, value: str) -> str:
        return value


def csv_line_writer() -> Any:
    """A ``csv.writer`` whose ``writerow`` returns the line instead of writing it (for streaming)."""
    return csv.writer(_Echo())


def sheet_title(title: str, used: set[str] | None = None, *, fallback: str = "Sheet", replacement: str = " ") -> str:
    """A valid sheet name: no ``[]:*?/\\``, at most 31 characters, unique (case-blind) within ``used``."""
    base = _SHEET_UNSAFE.sub(replacement, title).strip()[:SHEET_TITLE_MAX] or fallback
    if used is None:
        return base
    base = base[: SHEET_TITLE_MAX - 3]
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:26]} {n}", n + 1
    used.add(name.lower())
    return name


def bold_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Cells for a heading row of a write-only sheet: escaped and bold."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=escape_formula(value))
        cell.font = bold
        cells.append(cell)
    return cells


def workbook_bytes(book: Any) -> bytes:
    """The saved workbook as bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
