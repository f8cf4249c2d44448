"""CSV, XLSX and Parquet output of table rows.

Cells are stored exactly as loaded. On export to CSV and XLSX, text a spreadsheet would run as a
formula is escaped (:func:`lontar.core.spreadsheets.escape_formula`). Numbers are written as
numbers and never changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from lontar.core.spreadsheets import csv_line_writer, escape_formula, sheet_title
from lontar.datastore.query.values import json_default

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


def delimited_text(types: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ",") -> str:
    """Rows as CSV (or TSV) lines without a header, ``\n`` line ends (CKAN's ``records_format``
    csv/tsv); cells as :func:`cell` writes them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    for row in rows:
        writer.writerow([cell(v, k) for v, k in zip(row, types, strict=True)])
    return buffer.getvalue()


def delimited_lines(
    columns: Sequence[str],
    types: Sequence[str],
    batches: Iterable[list[tuple[Any, ...]]],
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> Iterator[str]:
    """A header line, then the rows batch by batch (CKAN's dump as CSV or TSV), optionally after
    a byte order mark."""
    head = io.StringIO()
    csv.writer(head, delimiter=delimiter, lineterminator="\n").writerow(columns)
    yield ("\ufeff" if bom else "") + head.getvalue()
    for rows in batches:
        yield delimited_text(types, rows, delimiter=delimiter)


def json_dump_lines(
    fields: list[dict[str, Any]], batches: Iterable[list[Sequence[Any]]], *, bom: bool = False
) -> Iterator[str]:
    """CKAN's JSON dump: ``{"fields": [...], "records": [[...], ...]}``, one record a line;
    ``json_default`` turns values JSON cannot encode into JSON ones."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=json_default)

    yield ("\ufeff" if bom else "") + '{\n  "fields": ' + dumps(fields) + ',\n  "records": ['
    first = True
    for rows in batches:
        parts = []
        for row in rows:
            parts.append(("\n    " if first else ",\n    ") + dumps(list(row)))
            first = False
        yield "".join(parts)
    yield "\n]}\n"


def xml_dump_chunks(
    columns: Sequence[str], batches: Iterable[list[Sequence[Any]]], *, bom: bool = False
) -> Iterator[bytes]:
    """CKAN's XML dump: ``<data>`` with a ``<row _id="…">`` of one element per column (empty
    values as ``xsi:nil="true"``)."""
    from xml.etree.ElementTree import Element, SubElement, tostring

    with_id = bool(columns) and columns[0] == "_id"
    names = list(columns[1:] if with_id else columns)
    yield (b"\xef\xbb\xbf" if bom else b"") + b'<data xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    for rows in batches:
        out = []
        for row in rows:
            root = Element("row")
            values = list(row)
            if with_id:
                root.attrib["_id"] = str(values.pop(0))
            for name, value in zip(names, values, strict=True):
                element = SubElement(root, name)
                if value is None:
                    element.attrib["xsi:nil"] = "true"
                else:
                    element.text = _xml_text(value)
            out.append(tostring(root, encoding="unicode") + "\n")
        yield "".join(out).encode()
    yield b"</data>\n"


def _xml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # characters XML 1.0 cannot carry at all
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def csv_text(columns: Sequence[str], types: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> str:
    """Small CSV in memory (tests, previews)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(v, k) for v, k in zip(row, types, strict=True)])
    return buffer.getvalue()
