"""The layout corpus: real statistical tables as offices publish them load into tidy tables.

One entry per file in ``corpus/manifest.yaml``; every field is an expectation checked by a
function in CHECKS (add a field and its checker together). Fields whose checker is not written
yet are listed in PENDING_FIELDS and ignored until it is. ``pending: <reason>`` marks an entry
as an expected failure until the feature it needs lands (strict: it fails once it passes).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.db import connections

from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.services import datastore_ingest
from lontar.datastore.store.writers import existing_tables
from lontar.organisations.models import Region, RegionLevel
from tests.datastore.conftest import BOTH
from tests.datastore.helpers import in_indonesian

pytestmark = pytest.mark.django_db(databases=BOTH)

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[2]
MANIFEST: list[dict[str, Any]] = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
#: how the file is loaded, not an expectation
LOAD_FIELDS = {"file", "sheet", "overrides", "description", "pending"}
#: expectations another part of the work adds checkers for
PENDING_FIELDS: set[str] = set()

Check = Callable[[DatastoreTable, Any], None]


#: columns the region work derives (Kemendagri codes of a region column, the total-row flag):
#: their own expectation fields cover them
DERIVED_ROLES = {"region_code", "total_flag"}


def _data_columns(table: DatastoreTable) -> list[str]:
    """The file's columns as stored (and their ``*_catatan`` mark columns), derived ones left out."""
    roles = {c["name"]: c.get("role", "") for c in table.report.get("columns", [])}
    return [c["name"] for c in table.columns if roles.get(c["name"], "") not in DERIVED_ROLES]


def check_columns(table: DatastoreTable, expected: list[str]) -> None:
    assert _data_columns(table) == expected


def check_types(table: DatastoreTable, expected: dict[str, str]) -> None:
    found = {c["name"]: c["type"] for c in table.columns}
    assert {k: found.get(k) for k in expected} == expected


def check_rows(table: DatastoreTable, expected: int) -> None:
    assert table.row_count == expected


def check_nulls(table: DatastoreTable, expected: int) -> None:
    """Empty cells over every column (note columns ``*_catatan`` excluded)."""
    names = [n for n in _data_columns(table) if not n.endswith("_catatan")]
    total = " + ".join(f'(COUNT(*) - COUNT("{n}"))' for n in names)
    with connections["datastore"].cursor() as cursor:
        cursor.execute(f'SELECT {total} FROM "{table.table_name}"')
        assert cursor.fetchone()[0] == expected


def check_labels(table: DatastoreTable, expected: dict[str, str]) -> None:
    found = {c["name"]: c.get("label", "") for c in table.columns}
    assert {k: found.get(k) for k in expected} == expected


def _layout(table: DatastoreTable) -> dict[str, Any]:
    return table.report.get("layout") or {}


def check_source(table: DatastoreTable, expected: str) -> None:
    assert _layout(table).get("source", "") == expected


def check_title(table: DatastoreTable, expected: str) -> None:
    assert _layout(table).get("title", "") == expected


def check_marks(table: DatastoreTable, expected: dict[str, dict[str, int]]) -> None:
    """Per column: how many cells carried each missing-value or footnote mark."""
    found = {c["name"]: c.get("marks", {}) for c in table.report.get("columns", [])}
    assert {k: found.get(k) for k in expected} == expected


def check_first_row(table: DatastoreTable, expected: list[Any]) -> None:
    names = ", ".join(f'"{n}"' for n in _data_columns(table))
    with connections["datastore"].cursor() as cursor:
        cursor.execute(f'SELECT {names} FROM "{table.table_name}" ORDER BY "_id" LIMIT 1')
        row = cursor.fetchone()
    plain = [float(v) if isinstance(v, Decimal) else v for v in row]
    assert plain == expected


def check_region_columns(table: DatastoreTable, expected: dict[str, dict[str, Any]]) -> None:
    """Per column (partial): code_system, region_level, kemendagri_column (the table's facts) and
    the report's counts (code_conflict_count, unmatched_count, other_province_count…)."""
    reports = {c["name"]: c.get("region", {}) for c in table.report.get("columns", [])}
    found = {c["name"]: {**reports.get(c["name"], {}), **c} for c in table.columns}
    assert {k: {f: found.get(k, {}).get(f) for f in v} for k, v in expected.items()} == expected


def check_total_rows(table: DatastoreTable, expected: int) -> None:
    assert table.report.get("total_rows", 0) == expected


def check_chart(table: DatastoreTable, expected: list[list[str]]) -> None:
    """The automatic charts (kind, measure, by) chosen from the datastore's facts alone."""
    from lontar.catalog.chart_choice import choose
    from lontar.catalog.resource_preview import column_info

    columns = [column_info(c, c) for c in table.columns]
    distinct = {}
    with connections["datastore"].cursor() as cursor:
        for c in table.columns:
            cursor.execute(f'SELECT COUNT(DISTINCT "{c["name"]}") FROM "{table.table_name}"')
            distinct[c["name"]] = cursor.fetchone()[0]
    assert [[p.kind, p.measure.name, p.by.name] for p in choose(columns, distinct)] == expected


CHECKS: dict[str, Check] = {
    "columns": check_columns,
    "types": check_types,
    "rows": check_rows,
    "nulls": check_nulls,
    "labels": check_labels,
    "source": check_source,
    "title": check_title,
    "marks": check_marks,
    "first_row": check_first_row,
    "region_columns": check_region_columns,
    "total_rows": check_total_rows,
    "chart": check_chart,
}


def _params() -> list[Any]:
    out = []
    for entry in MANIFEST:
        marks = [pytest.mark.xfail(reason=entry["pending"], strict=True)] if entry.get("pending") else []
        out.append(pytest.param(entry, id=entry["file"], marks=marks))
    return out


def test_manifest_names_every_file_once() -> None:
    listed = [e["file"] for e in MANIFEST]
    on_disk = sorted(p.name for p in (CORPUS / "files").iterdir())
    assert sorted(listed) == on_disk and len(set(listed)) == len(listed)
    known = set(CHECKS) | LOAD_FIELDS | PENDING_FIELDS | {"error"}
    for entry in MANIFEST:
        assert set(entry) <= known, (entry["file"], set(entry) - known)


@pytest.fixture
def ntt_regions(regions: list[str]) -> list[str]:
    """The province, its 22 kabupaten/kota with their BPS codes, and every kecamatan and desa
    (data/reference, Kepmendagri 300.2.2-2138/2025)."""
    with (ROOT / "data" / "reference" / "ntt_kabupaten_kota.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            level = RegionLevel.KOTA if row["jenis"] == "kota" else RegionLevel.KABUPATEN
            Region.objects.update_or_create(  # the datastore fixture made 53.01 and 53.71 without BPS codes
                code=row["kode_kemendagri"],
                defaults={"name": row["nama"], "level": level, "parent_id": "53", "bps_code": row["kode_bps"]},
            )
    Region.objects.filter(code="53").update(bps_code="53")
    levels = {"kecamatan": RegionLevel.KECAMATAN, "desa": RegionLevel.DESA, "kelurahan": RegionLevel.KELURAHAN}
    with (ROOT / "data" / "reference" / "ntt_wilayah_kemendagri_2025.csv").open(encoding="utf-8", newline="") as fh:
        finer = [
            Region(code=r["kode"], name=r["nama"], level=levels[r["tingkat"]], parent_id=r["kode_induk"])
            for r in csv.DictReader(fh)
            if r["tingkat"] in levels
        ]
    Region.objects.bulk_create(finer, ignore_conflicts=True)
    return list(Region.objects.values_list("code", flat=True))


@pytest.mark.parametrize("entry", _params())
def test_corpus_file(entry: dict[str, Any], ntt_regions: list[str]) -> None:
    path = CORPUS / "files" / entry["file"]
    kwargs: dict[str, Any] = {"column_overrides": entry.get("overrides"), "sheet": entry.get("sheet")}
    if "error" in entry:
        with pytest.raises(IngestError) as err:
            datastore_ingest(actor=None, path=path, resource_key="uji/korpus", **kwargs)
        assert err.value.code == entry["error"]
        in_indonesian(lambda: err.value.message)
        table = DatastoreTable.objects.get(resource_key="uji/korpus")
        assert table.status == TableStatus.FAILED
        assert table.table_name not in existing_tables()
        return
    table = datastore_ingest(actor=None, path=path, resource_key="uji/korpus", **kwargs)
    assert table.status == TableStatus.READY
    for field, expected in entry.items():
        if field in CHECKS:
            CHECKS[field](table, expected)
