"""The datastore's read-only connection survives a server that ended it (a PostgreSQL restart)."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connections

from lontar.datastore.query import engine

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(databases=["default", "datastore"])]


def _end_reader() -> int:
    pid = engine._pg.local.conn.info.backend_pid
    with connections["datastore"].cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    return pid


def test_a_kept_connection_ended_by_the_server_is_replaced_and_the_query_runs():
    assert engine.run("SELECT 1 AS x", tables=[]).rows == [(1,)]
    ended = _end_reader()
    result = engine.run("SELECT 2 AS x", tables=[])  # on the kept (dead) connection: retried once
    assert result.rows == [(2,)]
    assert engine._pg.local.conn.info.backend_pid != ended


def test_a_new_connection_that_fails_is_not_retried(monkeypatch):
    engine.run("SELECT 1 AS x", tables=[])
    engine._pg.local.conn = None
    calls = []

    def refused(*args, **kwargs):
        calls.append(1)
        raise psycopg.OperationalError("connection refused")

    monkeypatch.setattr(psycopg, "connect", refused)
    with pytest.raises(psycopg.OperationalError):
        engine.run("SELECT 1 AS x", tables=[])
    assert calls == [1]  # a database that is down answers 503 at once (lontar.core.outage)
