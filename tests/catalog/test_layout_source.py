"""A "Sumber: …" line under an uploaded table fills the dataset's empty source (issue 16)."""

from __future__ import annotations

from lontar.audit.models import AuditEvent
from lontar.catalog.models import Dataset
from lontar.catalog.services.datastore_bridge import table_for
from tests.catalog.conftest import COLUMNS as BASE_COLUMNS
from tests.catalog.conftest import DB

pytestmark = DB
COLUMNS = [c for c in BASE_COLUMNS if c["name"] != "tahun"]

BPS_CSV = (
    "Tabel 3.1 Jumlah Penduduk Menurut Kabupaten/Kota (data contoh),,\r\n"
    ",,\r\n"
    "kode_wilayah,nama_wilayah,jumlah_penduduk\r\n"
    "(1),(2),(3)\r\n"
    "53.01,Kabupaten Kupang,380212\r\n"
    "53.71,Kota Kupang,474801\r\n"
    ",,\r\n"
    "Sumber: BPS Provinsi Nusa Tenggara Timur,,\r\n"
)


def test_source_line_fills_an_empty_source(make_dataset):
    dataset = make_dataset("data-sumber", "Data bersumber", state="draft", csv=BPS_CSV, columns=COLUMNS)
    dataset = Dataset.objects.get(pk=dataset.pk)
    table = table_for(dataset.resources.get())
    assert table is not None and table.report["layout"]["source"] == "BPS Provinsi Nusa Tenggara Timur"
    assert dataset.source == "BPS Provinsi Nusa Tenggara Timur"
    assert AuditEvent.objects.filter(action="catalog.dataset.updated", data__fields=["source"]).exists()


def test_source_line_keeps_a_filled_source(make_dataset):
    dataset = make_dataset(
        "data-sumber-lain", "Data bersumber lain", state="draft", csv=BPS_CSV, columns=COLUMNS, source="Dinas X"
    )
    assert Dataset.objects.get(pk=dataset.pk).source == "Dinas X"
