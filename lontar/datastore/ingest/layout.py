"""Where the table is in a published sheet: title lines, header rows, notes below (pure functions).

Statistics offices publish tables laid out for print: a title and a unit line above the header,
a two-row header whose upper row names groups of columns ("Jumlah Penduduk (jiwa)" over
"Laki-laki / Perempuan / Jumlah"), a column-number row "(1) (2) (3)" under it, then the data,
then notes ("Catatan:", "Keterangan:", footnote keys "*) angka sementara") and a source line
("Sumber: BPS ..."). :func:`detect` finds these from the first and the last rows of a file only
(never the whole file), as rows of text cells, the same for CSV and XLSX.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

#: rows read from the top of a file to find the header, and from its end to find the notes
HEAD_ROWS = 200
TAIL_ROWS = 100
#: more header rows than this above the first data row is not a header
MAX_HEADER_ROWS = 5
#: the widest table loaded (``sources.MAX_COLUMNS``): wider sheets are refused before their
#: header is combined
MAX_COLUMNS = 500

NOTE_RE = re.compile(
    r"^\s*(?:(?P<kind>sumber|source|catatan|keterangan|ket|note|notes|footnote|cat)\s*[:：.]"
    r"|(?P<key>\*{1,3}\)?|[a-z]\)|\(?[0-9]{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\)?)\s+\S)",
    re.IGNORECASE,
)
SOURCE_RE = re.compile(r"^\s*(?:sumber|source)\s*[:：.]\s*(?P<text>.*?)\s*$", re.IGNORECASE)
COLUMN_NUMBER_RE = re.compile(r"^\(?([0-9]{1,4})\)?$")
YEAR_RE = re.compile(r"^(?:19|20|21)[0-9]{2}$")
#: cells that hold a number (either convention, with a footnote marker) or a missing-value mark
VALUE_RE = re.compile(
    r"^[-+]?(?:[0-9][0-9., ]*)(?:%|\s*(?:\*{1,3}|[rRxX]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\([a-z*]\)))?$|^(?:[-–—…x]|\.\.\.|na|n/a)$",
    re.IGNORECASE,
)
PARENTHESES_RE = re.compile(r"\s*\([^)]*\)")


class LayoutError(ValueError):
    """A sheet whose layout cannot be a table (only notes, a header deeper than allowed)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Layout:
    """What was found, in row indexes of the head (0-based) and a count of trailing rows."""

    header_rows: list[int] = field(default_factory=list)
    #: index of the first row after the header block (column-number row and blank rows skipped)
    data_start: int = 0
    column_number_row: int | None = None
    title: list[str] = field(default_factory=list)
    #: the full label of each column (header rows joined with " - "): the data dictionary's
    labels: list[str] = field(default_factory=list)
    #: the text each column's name is made from (upper labels without their unit in brackets)
    name_labels: list[str] = field(default_factory=list)
    #: rows at the end of the file that are notes, source lines or blank
    footer_rows: int = 0
    notes: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def header_index(self) -> int:
        return self.header_rows[-1] if self.header_rows else 0

    def as_report(self) -> dict[str, Any]:
        return {
            "title": " ".join(self.title),
            "title_lines": list(self.title),
            "header_rows": [i + 1 for i in self.header_rows],
            "column_number_row": self.column_number_row + 1 if self.column_number_row is not None else None,
            "data_start_row": self.data_start + 1,
            "footer_rows": self.footer_rows,
            "notes": list(self.notes),
            "source": self.source,
        }


def _cells(row: Sequence[Any]) -> list[str]:
    return ["" if c is None else str(c).strip() for c in row]


def _filled(row: Sequence[str]) -> list[int]:
    return [i for i, c in enumerate(row) if c]


def is_note(row: Sequence[str]) -> bool:
    """A notes line: "Sumber: …", "Catatan: …", "Keterangan: …", "*) …", "r) …" in its first filled cell."""
    filled = _filled(row)
    return 1 <= len(filled) <= 2 and bool(NOTE_RE.match(row[filled[0]]))


def is_value(cell: str) -> bool:
    return bool(VALUE_RE.match(cell))


def is_column_numbers(row: Sequence[str], width: int) -> bool:
    """A row "(1) (2) (3) …" (or 1 2 3 … over every column) under a printed table's header."""
    filled = _filled(row)
    if len(filled) < 2:
        return False
    numbers = []
    for i in filled:
        match = COLUMN_NUMBER_RE.match(row[i])
        if match is None:
            return False
        numbers.append(int(match.group(1)))
    steady = all(b - a == 1 for a, b in itertools.pairwise(numbers))
    bracketed = all(row[i].startswith("(") for i in filled)
    return steady and (bracketed or (numbers[0] == 1 and len(filled) == width >= 3))


def is_period_header(row: Sequence[str]) -> bool:
    """The lower header row of a table with years as columns: rising years, no other numbers."""
    filled = _filled(row)
    years = [int(row[i]) for i in filled if YEAR_RE.match(row[i])]
    others = [row[i] for i in filled if not YEAR_RE.match(row[i])]
    return len(years) >= 2 and years == sorted(set(years)) and not any(is_value(o) for o in others)


def _width(rows: Sequence[Sequence[str]]) -> int:
    ends = [_filled(r)[-1] + 1 for r in rows if len(_filled(r)) >= 2]
    return max(ends) if ends else 1


def _is_data(row: Sequence[str], need: int) -> bool:
    filled = _filled(row)
    if len(filled) < need or is_note(row) or is_period_header(row):
        return False
    return any(is_value(row[i]) for i in filled)


@dataclass(frozen=True)
class Manual:
    """The reviewer's header rows and first data row (row numbers as a spreadsheet shows them)."""

    header_rows: tuple[int, ...]
    data_row: int


def detect(
    head: Sequence[Sequence[Any]],
    tail: Sequence[Sequence[Any]] = (),
    *,
    complete: bool = True,
    manual: Manual | None = None,
) -> Layout | None:
    """The layout of a sheet from its first rows (``head``) and its last rows (``tail``).

    ``complete``: ``head`` holds every row of the file (``tail`` is then ignored). None when no
    data row with a number was found: the caller keeps its plain header detection. ``manual``:
    the header rows and the first data row the reviewer chose (notes are still found).
    """
    if manual is not None:
        return _manual(head, tail, complete, manual)
    rows = [_cells(r) for r in head]
    if rows and all(is_note(r) or not _filled(r) for r in rows) and complete:
        raise LayoutError("layout_no_table")
    width = _width(rows)
    if width > MAX_COLUMNS:
        raise LayoutError("too_many_columns", count=width, limit=MAX_COLUMNS)
    if width < 2:
        return None
    need = max(2, math.ceil(0.5 * width))
    first_data = next((i for i, r in enumerate(rows) if _is_data(r, need)), None)
    if first_data is None:
        if not complete and _tail_has_data([_cells(r) for r in tail], need):
            raise LayoutError("layout_header_too_deep", rows=len(rows), limit=MAX_HEADER_ROWS)
        return None
    header_rows, numbers = _header_block(rows, first_data)
    if not header_rows:
        return None
    layout = Layout(header_rows=header_rows, data_start=first_data, column_number_row=numbers)
    layout.title = [" ".join(rows[i][j] for j in _filled(rows[i])) for i in range(header_rows[0]) if _filled(rows[i])]
    layout.labels, layout.name_labels = combine_header([rows[i] for i in header_rows], width)
    trailing = rows[first_data:] if complete else [_cells(r) for r in tail]
    _footer(layout, trailing)
    return layout


def _manual(head: Sequence[Sequence[Any]], tail: Sequence[Sequence[Any]], complete: bool, manual: Manual) -> Layout:
    rows = [_cells(r) for r in head]
    headers = sorted(set(manual.header_rows))
    valid = (
        headers and len(headers) <= MAX_HEADER_ROWS and headers[0] >= 1 and headers[-1] < manual.data_row <= len(rows)
    )
    if not valid:
        raise LayoutError("layout_manual_invalid", rows=min(len(rows), HEAD_ROWS), limit=MAX_HEADER_ROWS)
    width = _width(rows)
    if width > MAX_COLUMNS:
        raise LayoutError("too_many_columns", count=width, limit=MAX_COLUMNS)
    found = Layout(header_rows=[h - 1 for h in headers], data_start=manual.data_row - 1)
    found.title = [" ".join(r[j] for j in _filled(r)) for r in rows[: headers[0] - 1] if _filled(r)]
    found.labels, found.name_labels = combine_header([rows[h - 1] for h in headers], width)
    _footer(found, rows[found.data_start :] if complete else [_cells(r) for r in tail])
    return found


def _tail_has_data(tail: list[list[str]], need: int) -> bool:
    return any(_is_data(r, need) for r in tail)


def _header_block(rows: list[list[str]], first_data: int) -> tuple[list[int], int | None]:
    """Header rows directly above the first data row (column-number rows skipped)."""
    header: list[int] = []
    numbers = None
    width = _width(rows)
    for i in range(first_data - 1, -1, -1):
        row = rows[i]
        filled = _filled(row)
        if not filled or is_note(row):
            break
        if not header and numbers is None and is_column_numbers(row, width):
            numbers = i
            continue
        if len(filled) == 1 and filled[0] == 0:
            break  # a title line right above the header
        header.insert(0, i)
        if len(header) > MAX_HEADER_ROWS:
            raise LayoutError("layout_header_too_deep", rows=len(header), limit=MAX_HEADER_ROWS)
    return header, numbers


def combine_header(header: Sequence[Sequence[str]], width: int) -> tuple[list[str], list[str]]:
    """One label per column from one or more header rows.

    A group label spans the empty cells to its right as long as the rows below have labels
    there (how a merged cell reads back); a label whose cells below are empty spans downwards.
    Returns the full labels ("Jumlah Penduduk (jiwa) - Laki-laki") and the texts for names
    ("Jumlah Penduduk Laki-laki": units in brackets of upper rows left out).
    """
    grid = [[(list(r) + [""] * width)[j] for j in range(width)] for r in header]
    for r in range(len(grid) - 1):
        below = [any(grid[k][j] for k in range(r + 1, len(grid))) for j in range(width)]
        for j in range(1, width):
            origin = j - 1
            while origin > 0 and not grid[r][origin] and below[origin]:
                origin -= 1
            if not grid[r][j] and below[j] and grid[r][origin] and below[origin] and _same_span(grid, r, origin, j):
                grid[r][j] = grid[r][origin]
    labels: list[str] = []
    names: list[str] = []
    for j in range(width):
        parts: list[str] = []
        for r in range(len(grid)):
            if grid[r][j] and (not parts or parts[-1] != grid[r][j]):
                parts.append(grid[r][j])
        labels.append(" - ".join(parts))
        if len(parts) > 1:
            upper = [PARENTHESES_RE.sub("", p).strip() or p for p in parts[:-1]]
            names.append(" ".join([*upper, parts[-1]]))
        else:
            names.append(parts[0] if parts else "")
    return labels, names


def _same_span(grid: list[list[str]], r: int, origin: int, j: int) -> bool:
    """Row ``r`` is empty from ``origin`` + 1 to ``j`` (no other label in between)."""
    return all(not grid[r][k] for k in range(origin + 1, j + 1))


def _footer(layout: Layout, trailing: list[list[str]]) -> None:
    """Notes and source lines at the end: from the highest notes line below the last data row."""
    start = _footer_start(trailing)
    layout.footer_rows = len(trailing) - start
    for row in trailing[start:]:
        text = " ".join(row[j] for j in _filled(row))
        source = SOURCE_RE.match(text)
        if source:
            layout.source = "; ".join(p for p in (layout.source, source.group("text")) if p)
        elif text:
            layout.notes.append(text)


def _footer_start(trailing: list[list[str]]) -> int:
    """Index of the first footer row (len(trailing) when there is none). The first row is data.

    Walking up from the end over blank rows, notes lines and single cells in the first column
    (a note's second line), the highest notes line starts the footer, with the blank rows right
    above it. Without a notes line only trailing blank rows are footer."""
    top_note = None
    single_cells_are_notes = _width(trailing) >= 2
    i = len(trailing) - 1
    while i >= 1:
        filled = _filled(trailing[i])
        if is_note(trailing[i]):
            top_note = i
        elif filled and (filled != [0] or not single_cells_are_notes):
            break
        i -= 1
    start = len(trailing) if top_note is None else top_note
    while start > 1 and not _filled(trailing[start - 1]):
        start -= 1
    return start


def plain(head: Sequence[Sequence[Any]], header: int, tail: Sequence[Sequence[Any]] | None = None) -> Layout:
    """The layout around a single header row found otherwise (a table of text): the title
    above it, a column-number row under it, notes at the end of ``tail`` (or of ``head``, when
    it holds the whole file)."""
    rows = [_cells(r) for r in head]
    start = header + 1
    if start < len(rows) and is_column_numbers(rows[start], len(rows[header])):
        start += 1
    layout = Layout(header_rows=[header], data_start=start)
    layout.column_number_row = start - 1 if start > header + 1 else None
    layout.labels = list(rows[header])
    layout.name_labels = list(rows[header])
    layout.title = [" ".join(c for c in r if c) for r in rows[:header] if any(r)]
    trailing = rows[start:] if tail is None else [_cells(r) for r in tail]
    _footer(layout, [[""], *trailing])
    return layout
