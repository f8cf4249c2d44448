"""The demo tables (pure) and the ``catalog_demo`` command (idempotent, every state present)."""

from __future__ import annotations

import csv
import io

from django.core.management import call_command

from lontar.catalog.demo import tables
from lontar.catalog.demo.build import references
from lontar.catalog.models import CatalogEntry, DataClass, DataRequest, Dataset, DatasetState
from tests.catalog.conftest import DB_COMMITTED


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_real_tables_add_up_to_the_published_totals():
    ref = references()
    population = rows(tables.population_dukcapil(ref["kabkota"]))
    assert len(population) == 44 and sum(int(r["jumlah_penduduk"]) for r in population) == 5_700_772
    paud = rows(tables.paud_learners(ref["statistik"]))
    assert sum(int(r["jumlah_peserta_didik"]) for r in paud) == 151_664
    projection = rows(tables.population_projection(ref["statistik"]))
    assert sum(int(r["jumlah_penduduk"]) for r in projection) == 5_656_049
    poverty = rows(tables.poverty(ref["statistik"]))
    assert {r["kode_kabupaten_kota"] for r in poverty} == {r["kode_kemendagri"] for r in ref["kabkota"]}


def test_village_sample_covers_every_desa_and_kelurahan():
    ref = references()
    villages = rows(tables.village_sample(ref["wilayah"]))
    assert len(villages) == (3137 + 305) * len(tables.VILLAGE_YEARS)
    assert villages == rows(tables.village_sample(ref["wilayah"]))  # deterministic
    assert all(r["kode_desa_kelurahan"].startswith(r["kode_kecamatan"]) for r in villages[:500])


@DB_COMMITTED
def test_catalog_demo_is_idempotent_and_complete(client):
    for command in ("load_regions", "load_organisations", "demo_users"):
        call_command(command, stdout=io.StringIO())
    call_command("catalog_demo", stdout=io.StringIO())
    states = set(Dataset.objects.values_list("state", flat=True))
    assert {
        DatasetState.DRAFT,
        DatasetState.SUBMITTED,
        DatasetState.IN_REVIEW,
        DatasetState.RETURNED,
        DatasetState.VERIFIED,
        DatasetState.PUBLISHED,
    } <= states
    assert Dataset.objects.filter(data_class=DataClass.INTERNAL, state=DatasetState.PUBLISHED).exists()
    assert Dataset.objects.filter(data_class=DataClass.DIKECUALIKAN, state=DatasetState.PUBLISHED).exists()
    public = set(CatalogEntry.objects.values_list("name", flat=True))
    assert (
        "jumlah-penduduk-kabupaten-kota-dukcapil-2024" in public
        and "contoh-rekap-pegawai-perangkat-daerah" not in public
    )
    assert DataRequest.objects.filter(status="fulfilled").count() == 1
    count = Dataset.objects.count()
    call_command("catalog_demo", stdout=io.StringIO())
    assert Dataset.objects.count() == count
    page = client.get("/dataset/jumlah-penduduk-kabupaten-kota-dukcapil-2024/").content.decode()
    assert "Ditjen Dukcapil Kemendagri" in page and page.count('<figure class="chart">') >= 1
    village = client.get("/dataset/contoh-penduduk-desa-kelurahan-2020-2025/").content.decode()
    assert "badge-sample" in village
