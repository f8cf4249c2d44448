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

import contextlib
import logging
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.catalog.models import Column, ColumnType, Dataset, ReferenceKind, Resource
from lontar.core.files import local_copy
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.naming import CLAIMED_EMPTY, Namer
from lontar.datastore.selectors import table_by_id, tables_of
from lontar.datastore.services import (
    DatastoreError,
    datastore_activate,
    datastore_deactivate,
    datastore_ingest,
    datastore_ingest_enqueue,
    datastore_set_public,
    datastore_table_prepare,
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
TO_DATASTORE: dict[str, str] = {v: k for k, v in FROM_DATASTORE.items()}
YEAR_NAMES = frozenset({"tahun", "year", "thn"})
REGION_KIND_BY_LENGTH = {
    2: ReferenceKind.KEMENDAGRI_PROVINSI,
    5: ReferenceKind.KEMENDAGRI_KABKOTA,
    8: ReferenceKind.KEMENDAGRI_KECAMATAN,
    13: ReferenceKind.KEMENDAGRI_DESA,
}


#: owner keys of catalogue tables: ``catalog:<resource uuid>`` (see ``lontar.datastore.naming``)
KEY_PREFIX = "catalog:"


def resource_key(resource: Resource | Any) -> str:
    """The datastore key of a resource's tables: its stable id, which no renaming changes."""
    return f"{KEY_PREFIX}{uuid.UUID(str(getattr(resource, 'pk', resource)))}"


def resource_id_of(key: str) -> uuid.UUID | None:
    """The resource id in a catalogue owner key, else None."""
    if not key.startswith(KEY_PREFIX):
        return None
    try:
        return uuid.UUID(key[len(KEY_PREFIX) :])
    except ValueError:
        return None


@contextmanager
def local_path(field: Any) -> Iterator[Path]:
    """A path on disk for a stored file (a temporary copy when the storage is remote)."""
    with local_copy(field.storage, field.name) as path:
        yield path


REGION_KIND_BY_LEVEL = {
    "provinsi": ReferenceKind.KEMENDAGRI_PROVINSI,
    "kabkota": ReferenceKind.KEMENDAGRI_KABKOTA,
    "kecamatan": ReferenceKind.KEMENDAGRI_KECAMATAN,
    "desa": ReferenceKind.KEMENDAGRI_DESA,
}


def _reference_kind(name: str, kind: str, examples: list[str], column: dict[str, Any] | None = None) -> str:
    facts = column or {}
    if kind == "region" and facts.get("code_system") == "bps":
        return ReferenceKind.BPS_KABKOTA if facts.get("region_level") == "kabkota" else ""
    if kind == "region" and facts.get("region_level"):
        return REGION_KIND_BY_LEVEL.get(facts["region_level"], "")
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
            reference_kind=_reference_kind(col["name"], col["type"], examples.get(col["name"], []), col),
        )
        for i, col in enumerate(table.columns)
    ]


def _overrides(resource: Resource, table_columns: list[dict[str, Any]]) -> dict[str, str]:
    """Type choices of the data dictionary that differ from what the datastore inferred."""
    inferred = {c["name"]: c["type"] for c in table_columns}
    wanted = {c.name: TO_DATASTORE.get(c.type) for c in resource.columns.all()}
    return {name: kind for name, kind in wanted.items() if kind and name in inferred and inferred[name] != kind}


def _reserve(resource: Resource, *, use_dictionary_types: bool, enqueue: bool) -> DatastoreTable:
    """Reserve the next table version of ``resource`` (locked, in the caller's transaction) and
    point the resource at it, so its staff page shows the load from the first second."""
    previous = table_by_id(resource.datastore_table_id) if use_dictionary_types else None
    reserve = datastore_ingest_enqueue if enqueue else datastore_table_prepare
    table = reserve(
        actor=None,
        source_file=resource.file.name,
        source_name=resource.original_filename,
        resource_key=resource_key(resource),
        organisation=resource.dataset.organisation,
        column_overrides=(_overrides(resource, previous.columns) if previous else None) or None,
        owner=True,
    )
    resource.datastore_table_id = table.pk
    resource.save(update_fields=["datastore_table_id", "updated_at"])
    return table


def _loadable(resource: Resource | None) -> bool:
    return resource is not None and resource.is_tabular and bool(resource.file) and resource.removed_at is None


def resource_load_enqueue(resource: Resource, *, use_dictionary_types: bool = False) -> DatastoreTable | None:
    """Load the current file of a tabular resource into a new (inactive) datastore table.

    The one path a catalogue file takes into the datastore: the version is reserved here, in the
    caller's transaction, by ``datastore_ingest_enqueue``, and the datastore's own job
    (``datastore.tasks.load_table``) loads it after commit; when it is loaded,
    :func:`table_loaded` fills an empty data dictionary from the inferred types. Nothing is
    served until the dataset is published.
    """
    if not _loadable(resource):
        return None
    return _reserve(resource, use_dictionary_types=use_dictionary_types, enqueue=True)


def resource_ingest(
    *, resource_id: Any, progress: Any = None, use_dictionary_types: bool = False
) -> DatastoreTable | None:
    """The same load, run here and now (commands that show progress, e.g. ``catalog_demo``):
    the version is reserved exactly as by :func:`resource_load_enqueue`, then loaded in this
    process by the datastore's own loader instead of its job."""
    with transaction.atomic():
        resource = (
            Resource.objects.select_for_update()
            .select_related("dataset", "dataset__organisation")
            .filter(pk=resource_id)
            .first()
        )
        if resource is None or not _loadable(resource):
            return None
        table = _reserve(resource, use_dictionary_types=use_dictionary_types, enqueue=False)
    with local_path(resource.file) as path, contextlib.suppress(IngestError):  # recorded on the version
        datastore_ingest(
            actor=None,
            path=path,
            resource_key=table.resource_key,
            column_overrides=table.column_overrides or None,
            progress=progress,
            organisation=table.organisation,
            table=table,
        )
    return table_by_id(table.pk)


def table_loaded(table: DatastoreTable) -> None:
    """Registered with the datastore (``CatalogConfig.ready``): a version finished loading.
    An empty data dictionary of the resource it belongs to is prefilled from it."""
    resource_id = resource_id_of(table.resource_key)
    if resource_id is None or table.status != TableStatus.READY:
        return
    with transaction.atomic():
        locked = Resource.objects.select_for_update().filter(pk=resource_id, datastore_table_id=table.pk).first()
        if locked is not None:
            _source_from_file(locked, table)
        if locked is None or locked.columns.exists():
            return  # a newer file arrived meanwhile (its own load fills it), or it is described
        columns = dictionary_from_table(table)
        for column in columns:
            column.resource = locked
        Column.objects.bulk_create(columns)


def _source_from_file(resource: Resource, table: DatastoreTable) -> None:
    """The file's "Sumber: …" line (found under the table) fills the dataset's empty source."""
    source = str(((table.report or {}).get("layout") or {}).get("source") or "").strip()
    if not source:
        return
    filled = Dataset.objects.filter(pk=resource.dataset_id, source="").update(source=source[:600])
    if filled:
        dataset = Dataset.objects.get(pk=resource.dataset_id)
        audit_record(
            action="catalog.dataset.updated",
            actor=None,
            organisation=dataset.organisation,
            target=dataset,
            data={"fields": ["source"], "source": source[:600], "from_file": table.source_name},
        )


def resource_feed_refreshed(*, resource: Resource, path: Path, table: DatastoreTable) -> None:
    """A feed that Lontar itself writes (the konektivitas publication) loaded and activated a new
    version of a resource's table from ``path``: the resource now points at that version and offers
    that file for download (with its checksum and size), so the catalogue page, CKAN's
    ``datastore_active``, DCAT and the download agree with what the data API serves. The file of an
    earlier version stays in storage (published versions of the dataset may name it)."""
    import hashlib

    from django.core.files import File

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    with transaction.atomic():
        locked = Resource.objects.select_for_update().get(pk=resource.pk)
        with path.open("rb") as fh:
            locked.sha256 = digest.hexdigest()
            locked.size = path.stat().st_size
            locked.file.save(path.name, File(fh, name=path.name), save=False)
        locked.datastore_table_id = table.pk
        locked.save(update_fields=["file", "sha256", "size", "datastore_table_id", "updated_at"])


def table_for(resource: Resource) -> DatastoreTable | None:
    return table_by_id(resource.datastore_table_id)


def activate_for_publication(resources: list[Resource], *, public: bool) -> None:
    """Serve the loaded version of each tabular resource, public or not as the dataset is
    (inside the publishing transaction, after the dataset's new state is saved: one pass).

    A version the datastore refuses to serve (its validation report has errors — e.g. the file
    was loaded again with other column types after verification — or its rows are missing)
    stops the publication with a ValidationError the Walidata reads next to the form; the
    publishing transaction rolls back, so nothing is half-published.
    """
    for resource in resources:
        table = table_for(resource)
        if table is not None and table.status in (TableStatus.READY, TableStatus.RETIRED):
            try:
                datastore_activate(actor=None, table=table, owner=True, public=public)
            except DatastoreError as exc:
                raise ValidationError(_publication_refused(resource, exc), code=exc.code) from exc


def _publication_refused(resource: Resource, exc: DatastoreError) -> str:
    if exc.code == "report_has_errors":
        return _("The validation report of “%(name)s” has errors; correct the file and upload it again.") % {
            "name": resource.name
        }
    return _("The data table of “%(name)s” cannot be served: %(error)s") % {"name": resource.name, "error": exc.message}


def sync_visibility(dataset: Dataset, *, public: bool) -> None:
    """Public flag of the dataset's tables = the dataset is public: the active version of each
    resource is made public or private; making private also clears every older version, so no
    table that ever belonged to the dataset stays flagged public."""
    keys = [resource_key(pk) for pk in Resource.objects.filter(dataset=dataset).values_list("pk", flat=True)]
    for table in tables_of(keys, active_only=public):
        if table.is_public != public:
            datastore_set_public(actor=None, table=table, is_public=public, owner=True)


def datastore_visibility(key: str) -> bool | None:
    """The catalogue's verdict on a datastore table (registered in ``CatalogConfig.ready``).

    A table keyed ``catalog:<resource id>`` is the catalogue's for ever: it may be public only
    while the resource's dataset is public (published, data class publik) — whatever the
    dataset or the resource is called now or was called when the file was loaded. A datastore
    name in a catalogue dataset's namespace (``<dataset slug>/…``) is claimed too (never public:
    the catalogue's names resolve to its own tables). Anything else is not the catalogue's (None).
    """
    from lontar.catalog.services.entries import is_public

    resource_id = resource_id_of(key)
    if resource_id is not None:
        dataset = Dataset.objects.filter(resources__pk=resource_id).select_related("published_version").first()
        return False if dataset is None else is_public(dataset)
    if key.startswith(KEY_PREFIX):
        return False
    return False if Dataset.objects.filter(slug=key.split("/", 1)[0]).exists() else None


def key_for_name(name: str) -> str | None:
    """The owner key the public name ``<dataset slug>/<resource slug>`` stands for now (the
    dataset's and the resource's current slugs); ``CLAIMED_EMPTY`` for a dataset's name with no
    such resource; None when no dataset has the name. Runs on every public data request: one
    indexed query."""
    dataset_slug, _sep, resource_slug = name.partition("/")
    sql = (
        f"SELECT r.id FROM {Dataset._meta.db_table} d "  # noqa: S608
        f"LEFT JOIN {Resource._meta.db_table} r ON r.dataset_id = d.id AND r.slug = %s WHERE d.slug = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [resource_slug, dataset_slug])
        row = cursor.fetchone()
    if row is None:
        return None
    return resource_key(row[0]) if row[0] is not None else CLAIMED_EMPTY


def names_for_keys(keys: Iterable[str]) -> dict[str, str]:
    """{owner key: current public name} for the catalogue's keys among ``keys``."""
    ids = {rid: key for key in keys if (rid := resource_id_of(key)) is not None}
    rows = Resource.objects.filter(pk__in=list(ids)).values_list("pk", "dataset__slug", "slug")
    return {ids[pk]: f"{dataset_slug}/{slug}" for pk, dataset_slug, slug in rows}


NAMER = Namer(key_for=key_for_name, names_for=names_for_keys)


def retire_removed(dataset: Dataset, kept: list[Resource]) -> None:
    """Stop serving tables of resources the new version no longer has."""
    kept_ids = {r.pk for r in kept}
    for pk in Resource.objects.filter(dataset=dataset).exclude(pk__in=kept_ids).values_list("pk", flat=True):
        datastore_deactivate(actor=None, resource_key=resource_key(pk))


__all__ = ["logger"]
