"""Datasette compatibility table: for each parameter of Datasette's JSON API, what Lontar's
``/data/`` table API answers — compared, where Datasette can answer too, with a real Datasette
(0.65, in-process) serving the SAME rows from an SQLite file made with sqlite-utils.

The table of cases is also docs/datasette-compat.md: ``test_docs_table_is_current`` fails when
the two differ; ``LONTAR_WRITE_DOCS=1 pytest tests/datastore/test_datasette_compat.py -k docs``
writes it again.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import sqlite_utils
from datasette.app import Datasette
from django.test import Client

from lontar.datastore.query import datasette_args as dargs
from tests.datastore.conftest import BOTH

pytestmark = pytest.mark.django_db(databases=BOTH, transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "datasette-compat.md"
LONTAR = "/data/uji/api.json"
DATASETTE = "/uji/api.json"

HEADER = "kode,nama,tahun,jumlah,nilai,tanggal,aktif,catatan\n"
CODES = ["53.01", "53.71", "53.01.04", "53.01.04.2003", "53.01.04.2004"]
NOTES = ["lahan kering", "pesisir biasa", "data contoh", "biasa saja", ""]


def make_csv(n: int = 25) -> str:
    lines = []
    for i in range(1, n + 1):
        lines.append(
            ",".join(
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
        )
    return HEADER + "\n".join(lines) + "\n"


SAME = "supported: same rows as Datasette"
ANSWERED = "answered as Datasette does"
LONTAR_ONLY = "supported (Datasette 1.0; not in the 0.65 used for comparison)"
DIFFERENT = "supported, with a difference"
REFUSED = "not supported"


@dataclass
class Case:
    parameter: str
    params: list[tuple[str, str]]
    verdict: str
    compare: str = "ids"  # ids | nonnull_ids | keys | facets | count | status | shape | next | none
    note: str = ""
    status: int = 200
    extra: dict[str, Any] = field(default_factory=dict)
    #: what the Datasette used for comparison is asked instead (an operator 0.65 lacks, as _where)
    datasette: list[tuple[str, str]] | None = None
    #: False where Datasette 0.65 answers otherwise (1.0's answer, or one that needs a permission)
    same_status_in_065: bool = True

    @property
    def id(self) -> str:
        return urlencode(self.params) or "plain"


CASES = [
    # -- column filters -----------------------------------------------------------------------
    Case("`?column=value`", [("tahun", "2021")], SAME),
    Case("`__exact`", [("tahun__exact", "2022"), ("aktif", "1")], SAME),
    Case("`__not`", [("jumlah__not", "100")], SAME, note="empty values do not match, as in SQL"),
    Case("`__gt`", [("jumlah__gt", "200")], SAME),
    Case("`__gte`", [("jumlah__gte", "200")], SAME),
    Case("`__lt`", [("nilai__lt", "2")], SAME),
    Case("`__lte`", [("tanggal__lte", "2024-01-03")], SAME),
    Case(
        "`__contains`",
        [("nama", "Desa 11"), ("catatan__contains", "biasa")],
        SAME,
        note="the value is matched literally (`%` and `_` are not wildcards); case-insensitive",
    ),
    Case(
        "`__contains` (no wildcard)",
        [("catatan__contains", "%")],
        DIFFERENT,
        compare="none",
        note="Datasette treats `%` as a wildcard",
    ),
    Case(
        "`__notcontains`",
        [("catatan__notcontains", "biasa")],
        LONTAR_ONLY,
        datasette=[("_where", "catatan not like '%biasa%'")],
        note="compared with 0.65's `_where=catatan not like '%biasa%'`",
    ),
    Case("`__startswith`", [("kode__startswith", "53.01.04")], SAME),
    Case("`__endswith`", [("nama__endswith", "5")], SAME),
    Case("`__like`", [("nama__like", "desa 1%")], SAME, note="case-insensitive; at most 64 characters"),
    Case("`__notlike`", [("nama__notlike", "%1%")], SAME),
    Case("`__glob`", [("nama__glob", "Desa 2?")], SAME, note="case-sensitive; PostgreSQL: no `[...]` classes"),
    Case("`__in` (comma list)", [("tahun__in", "2020,2022")], SAME),
    Case("`__in` (JSON array)", [("kode__in", '["53.01", "53.71"]')], SAME),
    Case("`__notin`", [("kode__notin", "53.01,53.71")], SAME),
    Case("`__date`", [("tanggal__date", "2024-01-05")], SAME),
    Case(
        "`__isnull=1`",
        [("jumlah__isnull", "1")],
        SAME,
        note="Lontar reads `__isnull=0` as *is filled*; Datasette ignores the value",
    ),
    Case("`__notnull=1`", [("jumlah__notnull", "1")], SAME),
    Case("`__isblank=1`", [("catatan__isblank", "1")], SAME, note="empty CSV cells are stored empty (NULL)"),
    Case("`__notblank=1`", [("catatan__notblank", "1")], SAME),
    Case(
        "`__arraycontains`, `__arraynotcontains`",
        [("catatan__arraycontains", "x")],
        REFUSED,
        compare="status",
        status=400,
        note="Lontar columns hold one value each, never JSON arrays",
    ),
    Case("`_id__gt` (argument-like column)", [("_id__gt", "20")], SAME, note="as Datasette, `_x__op` is a filter"),
    # -- sorting and paging -------------------------------------------------------------------
    Case("`_sort`", [("_sort", "nama")], SAME),
    Case(
        "`_sort` (column with empty values)",
        [("_sort", "jumlah")],
        DIFFERENT,
        compare="nonnull_ids",
        note="empty values come last in both directions (Datasette: first when ascending)",
    ),
    Case("`_sort_desc`", [("_sort_desc", "jumlah")], SAME),
    Case("`_size`", [("_size", "7")], SAME),
    Case("`_size=max`", [("_size", "max")], SAME, note="1,000 rows, Datasette's max_returned_rows"),
    Case("`_size=0`", [("_size", "0")], SAME, compare="count", note="no rows; counts (and facets) only"),
    Case("`_size` over 1,000", [("_size", "5000")], ANSWERED, compare="status", status=400),
    Case("`_size` negative", [("_size", "-1")], ANSWERED, compare="status", status=400),
    Case(
        "`_next` (Datasette's primary-key token)",
        [("_size", "5")],
        SAME,
        compare="next",
        note="Lontar's own `next` tokens are opaque; a client may also send the primary key",
    ),
    Case("`_next` (sort value, primary key)", [("_size", "4"), ("_sort_desc", "jumlah")], SAME, compare="next"),
    Case("`_next` (not a token)", [("_next", "zz,zz")], ANSWERED, compare="none", status=400),
    # -- columns and shapes ---------------------------------------------------------------------
    Case(
        "`_col`",
        [("_col", "nama"), ("_col", "tahun")],
        SAME,
        compare="keys",
        note="the primary key `_id` always comes first",
    ),
    Case("`_nocol`", [("_nocol", "catatan"), ("_nocol", "nilai")], SAME, compare="keys"),
    Case("`_col` (unknown column)", [("_col", "nope")], ANSWERED, compare="status", status=400),
    Case("`_nocol=_id` (primary key)", [("_nocol", "_id")], ANSWERED, compare="status", status=400),
    Case("`_shape=objects`", [("_shape", "objects")], SAME, compare="shape"),
    Case("`_shape=arrays`", [("_shape", "arrays")], SAME, compare="shape"),
    Case("`_shape=array`", [("_shape", "array")], SAME, compare="shape"),
    Case("`_shape=array&_nl=on`", [("_shape", "array"), ("_nl", "on")], SAME, compare="shape"),
    Case("`_shape=arrayfirst`", [("_shape", "arrayfirst")], SAME, compare="shape"),
    Case("`_shape=object`", [("_shape", "object")], SAME, compare="shape"),
    Case("`_shape` unknown", [("_shape", "xml")], ANSWERED, compare="status", status=400),
    # -- facets, counts -------------------------------------------------------------------------
    Case("`_facet`", [("_facet", "tahun")], SAME, compare="facets", note="`facet_results` in Datasette 1.0's shape"),
    Case("`_facet` (several)", [("_facet", "tahun"), ("_facet", "kode"), ("tahun", "2021")], SAME, compare="facets"),
    Case("`_facet_size`", [("_facet", "kode"), ("_facet_size", "2")], SAME, compare="facets"),
    Case("`_facet_size=max`", [("_facet", "nama"), ("_facet_size", "max")], SAME, compare="facets"),
    Case("`_nofacet`", [("_facet", "tahun"), ("_nofacet", "1")], SAME, compare="facets"),
    Case(
        "`_nosuggest` / `_extra=suggested_facets`",
        [("_extra", "suggested_facets")],
        SAME,
        compare="suggested",
        note="suggestions only with `_extra=suggested_facets` (Datasette 1.0); 50 ms per column",
    ),
    Case("`_nocount`", [("_nocount", "1")], SAME, compare="count"),
    Case(
        "`_nocount=1&_nofacet=1&_nosuggest=1` (bench/)",
        [("_nocount", "1"), ("_nofacet", "1"), ("_nosuggest", "1"), ("_size", "100")],
        SAME,
    ),
    Case(
        "`_facet_array`, `_facet_date`",
        [("_facet_array", "catatan")],
        REFUSED,
        compare="status",
        status=400,
        note="no JSON-array columns; date facets: facet the date column",
    ),
    # -- search ---------------------------------------------------------------------------------
    Case(
        "`_search`",
        [("_search", "biasa")],
        SAME,
        note="no full-text index: each word (at most 4, of 62 characters) is a case-insensitive substring "
        "of the row's text columns",
    ),
    Case("`_search_COLUMN`", [("_search_catatan", "pesisir")], SAME),
    Case(
        "`_searchmode=raw`",
        [("_search", "biasa"), ("_searchmode", "raw")],
        SAME,
        note="accepted; words are always matched literally",
    ),
    # -- accepted without effect -----------------------------------------------------------------
    Case("`_labels`, `_label`", [("_labels", "on")], SAME, note="no foreign keys to expand"),
    Case("`_json`", [("_json", "catatan")], SAME, note="columns hold no JSON"),
    Case("`_json_infinity`", [("_json_infinity", "1")], SAME, note="values are finite"),
    Case("`_ttl`", [("_ttl", "0")], SAME, note="accepted; caching is the server's"),
    Case("`_trace`", [("_trace", "1")], SAME, note="accepted; tracing is off, as on a default Datasette"),
    Case(
        "`_timelimit`",
        [("_timelimit", "500")],
        SAME,
        note="lowers the time limit (never above DATASTORE_TIME_LIMIT_MS)",
    ),
    Case("`_dl`", [("_dl", "1")], SAME, note="CSV: a download (attachment)"),
    # -- refused --------------------------------------------------------------------------------
    Case(
        "`_where`",
        [("_where", "1=1")],
        ANSWERED,
        compare="status",
        status=403,
        note="as Datasette without the execute-sql permission; public SQL is /data/sql.json",
        same_status_in_065=False,
    ),
    Case(
        "`_through`",
        [("_through", '{"table":"x","column":"y","value":"1"}')],
        REFUSED,
        compare="status",
        status=400,
        note="no foreign keys",
    ),
    Case(
        "unknown `_argument`",
        [("_bogus", "1")],
        REFUSED,
        compare="status",
        status=400,
        note="Lontar lists the valid ones (Datasette ignores it)",
    ),
    # -- Datasette 1.0 extras --------------------------------------------------------------------
    Case("`_extra=count`", [("_extra", "count")], LONTAR_ONLY, compare="extra", extra={"count": 25}),
    Case(
        "`_extra=columns,primary_keys`",
        [("_extra", "columns,primary_keys")],
        LONTAR_ONLY,
        compare="extra",
        extra={"primary_keys": ["_id"]},
    ),
    Case(
        "`_extra=database,table`",
        [("_extra", "database"), ("_extra", "table")],
        LONTAR_ONLY,
        compare="extra",
        extra={"database": "uji", "table": "api"},
    ),
    Case(
        "`_extra=facet_results`",
        [("_extra", "facet_results")],
        LONTAR_ONLY,
        compare="extra",
        extra={"facet_results": {"results": {}, "timed_out": []}},
    ),
    Case(
        "`_extra=` unknown",
        [("_extra", "nope")],
        ANSWERED,
        compare="status",
        status=400,
        note="as Datasette 1.0: 400 `Unknown _extra`",
        same_status_in_065=False,
    ),
    Case(
        "`_extra=query`, `count_sql`, …",
        [("_extra", "count_sql")],
        REFUSED,
        compare="status",
        status=400,
        note="SQL text, SQLite schema and HTML-interface extras are not given",
    ),
]


@pytest.fixture
def compat(write, load, tmp_path):
    """The Lontar table and an SQLite file (for Datasette) holding exactly its rows."""
    load(write(make_csv()), key="uji/api")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    body = json.loads(client.get(LONTAR, {"_size": "max"}).content)
    path = tmp_path / "uji.db"
    db = sqlite_utils.Database(path)
    rows = [{k: (int(v) if isinstance(v, bool) else v) for k, v in r.items()} for r in body["rows"]]
    types = {"jumlah": int, "tahun": int, "nilai": float, "aktif": int}
    db["api"].insert_all(rows, pk="_id", columns=types)
    db["api"].enable_fts(["nama", "catatan"])
    db.conn.close()
    return client, path


def datasette_get(path: Path, url: str, params: list[tuple[str, str]]) -> tuple[int, str, dict[str, str]]:
    async def go() -> tuple[int, str, dict[str, str]]:
        ds = Datasette([str(path)], settings={"max_returned_rows": 1000})
        await ds.invoke_startup()
        response = await ds.client.get(url + ("?" + urlencode(params) if params else ""))
        return response.status_code, response.text, dict(response.headers)

    return asyncio.run(go())


def lontar_get(client: Client, params: list[tuple[str, str]], url: str = LONTAR) -> tuple[int, str, Any]:
    response = client.get(url + ("?" + urlencode(params) if params else ""))
    return response.status_code, response.content.decode(), response


def plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (int(v) if isinstance(v, bool) else v) for k, v in row.items()}


def objects(params: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Datasette 0.65 answers arrays by default; both answer objects with ``_shape=objects``."""
    return params if any(k == "_shape" for k, _v in params) else [*params, ("_shape", "objects")]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_parameter(compat, case):
    client, path = compat
    DATASETTE_DB["path"] = path
    status, text, response = lontar_get(client, case.params)
    assert status == case.status, text[:400]
    assert status < 500
    if status >= 400:
        body = json.loads(text)
        assert body["ok"] is False and body["status"] == status and body["error"]  # Datasette's error shape
        if case.compare == "status":
            ds_status, ds_text, _h = datasette_get(path, DATASETTE, case.params)
            if case.verdict == ANSWERED and case.same_status_in_065:
                assert ds_status == status, ds_text[:300]
        return
    if case.compare == "none":
        return
    if case.compare == "extra":
        body = json.loads(text)
        for key, value in case.extra.items():
            assert body[key] == value
        return
    ds_status, ds_text, ds_headers = datasette_get(path, DATASETTE, objects(case.datasette or case.params))
    assert ds_status == 200, ds_text[:300]
    COMPARE[case.compare](json.loads(text) if case.compare != "shape" else (text, response), ds_text, ds_headers, case)


def _ids(body: Any) -> list[int]:
    return [r["_id"] for r in body["rows"]]


def compare_ids(lontar: Any, ds_text: str, headers: Any, case: Case) -> None:
    datasette = json.loads(ds_text)
    assert [plain(r) for r in lontar["rows"]] == datasette["rows"]
    assert lontar["count"] == datasette["filtered_table_rows_count"]


def compare_nonnull(lontar: Any, ds_text: str, headers: Any, case: Case) -> None:
    datasette = json.loads(ds_text)
    column = dict(case.params)["_sort"]
    assert [r["_id"] for r in lontar["rows"] if r[column] is not None] == [
        r["_id"] for r in datasette["rows"] if r[column] is not None
    ]


def compare_keys(lontar: Any, ds_text: str, headers: Any, case: Case) -> None:
    datasette = json.loads(ds_text)
    assert list(lontar["rows"][0]) == list(datasette["rows"][0])
    assert lontar["columns"] == datasette["columns"]
    assert [plain(r) for r in lontar["rows"]] == datasette["rows"]


def compare_count(lontar: Any, ds_text: str, headers: Any, case: Case) -> None:
    datasette = json.loads(ds_text)
    assert lontar["rows"] == datasette["rows"] or [plain(r) for r in lontar["rows"]] == datasette["rows"]
    assert lontar["count"] == datasette["filtered_table_rows_count"]


def compare_shape(lontar: Any, ds_text: str, headers: Any, case: Case) -> None:
    text, response = lontar
    shape = dict(case.params)["_shape"]
    if dict(case.params).get("_nl"):
        assert [plain(json.loads(line)) for line in text.splitlines()] == [
            json.loads(ln) for ln in ds_text.splitlines()
        ]
        assert response["Content-Type"].startswith("text/plain") and headers["content-type"].startswith("text/plain")
        return
    mine, theirs = json.loads(text), json.loads(ds_text)
    if shape == "array":
        assert [plain(r) for r in mine] == theirs
    elif shape == "object":
        assert {k: plain(v) for k, v in mine.items()} == theirs
    elif shape == "arrayfirst":
        assert mine == theirs
    elif shape == "arrays":
        assert [[int(v) if isinstance(v, bool) else v for v in r] for r in mine["rows"]] == theirs["rows"]
        assert mine["columns"] == theirs["columns"]
    else:
        assert [plain(r) for r in mine["rows"]] == theirs["rows"]
    assert ("link" in headers) == (response.get("Link") is not None)


def compare_facets(lontar: Any, ds_text: str, headers: Any, case: Case) -> None:
    datasette = json.loads(ds_text)["facet_results"]  # 0.65: {column: facet}; 1.0: {"results": {column: facet}}
    mine = lontar["facet_results"]["results"]
    assert sorted(mine) == sorted(datasette)
    for column, facet in mine.items():
        assert [(plain({"v": i["value"]})["v"], i["count"]) for i in facet["results"]] == [
            (i["value"], i["count"]) for i in datasette[column]["results"]
        ]
        assert facet["truncated"] == datasette[column]["truncated"]
        assert {"name", "type", "hideable", "toggle_url", "results", "truncated"} <= set(facet)
        assert {"value", "label", "count", "toggle_url", "selected"} <= set(facet["results"][0])


def compare_suggested(lontar: Any, ds_text: str, headers: Any, case: Case) -> None:
    datasette = json.loads(ds_text)["suggested_facets"]
    columns = [s["name"] for s in datasette if s.get("type", "column") == "column"]
    assert [s["name"] for s in lontar["suggested_facets"]] == columns


def compare_next(lontar: Any, ds_text: str, headers: Any, case: Case) -> None:
    """Datasette's own ``next`` token sent to Lontar continues where Datasette continues."""
    datasette = json.loads(ds_text)
    assert [plain(r) for r in lontar["rows"]] == datasette["rows"]
    assert datasette["next"]
    follow = [*case.params, ("_next", datasette["next"]), ("_shape", "objects")]
    status, text, _r = lontar_get(Client(HTTP_ACCEPT_LANGUAGE="en"), follow)
    assert status == 200, text[:300]
    _status, theirs, _h = datasette_get(DATASETTE_DB["path"], DATASETTE, follow)
    assert [plain(r) for r in json.loads(text)["rows"]] == json.loads(theirs)["rows"]


#: the SQLite file of the running test (compare_next asks Datasette for the next page)
DATASETTE_DB: dict[str, Path] = {}

COMPARE = {
    "ids": compare_ids,
    "nonnull_ids": compare_nonnull,
    "keys": compare_keys,
    "count": compare_count,
    "shape": compare_shape,
    "facets": compare_facets,
    "suggested": compare_suggested,
    "next": compare_next,
}


def test_database_view_and_missing_table(compat):
    client, path = compat
    status, text, _r = lontar_get(client, [], "/data/uji.json")
    ds_status, ds_text, _h = datasette_get(path, "/uji.json", [])
    assert status == ds_status == 200
    assert [t["name"] for t in json.loads(text)["tables"]] == [
        t["name"] for t in json.loads(ds_text)["tables"] if not t["name"].startswith("api_fts")
    ]
    status, text, _r = lontar_get(client, [], "/data/uji/nope.json")
    ds_status, ds_text, _h = datasette_get(path, "/uji/nope.json", [])
    assert status == ds_status == 404
    mine, theirs = json.loads(text), json.loads(ds_text)
    assert mine["ok"] is theirs["ok"] is False and mine["status"] == theirs["status"] == 404
    assert lontar_get(client, [], "/data/tidak-ada.json")[0] == 404


def test_hostile_input_answers_4xx_quickly(compat):
    client, _path = compat
    hostile = [
        [("_col", "nama")] * 10_000,
        [("_col", "x" * 5000)],
        [("_next", "9" * 400)],
        [("_next", "$null,1"), ("_sort", "nama")],
        [("_next", "~ZZ,1"), ("_sort", "nama")],
        [("_next", "1,2,3")],
        [("_size", "9" * 100)],
        [("_size", "-5")],
        [("nama__like", "%a" * 40)],
        [("nama__glob", "*" * 100)],
        [
            ("nama__contains", "a"),
            ("nama__like", "%b%"),
            ("catatan__glob", "*c*"),
            ("kode__startswith", "5"),
            ("nama__endswith", "1"),
        ],
        [("_search", "a b c d e")],
        [("_search", "x" * 100)],
        [("tahun__in", ",".join(["1"] * 500))],
        [("jumlah__gt", "1e999999")],
        [("tanggal__date", "2024-13-45")],
        [("nama__notin", "[1, {}]")],
        [("_timelimit", "-1")],
        [("_facet_size", "9999999999999")],
        [("_extra", "," * 1000)],
        [("nama\x00__exact", "1")],
        [("_where", "1=1; DROP TABLE x")],
    ]
    for params in hostile:
        started = time.perf_counter()
        response = client.get(LONTAR + "?" + urlencode(params))
        assert time.perf_counter() - started < 5, params[:2]  # the time limit is 1 s per statement
        assert response.status_code < 500, params[:2]
        if response.status_code >= 400:
            body = json.loads(response.content)
            assert body["ok"] is False and body["status"] == response.status_code


def test_next_accepts_client_made_tokens(compat):
    client, _path = compat
    body = json.loads(client.get(LONTAR, {"_next": "20"}).content)
    assert [r["_id"] for r in body["rows"]] == [21, 22, 23, 24, 25]
    body = json.loads(client.get(LONTAR, {"_next": "20", "_sort_desc": "_id"}).content)
    assert [r["_id"] for r in body["rows"]][:2] == [19, 18]
    body = json.loads(client.get(LONTAR, {"_next": "Desa~2020,20", "_sort": "nama"}).content)
    assert [r["_id"] for r in body["rows"]] == [21, 22, 23, 24, 25]
    body = json.loads(client.get(LONTAR, {"_next": "$null,7", "_sort": "jumlah"}).content)
    assert [r["_id"] for r in body["rows"]] == [14, 21]
    own = json.loads(client.get(LONTAR, {"_size": "5"}).content)["next"]
    second = json.loads(client.get(LONTAR, {"_size": "5", "_next": own}).content)
    assert second["rows"][0]["_id"] == 6


def render_docs() -> str:
    lines = [
        "# Datasette compatibility of the `/data/` table API",
        "",
        "Lontar's public row API (`/data/<dataset>/<resource>.json`, `/data/<dataset>.json`) answers",
        "Datasette clients. The target is Datasette 1.0's JSON (rows as objects by default, `?_extra=`,",
        '`facet_results` as `{"results": {...}, "timed_out": [...]}`); where Datasette 0.65 answers the',
        "same, a 0.65 client works too. Errors answer in Datasette's shape",
        '(`{"ok": false, "error", "errors", "status", "title"}`, sent as `application/json`), which',
        "also carries the RFC 9457 members (`type`, `detail`, `instance`).",
        "",
        "This table is generated from `tests/datastore/test_datasette_compat.py` (part of `make test`):",
        "every row is a test case, and where Datasette can answer, the test runs a real Datasette",
        "(the `datasette` package in `.venv`) on the same rows in an SQLite file made with sqlite-utils",
        "and checks that both give the same rows and keys. Regenerate with",
        "`LONTAR_WRITE_DOCS=1 .venv/bin/pytest tests/datastore/test_datasette_compat.py -k docs`.",
        "",
        "Lontar tables have one primary key, `_id`; a Datasette URL `/<database>/<table>.json` is",
        "`/data/<dataset>/<resource>.json`. Lontar keeps its own keys too (`resource`, `version`,",
        "`fields`, `count`, `count_truncated`, `facets`); Datasette clients ignore keys they do not know.",
        "",
        "| Parameter | Example | Lontar's answer | Notes |",
        "|---|---|---|---|",
    ]
    for case in CASES:
        example = "`?" + urlencode(case.params, safe=',[]"%?*:{}/~$', quote_via=quote).replace("|", "%7C") + "`"
        verdict = case.verdict + (f" ({case.status})" if case.status != 200 else "")
        lines.append(f"| {case.parameter} | {example} | {verdict} | {case.note} |")
    lines += [
        "",
        "## `_extra` and the database view",
        "",
        "`_extra=` names Lontar answers: " + ", ".join(f"`{e}`" for e in dargs.EXTRAS) + ". Datasette's",
        "others (" + ", ".join(f"`{e}`" for e in dargs.DATASETTE_ONLY_EXTRAS) + ") answer 400: they give",
        "SQL text, SQLite schema or HTML-interface details. Any other name answers 400 `Unknown _extra`.",
        "",
        "`/data/<dataset>.json` is Datasette's database view: `tables` lists the dataset's public",
        "tables (`name`, `columns`, `primary_keys`, `count`); an unknown dataset answers 404 in",
        "Datasette's error shape, as does an unknown table.",
        "",
        "## Limits",
        "",
        "- Text matches (`contains`, `notcontains`, `startswith`, `endswith`, `like`, `notlike`, `glob`,",
        "  and each `_search` word) are at most 4 per query and 64 characters per pattern: one row's",
        "  matches run without a time check on SQLite, so their number and length bound its cost (as",
        "  for public SQL). `_search` joins the row's text columns and matches each word once per row.",
        "- Every statement has the datastore time limit (`DATASTORE_TIME_LIMIT_MS`); `_timelimit` can",
        "  only lower it. Facets that run out of time are listed in `facet_results.timed_out`;",
        "  suggested facets get 50 ms per column, for at most 20 columns of the first 1,000 rows.",
        "- `_size` is 0 to 1,000; `_facet_size` at most 1,000; at most 5 facets and 100 `__in` values;",
        "  at most `DATA_UPLOAD_MAX_NUMBER_FIELDS` parameters (more answer 400).",
        "- Counts stop at 10,000 (`count_truncated: true`) unless `_count=exact`. The capped count has 40 ms",
        "  (`COUNT_LIMIT_MS`); when it needs longer, `count` is `null` and the rows are still answered (as",
        "  Datasette does when its count runs out of time; `_count=exact` has the full time limit).",
        "",
    ]
    return "\n".join(lines)


def test_docs_table_is_current():
    text = render_docs()
    if os.environ.get("LONTAR_WRITE_DOCS"):
        DOCS.write_text(text, encoding="utf-8")
    assert DOCS.read_text(encoding="utf-8") == text, (
        "docs/datasette-compat.md is out of date (see the module docstring)"
    )


def test_csv_takes_col_and_dl(compat):
    client, _path = compat
    response = client.get("/data/uji/api.csv", {"_col": ["nama", "tahun"], "_dl": "1", "_size": "3"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert response.content.decode().splitlines()[0] == "_id,nama,tahun"
    stream = client.get("/data/uji/api.csv", {"_nocol": "catatan", "_stream": "on"})
    lines = b"".join(stream.streaming_content).decode().splitlines()
    assert "catatan" not in lines[0] and len(lines) == 26
