"""The hostile-SQL corpus of the public SQL endpoint over HTTP, on SQLite and PostgreSQL.

Every query a security review used is kept here so it cannot come back: CPU bombs in one
function call (``printf('%.*c', 2000000000, 'x')`` held a core for ~12 s a call), memory bombs
(40 rows of ``zeroblob(9000000)`` gave a 480 MB answer; 20 rows of ``repeat('x', 9000000)`` on
PostgreSQL 180 MB), and functions that run SQL from a string (``ts_stat``, ``ts_rewrite``), which
read NIK and names from a private table on PostgreSQL without the read-only role.
"""

from __future__ import annotations

import json
import time

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import Client

from lontar.datastore import checks as datastore_checks
from lontar.datastore.query import engine
from tests.datastore.conftest import BOTH

pytestmark = pytest.mark.django_db(databases=BOTH, transaction=True)
SECRET = "Rahasia Nama"
ROLE = "lontar_ds_reader_hostile"
#: the bombs finish within the time limit plus this margin (a safety net, not a benchmark)
MARGIN_S = 5


@pytest.fixture(autouse=True, scope="module")
def _close_reader_connection():
    """The engine keeps a connection per thread; closed so the test database can be dropped."""
    yield
    conn = getattr(engine._pg.local, "conn", None)
    if conn is not None and not conn.closed:
        conn.close()
    engine._pg.local.conn = None


def postgres() -> bool:
    return connections["datastore"].vendor == "postgresql"


@pytest.fixture
def tables(write, load):
    load(write("a,b\n1,x\n2,y\n3,z\n"), key="uji/sql")
    private = load(write(f"nik,nama\n5301010101010001,{SECRET}\n", name="p.csv"), key="uji/rahasia", public=False)
    Client().get("/data/sql.json", {"sql": "SELECT 1"})  # the first request loads URLs and catalogues
    return private.table_name


def hostile(private: str) -> list[str]:
    """What the review tried (and close relatives); ``private`` is the private table's real name."""
    inner = f"SELECT to_tsvector(nama) FROM {private}"
    return [
        f"SELECT * FROM ts_stat('{inner}')",
        f"SELECT * FROM ts_stat('SELECT to_tsvector(nama) FROM \"{private}\"')",
        f"SELECT ts_rewrite('a'::tsquery, 'SELECT ''a''::tsquery, nama::tsquery FROM {private}')",
        "SELECT * FROM ts_stat('SELECT to_tsvector(usename) FROM pg_user')",
        "SELECT * FROM ts_stat('SELECT to_tsvector(table_name) FROM information_schema.tables')",
        f"SELECT * FROM \"ts_stat\"('{inner}')",
        f"SELECT * FROM \"uji/sql\" t, LATERAL ts_stat('{inner}') s",
        f"SELECT query_to_xml('SELECT * FROM {private}', true, true, '')",
        f"SELECT table_to_xml('{private}', true, true, '')",
        "SELECT xpath('/a', query_to_xml('SELECT 1', true, true, ''))",
        "SELECT * FROM dblink('dbname=lontar', 'SELECT 1') AS t(a int)",
        "SELECT lo_import('/etc/passwd')",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT * FROM pg_ls_dir('.')",
        "SELECT current_setting('data_directory')",
        "SELECT set_config('role', 'postgres', false)",
        "SELECT * FROM pg_user",
        "SELECT * FROM information_schema.tables",
        f"SELECT * FROM {private}",
        f'SELECT * FROM "{private}"',
        'SELECT * FROM "uji/rahasia"',
        f"SELECT * FROM pragma_table_info('{private}')",
        "SELECT name FROM sqlite_master",
        "SELECT load_extension('/tmp/evil')",
        'SELECT zeroblob(9000000) FROM "uji/sql"',
        "SELECT length(randomblob(500000000))",
        "SELECT repeat('x', 9000000) FROM generate_series(1, 20)",
        "SELECT lpad('x', 900000000, 'x')",
    ]


def get(sql: str, path: str = "/data/sql.json"):
    """(status, body); a bomb must be answered within the time limit plus MARGIN_S."""
    started = time.monotonic()
    response = Client(HTTP_ACCEPT_LANGUAGE="id").get(path, {"sql": sql})
    assert time.monotonic() - started < engine.time_limit_ms() / 1000 + MARGIN_S, sql
    return response.status_code, json.loads(response.content)


def assert_refused_everywhere(private: str) -> None:
    for sql in hostile(private):
        status, body = get(sql)
        assert status == 400, (sql, body)
        assert SECRET not in json.dumps(body) and "5301010101010001" not in json.dumps(body), sql
        status, body = get(sql, "/api/3/action/datastore_search_sql")
        # CKAN: 403 for system tables, functions not allowed and tables not public; else 409
        assert (status, body["error"]["__type"]) in ((409, "Validation Error"), (403, "Authorization Error")), (
            sql,
            body,
        )
        assert SECRET not in json.dumps(body), sql


def test_hostile_corpus_is_refused(tables):
    assert_refused_everywhere(tables)


def test_printf_bomb_is_refused_at_once(tables):
    """SQLite ran ~12 s per call (two calls: 23.5 s of one core); PostgreSQL has no printf."""
    one = "SELECT length(printf('%.*c', 2000000000, 'x'))"
    two = "SELECT length(printf('%.*c', 2000000000, 'x')) + length(printf('%.*c', 2000000000, 'y'))"
    for sql in (one, two, "SELECT length(format('%.*c', 2000000000, 'x'))", "SELECT printf('%2000000000c', 'x')"):
        status, body = get(sql)
        assert status == 400 and body["title"] == "Kueri ditolak.", body


@pytest.mark.parametrize("rows", [40, 20])
def test_big_values_are_refused(tables, rows):
    """Values over DATASTORE_VALUE_MAX_BYTES (1 MB) built by allowed functions: 400, not 480 MB."""
    if postgres():
        piece = "'" + "x" * 1000 + "'"
        nine_mb = f"(SELECT string_agg(t, '') FROM (SELECT {piece} AS t FROM generate_series(1, 9000)) AS s)"
        sql = f"SELECT {nine_mb} FROM generate_series(1, {rows})"
    else:
        grow = "replace(printf('%1000c', 'x'), ' ', printf('%1000c', 'y') || 'yy')"
        sql = f"WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < {rows}) SELECT {grow} FROM r"
    status, body = get(sql)
    assert status == 400, body
    assert body["title"] == "Hasil kueri terlalu besar." and "1 MB" in body["detail"]


def test_whole_answer_has_a_byte_budget(tables, settings):
    settings.DATASTORE_RESPONSE_MAX_BYTES = 50_000
    text = "'" + "x" * 100 + "'"
    rows = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < {n}) "
    status, body = get(rows.format(n=1000) + f"SELECT i, {text} AS t FROM r")
    assert status == 400 and body["title"] == "Hasil kueri terlalu besar.", body
    assert "0.05 MB" in body["detail"]
    status, body = get(rows.format(n=100) + f"SELECT i, {text} AS t FROM r")
    assert status == 200 and len(body["rows"]) == 100
    status, body = get(rows.format(n=1000) + f"SELECT i, {text} AS t FROM r", "/api/3/action/datastore_search_sql")
    assert status == 409 and "Hasil kueri terlalu besar." in body["error"]["message"]


def test_long_searches_finish_within_the_limit(tables):
    """instr/replace of a 250,000-character pattern in 500,000 characters: ~39 s on SQLite's own
    functions; the stand-ins answer at once. PostgreSQL's statement_timeout bounds its own."""
    if postgres():
        big = "(SELECT string_agg('a', '') FROM generate_series(1, 499999))"
        search = "strpos(x, substr(x, 1, 250000) || 'b')"
        sql = f"WITH h(x) AS ({big}) SELECT {search}, length(replace(x, substr(x, 1, 250000) || 'b', 'c')) FROM h"
    else:
        big = "replace(replace(printf('%1000c', 'a'), ' ', printf('%500c', 'a')), ' ', 'a')"
        search = "instr(x, substr(x, 1, 250000) || 'b')"
        big = f"SELECT {big}"
        sql = f"WITH h(x) AS ({big}) SELECT {search}, length(replace(x, substr(x, 1, 250000) || 'b', 'c')) FROM h"
    status, body = get(sql)
    assert status in (200, 400), body
    if status == 400:
        assert body["title"] == "Batas waktu kueri terlampaui."


def test_cpu_bomb_in_one_call_hits_the_time_limit(tables, settings):
    """PostgreSQL's statement_timeout stops a long single call; SQLite's watchdog and progress
    handler stop a long query (no single allowed call there runs long)."""
    settings.DATASTORE_TIME_LIMIT_MS = 300
    if postgres():
        sql = "SELECT count(*) FROM generate_series(1, 100000000000)"
    else:
        sql = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r"
    status, body = get(sql)
    assert status == 400 and body["title"] == "Batas waktu kueri terlampaui.", body


def test_production_refuses_public_sql_on_postgres_without_the_role(tables, settings):
    settings.DATASTORE_REQUIRE_READONLY_ROLE = True
    settings.DATASTORE_READONLY_URL = ""
    status, body = get('SELECT count(*) AS n FROM "uji/sql"')
    if not postgres():
        assert status == 200 and body["rows"] == [{"n": 3}]
        return
    assert status == 503 and body["title"] == "Kueri SQL publik tidak tersedia.", body
    status, body = get('SELECT count(*) AS n FROM "uji/sql"', "/api/3/action/datastore_search_sql")
    assert status == 403 and body["error"]["__type"] == "Authorization Error"
    page = Client(HTTP_ACCEPT_LANGUAGE="id").get("/data/sql", {"sql": 'SELECT count(*) FROM "uji/sql"'})
    assert page.status_code == 503


def test_deploy_check_wants_the_role_on_postgres(settings, monkeypatch):
    monkeypatch.setattr(datastore_checks, "_datastore_engine", lambda: "django.db.backends.postgresql")
    settings.DATASTORE_READONLY_URL = ""
    assert [m.id for m in datastore_checks.readonly_role_check()] == ["lontar.E006"]
    settings.DATASTORE_READONLY_URL = "postgres://lontar_reader:x@127.0.0.1/lontar_datastore"
    assert datastore_checks.readonly_role_check() == []
    monkeypatch.setattr(datastore_checks, "_datastore_engine", lambda: "django.db.backends.sqlite3")
    settings.DATASTORE_READONLY_URL = ""
    assert datastore_checks.readonly_role_check() == []


@pytest.fixture
def reader(settings):
    db = connections["datastore"].settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    settings.DATASTORE_READONLY_URL = f"postgres://{ROLE}:uji-sandi@{host}:{port}/{db['NAME']}"
    settings.DATASTORE_REQUIRE_READONLY_ROLE = True
    engine._pg.local.conn = None
    yield ROLE
    engine._pg.local.conn = None
    with connections["datastore"].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
        if cursor.fetchone():
            cursor.execute(f'DROP OWNED BY "{ROLE}"')
            cursor.execute(f'DROP ROLE "{ROLE}"')


@pytest.mark.postgres_only
def test_hostile_corpus_with_the_reader_role(tables, reader):
    """With the role the corpus is refused the same way; and were the guard bypassed, the role
    still reads nothing private through a function that runs SQL from a string."""
    call_command("datastore_reader_setup")
    status, body = get('SELECT count(*) AS n FROM "uji/sql"')
    assert status == 200 and body["rows"] == [{"n": 3}]
    assert_refused_everywhere(tables)
    for sql in (
        f"SELECT * FROM ts_stat('SELECT to_tsvector(nama) FROM {tables}')",
        f"SELECT query_to_xml('SELECT * FROM {tables}', true, true, '')",
        f"SELECT * FROM {tables}",
    ):
        with pytest.raises(engine.QueryError) as err:
            engine.run(sql, None, tables=[], max_rows=10, max_bytes=1_000_000)
        assert err.value.kind == "denied" and SECRET not in err.value.detail


def _half_mb_value() -> str:
    if postgres():
        return "(SELECT string_agg('a', '') FROM generate_series(1, 500000))"
    return "replace(replace(printf('%1000c', 'a'), ' ', printf('%500c', 'a')), ' ', 'a')"


def test_one_row_cannot_hold_many_pattern_matches(tables):
    """One row's expressions run without a time check on SQLite: 26 LIKEs on a 512 KB value held a
    core for 23.6 s against a 1 s limit. More than MAX_PATTERN_MATCHES are refused before running;
    the few allowed answer within the limit."""
    terms = " + ".join(f"(x LIKE '%' || substr(x, 1, 40) || '{c}%')" for c in "XYZWVUTSRQPONMLKJIHGFEDCBA")
    status, body = get(f"WITH h(x) AS (SELECT {_half_mb_value()}) SELECT {terms} FROM h")
    assert status == 400 and body["title"] == "Kueri ditolak.", body
    assert "pencocokan pola" in body["detail"], body
    few = " + ".join(f"(CASE WHEN x LIKE '%' || substr(x, 1, 40) || '{c}%' THEN 1 ELSE 0 END)" for c in "XYZW")
    status, body = get(f"WITH h(x) AS (SELECT {_half_mb_value()}) SELECT {few} FROM h")
    assert status in (200, 400), body
    if status == 400:
        assert body["title"] == "Batas waktu kueri terlampaui.", body


def test_one_row_cannot_hold_a_thousand_calls(tables):
    """1,100 upper(x) columns on a ~1 MB value ran 8 s on SQLite; refused before running."""
    columns = ", ".join("length(upper(x))" for _ in range(550))
    status, body = get(f"WITH h(x) AS (SELECT {_half_mb_value()}) SELECT {columns} FROM h")
    assert status == 400 and "fungsi" in body["detail"], body
    status, body = get(f"WITH h(x) AS (SELECT {_half_mb_value()}) SELECT length(upper(x)), length(x) FROM h")
    assert status == 200, body
