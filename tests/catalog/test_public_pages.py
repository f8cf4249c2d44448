"""The public portal: search with facets, dataset page, downloads, datapackage, versions."""

from __future__ import annotations

import json

import pytest

from lontar.catalog import services
from tests.catalog.conftest import DB, csv_upload

pytestmark = DB


@pytest.fixture
def published(make_dataset, province):
    a = make_dataset("penduduk-kabkota", "Jumlah penduduk per kabupaten/kota", tags=["penduduk"])
    b = make_dataset(
        "fasilitas-kesehatan",
        "Fasilitas kesehatan",
        topics=["kesehatan"],
        tags=["puskesmas"],
        temporal_start=2020,
        temporal_end=2021,
        description="Jumlah puskesmas dan rumah sakit di setiap kabupaten.",
    )
    return a, b


def test_search_page_lists_and_filters(client, published):
    page = client.get("/dataset/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Jumlah penduduk per kabupaten/kota" in body and "Fasilitas kesehatan" in body
    page = client.get("/dataset/", {"q": "puskesmas"})
    body = page.content.decode()
    assert "Fasilitas kesehatan" in body and "Jumlah penduduk per" not in body
    page = client.get("/dataset/", {"groups": "kesehatan"})
    assert "Jumlah penduduk per" not in page.content.decode()
    page = client.get("/dataset/", {"year": "2024"})
    assert "Fasilitas kesehatan" not in page.content.decode()
    page = client.get("/dataset/", {"res_format": "CSV", "sort": "title"})
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"page": "abc"}, 400),
        ({"page": "-1"}, 400),
        ({"page": "99999999"}, 400),
        ({"sort": "x; DROP"}, 400),
        ({"year": "20x4"}, 400),
        ({"q": '"((('}, 200),  # free text: unbalanced quotes and brackets are searched as words
    ],
)
def test_search_page_bad_input_is_a_clear_400(client, published, params, status):
    page = client.get("/dataset/", params)
    assert page.status_code == status
    if status == 400:
        assert 'role="alert"' in page.content.decode()


def test_dataset_page_has_metadata_alternates_and_json_ld(client, published):
    page = client.get("/dataset/penduduk-kabkota/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'rel="alternate" type="application/ld+json" href="/dataset/penduduk-kabkota.jsonld"' in body
    assert 'type="text/turtle"' in body
    start = body.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    doc = json.loads(body[start : body.index("</script>", start)])
    assert doc["@type"] == "Dataset" and doc["name"] == "Jumlah penduduk per kabupaten/kota"
    assert "ckanapi.RemoteCKAN" in body and "package_show?id=penduduk-kabkota" in body


def test_dataset_by_id_redirects_to_name(client, published):
    a, _b = published
    page = client.get(f"/dataset/{a.pk}/")
    assert page.status_code == 302 and page["Location"] == "/dataset/penduduk-kabkota/"


def test_download_returns_the_published_file(client, published):
    a, _b = published
    rv = a.published_version.resource_versions.get()
    page = client.get(f"/dataset/penduduk-kabkota/resource/{rv.resource_id}/download/penduduk.csv")
    assert page.status_code == 200
    assert b"".join(page.streaming_content).startswith(b"kode_wilayah,nama_wilayah")


def test_datapackage(client, published):
    data = client.get("/dataset/penduduk-kabkota/datapackage.json").json()
    assert data["name"] == "penduduk-kabkota"
    resource = data["resources"][0]
    assert resource["profile"] == "tabular-data-resource"
    assert [f["type"] for f in resource["schema"]["fields"]] == ["string", "string", "integer", "integer"]
    assert data["licenses"][0]["name"] == "CC-BY-4.0"


def test_older_versions_stay_readable(client, actors, published, django_capture_on_commit_callbacks):
    a, _b = published
    a = services.dataset_revise(actor=actors.produsen, dataset=a, note="Revisi")
    services.dataset_update(actor=actors.produsen, dataset=a, data={"title": "Penduduk (revisi)"})
    resource = a.resources.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(actor=actors.produsen, resource=resource, data={}, upload=csv_upload("v2.csv"))
    a = services.dataset_submit(actor=actors.produsen, dataset=a, note="Kirim")
    a = services.dataset_review_start(actor=actors.walidata, dataset=a, note="Periksa")
    services.dataset_verify(actor=actors.walidata, dataset=a, note="OK")
    assert "Penduduk (revisi)" in client.get("/dataset/penduduk-kabkota/").content.decode()
    old = client.get("/dataset/penduduk-kabkota/versi/1/")
    assert old.status_code == 200 and "Jumlah penduduk per kabupaten/kota" in old.content.decode()
    assert client.get("/dataset/penduduk-kabkota/versi/9/").status_code == 404


def test_unknown_dataset_is_404(client, published):
    assert client.get("/dataset/tidak-ada/").status_code == 404
    assert client.get("/dataset/tidak-ada.jsonld").status_code == 404


def test_feed_and_organisations(client, published):
    feed = client.get("/feeds/dataset.atom")
    assert feed.status_code == 200 and b"Fasilitas kesehatan" in feed.content
    orgs = client.get("/organization/")
    assert orgs.status_code == 200 and "Dinas Kominfo Provinsi NTT (uji)" in orgs.content.decode()
