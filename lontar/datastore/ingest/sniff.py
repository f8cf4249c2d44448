"""Column separator and header-row detection from the first lines of a file (pure functions)."""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

DELIMITERS = (",", ";", "\t", "|")
NUMBERISH = re.compile(r"^[-+]?[0-9][0-9.,/ -]*%?$")
SCAN_ROWS = 60


@dataclass(frozen=True)
class DelimiterGuess:
    delimiter: str
    score: float
    #: other separators that also split many lines (a sign of a mixed file)
    rivals: tuple[str, ...] = ()


def _field_counts(lines: Sequence[str], delimiter: str) -> list[int]:
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    counts = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                counts.append(len(row))
    except csv.Error:
        return []
    return counts


def score_delimiter(lines: Sequence[str], delimiter: str) -> float:
    """How well ``delimiter`` splits the lines into a steady number (> 1) of fields.

    The score is the share of lines that have the most common field count (of the lines it
    splits: title and notes lines of one field do not count), times a small bonus for more
    fields; 0 when the separator never splits a line.
    """
    counts = _field_counts(lines, delimiter)
    split = [c for c in counts if c >= 2]
    if not split:
        return 0.0
    width, hits = Counter(split).most_common(1)[0]
    return hits / len(counts) + min(width, 50) / 1000


def guess_delimiter(sample_lines: Sequence[str]) -> DelimiterGuess:
    """Pick the separator from the first complete lines. csv.Sniffer breaks ties between close scores."""
    lines = list(sample_lines[:SCAN_ROWS])
    scores = {d: score_delimiter(lines, d) for d in DELIMITERS}
    best = max(scores, key=lambda d: scores[d])
    if scores[best] == 0:
        return DelimiterGuess(delimiter=",", score=0.0)
    close = [d for d in DELIMITERS if scores[d] >= scores[best] - 0.05]
    if len(close) > 1:
        sniffed = _sniffer_choice("\n".join(lines))
        if sniffed in close:
            best = sniffed
    rivals = tuple(d for d in DELIMITERS if d != best and _splits_many(lines, d, best))
    return DelimiterGuess(delimiter=best, score=scores[best], rivals=rivals)


def _sniffer_choice(text: str) -> str | None:
    try:
        return csv.Sniffer().sniff(text, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return None


def _splits_many(lines: Sequence[str], other: str, chosen: str) -> bool:
    """True when many lines that ``chosen`` does not split are split by ``other``."""
    chosen_counts = _field_counts(lines, chosen)
    other_counts = _field_counts(lines, other)
    if len(chosen_counts) != len(other_counts) or not chosen_counts:
        return False
    single = [o for c, o in zip(chosen_counts, other_counts, strict=True) if c == 1]
    return len(single) >= 1 and sum(1 for o in single if o > 1) >= max(1, len(single) // 2)


def is_textual(cell: str) -> bool:
    value = cell.strip()
    return bool(value) and not NUMBERISH.match(value)


def detect_header(rows: Sequence[Sequence[str]]) -> int | None:
    """Index of the header row among the first rows: title and empty rows above it are skipped.

    The header is the first row that fills most of the table's width and whose filled cells are
    all labels (not numbers or dates). When no row is all labels, the first wide row is taken.
    """
    scan = [list(r) for r in rows[:SCAN_ROWS]]
    filled = [sum(1 for c in r if str(c).strip()) for r in scan]
    if not any(filled):
        return None
    width = max(filled)
    need = 1 if width == 1 else max(2, math.ceil(0.6 * width))
    wide = [i for i, f in enumerate(filled) if f >= need]
    for i in wide:
        cells = [c for c in scan[i] if str(c).strip()]
        if all(is_textual(str(c)) for c in cells):
            return i
    return wide[0] if wide else None
