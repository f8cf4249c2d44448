"""Small helpers for the datastore tests."""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.utils import translation

from lontar.datastore.models import DatastoreTable


def rows(table: DatastoreTable, columns: str = "*") -> list[tuple[Any, ...]]:
    """Rows of a loaded table through the datastore connection (sees the test's transaction)."""
    with connections["datastore"].cursor() as cursor:
        cursor.execute(f'SELECT {columns} FROM "{table.table_name}" ORDER BY "_id"')
        return cursor.fetchall()


def in_indonesian(message_of: Any) -> str:
    """The message in Indonesian; fails when it is still the English text."""
    with translation.override("en"):
        english = str(message_of())
    with translation.override("id"):
        indonesian = str(message_of())
    assert indonesian != english, f"not translated: {english}"
    return indonesian
