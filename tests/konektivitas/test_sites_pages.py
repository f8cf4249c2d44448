"""Staff pages of the site registry: scoped list, forms with Indonesian errors, connections, and the
import upload → report → confirm flow (HTML and JSON)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lontar.accounts.models import Role
from lontar.konektivitas.models import Connection, ImportBatch, Site
from tests.konektivitas.sites_helpers import IN_KAB, IN_SEA, KAB_DESA, desa, outlines

BASE = "/konektivitas/kelola/"


@pytest.fixture
def tik(province, login):
    outlines()
    desa(KAB_DESA)
    client, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    return client


def site_post(province, **extra):
    data = {
        "code": "P-1",
        "name": "Puskesmas Oelamasi",
        "kind": "puskesmas",
        "organisation": province["kabupaten_opd"].pk,
        "desa_code": KAB_DESA,
        "lat": IN_KAB[0],
        "lng": IN_KAB[1],
        "location_source": "gps_lapangan",
        "power": "pln",
    }
    return {**data, **extra}


def test_anonymous_and_other_roles(province, login):
    assert Client().get(BASE).status_code == 302
    viewer, _ = login(province["kabupaten"], Role.VIEWER)
    assert viewer.get(BASE).status_code == 403


def test_create_edit_and_connections(province, tik, login):
    response = tik.post(BASE + "titik/baru/", site_post(province, lat=IN_SEA[0], lng=IN_SEA[1]))
    assert response.status_code == 200 and "di laut" in response.content.decode()
    assert not Site.objects.exists()
    response = tik.post(BASE + "titik/baru/", site_post(province))
    site = Site.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}titik/{site.pk}/"
    page = tik.get(f"{BASE}titik/{site.pk}/").content.decode()
    assert "Puskesmas Oelamasi" in page
    assert "P-1" in tik.get(BASE).content.decode()
    response = tik.post(
        f"{BASE}titik/{site.pk}/koneksi/baru/",
        {"role": "utama", "technology_raw": "VSAT BAKTI", "status": "aktif", "download_contracted_mbps": "2"},
    )
    assert response.status_code == 302
    conn = Connection.objects.get()
    assert conn.technology == "vsat"
    tik.post(f"{BASE}koneksi/{conn.pk}/akhiri/", {"status": "direlokasi"})
    conn.refresh_from_db()
    assert conn.status == "direlokasi"
    tik.post(f"{BASE}titik/{site.pk}/nonaktifkan/", {"reason": "Pindah gedung"})
    assert not Site.objects.get().is_active
    # another kabupaten's manager: 404, as for a missing site
    other, _ = login(province["kota"], Role.PENGELOLA_TIK)
    assert other.get(f"{BASE}titik/{site.pk}/").status_code == 404
    assert other.post(f"{BASE}koneksi/{conn.pk}/akhiri/", {"status": "nonaktif"}).status_code == 404
    assert "P-1" not in other.get(BASE).content.decode()


def test_import_flow(province, tik, login):
    assert tik.get(BASE + "impor/").status_code == 200
    assert "kode,nama,jenis" in tik.get(BASE + "impor/templat.csv").content.decode()
    rows = ["kode,nama,jenis,kode_desa,lintang,bujur", f"A-1,SD Satu,sekolah,{KAB_DESA},-10.0,124.0"]
    rows.append(f"A-2,SD Dua,sekolah,{KAB_DESA},{IN_SEA[0]},{IN_SEA[1]}")
    upload = SimpleUploadedFile("titik.csv", "\n".join(rows).encode())
    response = tik.post(BASE + "impor/", {"organisation": province["kabupaten_opd"].pk, "file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}impor/{batch.pk}/"
    page = tik.get(f"{BASE}impor/{batch.pk}/").content.decode()
    assert "di laut" in page and ">3<" in page  # the broken row's line
    data = tik.get(f"{BASE}impor/{batch.pk}/laporan.json").json()
    assert (data["rows"], data["error_rows"], data["errors"][0]["line"]) == (2, 1, 3)
    response = tik.post(f"{BASE}impor/{batch.pk}/", {})
    assert response.status_code == 200 and "tidak ada yang diimpor" in response.content.decode()
    assert not Site.objects.exists()
    response = tik.post(f"{BASE}impor/{batch.pk}/", {"skip_broken": "on"})
    assert response.status_code == 302 and list(Site.objects.values_list("code", flat=True)) == ["A-1"]
    other, _ = login(province["kota"], Role.PENGELOLA_TIK)
    assert other.get(f"{BASE}impor/{batch.pk}/").status_code == 404
    assert other.get(f"{BASE}impor/{batch.pk}/laporan.json").status_code == 404


def test_staff_pages_are_valid_html(province, tik):
    """The Nu Html Checker on each staff page with content (the demo-wide run covers the rest)."""
    from tests.conformance import vnu

    vnu.require_vnu()
    tik.post(BASE + "titik/baru/", site_post(province))
    site = Site.objects.get()
    tik.post(f"{BASE}titik/{site.pk}/koneksi/baru/", {"role": "utama", "technology_raw": "FO", "status": "aktif"})
    rows = ["kode,nama,jenis,kode_desa,lintang,bujur", f"B-1,SD Satu,sekolah,{KAB_DESA},124.0,-10.0"]
    upload = SimpleUploadedFile("t.csv", "\n".join(rows).encode())
    tik.post(BASE + "impor/", {"organisation": province["kabupaten_opd"].pk, "file": upload})
    batch = ImportBatch.objects.get()
    paths = [
        BASE,
        BASE + "titik/baru/",
        f"{BASE}titik/{site.pk}/",
        f"{BASE}titik/{site.pk}/koneksi/baru/",
        BASE + "impor/",
        f"{BASE}impor/{batch.pk}/",
    ]
    pages = {path: tik.get(path).content.decode() for path in paths}
    pages["form with errors"] = tik.post(BASE + "titik/baru/", site_post(province, code="", lat="")).content.decode()
    pages["report after refusal"] = tik.post(f"{BASE}impor/{batch.pk}/", {}).content.decode()
    errors = vnu.check(pages)
    assert not errors, "\n".join(str(e) for e in errors)
