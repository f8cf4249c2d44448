"""Shared pieces of the PPID services: errors, the clock, history rows, locked transitions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.ppid.models import InformationRequest, RequestEvent


class InvalidTransition(ValidationError):
    """The request is not in a state that allows this step (HTTP 409 in the API)."""


def today() -> dt.date:
    """Today in WITA (settings.TIME_ZONE is Asia/Makassar)."""
    return timezone.localdate()


def is_person(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You do not have a PPID role for this public body."))


def record_event(
    request: InformationRequest,
    *,
    action: str,
    from_status: str,
    actor: Any,
    note: str = "",
    note_is_public: bool = False,
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        action=action,
        from_status=from_status,
        to_status=request.status,
        note=note,
        note_is_public=note_is_public,
        actor=actor if is_person(actor) else None,
    )


def transition(
    request: InformationRequest,
    *,
    actor: Any,
    action: str,
    allowed_from: Collection[str],
    refused: str,
    prepare: Callable[[InformationRequest], dict[str, Any]],
    to_status: str | None = None,
    note: str = "",
    note_is_public: bool = False,
    audit_data: dict[str, Any] | None = None,
) -> InformationRequest:
    """Lock the row, check its state, apply ``prepare(locked)``'s changes, write history and audit.

    ``prepare`` validates against the locked row and returns the field changes; it may raise
    ValidationError. Everything happens in one transaction.
    """
    with transaction.atomic():
        locked = (
            InformationRequest.objects.select_for_update()
            .select_related("public_body__organisation")
            .get(pk=request.pk)
        )
        if locked.status not in allowed_from:
            raise InvalidTransition(refused % {"status": locked.get_status_display()}, code="invalid_transition")
        changes = prepare(locked)
        before = locked.status
        for field, value in changes.items():
            setattr(locked, field, value)
        if to_status is not None:
            locked.status = to_status
        locked.save()
        record_event(locked, action=action, from_status=before, actor=actor, note=note, note_is_public=note_is_public)
        audit_record(
            action=f"ppid.information_request.{action}",
            actor=actor,
            organisation=locked.public_body.organisation,
            target=locked,
            data={"from": before, "to": locked.status, **_json_changes(changes), **(audit_data or {})},
        )
    return locked


def _json_changes(changes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if hasattr(value, "pk"):
            out[f"{field}_id"] = value.pk
        elif isinstance(value, dt.date | str | int | bool) or value is None:
            out[field] = value.isoformat() if isinstance(value, dt.date) else value
    return out
