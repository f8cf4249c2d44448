"""Reads of datastore tables. Public routes get tables only through :func:`public_table`."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from lontar.accounts.permissions import scope_for
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.permissions import LOAD_ROLES


def public_tables() -> QuerySet[DatastoreTable]:
    """Tables the public may read: the active version of a resource, marked public."""
    return DatastoreTable.objects.filter(status=TableStatus.ACTIVE, is_public=True)


_PUBLIC_FIELDS = ("id", "resource_key", "version", "table_name", "row_count")
_SCHEMA_CACHE_SIZE = 256
#: table name -> the public table as last built (a table name is never reused, and its
#: columns and row count never change once loaded); never shared between processes
_schemas: dict[str, DatastoreTable] = {}


def public_table(resource_key: str) -> DatastoreTable:
    """The public, active table of ``resource_key``; Http404 for anything else (unknown,
    private, internal, dikecualikan, not yet activated) — all answer the same.

    Runs on every data request, so it is one small indexed query through the database cursor
    (the ORM's query compiler cost more than the data query itself). Whether the key is
    active and public is asked every time, so a switch or a withdrawal shows at once in every
    process; what does not change for a table name (its columns) is kept per process, so the
    JSON column list is read and parsed only on a table's first request. The instance
    returned is shared: callers must treat it as read-only.
    """
    table_sql = DatastoreTable._meta.db_table
    sql = (
        f"SELECT {', '.join(_PUBLIC_FIELDS)} FROM {table_sql} "  # noqa: S608
        "WHERE resource_key = %s AND status = %s AND is_public = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [resource_key, TableStatus.ACTIVE, True])
        row = cursor.fetchone()
        if row is None:
            raise Http404(resource_key)
        cached = _schemas.get(row[3])
        if cached is not None and cached.pk == row[0] and cached.row_count == row[4]:
            return cached
        cursor.execute(f"SELECT columns FROM {table_sql} WHERE id = %s", [row[0]])  # noqa: S608
        columns = cursor.fetchone()[0]
    values = dict(zip(_PUBLIC_FIELDS, row, strict=True))
    values["columns"] = json.loads(columns) if isinstance(columns, str) else columns
    table = DatastoreTable(**values, status=TableStatus.ACTIVE, is_public=True)
    if len(_schemas) >= _SCHEMA_CACHE_SIZE:
        _schemas.clear()
    _schemas[table.table_name] = table
    return table


def public_aliases() -> dict[str, str]:
    """resource key -> table name, for the SQL endpoint."""
    return dict(public_tables().values_list("resource_key", "table_name"))


def active_table(resource_key: str) -> DatastoreTable | None:
    """The active version whatever its visibility (for the catalogue's staff pages)."""
    return DatastoreTable.objects.filter(resource_key=resource_key, status=TableStatus.ACTIVE).first()


def tables_for_actor(actor: Any) -> QuerySet[DatastoreTable]:
    """Versions the actor may manage: of organisations their load roles cover (all for
    province-wide roles; tables without an organisation only for those)."""
    scope = scope_for(actor, LOAD_ROLES)
    queryset = DatastoreTable.objects.select_related("organisation", "created_by")
    if scope.all:
        return queryset
    if scope.is_empty:
        return queryset.none()
    return queryset.filter(Q(organisation__in=scope.organisation_ids) | Q(organisation__parent__in=scope.instansi_ids))


def table_get_for_actor(actor: Any, pk: int) -> DatastoreTable:
    try:
        return tables_for_actor(actor).get(pk=pk)
    except (DatastoreTable.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
