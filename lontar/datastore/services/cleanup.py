"""Clearing what killed or failed loads leave behind (``manage.py datastore_cleanup``)."""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from lontar.audit.services import audit_record
from lontar.datastore.models import DatastoreTable, Phase, TableStatus
from lontar.datastore.store.writers import drop_table, existing_tables

STALE_AFTER = dt.timedelta(minutes=30)


@dataclass
class CleanupResult:
    interrupted: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_dead(table: DatastoreTable, stale_before: dt.datetime) -> bool:
    """A loading row whose worker is gone: its process ended on this host, or it went silent."""
    if table.updated_at < stale_before:
        return True
    if table.worker_pid and table.worker_host == socket.gethostname()[:120]:
        return not _pid_alive(table.worker_pid)
    return False


def datastore_cleanup(*, actor: Any = None, stale_after: dt.timedelta = STALE_AFTER) -> CleanupResult:
    """Mark loads whose worker died as failed and drop tables no live version owns.

    A load that was killed mid-way never committed its rows (they were written in one
    transaction), so usually there is nothing to drop; a table is dropped when it belongs to a
    failed version or to no version at all. Tables of loads still running are left alone.
    """
    result = CleanupResult()
    stale_before = timezone.now() - stale_after
    for table in DatastoreTable.objects.filter(status=TableStatus.LOADING, phase__in=_RUNNING_PHASES):
        if _is_dead(table, stale_before):
            _mark_interrupted(table, actor)
            result.interrupted.append(str(table))
    keep = set(DatastoreTable.objects.exclude(status=TableStatus.FAILED).values_list("table_name", flat=True))
    for name in sorted(existing_tables() - keep):
        drop_table(name)
        result.dropped.append(name)
    return result


_RUNNING_PHASES = (Phase.READING, Phase.LOADING, Phase.INDEXING)


def _mark_interrupted(table: DatastoreTable, actor: Any) -> None:
    with transaction.atomic():
        locked = DatastoreTable.objects.select_for_update().get(pk=table.pk)
        if locked.status != TableStatus.LOADING:
            return
        locked.status = TableStatus.FAILED
        locked.phase = Phase.DONE
        locked.error_code = "interrupted"
        locked.error_params = {}
        locked.finished_at = timezone.now()
        locked.save()
        audit_record(
            action="datastore.table.cleaned_up",
            actor=actor,
            organisation=locked.organisation,
            target=locked,
            data={"resource_key": locked.resource_key, "version": locked.version, "worker_pid": locked.worker_pid},
        )
