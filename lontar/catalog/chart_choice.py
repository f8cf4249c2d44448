"""Which chart suits a table, decided from its data dictionary (pure functions).

* region codes (Kemendagri) and a number → a choropleth of the NTT kabupaten/kota (finer codes
  are summed up to their kabupaten/kota), for the latest year when the table has years;
* years and a number → a line over the years;
* otherwise a category with 2–30 values and a number → bars (latest year).

At most two charts per table. Rates and percentages are averaged, counts are summed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

YEAR_NAMES = frozenset({"tahun", "year", "thn", "periode_tahun"})
NUMERIC = frozenset({"integer", "decimal"})
REGION_KINDS = frozenset({"kemendagri_kabkota", "kemendagri_kecamatan", "kemendagri_desa"})
AVERAGE_HINTS = ("persen", "rasio", "rata", "indeks", "angka", "tingkat", "%")
MAX_CATEGORIES = 30
MAX_CHARTS = 2


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str
    label: str = ""
    unit: str = ""
    reference_kind: str = ""

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Plan:
    kind: str  # "map" | "line" | "bar"
    measure: ColumnInfo
    by: ColumnInfo
    average: bool = False
    year: ColumnInfo | None = None  # map and bar: only the latest year


def is_year(column: ColumnInfo) -> bool:
    return column.reference_kind == "tahun" or (column.type == "integer" and column.name.lower() in YEAR_NAMES)


def is_region(column: ColumnInfo) -> bool:
    return column.reference_kind in REGION_KINDS or (
        column.type == "region_code" and column.reference_kind != "kemendagri_provinsi"
    )


def averages(measure: ColumnInfo) -> bool:
    text = f"{measure.name} {measure.unit} {measure.label}".lower()
    return any(hint in text for hint in AVERAGE_HINTS)


def _measure(columns: Sequence[ColumnInfo]) -> ColumnInfo | None:
    numeric = [c for c in columns if c.type in NUMERIC and not is_year(c) and not c.reference_kind]
    return numeric[0] if numeric else None


def _category(columns: Sequence[ColumnInfo], distinct: Mapping[str, int]) -> ColumnInfo | None:
    for column in columns:
        if column.type == "text" and 2 <= distinct.get(column.name, 0) <= MAX_CATEGORIES:
            return column
    return None


def choose(columns: Sequence[ColumnInfo], distinct: Mapping[str, int]) -> list[Plan]:
    """The charts to draw for a table with these columns (``distinct``: distinct values per column)."""
    measure = _measure(columns)
    if measure is None:
        return []
    average = averages(measure)
    year = next((c for c in columns if is_year(c)), None)
    region = next((c for c in columns if is_region(c)), None)
    plans: list[Plan] = []
    if region is not None:
        plans.append(Plan("map", measure, region, average, year))
    if year is not None and distinct.get(year.name, 0) >= 2:
        plans.append(Plan("line", measure, year, average))
    if region is None:
        category = _category(columns, distinct)
        if category is not None:
            plans.append(Plan("bar", measure, category, average, year))
    return plans[:MAX_CHARTS]
