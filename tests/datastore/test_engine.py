"""The read-only engine on its own: the second line of defence behind the SQL checks."""

from __future__ import annotations

import pytest
from django.db import connections

from lontar.datastore.query import engine
from tests.datastore.conftest import BOTH

pytestmark = pytest.mark.django_db(databases=BOTH, transaction=True)


def sqlite() -> bool:
    return connections["datastore"].vendor == "sqlite"


@pytest.fixture
def two(write, load):
    public = load(write("a\n1\n2\n"), key="uji/satu")
    private = load(write("b\n9\n", name="b.csv"), key="uji/dua", public=False)
    return public.table_name, private.table_name


def refused(sql, tables, kind=("denied", "invalid")):
    with pytest.raises(engine.QueryError) as err:
        engine.run(sql, None, tables=tables, max_rows=10)
    assert err.value.kind in kind
    return err.value


def test_reads_only_the_named_tables(two):
    public, private = two
    assert engine.run(f'SELECT a FROM "{public}" ORDER BY a', None, tables=[public]).rows == [(1,), (2,)]
    if sqlite():
        refused(f'SELECT * FROM "{private}"', [public])
        refused(f'SELECT count(*) FROM "{private}"', [public])
        refused("SELECT * FROM sqlite_master", [public])
        refused(f'WITH x AS (SELECT * FROM "{private}") SELECT count(*) FROM x', [public])


@pytest.mark.parametrize(
    "sql",
    [
        'DELETE FROM "{public}"',
        'UPDATE "{public}" SET a = 0',
        'INSERT INTO "{public}" (a) VALUES (3)',
        'DROP TABLE "{public}"',
        'CREATE TABLE "ds_ffffffffffffffff" (x INTEGER)',
    ],
)
def test_writes_are_impossible(two, sql):
    public, _private = two
    refused(sql.format(public=public), [public])
    assert engine.run(f'SELECT count(*) FROM "{public}"', None, tables=[public]).rows == [(2,)]


def test_sqlite_attach_and_pragma(two):
    if not sqlite():
        pytest.skip("SQLite-only statements; PostgreSQL has its read-only transaction and role")
    public, _private = two
    refused("ATTACH DATABASE ':memory:' AS x", [public])
    refused("PRAGMA query_only = 0", [public])
    refused("SELECT load_extension('x')", [public])


def test_postgres_session_is_read_only(two):
    if sqlite():
        pytest.skip("PostgreSQL-only: SQLite is covered by its authorizer")
    public, _private = two
    refused("SET default_transaction_read_only = off", [public])
    refused("SELECT nextval('x')", [public])


def test_time_limit(two):
    bomb = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r"
    with pytest.raises(engine.QueryError) as err:
        engine.run(bomb, None, tables=[], limit_ms=200)
    assert err.value.kind == "timeout"
    public, _private = two
    assert engine.run(f'SELECT count(*) FROM "{public}"', None, tables=[public]).rows == [(2,)]
