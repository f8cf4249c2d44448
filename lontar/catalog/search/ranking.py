"""Order matched rows in Python (pure): multi-key sort with per-key direction, ties by id.

Rows are plain tuples as the database returns them; ``columns`` names their positions. The id is
normalised to hex text first (SQLite gives hex text, PostgreSQL a UUID).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

Row = tuple[Any, ...]
#: sort field -> column holding it
SORT_COLUMNS = {
    "id": "pk",
    "name": "name",
    "title": "title",
    "metadata_modified": "metadata_modified",
    "metadata_created": "metadata_created",
    "num_resources": "num_resources",
    "num_tags": "num_tags",
}


def hex_id(value: Any) -> str:
    return value.hex if isinstance(value, uuid.UUID) else str(value).replace("-", "")


def normalise(rows: Sequence[Row]) -> list[Row]:
    """The same rows with the id (first column) as hex text."""
    if rows and isinstance(rows[0][0], str) and "-" not in rows[0][0]:
        return list(rows)
    return [(hex_id(row[0]), *row[1:]) for row in rows]


def _casefolded(column: int) -> Callable[[Row], str]:
    """Sort key: the text in ``column``, case-insensitive, empty when missing."""
    return lambda row: (row[column] or "").casefold()


def order(
    rows: Sequence[Row], columns: Sequence[str], sort: Sequence[tuple[str, bool]], scores: Mapping[str, float]
) -> list[Row]:
    """Rows sorted by ``sort`` [(field, descending)], then by id; "score" counts only with scores."""
    position = {name: i for i, name in enumerate(columns)}
    ordered = sorted(rows, key=itemgetter(0))
    for name, desc in reversed(list(sort)):
        if name == "score":
            if scores:
                ordered.sort(key=lambda r: scores.get(r[0], 0.0), reverse=desc)
            continue
        column = position[SORT_COLUMNS[name]]
        if name == "title":
            ordered.sort(key=_casefolded(column), reverse=desc)
        else:
            ordered.sort(key=itemgetter(column), reverse=desc)
    return ordered
