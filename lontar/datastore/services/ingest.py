"""Loading a file into a new table version (``datastore_ingest``) and queueing that as a job."""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.datastore.ingest import pipeline
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.names import new_table_name, valid_resource_key
from lontar.datastore.ingest.regions import Gazetteer, Place
from lontar.datastore.ingest.report import ValidationReport
from lontar.datastore.ingest.sources import open_source
from lontar.datastore.models import DatastoreTable, Phase, TableStatus
from lontar.datastore.naming import announce_loaded, claimed, is_owner_key
from lontar.datastore.permissions import can_load
from lontar.datastore.store.writers import drop_table, writer_for
from lontar.organisations.selectors import region_codes, region_places

logger = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
SAVE_EVERY = 0.5


def _check_key(resource_key: str, *, owner: bool) -> None:
    """A public name of the datastore's own, or (for the owning app only) an owner key. A name
    an owner claims (a catalogue dataset's) is refused: it would never be served."""
    if owner and is_owner_key(resource_key):
        return
    if not valid_resource_key(resource_key):
        raise IngestError("invalid_resource_key", key=resource_key)
    if not owner and claimed(resource_key):
        raise IngestError("name_claimed", key=resource_key)


def datastore_table_prepare(
    *,
    actor: Any,
    resource_key: str,
    organisation: Any = None,
    source_name: str = "",
    source_file: str = "",
    column_overrides: Mapping[str, Any] | None = None,
    sheet: int | str | None = None,
    owner: bool = False,
) -> DatastoreTable:
    """Reserve the next version of ``resource_key`` (status loading, phase queued).

    ``owner=True``: the app that owns the key (the catalogue's bridge) reserves it."""
    if not can_load(actor, organisation):
        raise PermissionDenied(_("You may not load data for this organisation."))
    _check_key(resource_key, owner=owner)
    for attempt in range(5):
        try:
            with transaction.atomic():
                last = DatastoreTable.objects.filter(resource_key=resource_key).aggregate(v=Max("version"))["v"]
                return DatastoreTable.objects.create(
                    resource_key=resource_key,
                    version=(last or 0) + 1,
                    table_name=new_table_name(),
                    organisation=organisation,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                    source_name=source_name[:255],
                    source_file=source_file,
                    column_overrides=dict(column_overrides or {}),
                    sheet="" if sheet is None else str(sheet),
                )
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def datastore_ingest_enqueue(
    *,
    actor: Any,
    source_file: str,
    resource_key: str,
    source_name: str = "",
    organisation: Any = None,
    column_overrides: Mapping[str, Any] | None = None,
    sheet: int | str | None = None,
    owner: bool = False,
) -> DatastoreTable:
    """Reserve a version and load ``source_file`` (a name in the default storage) in a
    background job once the transaction commits. Progress shows on the version's page."""
    from lontar.datastore.tasks import load_table

    table = datastore_table_prepare(
        actor=actor,
        resource_key=resource_key,
        organisation=organisation,
        source_name=source_name,
        source_file=source_file,
        column_overrides=column_overrides,
        sheet=sheet,
        owner=owner,
    )
    transaction.on_commit(lambda: load_table.enqueue(table.pk))
    return table


class _Recorder:
    """Stores progress on the table row at most twice a second, and echoes it to ``external``."""

    def __init__(self, table: DatastoreTable, external: Progress | None) -> None:
        self.table = table
        self.external = external
        self.phase = ""
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase != self.phase or now - self.last >= SAVE_EVERY or done >= total:
            DatastoreTable.objects.filter(pk=self.table.pk).update(
                phase=phase, rows_done=done, rows_total=total, updated_at=timezone.now()
            )
            self.phase, self.last = phase, now
        if self.external is not None:
            self.external(phase, done, total)


@dataclass
class _Loaded:
    plan: pipeline.Plan
    report: ValidationReport
    sha256: str


def datastore_ingest(
    *,
    actor: Any,
    path: str | os.PathLike[str],
    resource_key: str,
    column_overrides: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    sheet: int | str | None = None,
    organisation: Any = None,
    source_name: str = "",
    table: DatastoreTable | None = None,
    owner: bool = False,
) -> DatastoreTable:
    """Load a CSV or XLSX file into a NEW table version of ``resource_key`` and return it.

    The version ends ``ready`` (nothing is served until :func:`datastore_activate`) or
    ``failed``; a failed load leaves no rows behind and raises :class:`IngestError` with a
    message for the user. ``progress(phase, done, total)`` is called as rows are read and
    written; the same progress is stored on the row for pages to show.
    """
    file_path = Path(path)
    if table is None:
        table = datastore_table_prepare(
            actor=actor,
            resource_key=resource_key,
            organisation=organisation,
            source_name=source_name or file_path.name,
            column_overrides=column_overrides,
            sheet=sheet,
            owner=owner,
        )
    elif table.status != TableStatus.LOADING:
        raise IngestError("not_loading")
    elif not can_load(actor, table.organisation):
        raise PermissionDenied(_("You may not load data for this organisation."))
    _claim(table)
    try:
        loaded = _load(table, file_path, column_overrides, sheet, _Recorder(table, progress))
    except IngestError as exc:
        _fail(table, actor, exc.code, exc.params, exc.report)
        raise
    except Exception:
        logger.exception("datastore load of %s failed", table)
        _fail(table, actor, "internal", {}, None)
        raise
    _finish(table, actor, loaded)
    announce_loaded(table)
    return table


def _claim(table: DatastoreTable) -> None:
    DatastoreTable.objects.filter(pk=table.pk).update(
        worker_host=socket.gethostname()[:120], worker_pid=os.getpid(), phase=Phase.READING, updated_at=timezone.now()
    )


def known_region_codes() -> pa.Array:
    return pa.array(region_codes(), type=pa.string())


def region_gazetteer() -> Gazetteer:
    """The reference list of regions (Kemendagri codes, names, BPS codes) for region columns."""
    return Gazetteer.build(Place(code, name, level, bps) for code, name, level, bps in region_places())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _load(
    table: DatastoreTable, path: Path, overrides: Mapping[str, Any] | None, sheet: int | str | None, record: _Recorder
) -> _Loaded:
    if not path.is_file():
        raise IngestError("source_missing")
    sha256 = file_sha256(path)
    source = open_source(
        path, sheet=sheet, layout=pipeline.layout_detection(overrides), manual=pipeline.layout_manual(overrides)
    )
    plan = pipeline.profile(source, known_regions=known_region_codes(), progress=record, gazetteer=region_gazetteer())
    pipeline.apply_overrides(plan, overrides)
    writer = writer_for(table.table_name, plan.all_specs)
    with writer.bulk():
        with transaction.atomic(using="datastore"):
            writer.create()
            report = pipeline.load(plan, writer.write, decimals_as_text=writer.decimals_as_text, progress=record)
            indexed = [c.name for c in report.columns if c.indexed]
            record("indexing", 0, len(indexed))
            writer.create_indexes(indexed, lambda done, total: record("indexing", done, total))
            writer.analyze()
        writer.after_commit()
    return _Loaded(plan, report, sha256)


def _columns(report: ValidationReport) -> list[dict[str, Any]]:
    return [
        {
            "name": c.name,
            "label": c.label,
            "type": c.type,
            "number_format": c.number_format,
            "nullable": c.missing > 0 or c.invalid > 0,
            "indexed": c.indexed,
            **_region_fields(c),
        }
        for c in report.columns
    ]


def _region_fields(column: Any) -> dict[str, Any]:
    """What charts and maps need to know of a column: its region level and code system, the
    values marking total rows, and for an added column where it came from."""
    fields: dict[str, Any] = {}
    if column.region:
        fields["region_level"] = column.region.get("region_level", "")
        fields["code_system"] = column.region.get("code_system", "")
        if column.region.get("derived_column"):
            fields["kemendagri_column"] = column.region["derived_column"]
    if column.total_values:
        fields["total_values"] = list(column.total_values)
    if column.derived_from:
        fields["derived_from"] = column.derived_from
    if column.role:
        fields["role"] = column.role
    return fields


def _finish(table: DatastoreTable, actor: Any, loaded: _Loaded) -> None:
    report = loaded.report
    with transaction.atomic():
        table.refresh_from_db()
        table.status = TableStatus.READY
        table.phase = Phase.DONE
        table.columns = _columns(report)
        table.row_count = report.row_count
        table.report = report.as_dict()
        table.source_sha256 = loaded.sha256
        table.sheet = report.sheet
        table.rows_done = table.rows_total = report.row_count
        table.finished_at = timezone.now()
        table.save()
        audit_record(
            action="datastore.table.loaded",
            actor=actor,
            organisation=table.organisation,
            target=table,
            data={
                "resource_key": table.resource_key,
                "version": table.version,
                "rows": report.row_count,
                "sha256": loaded.sha256,
                "errors": len(report.errors),
                "warnings": len(report.warnings),
            },
        )


def _fail(
    table: DatastoreTable, actor: Any, code: str, params: dict[str, Any], report: ValidationReport | None
) -> None:
    try:
        drop_table(table.table_name)
    except DatabaseError:
        logger.exception("could not drop %s after a failed load; datastore_cleanup will", table.table_name)
    with transaction.atomic():
        table.refresh_from_db()
        table.status = TableStatus.FAILED
        table.phase = Phase.DONE
        table.error_code = code
        table.error_params = params
        table.report = report.as_dict() if report is not None else {}
        table.finished_at = timezone.now()
        table.save()
        audit_record(
            action="datastore.table.load_failed",
            actor=actor,
            organisation=table.organisation,
            target=table,
            data={"resource_key": table.resource_key, "version": table.version, "error": code},
        )
