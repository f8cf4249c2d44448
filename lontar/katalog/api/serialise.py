"""Records as API answers, and API input as service arguments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lontar.katalog.asset_types import public_attributes
from lontar.katalog.selectors import staff as selectors
from lontar.organisations.selectors import organisation_by_slug


def application_out(app: Any) -> dict[str, Any]:
    return {
        "code": app.code,
        "name": app.name,
        "acronym": app.acronym,
        "description": app.description,
        "function": app.function,
        "output": app.output,
        "organisation": app.organisation.slug,
        "organisation_name": app.organisation.name,
        "ownership_class": app.ownership_class,
        "url": app.url,
        "stage": app.stage,
        "replaced_by": app.replaced_by.code if app.replaced_by_id else None,
        "basis": list(app.basis or []),
        "sso": app.sso,
        "tte": app.tte,
        "services": sorted(s.code for s in app.services.all()),
        "is_sample": app.is_sample,
    }


def asset_out(asset: Any) -> dict[str, Any]:
    return {
        "code": asset.code,
        "kind": asset.kind,
        "name": asset.name,
        "description": asset.description,
        "organisation": asset.organisation.slug,
        "organisation_name": asset.organisation.name,
        "ownership": asset.ownership,
        "status": asset.status,
        "rai_code": asset.rai_code,
        "licence_valid_until": asset.licence_valid_until,
        "attributes": public_attributes(asset.kind, asset.attributes or {}),
        "is_sample": asset.is_sample,
    }


def service_out(service: Any) -> dict[str, Any]:
    return {
        "code": service.code,
        "name": service.name,
        "kind": service.kind,
        "ral_code": service.ral_code,
        "description": service.description,
        "channel_url": service.channel_url,
        "organisation": service.organisation.slug,
        "organisation_name": service.organisation.name,
        "applications": sorted(a.code for a in service.applications.all()),
        "is_sample": service.is_sample,
    }


def organisation(slug: str | None, *, required: bool) -> Any:
    if not slug:
        if required:
            raise ValidationError({"organisation": [_("Give the slug of the owning organisation.")]})
        return None
    found = organisation_by_slug(slug, active_only=True)
    if found is None:
        raise ValidationError({"organisation": [_("No organisation with this slug.")]})
    return found


def _one(field: str, code: str, found: dict[str, Any]) -> Any:
    if code not in found:
        raise ValidationError({field: [_("No record with the ID %(code)s.") % {"code": code[:40]}]})
    return found[code]


def asset_ref(field: str, code: str | None) -> Any:
    return _one(field, code, selectors.assets_by_codes([code])) if code else None


def application_ref(field: str, code: str | None) -> Any:
    return _one(field, code, selectors.applications_by_codes([code])) if code else None


def applications(field: str, codes: list[str]) -> list[Any]:
    found = selectors.applications_by_codes(codes)
    return [_one(field, c, found) for c in codes]


def assets(field: str, codes: list[str]) -> list[Any]:
    found = selectors.assets_by_codes(codes)
    return [_one(field, c, found) for c in codes]


def datasets(codes: list[str]) -> list[Any]:
    found = selectors.datasets_by_slugs(codes)
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError({"datasets": [_("No public dataset %(slugs)s.") % {"slugs": ", ".join(missing)[:120]}]})
    return [found[c] for c in codes]
