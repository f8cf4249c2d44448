"""Registering and changing infrastructure assets (the 12 SIA-SPBE object types)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.katalog.asset_types import clean_attributes
from lontar.katalog.models import InfrastructureAsset
from lontar.katalog.models.choices import SOFTWARE_KINDS
from lontar.katalog.services.common import (
    changes,
    clean_code,
    clean_text,
    full_clean,
    merge_errors,
    require_manager,
    snapshot,
)

FIELDS = (
    "name",
    "description",
    "kind",
    "ownership",
    "status",
    "rai_code",
    "licence_valid_until",
    "attributes",
    "organisation",
)


def _assign(asset: InfrastructureAsset, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
    for name, value in values.items():
        if name not in FIELDS:
            raise ValueError(f"not an asset field: {name}")
        if name in ("name", "kind", "ownership", "status", "rai_code", "description"):
            try:
                value = clean_text(value, single_line=name != "description")
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)
                continue
        setattr(asset, name, value)


def _save(asset: InfrastructureAsset, values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    _assign(asset, values, errors)
    try:
        asset.attributes = clean_attributes(asset.kind, asset.attributes or {})
    except ValidationError as exc:
        merge_errors(errors, exc)
    if asset.licence_valid_until is not None:
        if asset.kind not in SOFTWARE_KINDS:
            errors.setdefault("licence_valid_until", []).append(_("Only software has a licence validity date."))
        elif not isinstance(asset.licence_valid_until, dt.date):
            errors.setdefault("licence_valid_until", []).append(_("Enter a valid date."))
    try:
        full_clean(asset, exclude=("organisation", "attributes"))
    except ValidationError as exc:
        merge_errors(errors, exc)
    if errors:
        raise ValidationError(errors)
    asset.save()


@transaction.atomic
def asset_create(
    *, actor: Any, organisation: Any, values: dict[str, Any], code: str = "", is_sample: bool = False
) -> InfrastructureAsset:
    require_manager(actor, organisation)
    asset = InfrastructureAsset(organisation=organisation, is_sample=is_sample, code=clean_code(code, "AST"))
    if InfrastructureAsset.objects.filter(code=asset.code).exists():
        raise ValidationError({"code": _("An asset with this ID already exists.")})
    _save(asset, {k: v for k, v in values.items() if k != "organisation"})
    audit_record(
        action="katalog.asset.created",
        actor=actor,
        organisation=organisation,
        target=asset,
        data={"code": asset.code, **snapshot(asset, FIELDS)},
    )
    return asset


@transaction.atomic
def asset_update(*, actor: Any, asset: InfrastructureAsset, values: dict[str, Any]) -> InfrastructureAsset:
    locked = InfrastructureAsset.objects.select_for_update().get(pk=asset.pk)
    require_manager(actor, locked.organisation)
    if "organisation" in values and values["organisation"] != locked.organisation:
        require_manager(actor, values["organisation"])
    before = snapshot(locked, FIELDS)
    _save(locked, values)
    audit_record(
        action="katalog.asset.updated",
        actor=actor,
        organisation=locked.organisation,
        target=locked,
        data={"code": locked.code, "changed": changes(before, snapshot(locked, FIELDS))},
    )
    return locked
