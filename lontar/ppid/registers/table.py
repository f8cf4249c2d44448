"""What both registers share: their columns and their CSV/XLSX exports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponseBase
from django.utils import timezone

from lontar.ppid import exports

#: rows an export streams at most
MAX_ROWS = 100_000
EXPORT_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    personal: bool = False


def export_response(fmt: str, name: str, columns: list[Column], rows: Iterable[list[Any]]) -> HttpResponseBase:
    """The register as ``<name>-<today>.csv`` (streamed) or ``.xlsx``; ``fmt`` is one of EXPORT_FORMATS."""
    header = [str(c.label) for c in columns]
    stamp = f"{name}-{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        return exports.csv_response(stamp, header, rows)
    return exports.xlsx_response(stamp, name, header, rows)
