"""/api/v1/regions and /api/v1/organisations: contract, paging, bad input as problem+json."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ntt")]

PROBLEM = "application/problem+json"


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content[:500]
    return response


def all_pages(client, url, params):
    items, seen_cursors = [], set()
    response = get(client, url, params).json()
    while True:
        items.extend(response["items"])
        if not response["next_url"]:
            assert response["next_cursor"] is None
            return items
        assert response["next_cursor"] not in seen_cursors
        seen_cursors.add(response["next_cursor"])
        response = get(client, url, {**params, "cursor": response["next_cursor"]}).json()


def test_region_list_by_level(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = get(client, "/api/v1/regions", {"level": "kabupaten"})
    body = response.json()
    assert len(body["items"]) == 21 and body["next_cursor"] is None and body["next_url"] is None
    first = body["items"][0]
    assert first == {
        "code": "53.01",
        "name": "Kabupaten Kupang",
        "level": "kabupaten",
        "parent": "53",
        "bps_code": "5303",
        "capital": "Oelamasi",
        "area_km2": 5130.659,
        "population": 391539,
        "lat": first["lat"],
        "lng": first["lng"],
        "has_geometry": True,
    }
    assert response["Cache-Control"].startswith("public")
    assert [r["code"] for r in get(client, "/api/v1/regions", {"level": "kota"}).json()["items"]] == ["53.71"]
    assert get(client, "/api/v1/regions", {"level": "provinsi"}).json()["items"][0]["bps_code"] == "53"


def test_keyset_pages_cover_every_kecamatan_once(client):
    items = all_pages(client, "/api/v1/regions", {"level": "kecamatan", "limit": "100"})
    codes = [r["code"] for r in items]
    assert len(codes) == 315 == len(set(codes)) and codes == sorted(codes)


def test_next_url_is_absolute_and_keeps_filters(client):
    body = get(client, "/api/v1/regions", {"parent": "53.01", "limit": "10"}).json()
    assert body["next_url"].startswith("http://testserver/api/v1/regions?")
    assert "parent=53.01" in body["next_url"] and "cursor=" in body["next_url"]


def test_children_and_search(client):
    kecamatan = get(client, "/api/v1/regions", {"parent": "53.01", "limit": "500"}).json()["items"]
    assert len(kecamatan) == 24 and all(r["parent"] == "53.01" for r in kecamatan)
    found = get(client, "/api/v1/regions", {"q": "OH'AEM"}).json()["items"]
    assert {r["name"] for r in found} == {"Oh'aem", "Oh'aem II"}
    assert get(client, "/api/v1/regions", {"q": "kupang barat", "level": "kecamatan"}).json()["items"][0]["code"]


def test_region_detail_and_geometry(client):
    desa = get(client, "/api/v1/regions/53.01.12.2005").json()
    assert desa["name"] == "Oh'aem" and desa["level"] == "desa" and desa["has_geometry"] is False
    feature = get(client, "/api/v1/regions/53.01/geometry")
    assert feature["Content-Type"] == "application/geo+json"
    data = feature.json()
    assert data["type"] == "Feature" and data["id"] == "53.01"
    assert data["properties"]["bps_code"] == "5303" and data["geometry"]["type"] == "MultiPolygon"
    lng, lat = data["geometry"]["coordinates"][0][0][0]
    assert 118 < lng < 126 and -12 < lat < -7  # GeoJSON order: [lng, lat]
    kec = get(client, "/api/v1/regions/53.01.04/geometry").json()
    assert kec["properties"]["name"] == "Semau"


def test_geojson_collections(client):
    response = get(client, "/api/v1/regions/geojson", {"level": "kabupaten"})
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 22
    assert len(get(client, "/api/v1/regions/geojson").json()["features"]) == 22
    assert len(get(client, "/api/v1/regions/geojson", {"level": "kota"}).json()["features"]) == 1
    kec = get(client, "/api/v1/regions/geojson", {"level": "kecamatan", "parent": "53.01"}).json()
    assert len(kec["features"]) == 24


@pytest.mark.parametrize(
    ("url", "params", "status"),
    [
        ("/api/v1/regions", {"level": "negara"}, 422),
        ("/api/v1/regions", {"level": "<script>"}, 422),
        ("/api/v1/regions", {"parent": "53-01"}, 422),
        ("/api/v1/regions", {"parent": "x" * 10_000}, 422),
        ("/api/v1/regions", {"q": "x" * 10_000}, 422),
        ("/api/v1/regions", {"q": "a\x00b"}, 422),
        ("/api/v1/regions", {"cursor": "not-a-cursor"}, 422),
        ("/api/v1/regions", {"cursor": "W10"}, 422),  # "[]": wrong size
        ("/api/v1/regions", {"cursor": "x" * 5000}, 422),
        ("/api/v1/regions", {"limit": "0"}, 422),
        ("/api/v1/regions", {"limit": "-5"}, 422),
        ("/api/v1/regions", {"limit": "501"}, 422),
        ("/api/v1/regions", {"limit": "9" * 40}, 422),
        ("/api/v1/regions", {"limit": "abc"}, 422),
        ("/api/v1/regions/53.99", {}, 404),
        ("/api/v1/regions/abc", {}, 422),
        ("/api/v1/regions/53.01.12.2005/geometry", {}, 404),
        ("/api/v1/regions/geojson", {"level": "desa"}, 422),
        ("/api/v1/regions/geojson", {"level": ""}, 422),  # was a 500 (no levels to filter by)
        ("/api/v1/regions/geojson", {"level": "kabupaten\x00"}, 422),
        ("/api/v1/regions/geojson", {"parent": "'; DROP TABLE x"}, 422),
        ("/api/v1/organisations", {"kind": "dinas"}, 422),
        ("/api/v1/organisations", {"region": "Kupang"}, 422),
        ("/api/v1/organisations", {"opd_type": "x"}, 422),
        ("/api/v1/organisations", {"parent": "x" * 10_000}, 422),
        ("/api/v1/organisations", {"q": "x" * 101}, 422),
        ("/api/v1/organisations", {"cursor": "%%%"}, 422),
        ("/api/v1/organisations", {"limit": "1000"}, 422),
        ("/api/v1/organisations/tidak-ada", {}, 404),
        ("/api/v1/organisations/" + "x" * 300, {}, 404),
    ],
)
def test_bad_input_is_a_problem_document(client, url, params, status):
    response = get(client, url, params, status=status)
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"]
    assert "<script>" not in response.content.decode()


def test_problem_titles_are_indonesian_by_default(client):
    body = get(client, "/api/v1/regions", {"level": "negara"}, status=422).json()
    assert body["title"] == "Data yang dikirim tidak valid."
    assert body["errors"][0]["field"] == "level"
    assert body["errors"][0]["message"].startswith("Pilih salah satu dari: 'provinsi', 'kabupaten'")
    body = get(client, "/api/v1/regions", {"cursor": "zzz"}, status=422).json()
    assert body["title"] == "Parameter cursor tidak valid."
    english = client.get("/api/v1/regions", {"level": "negara"}, HTTP_COOKIE="django_language=en").json()
    assert english["errors"][0]["message"].startswith("Choose one of: 'provinsi'")


def test_organisation_list_filters(client, django_assert_max_num_queries, django_assert_num_queries):
    with django_assert_max_num_queries(3):  # region list (then cached), data version, rows
        body = get(client, "/api/v1/organisations", {"kind": "instansi", "limit": "500"}).json()
    with django_assert_num_queries(1):  # a repeated first page: only the data version
        again = get(client, "/api/v1/organisations", {"kind": "instansi", "limit": "500"})
    assert again.json() == body and again["Cache-Control"] == "public, max-age=300"
    slugs = [o["slug"] for o in body["items"]]
    assert len(slugs) == 23 and slugs == sorted(slugs) and "pemprov-ntt" in slugs
    opd = get(client, "/api/v1/organisations", {"parent": "pemkab-kupang", "limit": "500"}).json()["items"]
    assert opd and all(o["parent"] == "pemkab-kupang" and o["is_sample"] for o in opd)
    kota = get(client, "/api/v1/organisations", {"region": "53.71", "opd_type": "dinas", "q": "kesehatan"}).json()
    assert [o["slug"] for o in kota["items"]] == ["pemkot-kupang-dinkes"]
    assert kota["items"][0]["url"] == "/organisasi/pemkot-kupang-dinkes/"
    assert get(client, "/api/v1/organisations", {"parent": "tidak-ada"}).json()["items"] == []


def test_organisation_pages_cover_everything_once(client, django_assert_max_num_queries):
    from lontar.organisations.models import Organisation

    items = all_pages(client, "/api/v1/organisations", {"limit": "200"})
    assert len(items) == Organisation.objects.filter(is_active=True).count() == len({o["slug"] for o in items})


def test_organisation_detail(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        body = get(client, "/api/v1/organisations/pemprov-ntt").json()
    assert body["name"] == "Pemerintah Provinsi Nusa Tenggara Timur" and body["kind"] == "instansi"
    assert body["region"] == "53" and body["region_detail"]["bps_code"] == "53"
    assert {
        "slug": "pemprov-ntt-diskominfo",
        "name": "Dinas Komunikasi dan Informatika Provinsi Nusa Tenggara Timur",
    } in body["units"]
    opd = get(client, "/api/v1/organisations/pemkab-kupang-bappeda").json()
    assert opd["parent"] == "pemkab-kupang" and opd["opd_type"] == "badan" and opd["units"] == []
    assert opd["source"] == "Daftar contoh, belum diverifikasi terhadap Perda SOTK"


def test_openapi_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/regions",
        "/api/v1/regions/geojson",
        "/api/v1/regions/{code}",
        "/api/v1/regions/{code}/geometry",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
    ):
        assert path in paths, path
    assert "Kemendagri code order" in paths["/api/v1/regions"]["get"]["description"]
    assert "RegionOut" in schema["components"]["schemas"] and "OrganisationOut" in schema["components"]["schemas"]


def test_cached_first_page_follows_changes(client, login, province):
    from lontar.organisations.models import Organisation
    from lontar.organisations.services import organisation_update

    first = get(client, "/api/v1/organisations", {"kind": "instansi"}).json()
    assert first["items"][0]["slug"] == "pemkab-alor" and first["items"][0]["phone"] == ""
    _, admin = login(province["province"], "admin")
    organisation_update(actor=admin, organisation=Organisation.objects.get(slug="pemkab-alor"), phone="0386-1")
    assert get(client, "/api/v1/organisations", {"kind": "instansi"}).json()["items"][0]["phone"] == "0386-1"


def test_unknown_parameters_and_searches_are_answered_fresh(client, django_assert_num_queries):
    get(client, "/api/v1/organisations", {"foo": "bar"})
    get(client, "/api/v1/organisations", {"q": "dinas"})
    with django_assert_num_queries(1):  # rows only: no cache lookup, no data version
        get(client, "/api/v1/organisations", {"q": "dinas"})
