"""Which datastore tables an actor may see and act on (the rules of :mod:`lontar.datastore.permissions`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lontar.accounts.permissions import visible_by
from lontar.datastore.models import DatastoreTable
from lontar.datastore.permissions import LOAD, can_load, can_publish, can_view

_ACTIONS = {"view": can_view, "load": can_load, "publish": can_publish}


class TablePolicy:
    """Whoever may load data for a table's organisation sees and manages its versions; a table
    without an organisation needs a province-wide role."""

    def visible(self, actor: Any) -> QuerySet[DatastoreTable]:
        return visible_by(DatastoreTable.objects.select_related("organisation", "created_by"), (LOAD,), actor)

    def can(self, actor: Any, action: str, record: DatastoreTable) -> bool:
        return _ACTIONS[action](actor, record.organisation)


table_policy = TablePolicy()
