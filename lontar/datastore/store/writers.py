"""Writing a new table into the ``datastore`` database, for SQLite and PostgreSQL.

SQLite: ``executemany`` of large chunks inside the caller's single transaction, with pragmas
tuned for a bulk load (no fsync, a large page cache, sorting in memory) and indexes created
after the rows. PostgreSQL: ``COPY ... FROM STDIN`` through psycopg's ``cursor.copy``, indexes
on ``(column, _id)`` so keyset pages use them, then ``ANALYZE``.

Every table has ``_id``: the row's position in the file (1, 2, …), its stable key for paging.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from lontar.datastore.ingest.convert import ColumnSpec
from lontar.datastore.ingest.names import is_table_name, quote

ALIAS = "datastore"
SQLITE_TYPES = {
    "text": "TEXT",
    "region": "TEXT",
    "date": "TEXT",
    "integer": "INTEGER",
    "boolean": "INTEGER",
    "decimal": "REAL",
}
POSTGRES_TYPES = {
    "text": "text",
    "region": "text",
    "date": "date",
    "integer": "bigint",
    "boolean": "boolean",
    "decimal": "numeric",
}


def datastore_connection() -> BaseDatabaseWrapper:
    return connections[ALIAS]


def vendor() -> str:
    return datastore_connection().vendor


class TableWriter:
    """Create one table and fill it. Call inside ``transaction.atomic(using="datastore")``."""

    decimals_as_text = False

    def __init__(self, table_name: str, specs: Sequence[ColumnSpec]) -> None:
        if not is_table_name(table_name):
            raise ValueError(f"not a datastore table name: {table_name!r}")
        self.table = table_name
        self.specs = list(specs)
        self.connection = datastore_connection()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)

    @contextmanager
    def bulk(self) -> Iterator[None]:
        yield

    def create(self) -> None:
        raise NotImplementedError

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def index_sql(self, position: int, column: str) -> str:
        raise NotImplementedError

    def create_indexes(self, columns: Sequence[str], progress: Callable[[int, int], None]) -> None:
        names = [s.name for s in self.specs]
        for done, column in enumerate(columns, start=1):
            self.execute(self.index_sql(names.index(column), column))
            progress(done, len(columns))

    def analyze(self) -> None:
        self.execute(f"ANALYZE {quote(self.table)}")

    def after_commit(self) -> None:
        return None


class SqliteWriter(TableWriter):
    @contextmanager
    def bulk(self) -> Iterator[None]:
        """No fsync during the load (the transaction is still atomic, and durable once the
        checkpoint runs), restored afterwards. Inside a caller's open transaction (tests) SQLite
        refuses to change the safety level, so it is left alone.

        The page cache and temp store keep their defaults on purpose: measured on the benchmark
        table, a 64 MB cache made CREATE INDEX take 50 % more CPU and an in-memory temp store
        twice as much (SQLite's sorter is faster with small runs merged than with one big one).
        ``PRAGMA threads`` (helper threads for the sorter) stays 0 too: on the shared 2-core
        machine it made the index phase take about twice the wall time and 10 % more CPU.
        """
        self.connection.ensure_connection()
        raw = self.connection.connection
        tuned = not raw.in_transaction
        if tuned:
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA busy_timeout=600000")
        try:
            yield
        finally:
            if tuned:
                raw.execute("PRAGMA synchronous=NORMAL")
                raw.execute("PRAGMA busy_timeout=5000")

    def create(self) -> None:
        columns = ", ".join(f"{quote(s.name)} {SQLITE_TYPES[s.type]}" for s in self.specs)
        self.execute(f'CREATE TABLE {quote(self.table)} ("_id" INTEGER PRIMARY KEY, {columns})')
        names = ", ".join(quote(s.name) for s in self.specs)
        marks = ", ".join("?" for _ in self.specs)
        # identifiers come from names.quote() over validated names; values are bound parameters
        self._insert = f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})"  # noqa: S608

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        self.connection.connection.executemany(self._insert, rows)

    def index_sql(self, position: int, column: str) -> str:
        return f"CREATE INDEX {quote(f'{self.table}_i{position}')} ON {quote(self.table)} ({quote(column)})"

    def analyze(self) -> None:
        raw = self.connection.connection
        raw.execute("PRAGMA analysis_limit=1000")
        raw.execute(f"ANALYZE {quote(self.table)}")

    def after_commit(self) -> None:
        """Move the load out of the write-ahead log now rather than on some reader's next write."""
        raw = self.connection.connection
        if not raw.in_transaction:
            raw.execute("PRAGMA wal_checkpoint(PASSIVE)")


class PostgresWriter(TableWriter):
    decimals_as_text = True

    def create(self) -> None:
        self.execute("SET LOCAL statement_timeout = 0")
        self.execute("SET LOCAL maintenance_work_mem = '256MB'")
        self.execute("SET LOCAL synchronous_commit = off")
        columns = ", ".join(f"{quote(s.name)} {POSTGRES_TYPES[s.type]}" for s in self.specs)
        self.execute(
            f'CREATE TABLE {quote(self.table)} ("_id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, {columns})'
        )
        names = ", ".join(quote(s.name) for s in self.specs)
        # FREEZE: the table was created in this (sub)transaction, so the rows are written frozen
        # and their pages marked all-visible (PostgreSQL 14+). Capped counts then read only the
        # (column, _id) index (Index Only Scan, no heap fetch): 20 M rows, a desa's ~6,000 rows
        # counted from ~6,000 heap pages before. Without it the pages wait for autovacuum.
        self._copy = f"COPY {quote(self.table)} ({names}) FROM STDIN WITH (FREEZE)"

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        with self.connection.cursor() as cursor, cursor.cursor.copy(self._copy) as copy:
            for row in rows:
                copy.write_row(row)

    def index_sql(self, position: int, column: str) -> str:
        return f'CREATE INDEX {quote(f"{self.table}_i{position}")} ON {quote(self.table)} ({quote(column)}, "_id")'


def writer_for(table_name: str, specs: Sequence[ColumnSpec]) -> TableWriter:
    if vendor() == "postgresql":
        return PostgresWriter(table_name, specs)
    return SqliteWriter(table_name, specs)


def existing_tables() -> set[str]:
    """Names of the datastore tables present in the database (only Lontar's ``ds_…`` names)."""
    connection = datastore_connection()
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return {n for n in names if is_table_name(n)}


def drop_table(table_name: str) -> None:
    if not is_table_name(table_name):
        raise ValueError(f"not a datastore table name: {table_name!r}")
    with datastore_connection().cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {quote(table_name)}")
