"""Read-only, time-limited execution of public datastore queries.

SQLite: a separate connection opened with ``mode=ro``, an authorizer that allows SELECT, reads
of the tables named for this query (and harmless functions) and denies everything else (writes,
ATTACH, PRAGMA, ``sqlite_master``…), a progress handler that stops a query at its deadline, and
tight SQLite limits (no attached databases, 10 MB strings). The connection is kept per thread.

PostgreSQL: a connection per thread as the read-only role of ``DATASTORE_READONLY_DATABASE_URL``
(production), or else as the datastore user with ``default_transaction_read_only``; each query
runs in a read-only transaction with ``SET LOCAL statement_timeout``.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as url_quote

from django.conf import settings

from lontar.datastore.ingest.names import is_table_name
from lontar.datastore.store.writers import datastore_connection, vendor

DENIED_FUNCTIONS = frozenset({"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"})
SQLITE_LIMITS = {
    "SQLITE_LIMIT_ATTACHED": 0,
    "SQLITE_LIMIT_LENGTH": 10_000_000,
    "SQLITE_LIMIT_SQL_LENGTH": 100_000,
    "SQLITE_LIMIT_EXPR_DEPTH": 200,
    "SQLITE_LIMIT_COMPOUND_SELECT": 100,
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 500,
    "SQLITE_LIMIT_VARIABLE_NUMBER": 2000,
    "SQLITE_LIMIT_FUNCTION_ARG": 32,
}


class QueryError(Exception):
    """A query the database refused or could not run (``kind``: timeout, denied, invalid)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}")


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool = False
    elapsed_ms: float = 0.0


def time_limit_ms() -> int:
    return int(getattr(settings, "DATASTORE_TIME_LIMIT_MS", 1000))


def placeholder() -> str:
    return "%s" if vendor() == "postgresql" else "?"


def run(
    sql: str,
    params: Sequence[Any] | None = (),
    *,
    tables: Collection[str],
    limit_ms: int | None = None,
    max_rows: int | None = None,
) -> Result:
    """Run one read-only statement that may read only ``tables``; ``max_rows`` caps the fetch."""
    limit = limit_ms or time_limit_ms()
    engine = _pg if vendor() == "postgresql" else _sqlite
    started = time.perf_counter()
    result = engine.run(sql, params, tables=frozenset(tables), limit_ms=limit, max_rows=max_rows)
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


class _SqliteEngine:
    def __init__(self) -> None:
        self.local = threading.local()

    def _open(self, name: str) -> sqlite3.Connection:
        if name.startswith("file:") and "mode=memory" in name:
            # The test runner's in-memory database: shared cache, made read-only by pragma.
            conn = sqlite3.connect(name, uri=True, check_same_thread=False, cached_statements=0)
            conn.execute("PRAGMA query_only=1")
        else:
            conn = sqlite3.connect(
                f"file:{url_quote(str(name))}?mode=ro", uri=True, check_same_thread=False, cached_statements=0
            )
        for limit_name, value in SQLITE_LIMITS.items():
            conn.setlimit(getattr(sqlite3, limit_name), value)
        conn.set_authorizer(self._authorize)
        return conn

    def _connection(self) -> sqlite3.Connection:
        name = str(datastore_connection().settings_dict["NAME"])
        conn = getattr(self.local, "conn", None)
        if conn is None or self.local.name != name:
            conn = self._open(name)
            self.local.conn, self.local.name = conn, name
        return conn

    def _authorize(self, action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
        allowed: frozenset[str] = getattr(self.local, "tables", frozenset())
        if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_READ:
            return sqlite3.SQLITE_OK if _may_read(arg1 or "", db, allowed) else sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_FUNCTION:
            return sqlite3.SQLITE_DENY if (arg2 or "").lower() in DENIED_FUNCTIONS else sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    def run(
        self, sql: str, params: Sequence[Any] | None, *, tables: frozenset[str], limit_ms: int, max_rows: int | None
    ) -> Result:
        conn = self._connection()
        deadline = time.monotonic() + limit_ms / 1000
        self.local.tables = tables
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 1000)
        try:
            cursor = conn.execute(sql, params or ())
            rows = cursor.fetchall() if max_rows is None else cursor.fetchmany(max_rows + 1)
            columns = [d[0] for d in cursor.description or ()]
            cursor.close()
        except sqlite3.OperationalError as exc:
            raise _sqlite_error(exc) from exc
        except (sqlite3.DatabaseError, sqlite3.Warning, sqlite3.ProgrammingError, OverflowError) as exc:
            raise QueryError("invalid", str(exc)) from exc
        finally:
            conn.set_progress_handler(None, 0)
            self.local.tables = frozenset()
            if conn.in_transaction:
                conn.rollback()
        truncated = max_rows is not None and len(rows) > max_rows
        return Result(columns, rows[:max_rows] if truncated else rows, truncated)


def _may_read(name: str, db: str | None, allowed: frozenset[str]) -> bool:
    """Tables named for this query; and CTE names, which SQLite reports without a database
    (as it does a real table under count(*), hence the check that the name is not one)."""
    if name in allowed:
        return db in ("main", None)
    return db is None and not is_table_name(name) and not name.lower().startswith("sqlite_")


def _sqlite_error(exc: sqlite3.OperationalError) -> QueryError:
    text = str(exc)
    if text == "interrupted":
        return QueryError("timeout", text)
    if "not authorized" in text or "prohibited" in text or "attempt to write" in text:
        return QueryError("denied", text)
    return QueryError("invalid", text)


class _PostgresEngine:
    def __init__(self) -> None:
        self.local = threading.local()

    def _conninfo(self) -> str:
        url = getattr(settings, "DATASTORE_READONLY_URL", "")
        if url:
            return url
        db = datastore_connection().settings_dict
        parts = {
            "dbname": db["NAME"],
            "user": db.get("USER") or "",
            "password": db.get("PASSWORD") or "",
            "host": db.get("HOST") or "",
            "port": str(db.get("PORT") or ""),
        }
        return " ".join(f"{k}='{_pg_escape(v)}'" for k, v in parts.items() if v)

    def _connection(self) -> Any:
        import psycopg

        info = self._conninfo()
        conn = getattr(self.local, "conn", None)
        if conn is None or conn.closed or self.local.info != info:
            conn = psycopg.connect(info, autocommit=False, application_name="lontar-datastore-reader")
            conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            conn.execute("SET default_transaction_read_only = on")
            conn.commit()
            self.local.conn, self.local.info = conn, info
        return conn

    def run(
        self, sql: str, params: Sequence[Any] | None, *, tables: frozenset[str], limit_ms: int, max_rows: int | None
    ) -> Result:
        import psycopg

        conn = self._connection()
        try:
            with conn.transaction():
                conn.execute(f"SET LOCAL statement_timeout = {int(limit_ms)}")
                rows, columns = _pg_fetch(conn, sql, params, max_rows)
        except psycopg.errors.QueryCanceled as exc:
            raise QueryError("timeout", str(exc)) from exc
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction) as exc:
            raise QueryError("denied", str(exc).splitlines()[0]) from exc
        except psycopg.OperationalError as exc:
            self.local.conn = None
            raise QueryError("invalid", str(exc).splitlines()[0] if str(exc) else "") from exc
        except psycopg.Error as exc:
            raise QueryError("invalid", str(exc).splitlines()[0] if str(exc) else "") from exc
        truncated = max_rows is not None and len(rows) > max_rows
        return Result(columns, rows[:max_rows] if truncated else rows, truncated)


def _pg_fetch(conn: Any, sql: str, params: Sequence[Any] | None, max_rows: int | None) -> tuple[list, list[str]]:
    if max_rows is None:
        cursor = conn.execute(sql, params)
        return cursor.fetchall(), [d.name for d in cursor.description or ()]
    # A server-side cursor: DECLARE takes one SELECT only, and only the capped rows travel.
    with conn.cursor(name="lontar_q") as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchmany(max_rows + 1)
        return rows, [d.name for d in cursor.description or ()]


def _pg_escape(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("'", "\\'")


_sqlite = _SqliteEngine()
_pg = _PostgresEngine()
