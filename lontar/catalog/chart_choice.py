"""Which chart suits a table, decided from its data dictionary (pure functions).

* region codes (Kemendagri, or the Kemendagri codes the datastore added next to BPS codes or
  region names) and a measure → a choropleth of the NTT kabupaten/kota (finer codes are summed
  up to their kabupaten/kota), for the latest year when the table has years;
* years and a measure → a line over the years;
* otherwise a category with 2–30 values and a measure → bars (latest year).

The measure is never a code: region and reference columns, identifiers (``kode``, ``id``,
``no``…), years, flags and columns holding one value are left out, and a column whose name or
unit says it measures something is preferred. Counts are summed. Percentages, rates, ratios and
per-capita figures are never averaged unweighted: with a weight column (``bobot``,
``penimbang``…) they are weighted, otherwise each value is shown per region or year as it is
(the chart is dropped when a group has more than one row). Total and subtotal rows (the
datastore's total flag) never join the regions. At most two charts per table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

YEAR_NAMES = frozenset({"tahun", "year", "thn", "periode_tahun"})
NUMERIC = frozenset({"integer", "decimal"})
REGION_TYPES = frozenset({"region_code", "region"})
REGION_KINDS = frozenset({"kemendagri_kabkota", "kemendagri_kecamatan", "kemendagri_desa"})
#: name words of identifiers and codes (never a measure)
CODE_WORDS = frozenset({"kode", "kd", "id", "no", "nomor", "nomer", "urut", "nip", "nik", "npsn", "kodepos"})
#: beginnings of words in a measure's name, label or unit: the column measures something
MEASURE_WORDS = (
    "jumlah", "banyak", "total", "nilai", "penduduk", "luas", "produksi", "persen", "rasio", "angka",
    "indeks", "tingkat", "rata", "pdrb", "pengeluaran", "pendapatan", "anggaran", "realisasi",
    "kepadatan", "volume", "jiwa", "orang", "rupiah", "peserta", "siswa", "murid",
)  # fmt: skip
#: a rate, a share or a per-capita figure: never summed, never averaged unweighted
RATE_HINTS = (
    "persen", "rasio", "rata", "indeks", "angka", "tingkat", "%", "per kapita", "perkapita", "per_kapita",
    "kepadatan", "laju", "ipm", "prevalensi", "proporsi", "per 1000", "per 1.000", "per_1000", "/km",
)  # fmt: skip
WEIGHT_WORDS = frozenset({"bobot", "penimbang", "weight", "weights"})
MAX_CATEGORIES = 30
MAX_CHARTS = 2


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str
    label: str = ""
    unit: str = ""
    reference_kind: str = ""
    #: datastore facts: "region_code" (an added Kemendagri code column), "total_flag" (total rows)
    role: str = ""
    region_level: str = ""
    code_system: str = ""
    #: the added column holding this column's Kemendagri codes (BPS codes, names)
    kemendagri_column: str = ""
    total_values: tuple[str, ...] = field(default=())

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Plan:
    kind: str  # "map" | "line" | "bar"
    measure: ColumnInfo
    by: ColumnInfo
    #: "sum" (counts), "weighted" (rates with a weight column) or "none" (rates: one value per group)
    aggregate: str = "sum"
    year: ColumnInfo | None = None  # map and bar: only the latest year
    weight: ColumnInfo | None = None
    #: the total-row flag column: its rows are left out
    totals: ColumnInfo | None = None

    @property
    def average(self) -> bool:
        return self.aggregate != "sum"


def _words(column: ColumnInfo) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", f"{column.name} {column.label}".lower()) if w]


def is_year(column: ColumnInfo) -> bool:
    return column.reference_kind == "tahun" or (column.type == "integer" and column.name.lower() in YEAR_NAMES)


def is_region(column: ColumnInfo) -> bool:
    """A column of Kemendagri codes below the province (a map can join it)."""
    if column.role == "total_flag" or column.region_level == "provinsi":
        return False
    if column.reference_kind in REGION_KINDS:
        return True
    return column.type in REGION_TYPES and column.reference_kind not in ("kemendagri_provinsi", "bps_kabkota")


def is_code(column: ColumnInfo) -> bool:
    """Identifiers, region and reference codes, flags: never a measure."""
    if column.role or column.reference_kind or column.type in REGION_TYPES or column.code_system:
        return True
    return any(w in CODE_WORDS or w.startswith("kode") for w in _words(column))


def is_rate(measure: ColumnInfo) -> bool:
    text = f"{measure.name} {measure.unit} {measure.label}".lower().replace("_", " ")
    return any(hint.replace("_", " ") in text for hint in RATE_HINTS)


#: kept for callers of the old name
averages = is_rate


def _is_weight(column: ColumnInfo) -> bool:
    return column.type in NUMERIC and any(w in WEIGHT_WORDS for w in _words(column))


def _measure_score(column: ColumnInfo) -> int:
    words = [*_words(column), *re.split(r"[^a-z0-9%]+", column.unit.lower())]
    hits = sum(1 for w in words if w and w.startswith(MEASURE_WORDS))
    return (2 if column.unit else 0) + hits + (1 if "%" in column.unit else 0)


def measures(columns: Sequence[ColumnInfo], distinct: Mapping[str, int]) -> list[ColumnInfo]:
    """The columns that may be charted as a measure, best first."""
    found = [
        c
        for c in columns
        if c.type in NUMERIC
        and not is_year(c)
        and not is_code(c)
        and not _is_weight(c)
        and distinct.get(c.name, 2) != 1  # one value everywhere (a unit, a constant code)
    ]
    return sorted(found, key=lambda c: (-_measure_score(c), -_year_in_name(c)))


def _year_in_name(column: ColumnInfo) -> int:
    """The latest year a column's name mentions (wide tables: ``penduduk_2023``), else 0."""
    years = [int(y) for y in re.findall(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", column.name)]
    return max(years, default=0)


def _category(columns: Sequence[ColumnInfo], distinct: Mapping[str, int]) -> ColumnInfo | None:
    for column in columns:
        if column.type == "text" and not column.role and 2 <= distinct.get(column.name, 0) <= MAX_CATEGORIES:
            return column
    return None


def _region(columns: Sequence[ColumnInfo]) -> ColumnInfo | None:
    """The column to join the map on: Kemendagri codes at the finest level below the province."""
    by_name = {c.name: c for c in columns}
    candidates: list[ColumnInfo] = []
    for column in columns:
        if column.kemendagri_column and column.kemendagri_column in by_name:
            candidates.append(by_name[column.kemendagri_column])
        elif is_region(column) and column.code_system in ("", "kemendagri") and column.role != "region_code":
            candidates.append(column)
    order = {"kabkota": 0, "kecamatan": 1, "desa": 2}
    candidates = [c for c in candidates if level_of(c) != "provinsi"]
    return min(candidates, key=lambda c: order.get(level_of(c), 0)) if candidates else None


def level_of(column: ColumnInfo) -> str:
    """provinsi / kabkota / kecamatan / desa ("kabkota" when nothing says otherwise)."""
    if column.region_level:
        return column.region_level
    kind = column.reference_kind.removeprefix("kemendagri_")
    return kind if kind in ("provinsi", "kecamatan", "desa") else "kabkota"


def choose(columns: Sequence[ColumnInfo], distinct: Mapping[str, int]) -> list[Plan]:
    """The charts to draw for a table with these columns (``distinct``: distinct values per column)."""
    found = measures(columns, distinct)
    if not found:
        return []
    measure = found[0]
    weight = next((c for c in columns if _is_weight(c)), None) if is_rate(measure) else None
    aggregate = "sum" if not is_rate(measure) else ("weighted" if weight is not None else "none")
    totals = next((c for c in columns if c.role == "total_flag"), None)
    year = next((c for c in columns if is_year(c)), None)
    region = _region(columns)
    plans: list[Plan] = []
    # finer codes are summed up to their kabupaten/kota: rates without a weight cannot be
    if region is not None and (aggregate != "none" or level_of(region) == "kabkota"):
        plans.append(Plan("map", measure, region, aggregate, year, weight, totals))
    category = _category(columns, distinct)
    # a rate without a weight has a line only when each year has one value (no other dimension)
    several = region is not None or category is not None
    if year is not None and distinct.get(year.name, 0) >= 2 and (aggregate != "none" or not several):
        plans.append(Plan("line", measure, year, aggregate, None, weight, totals))
    if not any(p.kind == "map" for p in plans) and category is not None:
        plans.append(Plan("bar", measure, category, aggregate, year, weight, totals))
    return plans[:MAX_CHARTS]
