"""Switching versions and visibility: the only writes that change what the public sees."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.datastore import visibility
from lontar.datastore.ingest.errors import render
from lontar.datastore.ingest.report import ValidationReport
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.naming import is_owner_key
from lontar.datastore.permissions import can_publish
from lontar.datastore.store.grants import sync_grants
from lontar.datastore.store.writers import existing_tables

ACTIVATABLE = (TableStatus.READY, TableStatus.RETIRED)


class DatastoreError(Exception):
    """A refused publishing step, with a message for the user."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    def __str__(self) -> str:
        return self.message


def _require_publisher(actor: Any, table: DatastoreTable) -> None:
    if not can_publish(actor, table.organisation):
        raise PermissionDenied(_("Only the Walidata may publish data of this organisation."))


def is_owned(resource_key: str) -> bool:
    """True when an app (the catalogue) owns the table's key: only that app's workflow, calling
    with ``owner=True``, may activate its versions or change their visibility."""
    return is_owner_key(resource_key) or visibility.verdict(resource_key) is not None


def datastore_activate(
    *, actor: Any, table: DatastoreTable, owner: bool = False, public: bool | None = None
) -> DatastoreTable:
    """Make ``table`` the version served for its resource key, atomically.

    Only this row and the previously active one change (in one transaction of the main
    database); readers always resolve the key to the active version, so they see the old rows
    or the new ones, never a mix. The new version keeps the visibility of the one it replaces,
    unless the owning app (``owner=True``) says what it is (``public``). A table an app owns is
    refused to everyone else — the staff pages and ``datastore_load`` alike.
    """
    _require_publisher(actor, table)
    if not owner and is_owned(table.resource_key):
        raise DatastoreError("catalogue_owned")
    with transaction.atomic():
        locked = DatastoreTable.objects.select_for_update().get(pk=table.pk)
        if locked.status not in ACTIVATABLE:
            raise DatastoreError("not_activatable", status=locked.get_status_display())
        if ValidationReport.from_dict(locked.report).has_errors:
            raise DatastoreError("report_has_errors")
        if locked.table_name not in existing_tables():
            raise DatastoreError("table_missing")
        previous = list(
            DatastoreTable.objects.select_for_update()
            .filter(resource_key=locked.resource_key, status=TableStatus.ACTIVE)
            .exclude(pk=locked.pk)
        )
        for old in previous:
            old.status = TableStatus.RETIRED
            old.save(update_fields=["status", "updated_at"])
        if public is not None:
            locked.is_public = public
        elif previous:
            locked.is_public = previous[0].is_public
        if public is None and visibility.verdict(locked.resource_key) is False:
            locked.is_public = False  # e.g. an old version made public before its dataset became internal
        locked.status = TableStatus.ACTIVE
        locked.activated_at = timezone.now()
        locked.save(update_fields=["status", "is_public", "activated_at", "updated_at"])
        audit_record(
            action="datastore.table.activated",
            actor=actor,
            organisation=locked.organisation,
            target=locked,
            data={
                "resource_key": locked.resource_key,
                "version": locked.version,
                "replaced": [o.version for o in previous],
                "public": locked.is_public,
            },
        )
        grant = [locked.table_name] if locked.is_public else []
        revoke = [o.table_name for o in previous]
        transaction.on_commit(lambda: sync_grants(grant=grant, revoke=revoke))
    return locked


def datastore_deactivate(*, actor: Any, resource_key: str) -> DatastoreTable | None:
    """Stop serving ``resource_key`` (its active version becomes retired). None if nothing was active."""
    with transaction.atomic():
        active = (
            DatastoreTable.objects.select_for_update()
            .filter(resource_key=resource_key, status=TableStatus.ACTIVE)
            .first()
        )
        if active is None:
            return None
        _require_publisher(actor, active)
        active.status = TableStatus.RETIRED
        active.save(update_fields=["status", "updated_at"])
        audit_record(
            action="datastore.table.deactivated",
            actor=actor,
            organisation=active.organisation,
            target=active,
            data={"resource_key": resource_key, "version": active.version},
        )
        name = active.table_name
        transaction.on_commit(lambda: sync_grants(revoke=[name]))
    return active


def datastore_set_public(*, actor: Any, table: DatastoreTable, is_public: bool, owner: bool = False) -> DatastoreTable:
    """Let the public read ``table`` (when active) or stop them.

    Internal and dikecualikan data must stay private, and only the catalogue knows the data
    class: a table whose key a visibility owner (the catalogue) claims is never made public
    against its verdict, whoever asks, and only the owner's own workflow (``owner=True``) may
    change it at all — not the datastore's staff pages, not ``datastore_load``: its visibility
    follows the dataset, through the catalogue.
    """
    _require_publisher(actor, table)
    owner_says = visibility.verdict(table.resource_key)
    if (owner_says is not None or is_owner_key(table.resource_key)) and not owner:
        raise DatastoreError("visibility_owned")
    if is_public and owner_says is False:
        raise DatastoreError("class_not_public")
    with transaction.atomic():
        locked = DatastoreTable.objects.select_for_update().get(pk=table.pk)
        if locked.is_public == is_public:
            return locked
        locked.is_public = is_public
        locked.save(update_fields=["is_public", "updated_at"])
        audit_record(
            action="datastore.table.visibility_changed",
            actor=actor,
            organisation=locked.organisation,
            target=locked,
            data={"resource_key": locked.resource_key, "version": locked.version, "public": is_public},
        )
        name = locked.table_name
        served = is_public and locked.status == TableStatus.ACTIVE
        transaction.on_commit(lambda: sync_grants(grant=[name] if served else [], revoke=[] if served else [name]))
    return locked
