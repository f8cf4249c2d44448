"""manage.py db_analyze refreshes planner statistics on every database."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from lontar.demo.management.commands.demo_setup import DEMO_STEPS

pytestmark = pytest.mark.django_db(databases="__all__")


def test_analyze_runs_on_every_database_and_sqlite_gets_statistics():
    out = io.StringIO()
    call_command("db_analyze", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines] == ["default", "datastore"]
    if connection.vendor == "postgresql":
        assert all("skipped" in line for line in lines)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert cursor.fetchone()[0] == 1


def test_demo_setup_ends_with_it():
    assert DEMO_STEPS[-1] == ("db_analyze", {})
