"""Read-only, time-limited execution of public datastore queries.

SQLite: a separate connection opened with ``mode=ro``, an authorizer that allows SELECT, reads
of the tables named for this query and the functions of the allow-list (:mod:`.functions`) and
denies everything else (writes, ATTACH, PRAGMA, ``sqlite_master``…), bounded-cost stand-ins for
``printf``/``instr``/``replace`` (:mod:`.sqlite_safe`), a progress handler and a watchdog thread
(``interrupt()``) that stop a query at its deadline, and tight SQLite limits (no attached
databases, values of at most ``DATASTORE_VALUE_MAX_BYTES``). The connection is kept per thread.

PostgreSQL: a connection per thread as the read-only role of ``DATASTORE_READONLY_DATABASE_URL``
(production), or else as the datastore user with ``default_transaction_read_only``; each query
runs in a read-only transaction with ``SET LOCAL statement_timeout``. With a byte budget the
statement is wrapped so that the server refuses a row over ``DATASTORE_VALUE_MAX_BYTES`` before
sending it.

``max_bytes`` (the public SQL endpoint) fetches rows a few at a time and stops with
``QueryError("too_large")`` as soon as their values add up to more than the budget.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote as url_quote

from django.conf import settings

from lontar.datastore.ingest.names import is_table_name
from lontar.datastore.query.functions import SQLITE_RUNTIME
from lontar.datastore.query.sqlite_safe import SafeFunctions
from lontar.datastore.store.writers import datastore_connection, vendor

SQLITE_LIMITS = {
    "SQLITE_LIMIT_ATTACHED": 0,
    "SQLITE_LIMIT_SQL_LENGTH": 100_000,
    "SQLITE_LIMIT_EXPR_DEPTH": 200,
    "SQLITE_LIMIT_COMPOUND_SELECT": 100,
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 64,  # one LIKE on a 1 MB value stays well under 1 s
    "SQLITE_LIMIT_VARIABLE_NUMBER": 2000,
    "SQLITE_LIMIT_FUNCTION_ARG": 32,
}


class QueryError(Exception):
    """A query the database refused or could not run (``kind``: timeout, denied, invalid,
    too_large (the whole result), value_too_large (one value or row), expensive (a function call
    whose arguments would make it run too long))."""

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
    #: PostgreSQL's type name of each column (``int8``, ``numeric``, ``text``…); empty on SQLite,
    #: whose results carry no types
    types: list[str] = field(default_factory=list)


def time_limit_ms() -> int:
    return int(getattr(settings, "DATASTORE_TIME_LIMIT_MS", 1000))


def value_max_bytes() -> int:
    return int(getattr(settings, "DATASTORE_VALUE_MAX_BYTES", 1_000_000))


def response_max_bytes() -> int:
    return int(getattr(settings, "DATASTORE_RESPONSE_MAX_BYTES", 10_000_000))


def value_size(value: Any) -> int:
    """Bytes a value takes in a response (before JSON escaping); numbers and dates count 8."""
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
    if isinstance(value, bytes | bytearray | memoryview):
        return (len(value) + 2) // 3 * 4  # sent as base64
    return 8


FETCH_BATCH = 10


def fetch_rows(cursor: Any, max_rows: int | None, max_bytes: int | None) -> tuple[list[tuple[Any, ...]], bool]:
    """(rows, truncated): at most ``max_rows`` rows; with ``max_bytes``, rows come a few at a time
    and the fetch stops with ``QueryError("too_large")`` once their values exceed the budget."""
    want = None if max_rows is None else max_rows + 1
    if max_bytes is None:
        rows = cursor.fetchall() if want is None else cursor.fetchmany(want)
    else:
        rows, total = [], 0
        while want is None or len(rows) < want:
            chunk = cursor.fetchmany(FETCH_BATCH if want is None else min(FETCH_BATCH, want - len(rows)))
            if not chunk:
                break
            total += sum(value_size(v) for row in chunk for v in row)
            if total > max_bytes:
                raise QueryError("too_large", str(max_bytes))
            rows.extend(chunk)
    truncated = max_rows is not None and len(rows) > max_rows
    return (rows[:max_rows] if truncated else rows), truncated


def placeholder() -> str:
    return "%s" if vendor() == "postgresql" else "?"


def run(
    sql: str,
    params: Sequence[Any] | None = (),
    *,
    tables: Collection[str],
    limit_ms: int | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> Result:
    """Run one read-only statement that may read only ``tables``; ``max_rows`` caps the fetch,
    ``max_bytes`` is the byte budget of the values fetched (exceeded: ``QueryError("too_large")``)."""
    limit = limit_ms or time_limit_ms()
    engine = _pg if vendor() == "postgresql" else _sqlite
    started = time.perf_counter()
    result = engine.run(sql, params, tables=frozenset(tables), limit_ms=limit, max_rows=max_rows, max_bytes=max_bytes)
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


class _SqliteEngine:
    def __init__(self) -> None:
        self.local = threading.local()
        self.functions = SafeFunctions()

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
        self.functions.install(conn)
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
            return sqlite3.SQLITE_OK if (arg2 or "").lower() in SQLITE_RUNTIME else sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_DENY

    def run(
        self,
        sql: str,
        params: Sequence[Any] | None,
        *,
        tables: frozenset[str],
        limit_ms: int,
        max_rows: int | None,
        max_bytes: int | None,
    ) -> Result:
        conn = self._connection()
        deadline = time.monotonic() + limit_ms / 1000
        self.local.tables = tables
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, value_max_bytes())
        self.functions.begin(value_max_bytes())
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 1000)
        watchdog = _Watchdog(conn, limit_ms / 1000)
        try:
            cursor = conn.execute(sql, params or ())
            rows, truncated = fetch_rows(cursor, max_rows, max_bytes)
            columns = [d[0] for d in cursor.description or ()]
            cursor.close()
        except sqlite3.OperationalError as exc:
            raise _sqlite_error(exc, self.functions.refused()) from exc
        except sqlite3.DataError as exc:
            raise QueryError("value_too_large", str(value_max_bytes())) from exc
        except (sqlite3.DatabaseError, sqlite3.Warning, sqlite3.ProgrammingError, OverflowError) as exc:
            raise QueryError("invalid", str(exc)) from exc
        finally:
            watchdog.stop()
            conn.set_progress_handler(None, 0)
            self.local.tables = frozenset()
            if conn.in_transaction:
                conn.rollback()
        return Result(columns, rows, truncated)


class _Watchdog:
    """Interrupts ``conn`` at the deadline from another thread: the wall-clock limit holds even
    where the progress handler is not called. ``stop`` makes a late timer harmless."""

    def __init__(self, conn: sqlite3.Connection, seconds: float) -> None:
        self.conn = conn
        self.lock = threading.Lock()
        self.active = True
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        with self.lock:
            if self.active:
                self.conn.interrupt()

    def stop(self) -> None:
        with self.lock:
            self.active = False
        self.timer.cancel()


def _may_read(name: str, db: str | None, allowed: frozenset[str]) -> bool:
    """Tables named for this query; and CTE names, which SQLite reports without a database
    (as it does a real table under count(*), hence the check that the name is not one)."""
    if name in allowed:
        return db in ("main", None)
    return db is None and not is_table_name(name) and not name.lower().startswith("sqlite_")


def _sqlite_error(exc: sqlite3.OperationalError, refused: Any = None) -> QueryError:
    text = str(exc)
    if text == "interrupted":
        return QueryError("timeout", text)
    if refused is not None and "user-defined function raised exception" in text:
        kind = "value_too_large" if refused.reason == "value" else "expensive"
        return QueryError(kind, refused.detail)
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

    def _connection(self) -> tuple[Any, bool]:
        """This thread's connection and whether it was kept from an earlier request."""
        import psycopg

        info = self._conninfo()
        conn = getattr(self.local, "conn", None)
        kept = True
        if conn is None or conn.closed or self.local.info != info:
            kept = False
            conn = psycopg.connect(info, autocommit=False, application_name="lontar-datastore-reader")
            conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            conn.execute("SET default_transaction_read_only = on")
            conn.commit()
            self.local.conn, self.local.info = conn, info
        return conn, kept

    def run(
        self,
        sql: str,
        params: Sequence[Any] | None,
        *,
        tables: frozenset[str],
        limit_ms: int,
        max_rows: int | None,
        max_bytes: int | None,
    ) -> Result:
        import psycopg

        if max_bytes is not None:
            sql = _pg_row_capped(sql, value_max_bytes())
        try:
            return self._run(sql, params, limit_ms=limit_ms, max_rows=max_rows, max_bytes=max_bytes)
        except psycopg.OperationalError as exc:
            if not getattr(exc, "_lontar_kept", False):
                raise
        # A connection kept from an earlier request was ended by the server (a restart, an
        # administrator): the query is read-only, so it runs once more on a new connection.
        return self._run(sql, params, limit_ms=limit_ms, max_rows=max_rows, max_bytes=max_bytes)

    def _run(
        self, sql: str, params: Sequence[Any] | None, *, limit_ms: int, max_rows: int | None, max_bytes: int | None
    ) -> Result:
        import psycopg

        conn, kept = self._connection()
        try:
            with conn.transaction():
                conn.execute(f"SET LOCAL statement_timeout = {int(limit_ms)}")
                rows, columns, truncated, types = _pg_fetch(conn, sql, params, max_rows, max_bytes)
        except psycopg.errors.InvalidTextRepresentation as exc:
            if ROW_TOO_LARGE in str(exc):
                raise QueryError("value_too_large", str(value_max_bytes())) from exc
            raise QueryError("invalid", str(exc).splitlines()[0]) from exc
        except psycopg.errors.ProgramLimitExceeded as exc:
            raise QueryError("value_too_large", str(value_max_bytes())) from exc
        except psycopg.errors.QueryCanceled as exc:
            raise QueryError("timeout", str(exc)) from exc
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction) as exc:
            raise QueryError("denied", str(exc).splitlines()[0]) from exc
        except psycopg.OperationalError as exc:
            # the server went away or ended the connection: not the query's fault; retried once when
            # the connection was an old one (run), else a 503 (lontar.core.outage)
            self.local.conn = None
            exc._lontar_kept = kept  # type: ignore[attr-defined]
            raise
        except psycopg.Error as exc:
            raise QueryError("invalid", str(exc).splitlines()[0] if str(exc) else "") from exc
        return Result(columns, rows, truncated, types=types)


ROW_TOO_LARGE = "lontar-row-too-large"


def _pg_row_capped(sql: str, cap: int) -> str:
    """``sql`` wrapped so that the server stops at a row of more than ``cap`` bytes before sending
    it (PostgreSQL has no per-value limit to set). The CAST fails only for such a row: its text
    depends on the row, so the planner cannot fold it in advance."""
    return (
        f"SELECT lontar_q.* FROM ({sql}) AS lontar_q WHERE CASE WHEN pg_column_size(lontar_q.*) > {int(cap)} "  # noqa: S608
        f"THEN CAST('{ROW_TOO_LARGE}:' || pg_column_size(lontar_q.*) AS integer) = 0 ELSE true END"
    )


def _pg_fetch(
    conn: Any, sql: str, params: Sequence[Any] | None, max_rows: int | None, max_bytes: int | None
) -> tuple[list, list[str], bool, list[str]]:
    if max_rows is None and max_bytes is None:
        cursor = conn.execute(sql, params)
        return cursor.fetchall(), [d.name for d in cursor.description or ()], False, _pg_types(cursor)
    # A server-side cursor: DECLARE takes one SELECT only, and only the capped rows travel.
    with conn.cursor(name="lontar_q") as cursor:
        cursor.execute(sql, params)
        rows, truncated = fetch_rows(cursor, max_rows, max_bytes)
        return rows, [d.name for d in cursor.description or ()], truncated, _pg_types(cursor)


def _pg_types(cursor: Any) -> list[str]:
    """The type name of each result column (built-in types; others by their OID)."""
    import psycopg

    names = []
    for column in cursor.description or ():
        info = psycopg.adapters.types.get(column.type_code)
        names.append(info.name if info is not None else str(column.type_code))
    return names


def _pg_escape(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("'", "\\'")


_sqlite = _SqliteEngine()
_pg = _PostgresEngine()
