"""Changes of state for regions and organisations. Each writes in one transaction with its audit event."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.organisations.loaders import organisations as org_loader
from lontar.organisations.loaders.regions import FIELDS, ReferenceDataError, plan_sync, read_regions
from lontar.organisations.models import Organisation, OrganisationKind, Region, RegionLevel
from lontar.organisations.permissions import may_change

DEFAULT_DATA_DIR = Path(settings.BASE_DIR) / "data" / "reference"

#: fields organisation_create / organisation_update accept
EDITABLE_FIELDS = (
    "name",
    "short_name",
    "opd_type",
    "website",
    "email",
    "phone",
    "address",
    "is_sample",
    "source",
    "is_active",
)


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def regions_load(*, actor: Any = None, data_dir: Path | None = None) -> LoadResult:
    """Create or update every NTT region from the reference files (idempotent, bulk, atomic).

    Regions in the database that the files no longer list are left alone (organisations may
    point at them). Raises :class:`ReferenceDataError` for a bad file; nothing is written then.
    """
    rows = read_regions(data_dir or DEFAULT_DATA_DIR)
    with transaction.atomic():
        existing = {r.code: tuple(getattr(r, f) for f in FIELDS) for r in Region.objects.all()}
        plan = plan_sync(existing, rows)
        Region.objects.bulk_create(
            [Region(code=row.code, **dict(zip(FIELDS, row.values(), strict=True))) for row in plan.create],
            batch_size=500,
        )
        Region.objects.bulk_update(
            [Region(code=row.code, **dict(zip(FIELDS, row.values(), strict=True))) for row in plan.update],
            fields=list(FIELDS),
            batch_size=200,
        )
        result = LoadResult(len(plan.create), len(plan.update), plan.unchanged)
        if result.changed:
            audit_record(
                action="organisations.regions.loaded",
                actor=actor,
                data={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
    return result


def organisations_load(*, actor: Any = None, templates: Path | None = None) -> LoadResult:
    """Create the instansi of NTT and the sample OPD under them; existing slugs are left untouched.

    Existing organisations are never overwritten, so edits made through
    :func:`organisation_update` survive a re-run. Needs the regions (``load_regions``) first.
    """
    note, units = org_loader.read_templates(templates or org_loader.TEMPLATES_FILE)
    regions = [
        org_loader.RegionInfo(code, name, level)
        for code, name, level in Region.objects.filter(
            level__in=[RegionLevel.PROVINSI, RegionLevel.KABUPATEN, RegionLevel.KOTA]
        ).values_list("code", "name", "level")
    ]
    if not regions:
        raise ReferenceDataError(_("No regions in the database: run load_regions first."))
    rows = org_loader.organisation_rows(regions, units, note)
    with transaction.atomic():
        existing = set(Organisation.objects.filter(slug__in=[r.slug for r in rows]).values_list("slug", flat=True))
        new = [r for r in rows if r.slug not in existing]
        _bulk_create_rows([r for r in new if r.parent_slug is None])
        _bulk_create_rows([r for r in new if r.parent_slug is not None])
        result = LoadResult(created=len(new), updated=0, unchanged=len(rows) - len(new))
        if result.changed:
            audit_record(
                action="organisations.organisations.loaded",
                actor=actor,
                data={"created": result.created, "unchanged": result.unchanged},
            )
    return result


def _bulk_create_rows(rows: list[org_loader.OrganisationRow]) -> None:
    parents = dict(
        Organisation.objects.filter(slug__in={r.parent_slug for r in rows if r.parent_slug}).values_list("slug", "id")
    )
    Organisation.objects.bulk_create(
        [
            Organisation(
                slug=r.slug,
                name=r.name,
                short_name=r.short_name,
                kind=r.kind,
                opd_type=r.opd_type,
                parent_id=parents.get(r.parent_slug) if r.parent_slug else None,
                region_id=r.region_code,
                is_sample=r.is_sample,
                source=r.source,
            )
            for r in rows
        ],
        batch_size=500,
    )


def _require_province_admin(actor: Any) -> None:
    if not may_change(actor):  # a province admin (registered by accounts)
        raise PermissionDenied(_("Only a province admin may change the list of organisations."))


def _check_structure(organisation: Organisation) -> None:
    """Invariants beyond single fields: who may be a parent, which regions, which types."""
    errors: dict[str, str] = {}
    if organisation.kind == OrganisationKind.INSTANSI:
        if organisation.parent_id is not None:
            errors["parent"] = _("A government body (instansi) has no parent body.")
        if organisation.region.level not in (RegionLevel.PROVINSI, RegionLevel.KABUPATEN, RegionLevel.KOTA):
            errors["region"] = _("A government body belongs to the province or a kabupaten/kota.")
        if organisation.opd_type:
            errors["opd_type"] = _("Only a regional agency (OPD) has an agency type.")
    else:
        parent = organisation.parent
        if parent is None or parent.kind != OrganisationKind.INSTANSI:
            errors["parent"] = _("A regional agency (OPD) belongs to a government body (instansi).")
        elif parent.region_id != organisation.region_id:
            errors["region"] = _("A regional agency is in the same region as its government body.")
        if not organisation.opd_type:
            errors["opd_type"] = _("Choose the agency type.")
    if errors:
        raise ValidationError(errors)


def _validate(organisation: Organisation) -> None:
    """Field checks first, then structure (clear messages), then the database constraints."""
    organisation.full_clean(validate_constraints=False)
    _check_structure(organisation)
    organisation.validate_constraints()


def organisation_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    region: Region,
    parent: Organisation | None = None,
    slug: str = "",
    **fields: Any,
) -> Organisation:
    """Add an instansi or an OPD (province admin only). Raises ValidationError for bad values."""
    _require_province_admin(actor)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    organisation = Organisation(
        name=name, kind=kind, region=region, parent=parent, slug=slug or slugify(name)[:120], **fields
    )
    _validate(organisation)
    with transaction.atomic():
        organisation.save()
        audit_record(
            action="organisations.organisation.created",
            actor=actor,
            organisation=organisation,
            target=organisation,
            data={"slug": organisation.slug, "kind": kind, "region": region.code},
        )
    return organisation


def organisation_update(*, actor: Any, organisation: Organisation, **changes: Any) -> Organisation:
    """Change the editable fields of an organisation (province admin only); audits old and new values."""
    _require_province_admin(actor)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    before = {name: getattr(organisation, name) for name in changes}
    for name, value in changes.items():
        setattr(organisation, name, value)
    diff = {name: [before[name], value] for name, value in changes.items() if before[name] != value}
    if not diff:
        return organisation
    try:
        _validate(organisation)
    except ValidationError:
        organisation.refresh_from_db()
        raise
    with transaction.atomic():
        organisation.save(update_fields=[*diff, "updated_at"])
        audit_record(
            action="organisations.organisation.updated",
            actor=actor,
            organisation=organisation,
            target=organisation,
            data={"changes": diff},
        )
    return organisation


def organisation_set_signatory(
    *, organisation_id: int, name: str, nip: str, position: str
) -> tuple[Organisation, list[str]]:
    """Store who signs the organisation's letters; returns it and the fields that changed. The caller
    checks its permission and writes its own audit event inside its transaction."""
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation_id)
        new = {"signatory_name": name, "signatory_nip": nip, "signatory_position": position}
        changed = sorted(k for k, v in new.items() if getattr(org, k) != v)
        if changed:
            for key, value in new.items():
                setattr(org, key, value)
            org.save(update_fields=[*changed, "updated_at"])
    return org, changed
