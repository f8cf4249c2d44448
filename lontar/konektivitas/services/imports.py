"""Import of sites from CSV/XLSX: upload and check (a report, nothing written to the registry), then
apply on confirmation — all rows, or explicitly without the broken ones — in one transaction.

The file is read with the datastore's sniffing (encoding, delimiter, XLSX by content:
:func:`lontar.datastore.ingest.sources.open_source`); the checks are in
:mod:`lontar.konektivitas.import_checks`. Rows are upserted by code, or by external id (NPSN, kode
puskesmas, BAKTI id) when the code is new: importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.core.storage import private_storage
from lontar.core.uploads import check_size, sha256_of
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.sources import open_source
from lontar.konektivitas import page_version
from lontar.konektivitas.bulk import insert_rows
from lontar.konektivitas.import_checks import (
    COLUMN_NAMES,
    MANDATORY,
    Checker,
    Context,
    Row,
    map_columns,
    near_duplicates,
)
from lontar.konektivitas.models import ImportBatch, ImportStatus, Site
from lontar.konektivitas.permissions import MANAGE, require_organisation
from lontar.konektivitas.selectors import sites as site_selectors
from lontar.konektivitas.services.summaries import summaries_refresh
from lontar.organisations.selectors import organisations_by_ids, organisations_by_slugs

logger = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
#: messages kept in the report (the counts are always complete)
MAX_MESSAGES = 5000
BATCH = 2000
WRITE_FIELDS = (
    "name",
    "kind",
    "desa_id",
    "kabupaten_id",
    "lat",
    "lng",
    "npsn",
    "puskesmas_code",
    "bakti_site_id",
    "location_source",
    "location_accuracy_m",
    "power",
    "remote",
    "border",
    "disaster_prone",
)
storage = private_storage("konektivitas-imports")


def _rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]], str]:
    source = open_source(path, layout=False)

    def records() -> Iterator[tuple[int, list[str]]]:
        for batch in source.batches():
            columns = [c.to_pylist() for c in batch.columns]
            for i in range(batch.size):
                yield batch.row(i), [(col[i] or "") for col in columns]

    return source.labels, records(), source.format


def _context(actor: Any, organisation: Any, slugs: set[str], *, fix_swapped: bool) -> Context:
    existing_codes: dict[str, tuple[int, int, str, str, str]] = {}
    existing_ids: dict[tuple[str, str], str] = {}
    points = []
    digest = hashlib.blake2b(digest_size=16)
    rows = Site.objects.order_by("pk").values_list(
        "pk", "code", "organisation_id", "npsn", "puskesmas_code", "bakti_site_id", "lat", "lng", "name", "is_active"
    )
    for row in rows.iterator(chunk_size=20000):
        pk, code, org_id, npsn, pkm, bakti, lat, lng, name, active = row
        digest.update(repr(row).encode())
        existing_codes[code] = (pk, org_id, npsn, pkm, bakti)
        for field, value in (("npsn", npsn), ("puskesmas_code", pkm), ("bakti_site_id", bakti)):
            if value:
                existing_ids[(field, value)] = code
        if active:
            points.append((lat, lng, name, code))
    scope = MANAGE.scope(actor)
    org_cache: dict[int, Any] = {}

    def may_manage_id(org_id: int) -> bool:
        if scope.all:
            return True
        if org_id not in org_cache:
            org_cache[org_id] = organisations_by_ids([org_id]).first()
        return scope.covers(org_cache[org_id])

    found = {o.slug: o for o in organisations_by_slugs(slugs)} if slugs else {}
    desa = site_selectors.desa_places()
    # what every check below reads: the registry, the organisations named, the desa list
    digest.update(repr(sorted((slug, o.pk) for slug, o in found.items())).encode())
    digest.update(f"{getattr(organisation, 'pk', None)}|{len(desa)}|{fix_swapped}".encode())
    return Context(
        boundaries=site_selectors.boundaries(),
        desa=desa,
        existing_codes=existing_codes,
        existing_ids=existing_ids,
        existing_points=points,
        organisations=found,
        default_organisation=organisation,
        may_manage=scope.covers,
        may_manage_id=may_manage_id,
        fix_swapped=fix_swapped,
        registry_digest=digest.hexdigest(),
    )


def check_file(path: Path, *, actor: Any, organisation: Any, fix_swapped: bool = False) -> tuple[dict, list[Row]]:
    """Read and check a site file: (report, checked rows). Raises ValidationError for a file that
    cannot be read at all (not CSV/XLSX, no header with the mandatory columns, too many rows)."""
    report, rows, _kept = _check(path, actor=actor, organisation=organisation, fix_swapped=fix_swapped)
    return report, rows


def _check(path: Path, *, actor: Any, organisation: Any, fix_swapped: bool) -> tuple[dict, list[Row], dict[str, Any]]:
    """check_file, plus what the apply needs to know whether the check still holds."""
    began = time.perf_counter()
    try:
        labels, records, fmt = _rows(path)
        columns, unknown = map_columns(labels)
        missing = [COLUMN_NAMES[name] for name in MANDATORY if name not in columns]
        if missing:
            raise ValidationError(
                _("The file lacks the columns %(columns)s (see the template).") % {"columns": ", ".join(missing)}
            )
        raw_rows: list[tuple[int, dict[str, str]]] = []
        for line, cells in records:
            if len(raw_rows) >= MAX_ROWS:
                raise ValidationError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
            raw_rows.append((line, {name: str(cells[i]) for name, i in columns.items() if i < len(cells)}))
    except IngestError as exc:
        raise ValidationError(exc.message) from exc
    slugs = {raw.get("organisation", "").strip() for _line, raw in raw_rows} - {""}
    checker = Checker(_context(actor, organisation, slugs, fix_swapped=fix_swapped))
    rows = [checker.row(line, raw) for line, raw in raw_rows]
    near_duplicates(rows, checker.ctx.existing_points)
    errors = [e for r in rows for e in r.errors]
    warnings = [w for r in rows for w in r.warnings]
    broken = sum(1 for r in rows if r.errors)
    matched = sum(1 for r in rows if not r.errors and r.values.get("match"))
    report = {
        "format": fmt,
        "columns": sorted(columns),
        "unknown_columns": unknown,
        "rows": len(rows),
        "ok_rows": len(rows) - broken,
        "error_rows": broken,
        "new": len(rows) - broken - matched,
        "matched": matched,
        "errors": errors[:MAX_MESSAGES],
        "errors_total": len(errors),
        "warnings": warnings[:MAX_MESSAGES],
        "warnings_total": len(warnings),
        "fixes": [{"line": r.line, **r.fix} for r in rows if r.fix][:MAX_MESSAGES],
        "fix_swapped": fix_swapped,
        "seconds": round(time.perf_counter() - began, 2),
    }
    return report, rows, {"digest": checker.ctx.registry_digest, "slugs": sorted(slugs)}


# --- the check kept for the apply ------------------------------------------------------------------
# import_apply must judge the file against the registry as it is then. When nothing the checks read
# has changed since the upload (same registry rows, organisations, desa list, fix choice; the digest
# of _context), the rows checked at the upload are still right: they are kept beside the stored file
# (compressed JSON) and the apply reads them instead of checking 100,000 rows again. Any difference,
# or a missing or unreadable file, means the full check again.

_CHECKED_SUFFIX = ".checked"


def _checked_name(batch: ImportBatch) -> str:
    return f"{batch.stored_name}{_CHECKED_SUFFIX}"


def _encode_values(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    org = out.pop("organisation", None)
    out["organisation_id"] = getattr(org, "pk", None)
    return out


def _keep_checked(stored_name: str, rows: list[Row], kept: dict[str, Any], *, fix_swapped: bool) -> None:
    payload = {
        **kept,
        "fix_swapped": fix_swapped,
        "good": [[r.line, _encode_values(r.values)] for r in rows if not r.errors],
        "broken": [r.line for r in rows if r.errors],
    }
    data = zlib.compress(json.dumps(payload, separators=(",", ":")).encode(), 1)
    storage.save(f"{stored_name}{_CHECKED_SUFFIX}", ContentFile(data))


def _forget_checked(batch: ImportBatch) -> None:
    """Delete the kept check after the apply (the stored file itself stays: what was imported). The
    import is committed by then: a storage failure here is logged, not shown as a failed import."""
    try:
        storage.delete(_checked_name(batch))
    except Exception:  # any storage backend's error, logged with its traceback
        logger.warning("konektivitas import %s: the kept check could not be deleted", batch.pk, exc_info=True)


def _reuse_checked(batch: ImportBatch, actor: Any, *, fix_swapped: bool) -> list[Row] | None:
    """The rows checked at the upload, when the registry still gives the same answers; else None."""
    try:
        with storage.open(_checked_name(batch), "rb") as f:
            payload = json.loads(zlib.decompress(f.read()))
    except (OSError, ValueError, zlib.error):
        return None
    if payload.get("fix_swapped") != fix_swapped:
        return None
    good = payload["good"]
    ids = {v.get("organisation_id") for _line, v in good} - {None}
    organisations = {o.pk: o for o in organisations_by_ids(ids)}
    # the same reads as the check, for the digest: Site rows, organisations named, desa list
    ctx = _context(actor, batch.organisation, set(payload.get("slugs", ())), fix_swapped=fix_swapped)
    if ctx.registry_digest != payload.get("digest"):
        return None
    rows = []
    for line, values in good:
        org = organisations.get(values.pop("organisation_id", None))
        existing = ctx.existing_codes.get(values.get("match") or "")
        # the actor's rights now (the apply may be another person, or rights may have changed)
        if org is None or not ctx.may_manage(org) or (existing is not None and not ctx.may_manage_id(existing[1])):
            return None
        values["organisation"] = org
        rows.append(Row(line, values))
    rows += [Row(line, {}, errors=[{"line": line, "code": "checked"}]) for line in payload["broken"]]
    return rows


def _stored_path(batch: ImportBatch) -> Any:
    suffix = Path(batch.stored_name).suffix
    tmp = tempfile.NamedTemporaryFile(suffix=suffix)  # noqa: SIM115 (closed by the caller)
    with storage.open(batch.stored_name, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            tmp.write(chunk)
    tmp.flush()
    return tmp


def import_upload(*, actor: Any, organisation: Any, upload: Any) -> ImportBatch:
    """Store an uploaded site file and check it; the batch carries the report (nothing imported)."""
    require_organisation(actor, organisation)
    check_size(upload, max_bytes=MAX_BYTES)
    digest = sha256_of(upload)
    with tempfile.NamedTemporaryFile(suffix=".upload") as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        report, rows, kept = _check(Path(tmp.name), actor=actor, organisation=organisation, fix_swapped=False)
        tmp.seek(0)
        extension = "xlsx" if report["format"] == "xlsx" else "csv"
        stored = storage.save(f"{digest[:16]}-{int(time.time())}.{extension}", File(tmp))
    _keep_checked(stored, rows, kept, fix_swapped=False)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation=organisation,
            uploaded_by=actor,
            file_name=str(getattr(upload, "name", "") or "")[:200],
            stored_name=stored,
            sha256=digest,
            total_rows=report["rows"],
            error_rows=report["error_rows"],
            report=report,
        )
        audit_record(
            action="konektivitas.import.checked",
            actor=actor,
            organisation=organisation,
            target=batch,
            data={"rows": report["rows"], "error_rows": report["error_rows"], "sha256": digest},
        )
    return batch


def _write(rows: list[Row]) -> tuple[int, int]:
    """Create and update the sites of the good rows, and the map summaries of their kab/kota
    (every row's and every updated site's former one); (created, updated)."""
    matched = {r.values["match"]: r for r in rows if r.values.get("match")}
    new = [r for r in rows if not r.values.get("match")]
    created = insert_rows(
        Site,
        (
            {
                "code": r.values["code"],
                "organisation_id": r.values["organisation"].pk,
                **{f: r.values[f] for f in WRITE_FIELDS if r.values.get(f) is not None},
            }
            for r in new
        ),
    )
    changed: list[Site] = []
    touched = {r.values.get("kabupaten_id", "") for r in rows}
    moved = False  # a site changed kab/kota or kind: its weekly statuses count elsewhere in the trend
    codes = list(matched)
    for start in range(0, len(codes), BATCH):
        for site in Site.objects.filter(code__in=codes[start : start + BATCH]):
            values = matched[site.code].values
            touched.add(site.kabupaten_id)
            before = (site.kabupaten_id, site.kind)
            dirty = False
            for f in WRITE_FIELDS:
                value = values.get(f)
                if value is None:
                    continue
                if getattr(site, f) != value:
                    setattr(site, f, value)
                    dirty = True
            if dirty:
                changed.append(site)
                moved = moved or before != (site.kabupaten_id, site.kind)
    Site.objects.bulk_update(changed, [*WRITE_FIELDS, "updated_at"], batch_size=500)
    summaries_refresh(kabupaten=touched, weeks=moved)
    return created, len(changed)


def import_apply(
    *, actor: Any, batch: ImportBatch, skip_broken: bool = False, fix_swapped: bool = False
) -> ImportBatch:
    """Apply a checked file: every row, or — only when ``skip_broken`` is chosen — the rows without
    problems. Re-checked against the registry as it is now; all or nothing."""
    require_organisation(actor, batch.organisation)
    if batch.status != ImportStatus.CHECKED:
        raise ValidationError(_("This import has already been applied."))
    rows = _reuse_checked(batch, actor, fix_swapped=fix_swapped)
    if rows is not None:
        report = batch.report
    else:
        with _stored_path(batch) as tmp:
            report, rows = check_file(
                Path(tmp.name), actor=actor, organisation=batch.organisation, fix_swapped=fix_swapped
            )
    broken = [r for r in rows if r.errors]
    if broken and not skip_broken:
        batch.report, batch.error_rows = report, len(broken)
        batch.save(update_fields=["report", "error_rows", "updated_at"])
        raise ValidationError(
            _(
                "%(count)s row(s) have problems: nothing was imported. Fix the file and upload it again, "
                "or choose to import without the rows with problems."
            )
            % {"count": len(broken)}
        )
    good = [r for r in rows if not r.errors]
    if not good:
        raise ValidationError(_("No row can be imported."))
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.CHECKED:
            raise ValidationError(_("This import has already been applied."))
        created, updated = _write(good)
        batch.status = ImportStatus.APPLIED
        batch.report = report
        batch.error_rows = len(broken)
        batch.applied_at = timezone.now()
        batch.applied_by = actor
        batch.created_count, batch.updated_count, batch.skipped_count = created, updated, len(broken)
        batch.save()
        audit_record(
            action="konektivitas.import.applied",
            actor=actor,
            organisation=batch.organisation,
            target=batch,
            data={"created": created, "updated": updated, "skipped_rows": [r.line for r in broken][:1000]},
        )
    page_version.bump()
    _forget_checked(batch)
    return batch


def require_batch(actor: Any, batch: ImportBatch) -> None:
    if not MANAGE.covers(actor, batch.organisation):
        raise PermissionDenied
