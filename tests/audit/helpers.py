"""Test-only helpers: write events, and tamper with the table by switching the triggers off."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from lontar.audit import db as audit_db
from lontar.audit.models import AuditEvent
from lontar.audit.services import audit_record

TABLE = AuditEvent._meta.db_table


def record(n: int = 1, **kwargs: Any) -> list[AuditEvent]:
    """Write ``n`` events (action ``audit.chain.verified``), each in its own transaction."""
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(
                audit_record(
                    action=kwargs.get("action", "audit.chain.verified"), data={"i": i, **kwargs.get("data", {})}
                )
            )
    return events


@contextmanager
def triggers_off() -> Iterator[None]:
    """Bypass the append-only triggers, as an attacker with database access could.

    SQLite: the connection function the triggers consult. PostgreSQL: ALTER TABLE … DISABLE
    TRIGGER inside the test's transaction (rolled back with it).
    """
    if connection.vendor == "sqlite":
        audit_db.set_unlocked(True)
        try:
            yield
        finally:
            audit_db.set_unlocked(False)
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")


def raw(sql: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
