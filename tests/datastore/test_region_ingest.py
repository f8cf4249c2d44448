"""Region columns and total rows through a real load: codes with or without dots, BPS codes,
names only, a province total row; the derived Kemendagri column and the total-row flag."""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.models import DatastoreTable
from lontar.datastore.query import engine
from lontar.organisations.models import Region, RegionLevel

pytestmark = pytest.mark.django_db(databases=["default", "datastore"], transaction=True)
REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


def _kabkota() -> list[dict[str, str]]:
    with (REFERENCE / "ntt_kabupaten_kota.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def ntt(regions: list[str]) -> list[dict[str, str]]:
    """The province and its 22 kabupaten/kota with their BPS codes."""
    rows = _kabkota()
    Region.objects.filter(code="53").update(bps_code="53")
    for row in rows:
        Region.objects.update_or_create(
            code=row["kode_kemendagri"],
            defaults={
                "name": row["nama"],
                "level": RegionLevel.KOTA if row["jenis"] == "kota" else RegionLevel.KABUPATEN,
                "parent_id": "53",
                "bps_code": row["kode_bps"],
            },
        )
    return rows


def _rows(table: DatastoreTable) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c["name"]}"' for c in table.columns)
    sql = f'SELECT {names} FROM "{table.table_name}" ORDER BY "_id"'
    return list(engine.run(sql, (), tables=[table.table_name]).rows)


def _column(table: DatastoreTable, name: str) -> dict[str, Any]:
    column = table.column(name)
    assert column is not None, [c["name"] for c in table.columns]
    return column


def _codes(table: DatastoreTable) -> list[str]:
    return [i["code"] for i in table.report["issues"]]


def test_bps_codes_with_names_get_kemendagri_codes_alongside(
    ntt: list[dict[str, str]], write: Callable, load: Callable
) -> None:
    body = "\n".join(f"{r['kode_bps']},{r['nama']},{i * 10}" for i, r in enumerate(ntt))
    table = load(write(f"kode,kabupaten_kota,penduduk\n53,NUSA TENGGARA TIMUR,999\n{body}\n"))
    kode = _column(table, "kode")
    assert (kode["type"], kode["code_system"], kode["region_level"]) == ("region", "bps", "kabkota")
    assert kode["total_values"] == ["53"]
    assert kode["kemendagri_column"] == "kode_kemendagri"
    assert _column(table, "kode_kemendagri")["derived_from"] == "kode"
    assert _column(table, "baris_total")["role"] == "total_flag"
    rows = _rows(table)
    header = [c["name"] for c in table.columns]
    first, kupang = dict(zip(header, rows[0], strict=True)), dict(zip(header, rows[1], strict=True))
    assert first["baris_total"] in (True, 1)
    assert kupang["kode"] == "5303" and kupang["kode_kemendagri"] == "53.01" and kupang["baris_total"] in (False, 0)
    assert table.report["total_rows"] == 1
    assert "total_rows" in _codes(table)
    assert "region_code_conflicts" not in _codes(table)


def test_one_conflicting_row_is_reported(ntt: list[dict[str, str]], write: Callable, load: Callable) -> None:
    lines = [f"{r['kode_bps']},{r['nama']},{i}" for i, r in enumerate(ntt)]
    lines.append("5303,Kabupaten Ende,1")  # BPS 5303 is Kabupaten Kupang, not Ende
    table = load(write("kode_wilayah,nama,nilai\n" + "\n".join(lines) + "\n"))
    assert _column(table, "kode_wilayah")["code_system"] == "bps"
    issue = next(i for i in table.report["issues"] if i["code"] == "region_code_conflicts")
    assert issue["params"]["count"] == 1
    assert "Ende" in issue["message"]


def test_undotted_kemendagri_codes_and_province_code(
    ntt: list[dict[str, str]], write: Callable, load: Callable
) -> None:
    body = "\n".join(f"53,{r['kode_kemendagri'].replace('.', '')},{r['nama']},{i}" for i, r in enumerate(ntt))
    table = load(write(f"kode_provinsi,kode_kab,nama_kab,jumlah\n{body}\n"))
    assert _column(table, "kode_provinsi")["type"] == "region"
    assert _column(table, "kode_provinsi")["region_level"] == "provinsi"
    kab = _column(table, "kode_kab")
    assert (kab["type"], kab["code_system"]) == ("region", "kemendagri")
    assert _column(table, "jumlah")["type"] == "integer"
    rows = _rows(table)
    assert rows[0][:2] == ("53", "5301")
    assert "kode_kab_kemendagri" in [c["name"] for c in table.columns]
    assert not [i for i in table.report["issues"] if i["code"] == "invalid_region_codes"]


def test_names_only_table_gets_codes(ntt: list[dict[str, str]], write: Callable, load: Callable) -> None:
    names = ["Kab. Kupang", "Kota Kupang", "TTS", "Kabupaten Ende", "Kab Sikka", "Kupang", "Atlantis", "Jumlah"]
    body = "\n".join(f"{n},{i}" for i, n in enumerate(names))
    table = load(write(f"Kabupaten/Kota,Jumlah Penduduk\n{body}\n"))
    region = _column(table, "kabupaten_kota")
    assert (region["type"], region["code_system"], region["region_level"]) == ("text", "name", "kabkota")
    derived = region["kemendagri_column"]
    rows = _rows(table)
    position = [c["name"] for c in table.columns].index(derived)
    assert [r[position] for r in rows] == ["53.01", "53.71", "53.02", "53.08", "53.07", None, None, None]
    report = next(c for c in table.report["columns"] if c["name"] == "kabupaten_kota")["region"]
    assert report["unmatched_names"] == ["Atlantis"]
    assert report["ambiguous_names"] == [["Kupang", ["53.01", "53.71"]]]
    assert {"region_names_unmatched", "region_names_ambiguous", "total_rows"} <= set(_codes(table))


def test_reviewer_overrides_code_system_and_totals(ntt: list[dict[str, str]], write: Callable, load: Callable) -> None:
    body = "\n".join(f"{r['kode_bps']},{i}" for i, r in enumerate(ntt))
    path = write(f"kode,nilai\n{body}\nJumlah,1\n")
    guessed = load(path, key="uji/a")
    assert _column(guessed, "kode")["code_system"] == "kemendagri"
    assert "region_system_unconfirmed" in _codes(guessed)
    chosen = load(path, key="uji/b", column_overrides={"kode": {"type": "region", "code_system": "bps"}})
    assert _column(chosen, "kode")["code_system"] == "bps"
    none = load(path, key="uji/c", column_overrides={"kode": {"type": "text", "code_system": "none", "totals": False}})
    assert "code_system" not in _column(none, "kode")
    assert none.column("baris_total") is None


def test_unknown_code_system_is_refused(ntt: list[dict[str, str]], write: Callable, load: Callable) -> None:
    path = write("kode,nilai\n5301,1\n5302,2\n")
    with pytest.raises(IngestError) as info:
        load(path, column_overrides={"kode": {"type": "region", "code_system": "mars"}})
    assert "mars" in info.value.message


def test_many_distinct_names_load_in_bounded_time(ntt: list[dict[str, str]], write: Callable, load: Callable) -> None:
    body = "\n".join(f"Tempat {i},{i}" for i in range(100_000))
    start = time.monotonic()
    table = load(write(f"nama,nilai\n{body}\n"))
    assert time.monotonic() - start < 60
    assert table.row_count == 100_000
    assert "code_system" not in _column(table, "nama")


def test_review_form_offers_code_system_and_totals() -> None:
    from lontar.datastore.forms import ReviewForm

    columns = [
        {"name": "kode", "type": "region", "code_system": "bps", "total_values": ["53"]},
        {"name": "nilai", "type": "integer", "number_format": "id"},
        {"name": "kode_kemendagri", "type": "region", "derived_from": "kode"},
        {"name": "baris_total", "type": "boolean", "role": "total_flag"},
    ]
    data = {"type__kode": "region", "format__kode": "id", "system__kode": "kemendagri"}
    data |= {"type__nilai": "integer", "format__nilai": "id"}
    form = ReviewForm(data, columns=columns)
    assert form.is_valid(), form.errors
    assert form.column_names == ["kode", "nilai"]  # the added columns are not reviewed
    assert form.overrides()["kode"] == {
        "type": "region",
        "number_format": "id",
        "code_system": "kemendagri",
        "totals": False,
    }
    assert "code_system" not in form.overrides()["nilai"]


def _charts(table: DatastoreTable) -> list[Any]:
    from lontar.catalog.resource_preview import charts_for, column_info

    return charts_for(table, [column_info(c, c) for c in table.columns])


def test_map_of_bps_codes_leaves_the_province_row_out(
    ntt: list[dict[str, str]], write: Callable, load: Callable
) -> None:
    body = "\n".join(f"{r['kode_bps']},{r['nama']},{r['penduduk_dukcapil_2024s2']}" for r in ntt)
    table = load(write(f"Kode BPS,Kabupaten/Kota,Penduduk\n5300,Nusa Tenggara Timur,5700772\n{body}\n"))
    (chart,) = _charts(table)
    assert "Penduduk" in chart.title and "Kode" not in chart.title
    rows = {row[0]: row[1] for row in chart.table_rows}
    assert len(rows) == 22  # the 22 kabupaten/kota, no province row
    assert rows["Kabupaten Kupang"].replace(".", "").replace("\u202f", "").startswith("391539")


def test_percentage_without_weight_is_never_averaged(
    ntt: list[dict[str, str]], write: Callable, load: Callable
) -> None:
    body = "\n".join(f"{r['nama']},{s},{10 + i % 7}" for i, r in enumerate(ntt) for s in ("L", "P"))
    table = load(write(f"kabupaten_kota,jenis_kelamin,persentase_buta_huruf\n{body}\n"))
    assert _charts(table) == []  # two rows per region: no value per region without a weight
