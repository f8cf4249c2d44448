"""Public bodies (badan publik) and their service settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.accounts.permissions import is_province_admin
from lontar.audit.services import audit_record
from lontar.organisations.models import Organisation
from lontar.ppid import numbering
from lontar.ppid.choices import BodyKind
from lontar.ppid.models import PublicBody
from lontar.ppid.permissions import can_manage_body

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
