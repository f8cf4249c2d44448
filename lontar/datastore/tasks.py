"""Background jobs (django-tasks): loading an uploaded file into the datastore."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import default_storage
from django_tasks import task

from lontar.core.files import local_copy
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.services import datastore_ingest


@contextmanager
def stored_file_path(name: str) -> Iterator[Path]:
    """A local path for a file in the default storage (a temporary copy for remote storage)."""
    if not default_storage.exists(name):
        # datastore_ingest records "the uploaded file is no longer available" for this path
        yield Path(tempfile.gettempdir()) / "lontar-upload-missing" / Path(name).name
        return
    with local_copy(default_storage, name) as path:
        yield path


def _sheet(value: str) -> int | str | None:
    if value == "":
        return None
    return int(value) if value.isdigit() else value


@task()
def load_table(table_id: int) -> int:
    """Load the stored file of a reserved version. A failed load is recorded on the version (with
    its message) by ``datastore_ingest`` and raised again, so the job shows as failed too."""
    table = DatastoreTable.objects.select_related("created_by", "organisation").get(pk=table_id)
    if table.status != TableStatus.LOADING:
        return table.pk
    with stored_file_path(table.source_file) as path:
        datastore_ingest(
            actor=table.created_by,
            path=path,
            resource_key=table.resource_key,
            column_overrides=table.column_overrides or None,
            sheet=_sheet(table.sheet),
            organisation=table.organisation,
            table=table,
        )
    return table.pk
