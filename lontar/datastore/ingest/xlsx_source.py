"""XLSX workbooks: any sheet, header-row detection, footer notes, and a zip-bomb check.

The ZIP directory is checked before any parsing: a workbook whose parts would unpack to an
absurd size (or compress suspiciously well) is refused without being decompressed. Cells are
read with python-calamine (Rust) and turned into the same string columns as a CSV file, so one
inference and conversion path serves both; typed number cells give their column a hint that
removes any doubt about the number convention.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from python_calamine import CalamineSheet, CalamineWorkbook

from lontar.datastore.ingest import layout as layout_of
from lontar.datastore.ingest.errors import IngestError, human_size
from lontar.datastore.ingest.layout import HEAD_ROWS, TAIL_ROWS, Layout, LayoutError
from lontar.datastore.ingest.report import ROW_CAP
from lontar.datastore.ingest.sniff import SCAN_ROWS, detect_header
from lontar.datastore.ingest.sources import MAX_COLUMNS, Batch, Source
from lontar.datastore.ingest.types import MISSING_MARKS

MAX_UNPACKED = 1 << 30
#: a part bigger than this that also compresses better than MAX_RATIO is treated as a bomb
BOMB_PART = 64 << 20
MAX_RATIO = 200
MAX_PARTS = 10_000
BATCH_ROWS = 20_000


def check_zip(path: Path) -> None:
    """Refuse a damaged ZIP or one whose declared unpacked size is absurd (read from its directory)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError("xlsx_corrupt") from exc
    if len(parts) > MAX_PARTS:
        raise IngestError("xlsx_corrupt")
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED:
        raise IngestError("xlsx_bomb", size=human_size(total), limit=human_size(MAX_UNPACKED))
    for part in parts:
        ratio = part.file_size / max(1, part.compress_size)
        if part.file_size > BOMB_PART and ratio > MAX_RATIO:
            raise IngestError("xlsx_bomb", size=human_size(total), limit=human_size(MAX_UNPACKED))


def cell_text(value: Any) -> str:
    """One spreadsheet cell as text in the form the inference reads (numbers English-style)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_mark(value: Any) -> bool:
    """A missing-value mark ("-", "…", "x") among typed numbers keeps the column's number hint."""
    return isinstance(value, str) and value.strip().lower() in MISSING_MARKS


@dataclass
class XlsxSource(Source):
    sheet_index: int = 0
    width: int = 0
    last_row: int = 0
    blank_rows: set[int] = field(default_factory=set)
    #: first data row (1-based): after the header rows and a column-number row
    data_row: int = 2
    #: the reviewer's header rows and first data row (None: found)
    manual: layout_of.Manual | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        sheet: int | str | None = None,
        layout: bool = True,
        manual: layout_of.Manual | None = None,
    ) -> XlsxSource:
        check_zip(path)
        workbook = _workbook(path)
        names = list(workbook.sheet_names)
        index = _sheet_index(workbook, names, sheet)
        source = cls(path=path, format="xlsx", sheet=names[index], sheets=names, sheet_index=index)
        source.manual = manual
        source._scan(_sheet(workbook, index), layout)
        return source

    def _scan(self, sheet: CalamineSheet, layout: bool = True) -> None:
        first: list[list[str]] = []
        tail: deque[list[Any]] = deque(maxlen=TAIL_ROWS)  # raw cells: text is made for the last ones only
        filled_by_row: list[int] = []
        limit = HEAD_ROWS if layout else SCAN_ROWS
        for row in sheet.iter_rows():
            filled_by_row.append(sum(1 for c in row if c is not None and c != ""))
            if len(first) < limit:
                first.append([cell_text(c) for c in row])
            elif layout:
                tail.append(row)
        last = [[cell_text(c) for c in row] for row in tail]
        found = self._layout(first, last, len(filled_by_row)) if layout else None
        if found is None:
            header = detect_header(first)
            if header is None:
                raise IngestError("xlsx_empty_sheet", sheet=self.sheet)
            labels = [c.strip() for c in first[header]]
            names = labels
            self.data_row = header + 2
        else:
            header = found.header_index
            labels, names = list(found.labels), list(found.name_labels)
            self.data_row = found.data_start + 1
        while labels and not labels[-1]:
            labels.pop()
        if len(labels) > MAX_COLUMNS:
            raise IngestError("too_many_columns", count=len(labels), limit=MAX_COLUMNS)
        self.header_row = header + 1
        self.labels = labels
        self.name_labels = names[: len(labels)]
        self.width = len(labels)
        if found is not None:
            self._after_layout(found, filled_by_row)
        else:
            self._find_footer(filled_by_row, header)

    def _layout(self, first: list[list[str]], tail: list[list[str]], total: int) -> Layout | None:
        try:
            last = [*first[-(TAIL_ROWS - len(tail)) :], *tail]
            found = layout_of.detect(first, last, complete=not tail, manual=self.manual)
        except LayoutError as exc:
            raise IngestError(exc.code, **exc.params) from exc
        if found is None:
            header = detect_header(first)
            if header is None:
                return None
            found = layout_of.plain(first, header, tail or None)
        self.layout = found.as_report()
        return found

    def _find_footer(self, filled: Sequence[int], header: int) -> None:
        """Without layout detection: trailing rows with a single filled cell under a wider table
        are notes, not data."""
        last = len(filled) - 1
        if self.width >= 2:
            while last > header and filled[last] <= 1:
                last -= 1
        self.last_row = last + 1
        self.skipped_footer_rows = sum(1 for f in filled[last + 1 :] if f)
        self.blank_rows = {i + 1 for i in range(header + 1, last + 1) if filled[i] == 0}
        self.rows_estimate = last - header - len(self.blank_rows)

    def _after_layout(self, found: Layout, filled: Sequence[int]) -> None:
        last = len(filled) - found.footer_rows
        self.last_row = last
        self.skipped_footer_rows = sum(1 for f in filled[last:] if f)
        self.blank_rows = {i + 1 for i in range(found.data_start, last) if filled[i] == 0}
        self.rows_estimate = last - found.data_start - len(self.blank_rows)

    def batches(self) -> Iterator[Batch]:
        sheet = _sheet(_workbook(self.path), self.sheet_index)
        self.ragged_count = 0
        self.ragged_rows = []
        self.ragged_widths = []
        hints = [True] * self.width
        seen = [False] * self.width
        rows: list[list[str]] = []
        numbers: list[int] = []
        for index, row in enumerate(sheet.iter_rows()):
            number = index + 1
            if number < self.data_row or number in self.blank_rows:
                continue
            if number > self.last_row:
                break
            self._check_width(row, number)
            for col in range(min(self.width, len(row))):
                value = row[col]
                if value is not None and value != "":
                    seen[col] = True
                    hints[col] = hints[col] and (_is_number(value) or _is_mark(value))
            rows.append([cell_text(row[c]) if c < len(row) else "" for c in range(self.width)])
            numbers.append(number)
            if len(rows) >= BATCH_ROWS:
                yield _batch(rows, numbers, self.width)
                rows, numbers = [], []
        if rows:
            yield _batch(rows, numbers, self.width)
        self.number_hints = ["en" if h and s else "" for h, s in zip(hints, seen, strict=True)]

    def _check_width(self, row: Sequence[Any], number: int) -> None:
        extra = [c for c in row[self.width :] if c is not None and c != ""]
        if extra:
            self.ragged_count += 1
            if len(self.ragged_rows) < ROW_CAP:
                self.ragged_rows.append(number)
                self.ragged_widths.append(self.width + len(extra))


def _batch(rows: list[list[str]], numbers: list[int], width: int) -> Batch:
    columns = [pa.array([r[c] for r in rows], type=pa.string()) for c in range(width)]
    return Batch(columns=columns, first_row=numbers[0], row_numbers=numbers)


def _workbook(path: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several error types for a broken workbook
        raise IngestError("xlsx_corrupt") from exc


def _sheet(workbook: CalamineWorkbook, index: int) -> CalamineSheet:
    try:
        return workbook.get_sheet_by_index(index)
    except Exception as exc:  # a damaged sheet part
        raise IngestError("xlsx_corrupt") from exc


def _sheet_index(workbook: CalamineWorkbook, names: list[str], sheet: int | str | None) -> int:
    if not names:
        raise IngestError("xlsx_corrupt")
    if sheet is None:
        for index in range(len(names)):
            if _sheet(workbook, index).height:
                return index
        raise IngestError("xlsx_empty_sheet", sheet=names[0])
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return sheet
    if isinstance(sheet, str) and sheet in names:
        return names.index(sheet)
    shown = sheet + 1 if isinstance(sheet, int) else sheet
    raise IngestError("xlsx_no_sheet", sheet=shown, count=len(names), names=", ".join(names))
