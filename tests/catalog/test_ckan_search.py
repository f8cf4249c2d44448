"""CKAN search actions against CKAN 2.10/2.11's own behaviour (``ckan/logic/action/get.py``,
``ckan/views/api.py``): the Solr syntax of q/fq, facet.mincount, fl, sorts, extras_*, the actions
current_package_list_with_resources, tag_show, package_autocomplete, resource_search,
status_show, /api/ and /api/<n>, CORS preflight, JSONP — and hostile queries (a 4xx in CKAN's
error shape, never a 500)."""

from __future__ import annotations

import json
import time

import pytest

from lontar.catalog.ckan.serialize import tag_id
from tests.catalog.conftest import DB

pytestmark = DB

KAB = "test-diskominfo-kab-kupang"
PROV = "test-diskominfo-ntt"


@pytest.fixture
def catalogue(make_dataset, province, actors):
    make_dataset("paud-kecamatan", "Data PAUD per kecamatan", tags=["pendidikan"], source="Dinas Pendidikan")
    make_dataset(
        "fasilitas-kesehatan",
        "Fasilitas kesehatan",
        topics=["kesehatan"],
        tags=["puskesmas", "kesehatan", "faskes"],
        temporal_start=2020,
        temporal_end=2021,
        source="Dinas Kesehatan",
    )
    make_dataset(
        "penduduk-miskin",
        "Penduduk miskin kabupaten",
        organisation=province["kabupaten_opd"],
        produsen=actors.other_produsen,
        walidata=actors.kab_walidata,
    )


def get(client, action, **params):
    response = client.get(f"/api/3/action/{action}", params)
    return response, response.json()


def names(body):
    return sorted(r["name"] for r in body["result"]["results"])


def test_boolean_queries_and_harvester_filters(client, catalogue):
    _r, body = get(client, "package_search", q="paud OR miskin")
    assert names(body) == ["paud-kecamatan", "penduduk-miskin"]
    _r, body = get(client, "package_search", q="kecamatan AND NOT kesehatan")
    assert names(body) == ["paud-kecamatan"]
    _r, body = get(client, "package_search", q='"fasilitas kesehatan"')
    assert names(body) == ["fasilitas-kesehatan"]
    _r, body = get(client, "package_search", q="title:miskin")
    assert names(body) == ["penduduk-miskin"]
    _r, body = get(client, "package_search", fq=f"+(organization:{KAB} OR organization:nope)")
    assert names(body) == ["penduduk-miskin"]
    _r, body = get(client, "package_search", fq=f"-organization:{KAB}")
    assert names(body) == ["fasilitas-kesehatan", "paud-kecamatan"]
    _r, body = get(client, "package_search", fq="groups:kesehatan OR tags:pendidikan", sort="name asc")
    assert [r["name"] for r in body["result"]["results"]] == ["fasilitas-kesehatan", "paud-kecamatan"]
    for since in ("NOW-1DAY", "NOW/DAY", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00.000000Z"):
        _r, body = get(client, "package_search", fq=f"metadata_modified:[{since} TO *]")
        assert body["result"]["count"] == 3, since
    _r, body = get(client, "package_search", fq="metadata_modified:[NOW+1DAY TO *]")
    assert body["result"]["count"] == 0
    _r, body = get(client, "package_search", fq_list=json.dumps([f"organization:{PROV}", "tags:puskesmas"]))
    assert names(body) == ["fasilitas-kesehatan"]


def test_facet_mincount_fl_sorts_and_extras(client, catalogue):
    _r, body = get(client, "package_search", **{"facet.field": '["organization"]', "facet.mincount": "2", "rows": "0"})
    assert body["result"]["facets"]["organization"] == {PROV: 2}
    assert [i["name"] for i in body["result"]["search_facets"]["organization"]["items"]] == [PROV]
    _r, body = get(client, "package_search", fl="name,organization,tags,extras_source", sort="name asc")
    first = body["result"]["results"][0]
    assert first == {
        "name": "fasilitas-kesehatan",
        "organization": PROV,
        "tags": ["faskes", "kesehatan", "puskesmas"] if first["tags"][0] == "faskes" else first["tags"],
        "source": "Dinas Kesehatan",
    }
    _r, body = get(client, "package_search", sort="num_tags desc, name asc")
    assert body["result"]["results"][0]["name"] == "fasilitas-kesehatan"
    _r, body = get(client, "package_search", sort="num_resources desc, name desc")
    assert body["result"]["results"][0]["name"] == "penduduk-miskin"
    _r, body = get(client, "package_search", fq="extras_source:kesehatan")
    assert names(body) == ["fasilitas-kesehatan"]
    _r, body = get(client, "package_search", fq="extras_temporal_start:[2019 TO 2020]")
    assert names(body) == ["fasilitas-kesehatan"]
    _r, body = get(client, "package_search", fq="extras_tidak_ada:x")
    assert body["result"]["count"] == 0
    _r, body = get(client, "package_search", fq="num_tags:[3 TO *]")
    assert names(body) == ["fasilitas-kesehatan"]


BAD = [
    ({"q": "organization:(a OR b"}, "Search Query Error"),
    # a q without ":" is forgiving in CKAN (Solr's dismax): unbalanced text is searched as words
    ({"q": "(paud OR miskin"}, None),
    ({"q": " ".join(["paud"] * 1000)}, None),
    ({"fq": "organization:a OR organization:b)"}, "Search Query Error"),
    ({"q": " ".join(["paud"] * 10_000)}, "Validation Error"),
    ({"fq": " ".join(["tags:paud"] * 500)}, "Search Query Error"),
    ({"q": " OR ".join(["title:paud"] * 500)}, "Search Query Error"),
    ({"fq": "(" * 3000 + "tags:paud" + ")" * 3000}, "Search Query Error"),
    ({"q": "(" * 3000 + "paud" + ")" * 3000}, None),
    ({"fq": "metadata_modified:[a TO [b TO c]]"}, "Search Query Error"),
    ({"fq": "metadata_modified:[kemarin TO *]"}, "Search Query Error"),
    ({"fq": "organization:x'; DROP TABLE catalog_catalogentry; --"}, None),
    ({"q": "1=1) OR (1=1"}, None),
    ({"fq": "password:x"}, "Search Query Error"),
    ({"sort": "num_resources sideways"}, "Search Query Error"),
    ({"sort": "name; DROP TABLE x"}, "Search Query Error"),
    ({"fl": json.dumps(["x"] * 60)}, None),
    ({"facet.mincount": "-1"}, "Validation Error"),
    ({"tidak_dikenal": "1"}, "Search Query Error"),
    # at the bounds: answered, and quickly
    ({"q": "title:x OR " + " OR ".join(f"kata{i}" for i in range(198))}, "ok"),
    ({"fq": " OR ".join(f"tags:t{i}" for i in range(199))}, "ok"),
    ({"fq": "(" * 19 + "metadata_modified:[NOW/DAY-7DAYS TO NOW+1DAY] OR -tags:a" + ")" * 19}, "ok"),
]


def test_bad_queries_answer_in_ckans_error_shape(client, catalogue):
    for params, kind in BAD:
        started = time.monotonic()
        response, body = get(client, "package_search", **params)
        assert time.monotonic() - started < 5, params
        if kind is None:
            assert response.status_code in (200, 400, 409), body
            continue
        if kind == "ok":
            assert response.status_code == 200 and body["success"] is True, (params, body)
            continue
        assert response.status_code == {"Search Query Error": 400, "Validation Error": 409}[kind], (params, body)
        assert body["success"] is False and body["error"]["__type"] == kind


def test_new_actions(client, catalogue):
    _r, body = get(client, "current_package_list_with_resources", limit="2")
    assert len(body["result"]) == 2 and all(p["resources"] for p in body["result"])
    _r, body2 = get(client, "current_package_list_with_resources", limit="2", page="2")
    assert len(body2["result"]) == 1
    assert {p["name"] for p in body["result"] + body2["result"]} == {
        "paud-kecamatan",
        "fasilitas-kesehatan",
        "penduduk-miskin",
    }

    _r, body = get(client, "package_show", id="fasilitas-kesehatan")
    tags = {t["name"]: t for t in body["result"]["tags"]}
    assert tags["puskesmas"]["id"] == tag_id("puskesmas")
    _r, by_name = get(client, "tag_show", id="puskesmas", include_datasets="true")
    _r, by_id = get(client, "tag_show", id=tag_id("puskesmas"))
    assert by_name["result"]["id"] == by_id["result"]["id"] == tag_id("puskesmas")
    assert [p["name"] for p in by_name["result"]["packages"]] == ["fasilitas-kesehatan"]
    assert "packages" not in by_id["result"]
    response, body = get(client, "tag_show", id="tidak-ada")
    assert response.status_code == 404 and body["error"]["__type"] == "Not Found Error"

    _r, body = get(client, "package_autocomplete", q="PAUD")
    assert body["result"] == [
        {
            "name": "paud-kecamatan",
            "title": "Data PAUD per kecamatan",
            "match_field": "name",
            "match_displayed": "paud-kecamatan",
        }
    ]
    _r, body = get(client, "package_autocomplete", q="Fasilitas", limit="5")
    assert body["result"][0]["match_field"] == "name"

    _r, body = get(client, "resource_search", query="format:csv")
    assert body["result"]["count"] == 3 and len(body["result"]["results"]) == 3
    _r, body = get(client, "resource_search", query="format:csv", limit="1", offset="1", order_by="package_id")
    assert body["result"]["count"] == 3 and len(body["result"]["results"]) == 1
    digest = body["result"]["results"][0]["hash"]
    _r, body = get(client, "resource_search", query=f"hash:{digest[:14]}")
    assert body["result"]["count"] >= 1
    for params in ({}, {"query": "nonsense"}, {"query": "password:x"}, {"query": "name:x", "order_by": "x"}):
        response, body = get(client, "resource_search", **params)
        assert response.status_code == 409 and body["error"]["__type"] == "Validation Error", params

    _r, body = get(client, "status_show")
    assert body["result"]["ckan_version"].startswith("2.")


def test_api_roots_preflight_and_jsonp(client, catalogue):
    assert client.get("/api/").json() == {"version": 1}
    assert client.get("/api/3").json() == {"version": 3}
    assert client.get("/api/3/").json() == {"version": 3}
    response = client.options("/api/3/action/package_search")
    assert response.status_code == 200
    assert "GET" in response["Access-Control-Allow-Methods"] and response["Access-Control-Allow-Origin"] == "*"
    assert "Content-Type" in response["Access-Control-Allow-Headers"]
    response = client.get("/api/3/action/package_list", {"callback": "terima.data"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    text = response.content.decode()
    assert text.startswith("terima.data(") and text.endswith(");")
    assert json.loads(text[len("terima.data(") : -2])["success"] is True
    response = client.get("/api/3/action/package_search", {"callback": "jQuery123_456", "_": "1700000000000"})
    assert response.status_code == 200 and response.content.startswith(b"jQuery123_456(")
    response = client.get("/api/3/action/package_list", {"callback": "alert(1)//"})
    assert response.status_code == 400 and response.json()["success"] is False
    response = client.get("/api/3/action/package_show", {"id": "tidak-ada", "callback": "f"})
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
