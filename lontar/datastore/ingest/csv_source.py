"""CSV files: encoding and separator detection, header-row detection, streamed parsing (pyarrow)."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from lontar.datastore.ingest.encoding import SAMPLE, detect_encoding
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.report import ROW_CAP
from lontar.datastore.ingest.sniff import SCAN_ROWS, detect_header, guess_delimiter
from lontar.datastore.ingest.sources import MAX_COLUMNS, Batch, Source

#: bytes parsed per chunk: large enough to keep per-chunk overhead small, small enough to keep
#: memory flat (measured: 1 MB is as fast as 4 MB on the benchmark file and needs 80 MB less)
BLOCK_SIZE = 1 << 20
ARROW_NATIVE = {"utf-8", "utf-8-sig"}


@dataclass
class CsvSource(Source):
    header_index: int = 0

    @classmethod
    def open(cls, path: Path) -> CsvSource:
        encoding = detect_encoding(path)
        text, truncated = _sample_text(path, encoding)
        lines = text.splitlines()
        if truncated and len(lines) > 1:
            lines = lines[:-1]  # cut short by the sample size
        guess = guess_delimiter(lines)
        records = _records(lines, guess.delimiter)
        header = detect_header(records)
        if header is None:
            raise IngestError("no_header", rows=SCAN_ROWS)
        labels = [cell.strip() for cell in records[header]]
        if len(labels) > MAX_COLUMNS:
            raise IngestError("too_many_columns", count=len(labels), limit=MAX_COLUMNS)
        size = path.stat().st_size
        per_row = max(1, len(text.encode(encoding, errors="replace")) // max(1, len(lines)))
        return cls(
            path=path,
            format="csv",
            encoding=encoding,
            delimiter=guess.delimiter,
            header_row=header + 1,
            header_index=header,
            labels=labels,
            number_hints=[""] * len(labels),
            rows_estimate=size // per_row,
            mixed=guess.rivals,
        )

    def batches(self) -> Iterator[Batch]:
        self.ragged_count = 0
        self.ragged_widths = []
        names = [f"c{i}" for i in range(len(self.labels))]
        reader = pacsv.open_csv(
            self.path,
            read_options=pacsv.ReadOptions(
                skip_rows=self.header_index + 1,
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
            ),
        )
        row = self.header_row + 1
        try:
            for record_batch in reader:
                batch = Batch(columns=list(record_batch.columns), first_row=row)
                row += batch.size
                yield batch
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise IngestError("csv_malformed", row=row, detail=str(exc).splitlines()[0][:200]) from exc

    def _invalid_row(self, invalid: pacsv.InvalidRow) -> str:
        if invalid.text.strip(self.delimiter + " \r\n\t"):
            self.ragged_count += 1
            if len(self.ragged_widths) < ROW_CAP:
                self.ragged_widths.append(invalid.actual_columns)
        return "skip"

    def find_ragged_rows(self) -> None:
        """Row numbers of the records whose field count differs from the header's (first ones)."""
        expected = len(self.labels)
        found: list[int] = []
        widths: list[int] = []
        with self.path.open(encoding=self.encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=self.delimiter, quotechar='"', doublequote=True, strict=False)
            for number, record in enumerate(reader, start=1):
                if number <= self.header_row or not any(c.strip() for c in record):
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


def _records(lines: list[str], delimiter: str) -> list[list[str]]:
    reader = csv.reader(lines[: SCAN_ROWS * 2], delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    try:
        return [row for row in reader][:SCAN_ROWS]
    except csv.Error as exc:
        raise IngestError("csv_malformed", row=1, detail=str(exc)) from exc
