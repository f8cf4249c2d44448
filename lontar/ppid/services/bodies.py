"""Public bodies (badan publik) and their service settings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.accounts.permissions import is_province_admin
from lontar.audit.services import audit_record
from lontar.organisations.models import Organisation
from lontar.organisations.services import organisation_set_signatory
from lontar.ppid.choices import BodyKind
from lontar.ppid.models import CostItem, PublicBody
from lontar.ppid.permissions import can_manage_body
from lontar.ppid.rules import numbering
from lontar.ppid.validation import single_line_problem

#: settings a body's PPID may change
EDITABLE = (
    "number_format",
    "internal_target_days",
    "maklumat_pelayanan",
    "service_hours",
    "contact_email",
    "contact_phone",
    "address",
    "retention_days",
    "incomplete_sop_enabled",
    "incomplete_notify_days",
    "incomplete_complete_days",
    "accepts_requests",
)


def _check(body: PublicBody) -> None:
    errors: dict[str, list[str]] = {}
    problems = numbering.format_problems(body.number_format)
    if problems:
        errors["number_format"] = problems
    try:
        body.full_clean(exclude=["organisation", "parent"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def public_body_create(
    *, actor: Any, organisation: Organisation, kind: str, code: str, parent: PublicBody | None = None, **settings: Any
) -> PublicBody:
    """Register an organisation as a badan publik (province admin only)."""
    if actor is not None and not is_province_admin(actor):
        raise PermissionDenied(_("Only a province administrator can register public bodies."))
    if kind == BodyKind.PELAKSANA and (parent is None or parent.kind != BodyKind.UTAMA):
        raise ValidationError({"parent": [_("A PPID Pelaksana belongs to a PPID Utama.")]})
    if kind == BodyKind.UTAMA:
        parent = None
    body = PublicBody(organisation=organisation, kind=kind, code=code, parent=parent, **settings)
    _check(body)
    with transaction.atomic():
        body.save()
        audit_record(
            action="ppid.public_body.created",
            actor=actor,
            organisation=organisation,
            target=body,
            data={"kind": kind, "code": code},
        )
    return body


def public_body_update(*, actor: Any, body: PublicBody, changes: dict[str, Any]) -> PublicBody:
    """Change a body's service settings (its PPID or a province admin)."""
    if not can_manage_body(actor, body):
        raise PermissionDenied(_("You do not have a PPID role for this public body."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(
            _("These settings cannot be changed here: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        locked = PublicBody.objects.select_for_update().select_related("organisation").get(pk=body.pk)
        changed = {k: v for k, v in changes.items() if getattr(locked, k) != v}
        for name, value in changed.items():
            setattr(locked, name, value)
        _check(locked)
        locked.save()
        audit_record(
            action="ppid.public_body.updated",
            actor=actor,
            organisation=locked.organisation,
            target=locked,
            data={"changed": sorted(changed)},
        )
    return locked


def public_body_set_signatory(*, actor: Any, body: PublicBody, name: str, nip: str, position: str) -> PublicBody:
    """Who signs the body's written notices: stored on its organisation (the letterhead uses its contact fields)."""
    if not can_manage_body(actor, body):
        raise PermissionDenied(_("You do not have a PPID role for this public body."))
    name, nip, position = name.strip(), nip.replace(" ", "").strip(), position.strip()
    if nip and not (nip.isdigit() and len(nip) == 18):
        raise ValidationError({"signatory_nip": _("A NIP has 18 digits.")})
    with transaction.atomic():
        org, changed = organisation_set_signatory(
            organisation_id=body.organisation_id, name=name, nip=nip, position=position
        )
        if changed:
            audit_record(
                action="ppid.public_body.signatory_changed",
                actor=actor,
                organisation=org,
                target=body,
                data={"changed": changed},
            )
    body.organisation = org
    return body


MAX_PRICE = Decimal("100000000")
MAX_COST_ITEMS = 30


@dataclass(frozen=True)
class CostItemData:
    item: str
    unit: str
    price: Decimal
    note: str = ""


def _cost_errors(items: list[CostItemData]) -> list[str]:
    if len(items) > MAX_COST_ITEMS:
        return [_("At most %(n)d lines in the cost table.") % {"n": MAX_COST_ITEMS}]
    for row in items:
        texts = (row.item, row.unit, row.note)
        if not row.item.strip() or not row.unit.strip() or any(single_line_problem(t) for t in texts):
            return [_("Each line needs an item and a unit, on a single line each.")]
        if len(row.item) > 200 or len(row.unit) > 60 or len(row.note) > 300:
            return [_("An item, unit or note is too long.")]
        if not Decimal(0) <= row.price <= MAX_PRICE:
            return [_("Enter a cost between 0 and 100,000,000 rupiah.")]
    return []


def public_body_set_costs(*, actor: Any, body: PublicBody, items: list[CostItemData]) -> PublicBody:
    """Replace the body's cost table (biaya salinan informasi)."""
    if not can_manage_body(actor, body):
        raise PermissionDenied(_("You do not have a PPID role for this public body."))
    errors = _cost_errors(items)
    if errors:
        raise ValidationError({"cost_items": errors})
    with transaction.atomic():
        CostItem.objects.filter(body=body).delete()
        CostItem.objects.bulk_create(
            CostItem(
                body=body, item=r.item.strip(), unit=r.unit.strip(), price=r.price, note=r.note.strip(), position=i
            )
            for i, r in enumerate(items)
        )
        audit_record(
            action="ppid.public_body.updated",
            actor=actor,
            organisation=body.organisation,
            target=body,
            data={"changed": ["cost_items"], "cost_items": len(items)},
        )
    return body
