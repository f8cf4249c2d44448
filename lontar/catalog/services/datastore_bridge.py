"""The catalogue's use of the datastore (``lontar.datastore`` services only, never its tables).

* A tabular resource's file is loaded into a new datastore table version (``resource_ingest``):
  the inferred types fill an empty data dictionary, and the validation report shows on the staff
  page. Nothing is served yet.
* Publishing activates the loaded versions of the dataset's tabular resources; their public
  flag follows the dataset (``sync_visibility``): only a published **publik** dataset's tables
  are public. Withdrawing or restricting the dataset makes them private at once.

The datastore is called as the system (``actor=None``): the catalogue service calling it has
already checked that its actor may take the step, with the catalogue's own role rules.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.catalog.models import Column, ColumnType, Dataset, ReferenceKind, Resource
from lontar.core.files import local_copy
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.services import (
    DatastoreError,
    datastore_activate,
    datastore_deactivate,
    datastore_ingest,
    datastore_set_public,
)

logger = logging.getLogger(__name__)

#: datastore column type → data dictionary type
FROM_DATASTORE = {
    "text": ColumnType.TEXT,
    "integer": ColumnType.INTEGER,
    "decimal": ColumnType.DECIMAL,
    "date": ColumnType.DATE,
    "boolean": ColumnType.BOOLEAN,
    "region": ColumnType.REGION_CODE,
}
TO_DATASTORE = {v: k for k, v in FROM_DATASTORE.items()}
YEAR_NAMES = frozenset({"tahun", "year", "thn"})
REGION_KIND_BY_LENGTH = {
    2: ReferenceKind.KEMENDAGRI_PROVINSI,
    5: ReferenceKind.KEMENDAGRI_KABKOTA,
    8: ReferenceKind.KEMENDAGRI_KECAMATAN,
    13: ReferenceKind.KEMENDAGRI_DESA,
}


def resource_key(resource: Resource) -> str:
    return f"{resource.dataset.slug}/{resource.slug}"


@contextmanager
def local_path(field: Any) -> Iterator[Path]:
    """A path on disk for a stored file (a temporary copy when the storage is remote)."""
    with local_copy(field.storage, field.name) as path:
        yield path


def _reference_kind(name: str, kind: str, examples: list[str]) -> str:
    if kind == "region":
        lengths = {len(e) for e in examples if e}
        return REGION_KIND_BY_LENGTH.get(lengths.pop(), "") if len(lengths) == 1 else ""
    if kind == "integer" and name.lower() in YEAR_NAMES:
        return ReferenceKind.YEAR
    return ""


def dictionary_from_table(table: DatastoreTable) -> list[Column]:
    """Data dictionary rows prefilled from a loaded table (labels = the file's headers)."""
    examples = {c["name"]: c.get("examples", []) for c in (table.report or {}).get("columns", [])}
    return [
        Column(
            position=i,
            name=col["name"],
            label=(col.get("label") or col["name"])[:200],
            type=FROM_DATASTORE.get(col["type"], ColumnType.TEXT),
            reference_kind=_reference_kind(col["name"], col["type"], examples.get(col["name"], [])),
        )
        for i, col in enumerate(table.columns)
    ]


def _overrides(resource: Resource, table_columns: list[dict[str, Any]]) -> dict[str, str]:
    """Type choices of the data dictionary that differ from what the datastore inferred."""
    inferred = {c["name"]: c["type"] for c in table_columns}
    wanted = {c.name: TO_DATASTORE.get(c.type) for c in resource.columns.all()}
    return {name: kind for name, kind in wanted.items() if kind and name in inferred and inferred[name] != kind}


def resource_ingest(
    *, resource_id: Any, progress: Any = None, use_dictionary_types: bool = False
) -> DatastoreTable | None:
    """Load the current file of a tabular resource into a new (inactive) datastore table."""
    resource = Resource.objects.select_related("dataset", "dataset__organisation").filter(pk=resource_id).first()
    if resource is None or not resource.is_tabular or not resource.file or resource.removed_at:
        return None
    overrides: dict[str, str] = {}
    if use_dictionary_types and resource.datastore_table_id:
        previous = DatastoreTable.objects.filter(pk=resource.datastore_table_id).first()
        overrides = _overrides(resource, previous.columns) if previous else {}
    try:
        with local_path(resource.file) as path:
            table = datastore_ingest(
                actor=None,
                path=path,
                resource_key=resource_key(resource),
                column_overrides=overrides or None,
                progress=progress,
                organisation=resource.dataset.organisation,
                source_name=resource.original_filename,
            )
    except IngestError:
        table = DatastoreTable.objects.filter(resource_key=resource_key(resource)).order_by("-version").first()
    with transaction.atomic():
        locked = Resource.objects.select_for_update().get(pk=resource.pk)
        if locked.sha256 != resource.sha256:
            return table  # a newer file arrived meanwhile; its own load wins
        locked.datastore_table_id = table.pk if table else None
        locked.save(update_fields=["datastore_table_id", "updated_at"])
        if table is not None and table.status == TableStatus.READY and not locked.columns.exists():
            columns = dictionary_from_table(table)
            for column in columns:
                column.resource = locked
            Column.objects.bulk_create(columns)
    return table


def table_for(resource: Resource) -> DatastoreTable | None:
    if not resource.datastore_table_id:
        return None
    return DatastoreTable.objects.filter(pk=resource.datastore_table_id).first()


def activate_for_publication(resources: list[Resource]) -> None:
    """Serve the loaded version of each tabular resource (inside the publishing transaction).

    A version the datastore refuses to serve (its validation report has errors — e.g. the file
    was loaded again with other column types after verification — or its rows are missing)
    stops the publication with a ValidationError the Walidata reads next to the form; the
    publishing transaction rolls back, so nothing is half-published.
    """
    for resource in resources:
        table = table_for(resource)
        if table is not None and table.status in (TableStatus.READY, TableStatus.RETIRED):
            try:
                datastore_activate(actor=None, table=table)
            except DatastoreError as exc:
                raise ValidationError(_publication_refused(resource, exc), code=exc.code) from exc


def _publication_refused(resource: Resource, exc: DatastoreError) -> str:
    if exc.code == "report_has_errors":
        return _("The validation report of “%(name)s” has errors; correct the file and upload it again.") % {
            "name": resource.name
        }
    return _("The data table of “%(name)s” cannot be served: %(error)s") % {"name": resource.name, "error": exc.message}


def sync_visibility(dataset: Dataset, *, public: bool) -> None:
    """Public flag of every active table of the dataset's resources = the dataset is public."""
    keys = [
        f"{dataset.slug}/{slug}" for slug in Resource.objects.filter(dataset=dataset).values_list("slug", flat=True)
    ]
    for table in DatastoreTable.objects.filter(resource_key__in=keys, status=TableStatus.ACTIVE):
        datastore_set_public(actor=None, table=table, is_public=public)


def datastore_visibility(key: str) -> bool | None:
    """The catalogue's verdict on a datastore table (registered in ``CatalogConfig.ready``): None
    when no dataset owns ``key`` (its first part is a dataset's slug), else whether the dataset
    is public (published, data class publik). The datastore never makes a claimed table public
    against it, and its staff pages leave such tables to the catalogue."""
    from lontar.catalog.services.entries import is_public

    dataset = Dataset.objects.filter(slug=key.split("/", 1)[0]).select_related("published_version").first()
    return None if dataset is None else is_public(dataset)


def retire_removed(dataset: Dataset, kept: list[Resource]) -> None:
    """Stop serving tables of resources the new version no longer has."""
    kept_ids = {r.pk for r in kept}
    for resource in Resource.objects.filter(dataset=dataset).exclude(pk__in=kept_ids):
        datastore_deactivate(actor=None, resource_key=resource_key(resource))


__all__ = ["logger"]
