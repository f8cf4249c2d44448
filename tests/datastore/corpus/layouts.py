"""Writing a tidy table the way statistics offices publish it (used by build.py and the property test).

A :class:`Table` is tidy: one header label per column (or a group label over some columns, the
two-row merged header of a spreadsheet) and rows of values. :func:`write` lays it out with a
title, a column-number row "(1) (2) (3)", a notes/source footer, as CSV or XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Cell = str | int | float | None


@dataclass
class Table:
    labels: list[str]
    rows: list[list[Cell]]
    #: (label, first column, last column) of group headers above ``labels`` (a merged header)
    groups: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class Layout:
    title: list[str] = field(default_factory=list)
    blank_after_title: bool = True
    column_numbers: bool = False
    footer: list[str] = field(default_factory=list)
    blank_before_footer: bool = True
    #: CSV: pad every line (title, notes) with separators to the table's width, as Excel exports do
    pad: bool = True
    delimiter: str = ","
    #: CSV: numbers written the Indonesian way (1.234,5)
    indonesian_numbers: bool = False
    #: XLSX: merge the group header cells (and the first column's two header cells)
    merge: bool = True


def _text(value: Cell, indonesian: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".") if indonesian else str(value)
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".") if indonesian else repr(value)
        if indonesian:
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text
    return str(value)


def grid(table: Table, layout: Layout) -> tuple[list[list[Cell]], int]:
    """The sheet as rows of cells, and the index of the (first) header row."""
    width = len(table.labels)
    out: list[list[Cell]] = []

    def line(cells: Sequence[Cell]) -> None:
        out.append(list(cells) + [None] * (width - len(cells)))

    for title in layout.title:
        line([title])
    if layout.title and layout.blank_after_title:
        line([])
    header_at = len(out)
    if table.groups:
        upper: list[Cell] = [None] * width
        grouped = set()
        for label, first, last in table.groups:
            upper[first] = label
            grouped.update(range(first, last + 1))
        lower: list[Cell] = []
        for i, label in enumerate(table.labels):
            if i in grouped:
                lower.append(label)
            else:
                upper[i] = label
                lower.append(None)
        line(upper)
        line(lower)
    else:
        line(table.labels)
    if layout.column_numbers:
        line([f"({i})" for i in range(1, width + 1)])
    for row in table.rows:
        line(row)
    if layout.footer:
        if layout.blank_before_footer:
            line([])
        for note in layout.footer:
            line([note])
    return out, header_at


def write_csv(path: Path, table: Table, layout: Layout, encoding: str = "utf-8") -> Path:
    rows, _ = grid(table, layout)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=layout.delimiter, lineterminator="\r\n")
    for row in rows:
        cells = [_text(c, layout.indonesian_numbers) for c in row]
        if not layout.pad:
            while cells and cells[-1] == "":
                cells.pop()
        writer.writerow(cells)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, table: Table, layout: Layout, sheet: str = "Tabel") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    rows, header_at = grid(table, layout)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                ws.cell(row=r, column=c, value=value)
    if table.groups and layout.merge:
        top = header_at + 1
        grouped = set()
        for _label, first, last in table.groups:
            grouped.update(range(first, last + 1))
            if last > first:
                ws.merge_cells(start_row=top, start_column=first + 1, end_row=top, end_column=last + 1)
        for i in range(len(table.labels)):
            if i not in grouped:
                ws.merge_cells(start_row=top, start_column=i + 1, end_row=top + 1, end_column=i + 1)
    book.save(path)
    return path


def write(path: Path, table: Table, layout: Layout, **kwargs: Any) -> Path:
    if path.suffix == ".xlsx":
        return write_xlsx(path, table, layout, **kwargs)
    return write_csv(path, table, layout, **kwargs)
