"""Staff pages: upload, progress (no JavaScript), review of types, activation, access."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lontar.accounts.models import Role
from lontar.datastore.models import DatastoreTable, Phase, TableStatus
from tests.datastore.conftest import BOTH
from tests.stored import media_files

pytestmark = pytest.mark.django_db(databases=BOTH, transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, content, key="dinas/penduduk", organisation=None, **extra):
    data = {"file": SimpleUploadedFile("penduduk.csv", content.encode()), "resource_key": key, **extra}
    if organisation is not None:
        data["organisation"] = organisation.pk
    return client.post("/datastore/", data)


def test_produsen_uploads_reviews_and_walidata_publishes(province, login, regions, media):
    opd = province["kabupaten_opd"]
    produsen, _user = login(opd, Role.PRODUSEN_DATA)
    page = produsen.get("/datastore/")
    assert page.status_code == 200
    assert opd.name in page.content.decode() and province["kota_opd"].name not in page.content.decode()
    response = upload(produsen, "kode;jumlah;luas\n53.01;1.234;2,5\n53.71;10;3\n", organisation=opd)
    assert response.status_code == 302
    table = DatastoreTable.objects.get(resource_key="dinas/penduduk")
    assert response["Location"] == f"/datastore/{table.pk}/"
    assert table.status == TableStatus.READY and table.organisation == opd
    assert media_files() == [table.source_file]  # the source file is kept: under MEDIA_ROOT or in the bucket
    detail = produsen.get(f"/datastore/{table.pk}/").content.decode()
    assert "kode wilayah Kemendagri" in detail and "Muat ulang dengan tipe ini" in detail
    assert "Aktifkan versi ini" not in detail  # publishing is the Walidata's
    assert "2,5" in detail  # preview of the first rows, shown the Indonesian way
    form = {"type__kode": "text", "format__kode": "id", "type__jumlah": "integer", "format__jumlah": "id"}
    form |= {"type__luas": "decimal", "format__luas": "id"}
    again = produsen.post(f"/datastore/{table.pk}/", form)
    second = DatastoreTable.objects.get(resource_key="dinas/penduduk", version=2)
    assert again["Location"] == f"/datastore/{second.pk}/"
    assert second.status == TableStatus.READY and second.column("kode")["type"] == "text"
    walidata, _user = login(province["kabupaten"], Role.WALIDATA)
    assert "Aktifkan versi ini" in walidata.get(f"/datastore/{second.pk}/").content.decode()
    assert walidata.post(f"/datastore/{second.pk}/visibilitas/", {"public": "1"}).status_code == 302
    assert walidata.post(f"/datastore/{second.pk}/aktifkan/").status_code == 302
    second.refresh_from_db()
    assert second.status == TableStatus.ACTIVE and second.is_public
    public = Client().get("/data/dinas/penduduk.json")
    assert public.status_code == 200 and json.loads(public.content)["version"] == 2
    report = json.loads(walidata.get(f"/datastore/{second.pk}/laporan.json").content)
    assert report["status"] == "active" and report["report"]["row_count"] == 2


def test_failed_upload_shows_the_reason(province, login, regions, media):
    opd = province["kabupaten_opd"]
    produsen, _user = login(opd, Role.PRODUSEN_DATA)
    upload(produsen, "a,b\n1,2\n3\n", organisation=opd)
    table = DatastoreTable.objects.get(resource_key="dinas/penduduk")
    assert table.status == TableStatus.FAILED
    page = produsen.get(f"/datastore/{table.pk}/").content.decode()
    assert "tidak memiliki 2 kolom" in page and "tidak ada yang diterbitkan" in page


def test_form_errors(province, login, regions, media):
    opd = province["kabupaten_opd"]
    produsen, _user = login(opd, Role.PRODUSEN_DATA)
    response = upload(produsen, "a\n1\n", key="bukan kunci!", organisation=opd)
    assert response.status_code == 200 and "Gunakan bagian berupa huruf" in response.content.decode()
    response = upload(produsen, "a\n1\n", organisation=province["kota_opd"])
    assert response.status_code == 200 and not DatastoreTable.objects.exists()


def test_loading_page_refreshes_itself(province, login, regions):
    opd = province["kabupaten_opd"]
    produsen, _user = login(opd, Role.PRODUSEN_DATA)
    table = DatastoreTable.objects.create(
        resource_key="dinas/lama",
        version=1,
        table_name="ds_00000000000000dd",
        organisation=opd,
        phase=Phase.LOADING,
        rows_done=500,
        rows_total=1000,
    )
    page = produsen.get(f"/datastore/{table.pk}/").content.decode()
    assert (
        'http-equiv="refresh"' in page and '<progress max="100" value="50"' in page and "500 dari 1.000 baris" in page
    )
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page  # only without JavaScript
    assert f'data-hx-get="/datastore/{table.pk}/"' in page and 'data-hx-trigger="every 2s"' in page
    poll = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "progress"}
    partial = produsen.get(f"/datastore/{table.pk}/", **poll).content.decode()
    assert partial.lstrip().startswith('<div id="progress"') and "<html" not in partial
    DatastoreTable.objects.filter(pk=table.pk).update(status=TableStatus.FAILED, error_code="empty_file")
    done = produsen.get(f"/datastore/{table.pk}/", **poll)
    assert done.status_code == 204 and done["HX-Refresh"] == "true"
    page = produsen.get(f"/datastore/{table.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page and "data-hx-trigger" not in page


def test_access(province, login, regions, media):
    opd = province["kabupaten_opd"]
    table = DatastoreTable.objects.create(
        resource_key="dinas/x", version=1, table_name="ds_00000000000000ee", organisation=opd
    )
    assert Client().get("/datastore/").status_code == 302
    viewer, _user = login(opd, Role.VIEWER)
    assert viewer.get("/datastore/").status_code == 403
    other, _user = login(province["kota_opd"], Role.PRODUSEN_DATA)
    assert other.get(f"/datastore/{table.pk}/").status_code == 404
    assert other.post(f"/datastore/{table.pk}/aktifkan/").status_code == 404
    assert other.get(f"/datastore/{table.pk}/laporan.json").status_code == 404
