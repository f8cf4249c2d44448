"""CSV files: encoding and separator detection, header-row detection, streamed parsing (pyarrow)."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from lontar.datastore.ingest import layout as layout_of
from lontar.datastore.ingest.encoding import SAMPLE, detect_encoding
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.layout import HEAD_ROWS, TAIL_ROWS, LayoutError
from lontar.datastore.ingest.report import ROW_CAP
from lontar.datastore.ingest.sniff import SCAN_ROWS, detect_header, guess_delimiter
from lontar.datastore.ingest.sources import MAX_COLUMNS, Batch, Source, blank_mask

#: bytes parsed per chunk: large enough to keep per-chunk overhead small, small enough to keep
#: memory flat (measured: 1 MB is as fast as 4 MB on the benchmark file and needs 80 MB less)
BLOCK_SIZE = 1 << 20
ARROW_NATIVE = {"utf-8", "utf-8-sig"}
#: bytes read from the end of the file to find notes lines under the table
TAIL_BYTES = 64 * 1024


@dataclass
class CsvSource(Source):
    header_index: int = 0
    #: index of the first data line (after header rows and a column-number row)
    data_index: int = 1
    #: the data ends here: notes and source lines after it are not read
    end_offset: int = 0
    #: fields per line when unlabelled empty columns were dropped from ``labels`` (else 0)
    fields: int = 0

    @classmethod
    def open(cls, path: Path, *, layout: bool = True, manual: layout_of.Manual | None = None) -> CsvSource:
        encoding = detect_encoding(path)
        text, truncated = _sample_text(path, encoding)
        lines = text.splitlines()
        if truncated and len(lines) > 1:
            lines = lines[:-1]  # cut short by the sample size
        guess = guess_delimiter(lines)
        records = _records(lines, guess.delimiter)
        size = path.stat().st_size
        per_row = max(1, len(text.encode(encoding, errors="replace")) // max(1, len(lines)))
        source = cls(
            path=path,
            format="csv",
            encoding=encoding,
            delimiter=guess.delimiter,
            rows_estimate=size // per_row,
            mixed=guess.rivals,
            end_offset=size,
        )
        if layout:
            source._find_layout(text, truncated, lines, manual)
        else:
            header = detect_header(records)
            if header is None:
                raise IngestError("no_header", rows=SCAN_ROWS)
            source._set_header(header, [cell.strip() for cell in records[header]])
        return source

    def _set_header(self, header: int, labels: list[str], data_start: int | None = None) -> None:
        if len(labels) > MAX_COLUMNS:
            raise IngestError("too_many_columns", count=len(labels), limit=MAX_COLUMNS)
        self.header_row = header + 1
        self.header_index = header
        self.data_index = header + 1 if data_start is None else data_start
        self.labels = labels
        self.name_labels = list(labels)
        self.number_hints = [""] * len(labels)

    def _find_layout(
        self, text: str, truncated: bool, lines: list[str], manual: layout_of.Manual | None = None
    ) -> None:
        """Title, header rows, column numbers and notes from the first and last lines only."""
        head = _records(lines, self.delimiter, HEAD_ROWS)
        complete = not truncated and len(lines) <= HEAD_ROWS
        tail_lines = _tail_lines(self.path, self.encoding) if truncated else text.splitlines(keepends=True)
        tail = _records([ln.rstrip("\r\n") for ln in tail_lines[-TAIL_ROWS:]], self.delimiter, TAIL_ROWS)
        try:
            found = layout_of.detect(head, tail, complete=complete, manual=manual)
        except LayoutError as exc:
            raise IngestError(exc.code, **exc.params) from exc
        if found is None:
            header = detect_header(head)
            if header is None:
                raise IngestError("no_header", rows=SCAN_ROWS)
            found = layout_of.plain(head, header, None if complete else tail)
            self._set_header(header, list(found.labels), found.data_start)
        else:
            fields = len(head[found.data_start]) if found.data_start < len(head) else len(found.labels)
            self._set_header(found.header_index, _fit(found.labels, fields), found.data_start)
            self.name_labels = _fit(found.name_labels, fields)
        self.layout = found.as_report()
        if found.footer_rows:
            ends = tail_lines[-found.footer_rows :]
            self.end_offset -= len("".join(ends).encode(_byte_codec(self.encoding), errors="replace"))
            self.skipped_footer_rows = sum(1 for ln in ends if ln.strip(self.delimiter + " \r\n\t"))
        data = [*head[self.data_index :], *([] if complete else tail)]
        data = data[: len(data) - found.footer_rows]
        self._drop_empty_columns(data)

    def _drop_empty_columns(self, rows: list[list[str]]) -> None:
        """Columns with no label and no value in the rows read (checked again while loading)."""
        empty = [
            i for i, label in enumerate(self.labels) if not label and not any(i < len(r) and r[i].strip() for r in rows)
        ]
        if not empty or len(empty) == len(self.labels):
            return
        self.dropped_columns = [i + 1 for i in empty]
        self.layout["dropped_columns"] = list(self.dropped_columns)
        self.fields = len(self.labels)
        keep = [i for i in range(len(self.labels)) if i not in empty]
        self.labels = [self.labels[i] for i in keep]
        self.name_labels = [self.name_labels[i] for i in keep]
        self.number_hints = [self.number_hints[i] for i in keep]

    def batches(self) -> Iterator[Batch]:
        self.ragged_count = 0
        self.ragged_widths = []
        self.skipped_blank_rows = 0
        names = [f"c{i}" for i in range(self.fields or len(self.labels))]
        dropped = {i - 1 for i in self.dropped_columns}
        kept = [n for i, n in enumerate(names) if i not in dropped]
        extra = [n for i, n in enumerate(names) if i in dropped]
        reader = pacsv.open_csv(
            self._input(),
            read_options=pacsv.ReadOptions(
                skip_rows=self.data_index,
                column_names=names,
                block_size=BLOCK_SIZE,
                encoding="utf8" if self.encoding in ARROW_NATIVE else self.encoding,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=self.delimiter,
                quote_char='"',
                double_quote=True,
                newlines_in_values=True,
                ignore_empty_lines=True,
                invalid_row_handler=self._invalid_row,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                include_columns=kept + extra,
            ),
        )
        row = self.data_index + 1
        try:
            for record_batch in reader:
                columns = list(record_batch.columns)
                batch = Batch(columns=columns[: len(kept)], first_row=row)
                if extra:
                    self._check_dropped(columns[len(kept) :], extra, row)
                blank = blank_mask(batch.columns)
                if blank is not None:
                    keep = pc.invert(blank)
                    numbers = [row + i for i in pc.indices_nonzero(keep).to_pylist()]
                    self.skipped_blank_rows += len(blank) - len(numbers)
                    batch = Batch([pc.filter(c, keep) for c in batch.columns], row, numbers)
                row += record_batch.num_rows
                if batch.size:
                    yield batch
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise IngestError("csv_malformed", row=row, detail=str(exc).splitlines()[0][:200]) from exc

    def _input(self) -> Any:
        """The file, or only its part before the notes lines (a memory-mapped slice, no copy)."""
        if self.end_offset >= self.path.stat().st_size:
            return self.path
        return pa.BufferReader(pa.memory_map(str(self.path)).read_at(self.end_offset, 0))

    def _check_dropped(self, columns: list[pa.Array], names: list[str], row: int) -> None:
        for column, name in zip(columns, names, strict=True):
            filled = pc.not_equal(pc.utf8_trim_whitespace(column), "")
            if pc.any(filled).as_py():
                first = pc.index(filled, True).as_py()
                raise IngestError("layout_unnamed_column", column=int(name[1:]) + 1, row=row + first)

    def _invalid_row(self, invalid: pacsv.InvalidRow) -> str:
        if invalid.text.strip(self.delimiter + " \r\n\t"):
            self.ragged_count += 1
            if len(self.ragged_widths) < ROW_CAP:
                self.ragged_widths.append(invalid.actual_columns)
        return "skip"

    def find_ragged_rows(self) -> None:
        """Row numbers of the records whose field count differs from the header's (first ones)."""
        expected = self.fields or len(self.labels)
        found: list[int] = []
        widths: list[int] = []
        with self.path.open("rb") as raw:
            fh = io.TextIOWrapper(io.BufferedReader(_Head(raw, self.end_offset)), encoding=self.encoding, newline="")
            reader = csv.reader(fh, delimiter=self.delimiter, quotechar='"', doublequote=True, strict=False)
            for number, record in enumerate(reader, start=1):
                if number <= self.data_index or not any(c.strip() for c in record):
                    continue
                if len(record) != expected:
                    found.append(number)
                    widths.append(len(record))
                    if len(found) >= ROW_CAP:
                        break
        self.ragged_rows = found
        self.ragged_widths = widths


def _sample_text(path: Path, encoding: str) -> tuple[str, bool]:
    with path.open("rb") as fh:
        raw = fh.read(SAMPLE + 1)
    truncated = len(raw) > SAMPLE
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(raw[:SAMPLE], final=not truncated), truncated


def _records(lines: list[str], delimiter: str, limit: int = SCAN_ROWS) -> list[list[str]]:
    reader = csv.reader(lines[: limit * 2], delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    try:
        return [row for row in reader][:limit]
    except csv.Error as exc:
        raise IngestError("csv_malformed", row=1, detail=str(exc)) from exc


def _tail_lines(path: Path, encoding: str) -> list[str]:
    """The last complete lines of the file (line ends kept), from its last TAIL_BYTES bytes."""
    size = path.stat().st_size
    start = max(0, size - TAIL_BYTES)
    if encoding.startswith("utf-16"):
        start -= start % 2
    with path.open("rb") as fh:
        fh.seek(start)
        raw = fh.read()
    lines = raw.decode(encoding if start == 0 else _byte_codec(encoding), errors="replace").splitlines(keepends=True)
    return lines[1:] if start > 0 and len(lines) > 1 else lines


def _byte_codec(encoding: str) -> str:
    """A codec with the same byte lengths that adds no byte order mark."""
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(encoding, encoding)


def _fit(labels: list[str], width: int) -> list[str]:
    return [*labels[:width], *([""] * (width - len(labels)))]


class _Head(io.RawIOBase):
    """The first ``limit`` bytes of a binary file."""

    def __init__(self, raw: Any, limit: int) -> None:
        self.raw = raw
        self.left = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), self.left)
        if size <= 0:
            return 0
        data = self.raw.read(size)
        buffer[: len(data)] = data
        self.left -= len(data)
        return len(data)
