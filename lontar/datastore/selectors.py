"""Reads of datastore tables. Public routes get tables only through :func:`public_table`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from lontar.accounts.permissions import scope_for
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.permissions import LOAD_ROLES


def public_tables() -> QuerySet[DatastoreTable]:
    """Tables the public may read: the active version of a resource, marked public."""
    return DatastoreTable.objects.filter(status=TableStatus.ACTIVE, is_public=True)


def public_table(resource_key: str) -> DatastoreTable:
    """The public, active table of ``resource_key``; Http404 for anything else (unknown,
    private, internal, dikecualikan, not yet activated) — all answer the same."""
    table = public_tables().filter(resource_key=resource_key).first()
    if table is None:
        raise Http404(resource_key)
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
