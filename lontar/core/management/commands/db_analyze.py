"""Refresh the query planner's statistics of every database (ANALYZE).

PostgreSQL's autovacuum keeps them current by itself. SQLite has none until ANALYZE runs, and
without them its planner picks poor indexes on large tables (the PPID staff register took
65–100 ms a page instead of under 1 ms on 50,000 requests, ``bench/ppid.py``). ``make demo`` runs
this after loading the sample data; a SQLite installation should run it weekly. On PostgreSQL the
command does nothing.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connections


class Command(BaseCommand):
    help = "Refresh planner statistics (ANALYZE) of every SQLite database (PostgreSQL: autovacuum does it)."

    def handle(self, *args: Any, **options: Any) -> None:
        for alias in connections:
            connection = connections[alias]
            if connection.vendor != "sqlite":
                # autovacuum keeps them current; a database-wide ANALYZE would also lock shared catalogs
                self.stdout.write(f"{alias} ({connection.vendor}): statistics kept by autovacuum, skipped")
                continue
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA analysis_limit=1000")
                cursor.execute("ANALYZE")
            elapsed = (time.perf_counter() - started) * 1000
            self.stdout.write(f"{alias} ({connection.vendor}): ANALYZE in {elapsed:.0f} ms")
