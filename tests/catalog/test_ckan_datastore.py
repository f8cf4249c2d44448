"""CKAN DataStore actions and the dump, over public tables only."""

from __future__ import annotations

import json

import pytest

from tests.catalog.conftest import DB_COMMITTED
from tests.catalog.test_ckanapi_cli import ckanapi

pytestmark = DB_COMMITTED


@pytest.fixture
def resource_id(make_dataset):
    dataset = make_dataset("penduduk-kabkota", "Jumlah penduduk per kabupaten/kota")
    return str(dataset.resources.get().pk)


def search(client, **params):
    response = client.post("/api/3/action/datastore_search", json.dumps(params), content_type="application/json")
    return response.status_code, response.json()


def test_datastore_search(client, resource_id):
    status, body = search(client, resource_id=resource_id)
    assert status == 200
    result = body["result"]
    assert result["total"] == 4 and len(result["records"]) == 4
    assert [f["id"] for f in result["fields"]][:2] == ["_id", "kode_wilayah"]
    assert {f["id"]: f["type"] for f in result["fields"]}["jumlah_penduduk"] == "int"
    status, body = search(
        client,
        resource_id=resource_id,
        filters={"tahun": 2024, "kode_wilayah": ["53.01", "53.71"]},
        sort="jumlah_penduduk desc",
        fields=["nama_wilayah", "jumlah_penduduk"],
    )
    assert [r["nama_wilayah"] for r in body["result"]["records"]] == ["Kota Kupang", "Kabupaten Kupang"]
    assert body["result"]["total"] == 2
    status, body = search(client, resource_id=resource_id, q="kota", limit=1, offset=1)
    assert body["result"]["total"] == 2 and len(body["result"]["records"]) == 1
    response = client.get(
        "/api/3/action/datastore_search", {"resource_id": resource_id, "filters": '{"tahun": "2023"}'}
    )
    assert response.json()["result"]["total"] == 2


@pytest.mark.parametrize(
    ("params", "status", "kind"),
    [
        ({"resource_id": "00000000-0000-0000-0000-000000000000"}, 404, "Not Found Error"),
        ({"resource_id": "bukan-uuid"}, 404, "Not Found Error"),
        ({"filters": {"tidak_ada": 1}}, 409, "Validation Error"),
        ({"filters": {"tahun": "dua ribu"}}, 409, "Validation Error"),
        ({"filters": "[1"}, 409, "Validation Error"),
        ({"sort": "tahun; DROP TABLE x"}, 409, "Validation Error"),
        ({"limit": -1}, 409, "Validation Error"),
        ({"offset": 99999999}, 409, "Validation Error"),
        ({"fields": ["password"]}, 409, "Validation Error"),
    ],
)
def test_datastore_search_bad_input(client, resource_id, params, status, kind):
    code, body = search(client, **{"resource_id": resource_id, **params})
    assert code == status and body["error"]["__type"] == kind


def test_datastore_search_sql(client, resource_id):
    response = client.get(
        "/api/3/action/datastore_search_sql",
        {
            "sql": f'SELECT nama_wilayah, SUM(jumlah_penduduk) AS n FROM "{resource_id}" '
            "GROUP BY nama_wilayah ORDER BY n"
        },
    )
    records = response.json()["result"]["records"]
    assert [r["nama_wilayah"] for r in records] == ["Kabupaten Kupang", "Kota Kupang"]
    for sql in (
        "DELETE FROM x",
        f'SELECT * FROM "{resource_id}"; DROP TABLE y',
        "SELECT * FROM sqlite_master",
        "ATTACH DATABASE 'x' AS y",
        "PRAGMA table_info(x)",
        "SELECT * FROM pg_user",
    ):
        response = client.get("/api/3/action/datastore_search_sql", {"sql": sql})
        assert response.status_code == 409 and response.json()["error"]["__type"] == "Validation Error", sql


def test_dump_and_ckanapi_datastore_search(client, live_server, resource_id):
    response = client.get(f"/datastore/dump/{resource_id}")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "_id,kode_wilayah,nama_wilayah,tahun,jumlah_penduduk" and len(lines) == 5
    assert client.get("/datastore/dump/00000000-0000-0000-0000-000000000000").status_code == 404
    done = ckanapi("action", "datastore_search", f"resource_id={resource_id}", "limit=2", "-r", live_server.url)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["records"]) == 2
