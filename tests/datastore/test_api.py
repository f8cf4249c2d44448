"""The public data API contract: filters, operators, paging, shapes, facets, counts, downloads,
and that only public, active tables answer."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from django.test import Client
from openpyxl import load_workbook

from lontar.datastore.query import table as table_module
from lontar.datastore.services import datastore_deactivate, datastore_ingest, datastore_set_public
from lontar.datastore.views import data as data_views
from tests.datastore.conftest import BOTH

pytestmark = pytest.mark.django_db(databases=BOTH, transaction=True)

HEADER = "kode,nama,tahun,jumlah,nilai,tanggal,aktif,catatan\n"
CODES = ["53.01", "53.71", "53.01.04", "53.01.04.2003", "53.01.04.2004"]
NOTES = ["=SUM(A1:A2)", "+62 812", "-hati", "@admin", "biasa"]


def make_rows(n: int = 25) -> list[list[str]]:
    out = []
    for i in range(1, n + 1):
        out.append(
            [
                CODES[i % 5],
                f"Desa {i:02d}",
                str(2020 + i % 3),
                "" if i % 7 == 0 else str(i * 10),
                "" if i % 6 == 0 else f"{i / 4:.2f}",
                f"2024-01-{i:02d}",
                "ya" if i % 2 else "tidak",
                NOTES[i % 5],
            ]
        )
    return out


@pytest.fixture
def api_table(write, load):
    lines = [",".join(r) for r in make_rows()]
    return load(write(HEADER + "\n".join(lines) + "\n"), key="uji/api")


@pytest.fixture
def client():
    return Client(HTTP_ACCEPT_LANGUAGE="id")


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return json.loads(response.content)


URL = "/data/uji/api.json"


def test_default_page(client, api_table):
    body = get_json(client, URL)
    assert body["ok"] is True and body["resource"] == "uji/api" and body["version"] == 1
    assert body["columns"][0] == "_id" and len(body["rows"]) == 25
    assert body["count"] == 25 and body["count_truncated"] is False and body["next"] is None
    first = body["rows"][0]
    assert first == {
        "_id": 1,
        "kode": "53.71",
        "nama": "Desa 01",
        "tahun": 2021,
        "jumlah": 10,
        "nilai": 0.25,
        "tanggal": "2024-01-01",
        "aktif": True,
        "catatan": "+62 812",
        # a kabupaten code among desa codes is a subtotal row (issue 16)
        "baris_total": True,
    }
    assert {f["name"]: f["type"] for f in body["fields"]}["kode"] == "region"


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"tahun": "2021"}, [1, 4, 7, 10, 13, 16, 19, 22, 25]),
        ({"tahun__exact": "2022", "aktif": "ya"}, [5, 11, 17, 23]),
        ({"jumlah__gt": "220"}, [23, 24, 25]),
        ({"jumlah__gte": "230"}, [23, 24, 25]),
        ({"jumlah__lt": "30"}, [1, 2]),
        ({"jumlah__lte": "30"}, [1, 2, 3]),
        ({"nilai__gte": "6", "nilai__lt": "6.5"}, [25]),
        ({"tanggal__gte": "2024-01-20", "tanggal__lte": "2024-01-21"}, [20, 21]),
        ({"nama__contains": "desa 1"}, list(range(10, 20))),
        ({"catatan__contains": "%"}, []),
        ({"kode__in": "53.01.04,53.71"}, [1, 2, 6, 7, 11, 12, 16, 17, 21, 22]),
        ({"tahun__in": "[2020]"}, [3, 6, 9, 12, 15, 18, 21, 24]),
        ({"jumlah__isnull": "1"}, [7, 14, 21]),
        ({"nilai__isnull": "1", "jumlah__isnull": "0"}, [6, 12, 18, 24]),
        ({"aktif": "false", "tahun": "2020"}, [6, 12, 18, 24]),
        ({"kode__exact": "53.01.04.2003"}, [3, 8, 13, 18, 23]),
    ],
)
def test_filters(client, api_table, params, ids):
    body = get_json(client, URL, **params)
    assert [r["_id"] for r in body["rows"]] == ids
    assert body["count"] == len(ids)


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"nope": "1"}, "Kolom nope tidak dikenal"),
        ({"tahun__regex": "1"}, "Operator regex untuk kolom tahun tidak dikenal"),
        ({"_bogus": "1"}, "Parameter _bogus tidak dikenal"),
        ({"tahun": "dua ribu"}, "tidak sah untuk kolom tahun"),
        ({"tanggal__gt": "31/12/2024"}, "tidak sah untuk kolom tanggal"),
        ({"aktif": "mungkin"}, "tidak sah untuk kolom aktif"),
        ({"nilai__lt": "NaN"}, "tidak sah untuk kolom nilai"),
        ({"jumlah__isnull": "kadang"}, "jumlah__isnull menerima 1"),
        ({"_size": "1001"}, "_size harus bilangan bulat"),
        ({"_size": "nol"}, "_size harus bilangan bulat"),
        ({"_sort": "tahun", "_sort_desc": "jumlah"}, "jangan keduanya"),
        ({"_sort": "nope"}, "Kolom nope tidak dikenal"),
        ({"_shape": "xml"}, "_shape harus salah satu dari"),
        ({"_next": "bukan-token"}, "Token _next tidak sah"),
        ({"kode__in": ",".join(["53"] * 101)}, "menerima 1 sampai 100 nilai"),
    ],
)
def test_bad_parameters_answer_400_in_indonesian(client, api_table, params, fragment):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")  # as Datasette sends errors
    body = json.loads(response.content)
    assert body["ok"] is False and body["status"] == 400 and body["error"] == body["detail"]
    assert body["title"] == "Parameter tidak sah."
    assert fragment in body["detail"]


def test_unknown_column_lists_valid_ones(client, api_table):
    body = get_json(client, URL, status=400, nope="1")
    assert body["valid_columns"][:3] == ["_id", "kode", "nama"]
    body = get_json(client, URL, status=400, tahun__regex="1")
    assert "contains" in body["valid_operators"]


def walk(client, **params):
    """Every row through _next pages."""
    seen, pages, token = [], 0, None
    while True:
        query = dict(params, **({"_next": token} if token else {}))
        body = get_json(client, URL, **query)
        seen += body["rows"]
        pages += 1
        token = body["next"]
        if token is None:
            return seen, pages
        assert body["next_url"].startswith("http://testserver/data/uji/api.json?")


@pytest.mark.parametrize("column", ["jumlah", "nilai", "tanggal", "nama", "kode", "aktif"])
@pytest.mark.parametrize("desc", [False, True])
def test_keyset_paging_is_complete_and_ordered_with_empty_values_last(client, api_table, column, desc):
    key = "_sort_desc" if desc else "_sort"
    rows, pages = walk(client, **{key: column, "_size": "4"})
    assert pages == 7 and len(rows) == 25 and len({r["_id"] for r in rows}) == 25
    filled = [r for r in rows if r[column] is not None]
    empty = [r for r in rows if r[column] is None]
    assert rows == filled + empty
    expected = sorted(filled, key=lambda r: (r[column], r["_id"]), reverse=desc)
    assert [r["_id"] for r in filled] == [r["_id"] for r in expected]
    assert [r["_id"] for r in empty] == sorted(r["_id"] for r in empty)


def test_default_order_paging_and_sort_by_id_desc(client, api_table):
    rows, pages = walk(client, _size="10")
    assert [r["_id"] for r in rows] == list(range(1, 26)) and pages == 3
    rows, _ = walk(client, _sort_desc="_id", _size="10")
    assert [r["_id"] for r in rows] == list(range(25, 0, -1))


def test_paging_with_filters(client, api_table):
    rows, _ = walk(client, tahun="2020", _sort_desc="jumlah", _size="3")
    assert [r["_id"] for r in rows] == [24, 18, 15, 12, 9, 6, 3, 21]


def test_size_max_and_token_of_another_sort(client, api_table):
    assert len(get_json(client, URL, _size="max")["rows"]) == 25
    token = get_json(client, URL, _sort="jumlah", _size="2")["next"]
    body = get_json(client, URL, status=400, _sort="nilai", _next=token)
    assert "Token _next tidak sah" in body["detail"]


def test_shapes(client, api_table):
    arrays = get_json(client, URL, _shape="arrays", _size="2")
    assert arrays["rows"][0][:3] == [1, "53.71", "Desa 01"]
    response = client.get(URL, {"_shape": "array", "_size": "2"})
    bare = json.loads(response.content)
    assert isinstance(bare, list) and bare[1]["_id"] == 2
    assert 'rel="next"' in response["Link"]


def test_facets(client, api_table):
    body = get_json(client, URL, _facet=["tahun", "aktif"], _size="1")
    tahun = body["facets"]["tahun"]
    assert tahun["results"] == [
        {"value": 2021, "count": 9, "url": "/data/uji/api.json?_facet=tahun&_facet=aktif&_size=1&tahun__exact=2021"},
        {"value": 2020, "count": 8, "url": "/data/uji/api.json?_facet=tahun&_facet=aktif&_size=1&tahun__exact=2020"},
        {"value": 2022, "count": 8, "url": "/data/uji/api.json?_facet=tahun&_facet=aktif&_size=1&tahun__exact=2022"},
    ]
    assert {r["value"]: r["count"] for r in body["facets"]["aktif"]["results"]} == {1: 13, 0: 12} or {
        r["value"]: r["count"] for r in body["facets"]["aktif"]["results"]
    } == {True: 13, False: 12}
    filtered = get_json(client, URL, _facet="tahun", aktif="ya")
    assert sum(r["count"] for r in filtered["facets"]["tahun"]["results"]) == 13


def test_counts_are_capped_unless_exact(client, api_table, monkeypatch):
    monkeypatch.setattr(table_module, "COUNT_CAP", 5)
    capped = get_json(client, URL, tahun="2021")
    assert capped["count"] == 5 and capped["count_truncated"] is True and len(capped["rows"]) == 9
    exact = get_json(client, URL, tahun="2021", _count="exact")
    assert exact["count"] == 9 and exact["count_truncated"] is False
    assert get_json(client, URL)["count"] == 25  # unfiltered: the stored row count


def test_a_count_out_of_its_budget_is_left_out_and_the_page_still_served(client, api_table, monkeypatch):
    """The capped count has COUNT_LIMIT_MS; past it the answer has ``count`` null (as Datasette
    on its time limit) and the page's rows, and the HTML page says the count took too long."""
    budgets = []
    real = table_module.TableReader.count_upto

    def slow(self, filters, cap, *, limit_ms=None):
        budgets.append(limit_ms)
        if limit_ms is not None:
            raise table_module.engine.QueryError("timeout", "canceling statement due to statement timeout")
        return real(self, filters, cap)

    monkeypatch.setattr(table_module.TableReader, "count_upto", slow)
    body = get_json(client, URL, tahun="2021")
    assert body["count"] is None and body["count_truncated"] is False
    assert [r["_id"] for r in body["rows"]] == [1, 4, 7, 10, 13, 16, 19, 22, 25]
    assert budgets == [table_module.COUNT_LIMIT_MS]
    page = client.get("/data/uji/api", {"tahun": "2021"})
    assert page.status_code == 200 and "terlalu lama" in page.content.decode()
    assert get_json(client, URL, tahun="2021", _count="exact")["count"] == 9  # exact: the full limit


def test_csv_page_and_stream_escape_formulas(client, api_table):
    page = client.get("/data/uji/api.csv", {"_size": "5"})
    assert page.status_code == 200 and page["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(page.content.decode())))
    assert lines[0][:3] == ["_id", "kode", "nama"] and len(lines) == 6
    stream = client.get("/data/uji/api.csv", {"_stream": "on", "_sort": "nama"})
    assert stream.streaming
    table = list(csv.reader(io.StringIO(b"".join(stream.streaming_content).decode())))
    assert len(table) == 26
    notes = {row[1]: row[8] for row in table[1:]}
    assert set(notes.values()) == {"'=SUM(A1:A2)", "'+62 812", "'-hati", "'@admin", "biasa"}
    assert table[1][7] in ("true", "false")


def test_csv_stream_of_many_batches(client, api_table, monkeypatch):
    monkeypatch.setattr(table_module, "STREAM_BATCH", 4)
    stream = client.get("/data/uji/api.csv", {"_stream": "on", "tahun": "2020"})
    table = list(csv.reader(io.StringIO(b"".join(stream.streaming_content).decode())))
    assert [int(r[0]) for r in table[1:]] == [3, 6, 9, 12, 15, 18, 21, 24]


def test_xlsx_download_escapes_formulas(client, api_table):
    response = client.get("/data/uji/api.xlsx", {"tahun": "2021"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:2] == ("_id", "kode") and len(values) == 10
    assert {r[8] for r in values[1:]} == {"'=SUM(A1:A2)", "'+62 812", "'-hati", "'@admin", "biasa"}
    assert values[1][3] == 2021 and isinstance(values[1][5], float)


def test_xlsx_refuses_too_many_rows(client, api_table, monkeypatch):
    monkeypatch.setattr(data_views, "XLSX_MAX_ROWS", 10)
    body = get_json(client, "/data/uji/api.xlsx", status=400)
    assert "paling banyak 10 baris" in body["detail"]


def test_parquet_download_is_typed(client, api_table):
    response = client.get("/data/uji/api.parquet", {"_sort": "_id"})
    table = pq.read_table(io.BytesIO(b"".join(response.streaming_content)))
    assert table.num_rows == 25
    assert str(table.schema.field("tanggal").type) == "date32[day]"
    assert str(table.schema.field("aktif").type) == "bool"
    assert table.column("catatan").to_pylist()[0] == "+62 812"  # Parquet keeps the stored text


def test_html_page_and_filter_form(client, api_table):
    page = client.get("/data/uji/api", {"tahun": "2021", "_facet": "aktif"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Desa 04" in text and "Desa 02" not in text and "Halaman berikutnya" not in text
    redirect = client.get("/data/uji/api", {"_filter_column": "jumlah", "_filter_op": "gte", "_filter_value": "200"})
    assert redirect.status_code == 302 and redirect["Location"] == "/data/uji/api?jumlah__gte=200"
    bad = client.get("/data/uji/api", {"nope": "1"})
    assert bad.status_code == 400 and "Kolom nope tidak dikenal" in bad.content.decode()
    index = client.get("/data/")
    assert "uji/api" in index.content.decode()


ROUTES = ["/data/{key}.json", "/data/{key}.csv", "/data/{key}.xlsx", "/data/{key}.parquet", "/data/{key}"]


def assert_hidden(client, key):
    for route in ROUTES:
        response = client.get(route.format(key=key))
        assert response.status_code == 404, route
    assert key not in client.get("/data/").content.decode()
    body = get_json(client, "/data/sql.json", status=400, sql=f'SELECT * FROM "{key}"')
    assert "uji" in body["detail"] or "no such table" in body["detail"] or "does not exist" in body["detail"]


def test_private_loaded_and_retired_tables_answer_404(client, write, load, api_table):
    private = load(write("a\n1\n", name="p.csv"), key="uji/internal", public=False)
    assert private.status == "active" and not private.is_public
    assert_hidden(client, "uji/internal")
    datastore_ingest(actor=None, path=write("a\n1\n", name="r.csv"), resource_key="uji/belum")
    assert_hidden(client, "uji/belum")
    datastore_set_public(actor=None, table=api_table, is_public=False)
    assert_hidden(client, "uji/api")
    datastore_set_public(actor=None, table=api_table, is_public=True)
    assert client.get(URL).status_code == 200
    datastore_deactivate(actor=None, resource_key="uji/api")
    assert_hidden(client, "uji/api")
    assert_hidden(client, "uji/tidak-ada")


def test_a_new_version_with_other_columns_is_served_at_once(client, write, load):
    load(write("a,b\n1,x\n2,y\n", name="v1.csv"), key="uji/versi")
    assert get_json(client, "/data/uji/versi.json")["columns"] == ["_id", "a", "b"]  # now kept per process
    load(write("a,c,d\n1,2,3\n", name="v2.csv"), key="uji/versi")
    body = get_json(client, "/data/uji/versi.json")
    assert body["version"] == 2 and body["columns"] == ["_id", "a", "c", "d"] and body["count"] == 1
    datastore_deactivate(actor=None, resource_key="uji/versi")
    assert_hidden(client, "uji/versi")


def test_next_url_replaces_the_token_and_keeps_the_other_parameters(client, api_table):
    first = get_json(client, URL, _size=5, nama__contains="Desa")
    assert "_size=5" in first["next_url"] and "nama__contains=Desa" in first["next_url"]
    second = client.get(first["next_url"]).json()
    assert second["next_url"].count("_next=") == 1 and second["rows"][0]["_id"] == 6
