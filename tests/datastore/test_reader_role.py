"""PostgreSQL: the read-only role of DATASTORE_READONLY_DATABASE_URL sees public tables only."""

from __future__ import annotations

import json
import os
from urllib.parse import urlparse

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import Client

from lontar.datastore.query import engine
from lontar.datastore.services import datastore_set_public
from tests.datastore.conftest import BOTH

pytestmark = pytest.mark.django_db(databases=BOTH, transaction=True)
# roles belong to the whole PostgreSQL cluster: one per xdist worker
ROLE = f"lontar_ds_reader_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def test_sqlite_needs_no_role(settings):
    if connections["datastore"].vendor != "sqlite":
        pytest.skip("SQLite answer of the command")
    with pytest.raises(CommandError):
        call_command("datastore_reader_setup")


@pytest.fixture
def reader(settings):
    if connections["datastore"].vendor != "postgresql":
        pytest.skip("PostgreSQL roles")
    db = connections["datastore"].settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    settings.DATASTORE_READONLY_URL = f"postgres://{ROLE}:uji-sandi@{host}:{port}/{db['NAME']}"
    engine._pg.local.conn = None
    yield ROLE
    engine._pg.local.conn = None
    with connections["datastore"].cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM pg_roles WHERE rolname = '{ROLE}'")
        if cursor.fetchone():
            cursor.execute(f'DROP OWNED BY "{ROLE}"')
            cursor.execute(f'DROP ROLE "{ROLE}"')


def test_role_reads_exactly_the_public_tables(reader, write, load):
    public = load(write("a\n1\n"), key="uji/publik")
    private = load(write("b\n2\n", name="b.csv"), key="uji/internal", public=False)
    call_command("datastore_reader_setup")
    client = Client()
    assert json.loads(client.get("/data/uji/publik.json").content)["rows"] == [{"_id": 1, "a": 1}]
    with pytest.raises(engine.QueryError) as err:
        engine.run(f'SELECT * FROM "{private.table_name}"', None, tables=[])
    assert err.value.kind == "denied"
    with pytest.raises(engine.QueryError):
        engine.run("SELECT pg_read_file('/etc/hostname')", None, tables=[])
    datastore_set_public(actor=None, table=public, is_public=False)
    with pytest.raises(engine.QueryError) as err:
        engine.run(f'SELECT * FROM "{public.table_name}"', None, tables=[])
    assert err.value.kind == "denied"
    datastore_set_public(actor=None, table=private, is_public=True)
    assert engine.run(f'SELECT b FROM "{private.table_name}"', None, tables=[]).rows == [(2,)]
    assert urlparse(engine._pg._conninfo()).username == ROLE
