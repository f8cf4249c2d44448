"""A readable table from a file: its header and its rows as chunks of string columns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from lontar.datastore.ingest.encoding import file_kind
from lontar.datastore.ingest.layout import MAX_COLUMNS, Manual

__all__ = ["MAX_COLUMNS", "Batch", "Manual", "Source", "blank_mask", "open_source"]


@dataclass
class Batch:
    """A chunk of records: one pyarrow string array per header column."""

    columns: list[pa.Array]
    first_row: int
    #: the row number of each record when the rows are not contiguous (blank rows skipped)
    row_numbers: list[int] | None = None

    @property
    def size(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def row(self, index: int) -> int:
        """Spreadsheet row number of the record at ``index`` in this batch."""
        if self.row_numbers is not None:
            return self.row_numbers[index]
        return self.first_row + index


@dataclass
class Source:
    """What every source knows once opened. ``batches()`` can be called more than once."""

    path: Path
    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    header_row: int = 1
    labels: list[str] = field(default_factory=list)
    #: "en" for a spreadsheet column whose filled cells were all typed numbers
    number_hints: list[str] = field(default_factory=list)
    ragged_count: int = 0
    ragged_rows: list[int] = field(default_factory=list)
    ragged_widths: list[int] = field(default_factory=list)
    skipped_footer_rows: int = 0
    #: other separators that split many lines (CSV): a file that mixes them
    mixed: tuple[str, ...] = ()
    rows_estimate: int = 0
    #: the text each column's name is made from (differs from ``labels`` under a merged header)
    name_labels: list[str] = field(default_factory=list)
    #: the table's layout as found (title, header rows, notes, source; ``Layout.as_report``)
    layout: dict[str, Any] = field(default_factory=dict)
    #: columns left out: no label and no value in the rows looked at (1-based positions)
    dropped_columns: list[int] = field(default_factory=list)
    #: rows of empty cells inside the data, skipped
    skipped_blank_rows: int = 0

    def batches(self) -> Iterator[Batch]:
        raise NotImplementedError

    def find_ragged_rows(self) -> None:
        """Fill ``ragged_rows`` after a pass that counted ragged rows (sources that need it)."""


def open_source(
    path: Path, *, sheet: int | str | None = None, layout: bool = True, manual: Manual | None = None
) -> Source:
    """Open a CSV or XLSX file by its content (the file name's extension is not trusted).

    ``layout``: find titles, multi-row headers, column-number rows and notes around the table
    (:mod:`lontar.datastore.ingest.layout`); off, the first header-like row is the header.
    ``manual``: the header rows and first data row chosen by the reviewer."""
    from lontar.datastore.ingest.csv_source import CsvSource
    from lontar.datastore.ingest.xlsx_source import XlsxSource

    if file_kind(path) == "xlsx":
        return XlsxSource.open(path, sheet=sheet, layout=layout, manual=manual)
    return CsvSource.open(path, layout=layout, manual=manual)


def blank_mask(columns: list[pa.Array]) -> pa.Array | None:
    """Rows whose cells are all empty (None when there is none): one test per chunk when the
    first column has no empty cell, which is the common case."""
    import pyarrow.compute as pc

    if not columns or not pc.any(pc.equal(columns[0], "")).as_py():
        return None
    mask = pc.equal(pc.utf8_trim_whitespace(columns[0]), "")
    for column in columns[1:]:
        mask = pc.and_(mask, pc.equal(pc.utf8_trim_whitespace(column), ""))
    return mask if pc.any(mask).as_py() else None
