"""Changes to sites (titik layanan): create, update, deactivate. One service per change, audited.

Every site is checked the same way as a row of an import: its desa is a desa/kelurahan of NTT, its
kabupaten/kota follows from the desa code, and its point lies in NTT and in that kabupaten/kota
(:mod:`lontar.konektivitas.geo`; swapped latitude/longitude are named as such).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.konektivitas import page_version
from lontar.konektivitas.geo import Placement
from lontar.konektivitas.models import Site
from lontar.konektivitas.permissions import require_organisation, require_site
from lontar.konektivitas.selectors import sites as site_selectors
from lontar.organisations.codes import PROVINCE_CODE
from lontar.organisations.selectors import region_by_code

EDITABLE_FIELDS = (
    "name",
    "kind",
    "lat",
    "lng",
    "location_source",
    "location_accuracy_m",
    "location_verified",
    "npsn",
    "puskesmas_code",
    "bakti_site_id",
    "power",
    "remote",
    "border",
    "disaster_prone",
    "is_sample",
)


def placement_message(placement: Placement, *, lat: float, lng: float, expected: str = "") -> str:
    """The Indonesian message for a point that is not where it should be ("" when it is)."""
    names = site_selectors.kabkota_names()
    if placement.problem == "outside":
        return _("The point (%(lat)s, %(lng)s) lies outside NTT.") % {"lat": lat, "lng": lng}
    if placement.problem == "swapped":
        return _("Latitude and longitude look swapped: (%(lat)s, %(lng)s) lies in NTT. Exchange the two values.") % {
            "lat": lng,
            "lng": lat,
        }
    if placement.problem == "sea":
        return _("The point (%(lat)s, %(lng)s) lies in the sea, in no kabupaten/kota of NTT.") % {
            "lat": lat,
            "lng": lng,
        }
    if placement.problem == "other_kabupaten":
        return _("The point lies in %(found)s, not in %(expected)s of the desa code.") % {
            "found": names.get(placement.found, placement.found),
            "expected": names.get(expected, expected),
        }
    return ""


def check_desa(code: str) -> str:
    """The message for a desa code that is not a desa/kelurahan of NTT ("" when it is)."""
    code = (code or "").strip()
    region = region_by_code(code) if code else None
    if region is None or region.level not in ("desa", "kelurahan") or not code.startswith(PROVINCE_CODE + "."):
        return _("Unknown desa/kelurahan code %(code)s (Kemendagri code such as 53.71.01.1001).") % {"code": code}
    return ""


#: external ids unique among sites (blank allowed many times)
EXTERNAL_IDS = ("npsn", "puskesmas_code", "bakti_site_id")


def _duplicate_ids(site: Site) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in EXTERNAL_IDS:
        value = getattr(site, name)
        if value:
            other = Site.objects.filter(**{name: value}).exclude(pk=site.pk).values_list("code", flat=True).first()
            if other is not None:
                label = getattr(Site._meta.get_field(name), "verbose_name", name)
                errors[name] = [
                    _("%(label)s %(value)s is already used by site %(other)s.")
                    % {"label": label, "value": value, "other": other}
                ]
    return errors


def _check(site: Site) -> None:
    errors: dict[str, list[str]] = {}
    try:
        site.full_clean(exclude=["desa", "kabupaten", "organisation"], validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for name, messages in _duplicate_ids(site).items():
        errors.setdefault(name, []).extend(messages)
    if "lat" not in errors and "lng" not in errors:
        placement = site_selectors.boundaries().place(site.lat, site.lng, site.kabupaten_id)
        message = placement_message(placement, lat=site.lat, lng=site.lng, expected=site.kabupaten_id)
        if message:
            errors.setdefault("lat", []).append(message)
    if errors:
        raise ValidationError(errors)


def _desa_fields(desa_code: str) -> dict[str, str]:
    message = check_desa(desa_code)
    if message:
        raise ValidationError({"desa": message})
    return {"desa_id": desa_code.strip(), "kabupaten_id": desa_code.strip()[:5]}


def site_create(*, actor: Any, organisation: Any, code: str, desa_code: str, **fields: Any) -> Site:
    """Register a site for ``organisation`` (which the actor must manage)."""
    require_organisation(actor, organisation)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    site = Site(code=(code or "").strip(), organisation=organisation, **_desa_fields(desa_code), **fields)
    _check(site)
    with transaction.atomic():
        site.save()
        audit_record(
            action="konektivitas.site.created",
            actor=actor,
            organisation=organisation,
            target=site,
            data={"code": site.code, "kind": site.kind, "desa": site.desa_id},
        )
    return site


def site_update(*, actor: Any, site: Site, desa_code: str | None = None, **changes: Any) -> Site:
    """Change a site's fields (and its desa); audits old and new values."""
    require_site(actor, site)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if desa_code is not None and desa_code.strip() != site.desa_id:
        changes.update(_desa_fields(desa_code))
    before = {name: getattr(site, name) for name in changes}
    diff = {name: [before[name], value] for name, value in changes.items() if before[name] != value}
    if not diff:
        return site
    for name, value in changes.items():
        setattr(site, name, value)
    try:
        _check(site)
    except ValidationError:
        site.refresh_from_db()
        raise
    with transaction.atomic():
        site.save(update_fields=[*diff, "updated_at"])
        audit_record(
            action="konektivitas.site.updated",
            actor=actor,
            organisation=site.organisation,
            target=site,
            data={"changes": diff},
        )
    return site


def site_deactivate(*, actor: Any, site: Site, reason: str) -> Site:
    """Take a site off the registry's lists and maps (it stays, with its history)."""
    require_site(actor, site)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason the site is deactivated.")})
    if not site.is_active:
        return site
    with transaction.atomic():
        site.is_active = False
        site.save(update_fields=["is_active", "updated_at"])
        audit_record(
            action="konektivitas.site.deactivated",
            actor=actor,
            organisation=site.organisation,
            target=site,
            data={"reason": reason[:500]},
        )
    page_version.bump()
    return site
