"""Row values as the public answers give them: JSON-ready scalars and booleans as true/false."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal
from typing import Any


def json_default(value: Any) -> Any:
    """A JSON-ready form of a value ``json`` cannot encode itself; TypeError for any other."""
    if isinstance(value, Decimal):
        return float(value)  # as SQLite's REAL gives it, so both databases answer alike
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return {"$base64": base64.b64encode(bytes(value)).decode()}
    raise TypeError(type(value).__name__)


def output_rows(rows: list[tuple[Any, ...]], types: list[str]) -> list[tuple[Any, ...]]:
    """Booleans stored as 1/0 (SQLite) are given back as true/false."""
    flags = [i for i, t in enumerate(types) if t == "boolean"]
    if not flags:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for i in flags:
            if values[i] is not None:
                values[i] = bool(values[i])
        out.append(tuple(values))
    return out
