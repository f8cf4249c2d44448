"""Connection-level switches of the append-only triggers (see migrations 0002 and 0004).

SQLite: registers ``lontar_audit_unlocked()`` on every connection; the UPDATE/DELETE triggers
abort unless it returns 1. PostgreSQL: UPDATE and DELETE are always refused; the TRUNCATE
trigger lets a statement through only when the session variable ``lontar.audit_unlocked`` is
``on``. Only the test suite's table flush turns either on (tests/conftest.py).
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created

_unlocked = False


def set_unlocked(value: bool) -> None:
    """Only the test suite's table flush uses this; production code never does."""
    global _unlocked
    _unlocked = value
    # The audit table lives in the main database only (lontar.core.routers); other aliases,
    # such as the datastore, are never touched (tests may not be allowed to query them).
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql" and connection.connection is not None:
        _set_pg_session(connection)


def _set_pg_session(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lontar.audit_unlocked', %s, false)", ["on" if _unlocked else "off"])


def _register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "lontar_audit_unlocked", 0, lambda: 1 if _unlocked else 0, deterministic=False
        )
    elif connection.vendor == "postgresql" and _unlocked and connection.alias == DEFAULT_DB_ALIAS:
        _set_pg_session(connection)


connection_created.connect(_register, dispatch_uid="lontar_audit_sqlite_function")
