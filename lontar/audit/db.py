"""Registers ``lontar_audit_unlocked()`` on every SQLite connection (see migration 0002)."""

from __future__ import annotations

from typing import Any

from django.db.backends.signals import connection_created

_unlocked = False


def set_unlocked(value: bool) -> None:
    """Only the test suite's table flush uses this; production code never does."""
    global _unlocked
    _unlocked = value


def _register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("lontar_audit_unlocked", 0, lambda: 1 if _unlocked else 0, deterministic=False)


connection_created.connect(_register, dispatch_uid="lontar_audit_sqlite_function")
