"""Staff pages (/kelola/data/): scoping (another agency's dataset is a 404), forms, workflow steps."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.catalog.models import Dataset, DatasetState
from tests.catalog.conftest import CSV, DB

pytestmark = DB


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/kelola/data/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_viewer_is_refused(login, province):
    client, _user = login(province["province"], "viewer")
    assert client.get("/kelola/data/").status_code == 403


def test_produsen_creates_uploads_describes_and_submits(actors, django_capture_on_commit_callbacks):
    client = actors.clients["produsen"]
    assert client.get("/kelola/data/").status_code == 200
    assert client.get("/kelola/data/baru/").status_code == 200
    response = client.post(
        "/kelola/data/baru/",
        {
            "organisation": actors.produsen.memberships.get().organisation_id,
            "title": "Jumlah penduduk",
            "slug": "jumlah-penduduk",
            "description": "Jumlah penduduk menurut kabupaten/kota di NTT.",
            "topics": ["administrasi-kependudukan"],
            "tags": "penduduk, kependudukan",
            "licence": "cc-by-4.0",
            "data_class": "publik",
            "update_frequency": "tahunan",
            "temporal_start": 2023,
            "temporal_end": 2024,
            "spatial_level": "kabupaten_kota",
            "contact_email": "data@uji.go.id",
        },
    )
    dataset = Dataset.objects.get(slug="jumlah-penduduk")
    assert response.status_code == 302 and response["Location"] == f"/kelola/data/{dataset.pk}/"
    upload = SimpleUploadedFile("penduduk.csv", CSV.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/kelola/data/{dataset.pk}/sumber/baru/", {"name": "Tabel", "format": "CSV", "upload": upload}
        )
    resource = dataset.resources.get()
    assert response["Location"] == f"/kelola/data/{dataset.pk}/sumber/{resource.pk}/kamus/"
    assert resource.columns.count() == 4  # filled from the types the datastore inferred
    page = client.get(f"/kelola/data/{dataset.pk}/sumber/{resource.pk}/kamus/")
    assert page.status_code == 200 and "kode_wilayah" in page.content.decode()
    detail = client.get(f"/kelola/data/{dataset.pk}/").content.decode()
    assert "Submit to the Walidata" in detail or "Ajukan ke Walidata" in detail
    response = client.post(f"/kelola/data/{dataset.pk}/langkah/submit/", {"note": "Mohon diperiksa."})
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.SUBMITTED


def test_bad_form_input_is_a_400_with_messages(actors, make_dataset):
    client = actors.clients["produsen"]
    response = client.post("/kelola/data/baru/", {"title": "", "slug": "Bad Slug!", "temporal_start": "abc"})
    assert response.status_code == 400 and 'class="field field-error"' in response.content.decode()
    dataset = make_dataset("draf-saya", "Draf saya", state="draft")
    resource = dataset.resources.get()
    bad = SimpleUploadedFile("bukan.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(f"/kelola/data/{dataset.pk}/sumber/baru/", {"name": "PDF", "format": "PDF", "upload": bad})
    assert response.status_code == 400 and dataset.resources.count() == 1
    response = client.post(f"/kelola/data/{dataset.pk}/langkah/submit/", {"note": ""})
    assert response.status_code == 400
    response = client.post(
        f"/kelola/data/{dataset.pk}/sumber/{resource.pk}/kamus/",
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-name": "sama",
            "form-0-type": "text",
            "form-1-name": "sama",
            "form-1-type": "text",
        },
    )
    assert response.status_code == 400
    assert client.post(f"/kelola/data/{dataset.pk}/langkah/terbang/", {"note": "x"}).status_code == 403


@pytest.mark.parametrize("who", ["other", "kab_walidata"])
def test_other_agencies_get_404(actors, make_dataset, who):
    dataset = make_dataset("rahasia-opd", "Data OPD provinsi", state="submitted")
    client = actors.clients[who]
    rid = dataset.resources.get().pk
    # a record the actor may not see answers 404 on every page of it, whatever roles they hold
    for path in ("", "ubah/", "sumber/baru/", f"sumber/{rid}/ubah/", f"sumber/{rid}/kamus/", f"sumber/{rid}/unduh/"):
        assert client.get(f"/kelola/data/{dataset.pk}/{path}").status_code == 404, path
    assert client.post(f"/kelola/data/{dataset.pk}/sumber/{rid}/hapus/").status_code == 404
    assert client.post(f"/kelola/data/{dataset.pk}/langkah/review/", {"note": "x"}).status_code == 404
    assert "Data OPD provinsi" not in client.get("/kelola/data/").content.decode()


def test_a_walidata_who_sees_the_dataset_may_not_edit_it(actors, make_dataset):
    dataset = make_dataset("opd-provinsi", "Data OPD provinsi", state="submitted")
    client = actors.clients["walidata"]
    rid = dataset.resources.get().pk
    assert client.get(f"/kelola/data/{dataset.pk}/").status_code == 200
    for path in ("ubah/", "sumber/baru/", f"sumber/{rid}/ubah/", f"sumber/{rid}/kamus/"):
        assert client.get(f"/kelola/data/{dataset.pk}/{path}").status_code == 403, path
    assert client.post(f"/kelola/data/{dataset.pk}/sumber/{rid}/hapus/").status_code == 403


def test_walidata_returns_with_a_note_then_verifies(actors, make_dataset):
    dataset = make_dataset("data-periksa", "Data diperiksa", state="submitted")
    client = actors.clients["walidata"]
    assert "Data diperiksa" in client.get("/kelola/data/").content.decode()
    assert client.post(f"/kelola/data/{dataset.pk}/langkah/review/", {"note": "Mulai."}).status_code == 302
    assert client.post(f"/kelola/data/{dataset.pk}/langkah/return/", {"note": "Satuan belum diisi."}).status_code == 302
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.RETURNED
    produsen = actors.clients["produsen"]
    assert "Satuan belum diisi." in produsen.get(f"/kelola/data/{dataset.pk}/").content.decode()
    assert produsen.post(f"/kelola/data/{dataset.pk}/langkah/submit/", {"note": "Sudah."}).status_code == 302
    client.post(f"/kelola/data/{dataset.pk}/langkah/review/", {"note": "Lagi."})
    assert client.post(f"/kelola/data/{dataset.pk}/langkah/verify/", {"note": "Sesuai."}).status_code == 302
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.PUBLISHED


def test_statistical_metadata_pages_and_exports(actors, province):
    client = actors.clients["produsen"]
    org = province["province_opd"]
    assert client.get("/kelola/data/metadata/").status_code == 200
    response = client.post(
        f"/kelola/data/metadata/kegiatan/baru/?organisation={org.pk}",
        {
            "organisation_id": org.pk,
            "title": "Survei contoh",
            "year": 2025,
            "statistics_kind": "sektoral",
            "collection_method": "survei",
            "sector": 20,
            "unit_name": "Bidang Statistik",
            "responsible_name": "Kabid",
            "techniques": ["wawancara"],
            "presentation_levels": ["kabupaten_kota"],
            "schedule_pengumpulan_start": "2025-02-01",
            "schedule_pengumpulan_end": "2025-01-01",
        },
    )
    assert response.status_code == 400  # a phase ending before it starts
    from lontar.catalog.models import Topic

    sector = Topic.objects.get(slug="statistik").pk
    response = client.post(
        f"/kelola/data/metadata/kegiatan/baru/?organisation={org.pk}",
        {
            "organisation_id": org.pk,
            "title": "Survei contoh",
            "year": 2025,
            "statistics_kind": "sektoral",
            "collection_method": "survei",
            "sector": sector,
            "unit_name": "Bidang Statistik",
            "responsible_name": "Kabid",
            "techniques": ["wawancara"],
            "presentation_levels": ["kabupaten_kota"],
            "release_digital": "2025-06-30",
        },
    )
    assert response.status_code == 302
    activity_url = response["Location"]
    response = client.post(
        f"{activity_url}variabel/baru/",
        {
            "name": "jenis_kelamin",
            "definition": "Jenis kelamin responden.",
            "data_type": "text",
            "value_domain": "1 = Laki-laki\n2 = Perempuan",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    exported = client.get(f"{activity_url}ekspor.json").json()
    assert exported["MS-Keg"]["Blok I. Penyelenggara"]["Cara pengumpulan data"] == "Survei"
    assert exported["MS-Var"][0]["Isian"] == [{"Kode": "1", "Arti": "Laki-laki"}, {"Kode": "2", "Arti": "Perempuan"}]
    xlsx = client.get(f"{activity_url}ekspor.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert actors.clients["other"].get(activity_url).status_code == 404
