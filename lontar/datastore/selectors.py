"""Reads of datastore tables. Public routes get tables only through :func:`public_table`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from lontar.accounts.permissions import get_for_actor_or_404
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.naming import public_names, resolve
from lontar.datastore.policies import table_policy


def public_tables() -> QuerySet[DatastoreTable]:
    """Tables the public may read: the active version of a resource, marked public."""
    return DatastoreTable.objects.filter(status=TableStatus.ACTIVE, is_public=True)


_PUBLIC_FIELDS = ("id", "resource_key", "version", "table_name", "row_count")
_SCHEMA_CACHE_SIZE = 256
#: table name -> the public table as last built (a table name is never reused, and its
#: columns and row count never change once loaded); never shared between processes
_schemas: dict[str, DatastoreTable] = {}


def public_table(name: str) -> DatastoreTable:
    """The public, active table the public ``name`` stands for now (``dataset/resource``,
    resolved through its owner's current names, see :mod:`lontar.datastore.naming`); Http404
    for anything else (unknown, renamed away, private, internal, dikecualikan, not yet
    activated) — all answer the same."""
    resource_key = resolve(name)
    if resource_key is None:
        raise Http404(name)
    return public_table_by_key(resource_key)


def public_table_by_key(resource_key: str) -> DatastoreTable:
    """The public, active table of ``resource_key`` (an owner key or a datastore name); Http404
    for anything else.

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
    """public name -> table name, for the SQL endpoint (names as their owners give them now)."""
    rows = list(public_tables().values_list("resource_key", "table_name"))
    names = public_names(key for key, _table in rows)
    return {names[key]: table for key, table in rows if key in names}


def public_listing() -> list[tuple[str, DatastoreTable]]:
    """(public name, table) of every public table, by name (the index page and the SQL form)."""
    tables = list(public_tables())
    names = public_names(t.resource_key for t in tables)
    return sorted(((names[t.resource_key], t) for t in tables if t.resource_key in names), key=lambda p: p[0])


def tables_by_ids(ids: Iterable[int]) -> dict[int, DatastoreTable]:
    """{id: table} for the given ids (other apps' staff pages show the versions they point to)."""
    return {t.pk: t for t in DatastoreTable.objects.filter(pk__in=[i for i in ids if i is not None])}


def table_by_id(table_id: int | None) -> DatastoreTable | None:
    return DatastoreTable.objects.filter(pk=table_id).first() if table_id else None


def tables_of(resource_keys: Iterable[str], *, active_only: bool = False) -> list[DatastoreTable]:
    """Every version of the keys (only the active ones with ``active_only``)."""
    queryset = DatastoreTable.objects.filter(resource_key__in=list(resource_keys))
    if active_only:
        queryset = queryset.filter(status=TableStatus.ACTIVE)
    return list(queryset.order_by("resource_key", "version"))


def tables_for_actor(actor: Any) -> QuerySet[DatastoreTable]:
    """Versions the actor may manage: of organisations their load roles cover (all for
    province-wide roles; tables without an organisation only for those)."""
    return table_policy.visible(actor)


def table_get_for_actor(*, actor: Any, pk: Any) -> DatastoreTable:
    """One version the actor may manage, or Http404 exactly as for a missing one."""
    return get_for_actor_or_404(table_policy.visible(actor), pk)


def columns_of_table_names(table_names: Iterable[str]) -> list[Any]:
    """The described columns of each table named (physical table names), for typing query results."""
    return [
        list(c or [])
        for c in DatastoreTable.objects.filter(table_name__in=list(table_names)).values_list("columns", flat=True)
    ]


def column_overrides_of(table_pk: int) -> dict[str, Any]:
    """The loader's per-column overrides of one table ({} when none)."""
    found = DatastoreTable.objects.filter(pk=table_pk).values_list("column_overrides", flat=True).first()
    return found if isinstance(found, dict) else {}
