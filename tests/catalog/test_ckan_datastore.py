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
        "ATTACH DATABASE 'x' AS y",
        "PRAGMA table_info(x)",
    ):
        response = client.get("/api/3/action/datastore_search_sql", {"sql": sql})
        assert response.status_code == 409 and response.json()["error"]["__type"] == "Validation Error", sql
    # system tables and functions outside the allow-list: CKAN's 403 Authorization Error
    for sql, message in (
        ("SELECT * FROM sqlite_master", "Not authorized to access system tables"),
        ("SELECT * FROM pg_user", "Not authorized to access system tables"),
        ("SELECT * FROM information_schema.tables", "Not authorized to access system tables"),
        ("SELECT pg_read_file('/etc/passwd')", "Not authorized to access system tables"),
        ("SELECT set_config('role', 'postgres', false)", "Not authorized to call function set_config"),
    ):
        response = client.get("/api/3/action/datastore_search_sql", {"sql": sql})
        error = response.json()["error"]
        assert response.status_code == 403 and error["__type"] == "Authorization Error", sql
        assert error["message"] == message


def test_dump_and_ckanapi_datastore_search(client, live_server, resource_id):
    response = client.get(f"/datastore/dump/{resource_id}")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "_id,kode_wilayah,nama_wilayah,tahun,jumlah_penduduk" and len(lines) == 5
    assert client.get("/datastore/dump/00000000-0000-0000-0000-000000000000").status_code == 404
    done = ckanapi("action", "datastore_search", f"resource_id={resource_id}", "limit=2", "-r", live_server.url)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["records"]) == 2


def get_search(client, **params):
    response = client.get("/api/3/action/datastore_search", params)
    return response.status_code, response.json()


def test_search_answers_ckan_fields_with_the_data_dictionary(client, resource_id):
    _status, body = search(client, resource_id=resource_id, limit=1)
    fields = {f["id"]: f for f in body["result"]["fields"]}
    assert "info" not in fields["_id"] and fields["_id"]["type"] == "int"
    assert fields["jumlah_penduduk"]["info"] == {
        "label": "Jumlah penduduk",
        "notes": "",
        "type_override": "",
        "unit": "jiwa",
    }
    assert fields["nama_wilayah"]["info"]["label"] == "Nama wilayah"
    result = body["result"]
    assert result["records_format"] == "objects" and result["include_total"] is True
    assert result["total_was_estimated"] is False


def test_links_keep_every_search_parameter(client, resource_id):
    _status, body = search(
        client,
        resource_id=resource_id,
        q="kupang",
        filters={"tahun": 2024},
        sort=["jumlah_penduduk desc"],
        fields=["nama_wilayah", "jumlah_penduduk"],
        limit=1,
    )
    result = body["result"]
    assert [r["nama_wilayah"] for r in result["records"]] == ["Kota Kupang"] and result["total"] == 2
    links = result["_links"]
    assert "offset" not in links["start"] and "prev" not in links
    # following next gives the second row of the same search
    response = client.get(links["next"])
    page = response.json()["result"]
    assert [r["nama_wilayah"] for r in page["records"]] == ["Kabupaten Kupang"]
    assert page["limit"] == 1 and page["offset"] == 1 and page["total"] == 2
    assert set(page["records"][0]) == {"nama_wilayah", "jumlah_penduduk"}
    page2 = client.get(page["_links"]["next"]).json()["result"]
    assert page2["records"] == [] and "prev" in page2["_links"]


@pytest.mark.parametrize(
    ("records_format", "expected"),
    [
        ("lists", [["Kota Kupang", 446000], ["Kabupaten Kupang", 391539]]),
        ("csv", "Kota Kupang,446000\nKabupaten Kupang,391539\n"),
        ("tsv", "Kota Kupang\t446000\nKabupaten Kupang\t391539\n"),
    ],
)
def test_records_format(client, resource_id, records_format, expected):
    status, body = get_search(
        client,
        resource_id=resource_id,
        filters='{"tahun": "2024"}',
        sort="jumlah_penduduk desc",
        fields="nama_wilayah,jumlah_penduduk",
        records_format=records_format,
    )
    assert status == 200 and body["result"]["records"] == expected


def test_sort_list_distinct_q_dict_full_text_plain(client, resource_id):
    status, body = search(
        client, resource_id=resource_id, sort=["tahun desc", "nama_wilayah asc nulls last"], fields=["_id"]
    )
    assert [r["_id"] for r in body["result"]["records"]] == [2, 4, 1, 3]
    status, body = search(
        client, resource_id=resource_id, distinct=True, fields=["nama_wilayah"], sort="nama_wilayah desc"
    )
    assert body["result"]["records"] == [{"nama_wilayah": "Kota Kupang"}, {"nama_wilayah": "Kabupaten Kupang"}]
    assert body["result"]["total"] == 2
    # q as a dict searches column by column; every word must match
    status, body = search(client, resource_id=resource_id, q={"nama_wilayah": "kota kupang"}, fields=["_id"])
    assert [r["_id"] for r in body["result"]["records"]] == [3, 4]
    status, body = get_search(client, resource_id=resource_id, q='{"tahun": "2023"}', fields="_id")
    assert [r["_id"] for r in body["result"]["records"]] == [1, 3]
    # a string q (and full_text) search every column, numbers too
    status, body = search(client, resource_id=resource_id, q="kupang 2024", fields=["_id"])
    assert [r["_id"] for r in body["result"]["records"]] == [2, 4]
    status, body = search(client, resource_id=resource_id, full_text="446000", q="ignored", fields=["_id"])
    assert [r["_id"] for r in body["result"]["records"]] == [4]
    # plain=false: the tsquery operators
    status, body = search(client, resource_id=resource_id, q="kota & !2023", plain=False, fields=["_id"])
    assert [r["_id"] for r in body["result"]["records"]] == [4]
    status, body = search(client, resource_id=resource_id, q="(385000 | 440000)", plain="false", fields=["_id"])
    assert status == 200 and [r["_id"] for r in body["result"]["records"]] == [1, 3]


def test_the_datatables_view_request(client, resource_id):
    """What CKAN's DataTables view sends (``datatablesview/blueprint.py``)."""
    status, body = search(
        client,
        resource_id=resource_id,
        q=json.dumps({"nama_wilayah": "Kota_Kup:*"}),
        plain=False,
        language="simple",
        offset=0,
        limit=10,
        sort="tahun desc, _id asc",
        filters={"kode_wilayah": ["53.71"]},
    )
    assert status == 200 and [r["_id"] for r in body["result"]["records"]] == [4, 3]
    status, body = search(client, resource_id=resource_id, q="kabupaten_kupang:*", plain=False, limit=0)
    assert status == 200 and body["result"]["total"] == 2 and body["result"]["records"] == []


def test_filter_operators_and_next_page(client, resource_id):
    status, body = search(client, resource_id=resource_id, filters={"jumlah_penduduk": {"gte": 391539, "lt": 446000}})
    assert [r["_id"] for r in body["result"]["records"]] == [2, 3]
    status, body = search(client, resource_id=resource_id, limit=2, include_next_page=True, fields=["tahun"])
    result = body["result"]
    assert result["next_page"] == {"_id": {"gt": 2}} and set(result["records"][0]) == {"tahun"}
    status, body = search(client, resource_id=resource_id, limit=2, filters=result["next_page"])
    assert [r["_id"] for r in body["result"]["records"]] == [3, 4]
    status, body = search(client, resource_id=resource_id, limit=2, include_next_page=True, sort="_id desc")
    assert body["result"]["next_page"] == {"_id": {"lt": 3}}
    status, body = search(client, resource_id=resource_id, include_next_page=True, sort="tahun")
    assert "next_page" not in body["result"]
    status, body = search(client, resource_id=resource_id, include_total=False, total_estimation_threshold=1000)
    assert status == 200 and "total" not in body["result"]


HOSTILE_SEARCH = [
    ({"unknown_param": 1}, "__junk"),
    ({"records_format": "xml"}, "records_format"),
    ({"limit": "abc"}, "limit"),
    ({"limit": "9" * 5000}, "limit"),
    ({"offset": -5}, "offset"),
    ({"filters": '{"tahun": '}, "filters"),
    ({"filters": "[1, 2]"}, "filters"),
    ({"filters": {"tahun": {"like": "%"}}}, "filters"),
    ({"filters": {"$or": [{"tahun": 1}]}}, "filters"),
    ({"filters": {'tahun" = 1 OR 1=1 --': 1}}, "filters"),
    ({"filters": {f"k{i}": i for i in range(10_000)}}, "filters"),
    ({"filters": {"tahun": list(range(10_000))}}, "filters"),
    ({"filters": {"tahun": {"gt": [1, 2]}}}, "filters"),
    ({"filters": {"tahun": {"gt": {"x": 1}}}}, "filters"),
    ({"sort": "tahun; DROP TABLE x"}, "sort"),
    ({"sort": ['"tahun" desc, (SELECT 1)']}, "sort"),
    ({"sort": "tahun sideways"}, "sort"),
    ({"sort": ",".join(["tahun"] * 50)}, "sort"),
    ({"sort": {"tahun": "desc"}}, "sort"),
    ({"fields": ["tahun", "1; DROP TABLE x"]}, "fields"),
    ({"fields": '"_id", "nama_wilayah" FROM x --'}, "fields"),
    ({"fields": [1, 2]}, "fields"),
    ({"q": {"tahun) OR 1=1 --": "x"}}, "q"),
    ({"q": {"tahun": 2023}}, "q"),
    ({"q": ["a"]}, "q"),
    ({"q": "kata " * 20}, "q"),
    ({"q": "x" * 61}, "q"),
    ({"q": "kota & (", "plain": False}, "query"),
    ({"q": "& kota", "plain": False}, "query"),
    ({"q": "(" * 50 + "a" + ")" * 50, "plain": False}, "q"),
    ({"q": "(" * 11 + "a" + ")" * 11, "plain": False}, "query"),
    ({"q": "!" * 400 + "a", "plain": False}, "q"),
    ({"plain": "maybe"}, "plain"),
    ({"distinct": True, "fields": ["tahun"], "sort": "nama_wilayah"}, "sort"),
    ({"include_total": "perhaps"}, "include_total"),
    ({"total_estimation_threshold": "many"}, "total_estimation_threshold"),
]


def test_hostile_search_parameters_get_ckan_409(client, resource_id):
    """One dataset for the whole list (each costs a workflow run)."""
    for params, key in HOSTILE_SEARCH:
        status, body = search(client, **{"resource_id": resource_id, **params})
        assert status == 409, (params, body)
        assert body["success"] is False and body["error"]["__type"] == "Validation Error"
        assert key in body["error"], (params, body["error"])


def test_huge_limit_is_clamped(client, resource_id):
    status, body = search(client, resource_id=resource_id, limit=10**30)
    assert status == 200 and body["result"]["limit"] == 1000 and len(body["result"]["records"]) == 4


def test_unknown_parameter_message_is_ckans(client, resource_id):
    _status, body = search(client, resource_id=resource_id, limt=5)
    assert body["error"]["__junk"] == ["The input field [('limt',)] was not expected."]


def test_search_sql_field_types(client, resource_id):
    sql = (
        f'SELECT "_id", kode_wilayah, nama_wilayah, tahun, SUM(jumlah_penduduk) AS n, '
        f'AVG(jumlah_penduduk) AS mean, COUNT(*) AS c FROM "{resource_id}" '
        "GROUP BY _id, kode_wilayah, nama_wilayah, tahun ORDER BY _id LIMIT 1"
    )
    body = client.get("/api/3/action/datastore_search_sql", {"sql": sql}).json()
    types = {f["id"]: f["type"] for f in body["result"]["fields"]}
    assert types["_id"] == "int" and types["tahun"] == "int" and types["c"] == "int"
    assert types["nama_wilayah"] == "text" and types["kode_wilayah"] == "text"
    assert types["mean"] in ("numeric", "float8") and types["n"] in ("int", "numeric")
    assert "records_truncated" not in body["result"]


def read_dump(client, resource_id, **params):
    response = client.get(f"/datastore/dump/{resource_id}", params)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def test_dump_formats_and_search_parameters(client, resource_id):
    response, content = read_dump(client, resource_id, format="tsv", bom="true", fields="nama_wilayah,tahun")
    assert response["Content-Type"].startswith("text/tab-separated-values")
    assert response["Content-Disposition"] == f'attachment; filename="{resource_id}.tsv"'
    text = content.decode("utf-8")
    assert text.startswith("\ufeffnama_wilayah\ttahun\n") and text.count("\n") == 5
    response, content = read_dump(
        client, resource_id, filters='{"tahun": 2024}', sort="jumlah_penduduk desc", limit=1, offset=0
    )
    assert content.decode().splitlines() == [
        "_id,kode_wilayah,nama_wilayah,tahun,jumlah_penduduk",
        "4,53.71,Kota Kupang,2024,446000",
    ]
    response, content = read_dump(client, resource_id, q="kabupaten", offset=1, fields="_id")
    assert content.decode().splitlines() == ["_id", "2"]
    response, content = read_dump(client, resource_id, format="json", fields="_id,tahun", sort="_id desc")
    data = json.loads(content)
    assert data["records"] == [[4, 2024], [3, 2023], [2, 2024], [1, 2023]]
    assert data["fields"][1]["info"]["label"] == "Tahun"
    response, content = read_dump(client, resource_id, format="xml", limit=1)
    assert response["Content-Type"].startswith("text/xml")
    assert content.decode().startswith('<data xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<row _id="1">')
    assert "<nama_wilayah>Kabupaten Kupang</nama_wilayah>" in content.decode()
    import xml.etree.ElementTree as ET

    assert len(ET.fromstring(read_dump(client, resource_id, format="xml")[1])) == 4


def test_dump_keyset_batches_cover_every_row(client, resource_id, monkeypatch):
    from lontar.datastore.query import search as search_module

    original = search_module.TableSearch.stream
    monkeypatch.setattr(search_module.TableSearch, "stream", lambda self, s, batch=5000: original(self, s, batch=1))
    _response, content = read_dump(client, resource_id, fields="_id")
    assert content.decode().splitlines() == ["_id", "1", "2", "3", "4"]
    _response, content = read_dump(client, resource_id, fields="_id", sort="tahun desc", limit=3)
    assert content.decode().splitlines() == ["_id", "2", "4", "1"]


def test_dump_refuses_bad_parameters_with_400(client, resource_id):
    for params in (
        {"format": "pdf"},
        {"bom": "mungkin"},
        {"filters": "{"},
        {"fields": "tidak_ada"},
        {"sort": "tahun; DROP TABLE x"},
        {"limit": -1},
        {"offset": "x"},
        {"q": "y" * 100},
    ):
        response, content = read_dump(client, resource_id, **params)
        assert response.status_code == 400 and response["Content-Type"].startswith("text/plain"), params
        assert content.decode().split(":")[0] in params, (params, content)


def test_ckanapi_datastore_search_with_the_new_parameters(live_server, resource_id):
    from ckanapi import RemoteCKAN, ValidationError

    with RemoteCKAN(live_server.url) as ckan:
        result = ckan.action.datastore_search(
            resource_id=resource_id,
            q={"nama_wilayah": "kota"},
            filters={"tahun": {"gte": 2023}},
            sort=["tahun desc"],
            fields=["_id", "tahun"],
            records_format="lists",
            include_next_page=True,
            distinct=False,
        )
        assert result["records"] == [[4, 2024], [3, 2023]] and result["total"] == 2
        with pytest.raises(ValidationError) as refused:
            ckan.action.datastore_search(resource_id=resource_id, records_format="xml")
        assert "records_format" in refused.value.error_dict
        sql = ckan.action.datastore_search_sql(sql=f'SELECT tahun, COUNT(*) AS n FROM "{resource_id}" GROUP BY tahun')
        assert {f["id"]: f["type"] for f in sql["fields"]} == {"tahun": "int", "n": "int"}


def test_time_limit_and_huge_numbers_answer_4xx(client, resource_id, monkeypatch):
    status, body = search(client, resource_id=resource_id, filters={"tahun": 2**80})
    assert (status == 200 and body["result"]["records"] == []) or status == 409  # PostgreSQL compares; SQLite refuses
    from lontar.datastore.query import engine

    def too_long(*args, **kwargs):
        raise engine.QueryError("timeout", "canceling statement due to statement timeout")

    monkeypatch.setattr(engine, "run", too_long)
    status, body = search(client, resource_id=resource_id, q="kupang")
    assert status == 409 and body["error"]["query"] == ["Search took too long"]
    response, content = read_dump(client, resource_id)
    assert response.status_code == 400 and content.decode() == "query: Search took too long\n"


def test_resource_show_has_mimetype_inner(client, resource_id):
    result = client.get("/api/3/action/resource_show", {"id": resource_id}).json()["result"]
    assert result["mimetype"] == "text/csv" and "mimetype_inner" in result and result["mimetype_inner"] is None
