"""The type-review page shows the table layout found and lets the reviewer publish long or
read the sheet as it is (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.accounts.models import Role
from lontar.datastore.models import DatastoreTable, TableStatus
from tests.datastore.conftest import BOTH

pytestmark = pytest.mark.django_db(databases=BOTH, transaction=True)
CORPUS = Path(__file__).parent / "corpus" / "files"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_layout_shown_long_form_chosen_and_detection_switched_off(province, login, regions, media):
    opd = province["kabupaten_opd"]
    produsen, _user = login(opd, Role.PRODUSEN_DATA)
    content = (CORPUS / "10_years_marks.csv").read_bytes()
    upload = SimpleUploadedFile("penduduk.csv", content)
    response = produsen.post("/datastore/", {"file": upload, "resource_key": "dinas/tahun", "organisation": opd.pk})
    assert response.status_code == 302
    table = DatastoreTable.objects.get(resource_key="dinas/tahun")
    assert table.status == TableStatus.READY
    page = produsen.get(f"/datastore/{table.pk}/").content.decode()
    assert "Tata letak tabel yang ditemukan dalam berkas" in page
    assert "BPS Provinsi Nusa Tenggara Timur" in page and "angka sementara" in page
    assert "Terbitkan dalam bentuk panjang" in page and "k_2020_catatan" in page

    form = {"layout_long": "on"}
    for name in ("kabupaten_kota", "k_2020", "k_2021", "k_2022", "k_2023"):
        column = table.column(name)
        assert column is not None
        form |= {f"type__{name}": column["type"], f"format__{name}": column.get("number_format") or "id"}
    again = produsen.post(f"/datastore/{table.pk}/", form)
    assert again.status_code == 302
    long = DatastoreTable.objects.get(resource_key="dinas/tahun", version=2)
    assert long.status == TableStatus.READY and long.row_count == 88
    assert [c["name"] for c in long.columns][:4] == ["kabupaten_kota", "tahun", "nilai", "nilai_catatan"]
    page = produsen.get(f"/datastore/{long.pk}/").content.decode()
    assert "Diterbitkan dalam bentuk panjang" in page

    plain = {"layout_plain": "on", "type__kabupaten_kota": "text", "format__kabupaten_kota": "id"}
    produsen.post(f"/datastore/{long.pk}/", plain)
    third = DatastoreTable.objects.get(resource_key="dinas/tahun", version=3)
    assert third.column_overrides["_layout"] == {"detect": False}
    assert third.status == TableStatus.READY and third.row_count > 22  # the title and notes read as rows
