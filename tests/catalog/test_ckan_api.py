"""The CKAN Action API contract: envelope, actions, search parameters, errors (never a 500)."""

from __future__ import annotations

import json

import pytest

from lontar.catalog.ckan.serialize import tag_id
from tests.catalog.conftest import DB
from tests.hostile import DEEP_JSON_ARRAY, DEEP_JSON_OBJECT, MODERATELY_DEEP_JSON

pytestmark = DB


@pytest.fixture
def catalogue(make_dataset, province):
    a = make_dataset("penduduk-kabkota", "Jumlah penduduk per kabupaten/kota")
    b = make_dataset(
        "fasilitas-kesehatan",
        "Fasilitas kesehatan",
        topics=["kesehatan"],
        tags=["puskesmas"],
        temporal_start=2020,
        temporal_end=2021,
    )
    return a, b


def call(client, action, method="get", **params):
    if method == "post":
        response = client.post(f"/api/action/{action}", data=json.dumps(params), content_type="application/json")
    else:
        response = client.get(f"/api/3/action/{action}", params)
    return response, response.json()


def test_envelope_and_no_redirect(client, catalogue):
    for path in ("/api/3/action/package_list", "/api/action/package_list", "/api/action/package_list/"):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.json()
        assert body["success"] is True and body["help"].endswith("help_show?name=package_list")
        assert sorted(body["result"]) == ["fasilitas-kesehatan", "penduduk-kabkota"]
    assert client.get("/api/3").json() == {"version": 3}


def test_package_show_by_name_and_id(client, catalogue):
    a, _b = catalogue
    _r, by_name = call(client, "package_show", id="penduduk-kabkota")
    _r, by_id = call(client, "package_show", method="post", id=str(a.pk))
    assert by_name["result"] == by_id["result"]
    pkg = by_name["result"]
    for key in (
        "id",
        "name",
        "title",
        "notes",
        "url",
        "license_id",
        "license_title",
        "author",
        "maintainer",
        "organization",
        "groups",
        "tags",
        "extras",
        "resources",
        "metadata_created",
        "metadata_modified",
        "private",
        "state",
        "num_resources",
        "num_tags",
    ):
        assert key in pkg, key
    assert pkg["organization"]["name"] == "test-diskominfo-ntt"
    assert pkg["tags"][0] == {
        "id": tag_id("kependudukan"),
        "name": "kependudukan",
        "display_name": "kependudukan",
        "state": "active",
        "vocabulary_id": None,
    }
    resource = pkg["resources"][0]
    assert resource["datastore_active"] is True
    assert resource["url"].startswith("http://testserver/dataset/penduduk-kabkota/resource/")
    _r, shown = call(client, "resource_show", id=resource["id"])
    assert shown["result"]["package_id"] == pkg["id"]


def test_package_search_q_fq_facets_sort_paging(client, catalogue):
    _r, body = call(client, "package_search", q="puskesmas")
    assert [p["name"] for p in body["result"]["results"]] == ["fasilitas-kesehatan"]
    _r, body = call(
        client,
        "package_search",
        fq="groups:kesehatan",
        **{"facet.field": '["organization","groups","res_format","year"]'},
    )
    result = body["result"]
    assert result["count"] == 1
    assert result["facets"]["groups"] == {"kesehatan": 1}
    assert result["search_facets"]["res_format"]["items"][0]["name"] == "CSV"
    _r, body = call(client, "package_search", sort="id asc", rows=1, start=0)
    first = body["result"]["results"][0]["id"]
    _r, body = call(client, "package_search", sort="id asc", rows=1, start=1)
    assert body["result"]["results"][0]["id"] > first and body["result"]["count"] == 2
    _r, body = call(
        client, "package_search", fq="metadata_modified:[2000-01-01T00:00:00Z TO *]", sort="metadata_modified desc"
    )
    assert body["result"]["count"] == 2
    _r, body = call(client, "package_search", fq="metadata_modified:[* TO 2000-01-01T00:00:00Z]")
    assert body["result"]["count"] == 0
    _r, body = call(client, "package_search", fq="-tags:puskesmas")
    assert [p["name"] for p in body["result"]["results"]] == ["penduduk-kabkota"]
    _r, body = call(
        client,
        "package_search",
        method="post",
        q="organization:test-diskominfo-ntt",
        rows=1000,
        **{"facet.field": ["tags"]},
    )
    assert body["result"]["count"] == 2 and body["result"]["facets"]["tags"]["puskesmas"] == 1


def test_rows_are_capped_at_1000(client, catalogue):
    response, body = call(client, "package_search", rows=100000)
    assert response.status_code == 200 and body["success"] and body["result"]["count"] == 2


@pytest.mark.parametrize(
    ("params", "status", "kind"),
    [
        ({"start": "-1"}, 409, "Validation Error"),
        ({"rows": "abc"}, 409, "Validation Error"),
        ({"rows": "-5"}, 409, "Validation Error"),
        ({"fq": 'tags:"open'}, 400, "Search Query Error"),
        ({"fq": "password:x"}, 400, "Search Query Error"),
        ({"fq": "metadata_modified:[kemarin TO *]"}, 400, "Search Query Error"),
        ({"sort": "title; DROP TABLE x"}, 400, "Search Query Error"),
        ({"facet.field": "[not json"}, 409, "Validation Error"),
        ({"facet.field": '["secret"]'}, 400, "Search Query Error"),
        ({"facet.limit": "x"}, 409, "Validation Error"),
        ({"q": "x" * 9000}, 409, "Validation Error"),
        ({"q": "\x00"}, 409, "Validation Error"),
    ],
)
def test_bad_search_input_gets_the_ckan_error_envelope(client, catalogue, params, status, kind):
    response = client.get("/api/3/action/package_search", params)
    assert response.status_code == status
    body = response.json()
    assert body["success"] is False and body["error"]["__type"] == kind and body["help"]


@pytest.mark.parametrize(
    ("q", "status"),
    [
        # free text: whatever the punctuation, a search (operators are taken as words)
        ('"((( OR', 200),
        ("NOT AND OR", 200),
        ("*", 200),
        ("pendud*", 200),
        ("' OR 1=1 --", 200),
        ("💥🔥", 200),
        ("NEAR(a b)", 200),
        ("-", 200),
        ("\\", 200),
        # field:value syntax with a field the search does not know: CKAN's 400 envelope
        ("a:b:c", 400),
        ("col:val^2", 400),
    ],
)
def test_hostile_q_never_fails(client, catalogue, q, status):
    response, body = call(client, "package_search", q=q)
    assert response.status_code == status
    assert body["success"] is (status == 200)


def test_not_found_unknown_action_and_bad_bodies(client, catalogue):
    response, body = call(client, "package_show", id="tidak-ada")
    assert response.status_code == 404 and body["error"]["__type"] == "Not Found Error"
    response, body = call(client, "package_show")
    assert response.status_code == 409 and body["error"]["id"] == ["Missing value"]
    response = client.get("/api/3/action/package_create")
    assert response.status_code == 400 and response.json()["error"]["message"].startswith(
        "Bad request - Action name not known"
    )
    response = client.post("/api/action/package_search", data="{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["success"] is False
    response = client.post("/api/action/package_search", data="[1, 2]", content_type="application/json")
    assert response.status_code == 400
    response = client.put("/api/action/package_search")
    assert response.status_code == 400 and response.json()["success"] is False


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (DEEP_JSON_ARRAY, "application/json"),
        ('{"q": ' + DEEP_JSON_ARRAY + "}", "application/json"),
        ('{"q": ' + DEEP_JSON_OBJECT + "}", "application/json"),
        ('{"fq": ' + MODERATELY_DEEP_JSON + "}", "application/json"),  # parses, but far too deep
        ('{"q": ' + DEEP_JSON_ARRAY + "}", "application/x-www-form-urlencoded"),  # JSON as the form key
    ],
)
def test_deeply_nested_json_is_a_bad_request_not_a_500(client, catalogue, body, content_type):
    response = client.post("/api/action/package_search", data=body, content_type=content_type)
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert error["__type"] == "Bad Request" and "JSON" in error["message"]


def test_deeply_nested_json_parameter_is_a_validation_error(client, catalogue):
    response = client.get("/api/3/action/package_search", {"facet.field": DEEP_JSON_ARRAY})
    assert response.status_code == 409
    assert response.json()["error"]["__type"] == "Validation Error"


def test_organizations_groups_tags_status(client, catalogue):
    _r, body = call(client, "organization_list")
    assert "test-diskominfo-ntt" in body["result"]
    _r, body = call(client, "organization_list", all_fields="true", sort="package_count desc")
    assert body["result"][0]["name"] == "test-diskominfo-ntt" and body["result"][0]["package_count"] == 2
    _r, body = call(client, "organization_show", id="test-diskominfo-ntt", include_datasets="true")
    assert body["result"]["package_count"] == 2 and len(body["result"]["packages"]) == 2
    _r, body = call(client, "group_list", all_fields="true")
    kesehatan = next(g for g in body["result"] if g["name"] == "kesehatan")
    assert kesehatan["package_count"] == 1
    _r, body = call(client, "group_show", id="kesehatan", include_datasets="true")
    assert [p["name"] for p in body["result"]["packages"]] == ["fasilitas-kesehatan"]
    _r, body = call(client, "tag_list", query="pusk")
    assert body["result"] == ["puskesmas"]
    _r, body = call(client, "status_show")
    assert body["result"]["ckan_version"].startswith("2.")
    _r, body = call(client, "site_read")
    assert body["result"] is True
    _r, body = call(client, "help_show", name="package_search")
    assert "fq" in body["result"]
