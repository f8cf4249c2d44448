"""CSV, XLSX and Parquet output of table rows.

Cells are stored exactly as loaded. On export to CSV and XLSX, text a spreadsheet would run as a
formula is escaped (:func:`lontar.core.spreadsheets.escape_formula`). Numbers are written as
numbers and never changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from lontar.core.spreadsheets import csv_line_writer, escape_formula, sheet_title

ARROW_TYPES = {
    "integer": pa.int64(),
    "decimal": pa.float64(),
    "date": pa.date32(),
    "boolean": pa.bool_(),
    "text": pa.string(),
    "region": pa.string(),
}


def cell(value: Any, kind: str) -> Any:
    """A stored value as written to CSV/XLSX (booleans as true/false, escaped text)."""
    if value is None:
        return None
    if kind == "boolean":
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape_formula(value)


def csv_lines(columns: Sequence[str], types: Sequence[str], batches: Iterable[list[tuple[Any, ...]]]) -> Iterator[str]:
    """The header line, then one line per row, for a StreamingHttpResponse."""
    writer = csv_line_writer()
    yield writer.writerow(columns)
    for rows in batches:
        yield "".join(writer.writerow([cell(v, k) for v, k in zip(row, types, strict=True)]) for row in rows)


def xlsx_file(
    columns: Sequence[str], types: Sequence[str], batches: Iterable[list[tuple[Any, ...]]], title: str
) -> IO[bytes]:
    """A write-only workbook in a temporary file (rewound, ready to send)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title, fallback="data", replacement="_"))
    sheet.append(list(columns))
    for rows in batches:
        for row in rows:
            sheet.append([cell(v, k) for v, k in zip(row, types, strict=True)])
    out = tempfile.SpooledTemporaryFile(max_size=16 << 20)  # noqa: SIM115 - returned to the caller
    workbook.save(out)
    out.seek(0)
    return out


def parquet_file(columns: Sequence[str], types: Sequence[str], batches: Iterable[list[tuple[Any, ...]]]) -> IO[bytes]:
    """Typed columns (dates as dates, numbers as numbers) in a temporary Parquet file."""
    schema = pa.schema(
        [pa.field(name, ARROW_TYPES.get(kind, pa.string())) for name, kind in zip(columns, types, strict=True)]
    )
    out = tempfile.SpooledTemporaryFile(max_size=16 << 20)  # noqa: SIM115 - returned to the caller
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for rows in batches:
            arrays = [_arrow_column([r[i] for r in rows], kind) for i, kind in enumerate(types)]
            writer.write_batch(pa.record_batch(arrays, schema=schema))
    out.seek(0)
    return out


def _arrow_column(values: list[Any], kind: str) -> pa.Array:
    if kind == "date":
        values = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
    elif kind == "boolean":
        values = [None if v is None else bool(v) for v in values]
    elif kind == "decimal":
        values = [None if v is None else float(v) for v in values]
    return pa.array(values, type=ARROW_TYPES.get(kind, pa.string()))


def csv_text(columns: Sequence[str], types: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> str:
    """Small CSV in memory (tests, previews)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(v, k) for v, k in zip(row, types, strict=True)])
    return buffer.getvalue()
