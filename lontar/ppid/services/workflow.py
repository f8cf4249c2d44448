"""Steps of a request after intake. Each is one service with its role check and audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from lontar.calendar.selectors import add_working_days_from_db
from lontar.core.dates import format_date
from lontar.ppid import handoffs
from lontar.ppid.choices import DELIVERING_DECISIONS, OPEN, BodyKind, Status
from lontar.ppid.models import InformationRequest, PublicBody
from lontar.ppid.permissions import can_handle, can_manage_body
from lontar.ppid.privacy import tracking
from lontar.ppid.rules import deadlines
from lontar.ppid.services._common import require, today, transition

MIN_REASON = 10


def _reason(value: str, field: str = "note") -> str:
    value = (value or "").strip()
    if len(value) < MIN_REASON:
        raise ValidationError({field: [_("Write the reason (at least %(n)d characters).") % {"n": MIN_REASON}]})
    if "\x00" in value or len(value) > 2000:
        raise ValidationError({field: [_("Write the reason as plain text of at most 2000 characters.")]})
    return value


def _optional_note(value: str) -> str:
    value = (value or "").strip()
    return _reason(value) if value else ""


def information_request_mark_incomplete(*, actor: Any, request: InformationRequest, reason: str) -> InformationRequest:
    """Tell the requester what is missing (local SOP); the clock stops until it is completed."""
    require(can_manage_body(actor, request.public_body))
    reason = _reason(reason, "reason")

    def prepare(locked: InformationRequest) -> dict:
        body = locked.public_body
        if not body.incomplete_sop_enabled:
            raise ValidationError(_("This public body does not use the incomplete-request procedure."))
        limit = add_working_days_from_db(locked.clock_start_on, body.incomplete_notify_days)
        if today() > limit:
            raise ValidationError(
                _("Requesters must be told within %(n)d working days (by %(date)s); that time has passed.")
                % {"n": body.incomplete_notify_days, "date": format_date(limit)}
            )
        return {
            "incomplete_reason": reason,
            "incomplete_notified_on": today(),
            "completion_due_on": add_working_days_from_db(today(), body.incomplete_complete_days),
        }

    return transition(
        request,
        actor=actor,
        action="marked_incomplete",
        allowed_from={Status.RECEIVED},
        refused=_("Only a newly received request can be marked incomplete; this one is “%(status)s”."),
        prepare=prepare,
        to_status=Status.INCOMPLETE,
        note=reason,
        note_is_public=True,
    )


def information_request_complete(*, actor: Any, request: InformationRequest, note: str = "") -> InformationRequest:
    """The requester supplied what was missing: the 10 working days start again from today."""
    require(can_manage_body(actor, request.public_body))
    note = _optional_note(note)

    def prepare(locked: InformationRequest) -> dict:
        if locked.completion_due_on and today() > locked.completion_due_on:
            raise ValidationError(
                _("The time to complete ended on %(date)s. Close this request; the requester may file a new one.")
                % {"date": format_date(locked.completion_due_on)}
            )
        return {"clock_start_on": today(), "due_on": add_working_days_from_db(today(), deadlines.NOTICE_DAYS)}

    return transition(
        request,
        actor=actor,
        action="completed",
        allowed_from={Status.INCOMPLETE},
        refused=_("Only an incomplete request can be completed; this one is “%(status)s”."),
        prepare=prepare,
        to_status=Status.RECEIVED,
        note=note,
    )


def information_request_assign(
    *, actor: Any, request: InformationRequest, to: PublicBody, note: str = ""
) -> InformationRequest:
    """Hand the request to a PPID Pelaksana under the request's body (again to re-assign)."""
    require(can_manage_body(actor, request.public_body))
    note = _optional_note(note)
    if to.kind != BodyKind.PELAKSANA or to.parent_id != request.public_body_id or not to.is_active:
        raise ValidationError({"to": [_("Choose an active PPID Pelaksana of this public body.")]})

    def prepare(locked: InformationRequest) -> dict:
        if locked.assigned_to_id == to.pk:
            raise ValidationError({"to": [_("The request is already assigned to this PPID Pelaksana.")]})
        return {"assigned_to": to}

    assigned = transition(
        request,
        actor=actor,
        action="assigned",
        allowed_from={Status.RECEIVED, Status.ASSIGNED},
        refused=_("A request that is “%(status)s” cannot be assigned."),
        prepare=prepare,
        to_status=Status.ASSIGNED,
        note=note,
        audit_data={"to_body": to.code},
    )
    handoffs.request_assigned(assigned)
    return assigned


def information_request_extend(*, actor: Any, request: InformationRequest, reason: str) -> InformationRequest:
    """Extend the deadline once by 7 working days, with written reasons, before the first 10 end."""
    require(can_handle(actor, request))
    reason = _reason(reason, "reason")

    def prepare(locked: InformationRequest) -> dict:
        if locked.extended_due_on is not None:
            raise ValidationError(_("The deadline has already been extended; the law allows one extension."))
        if today() > locked.due_on:
            raise ValidationError(
                _("An extension must be given within the first 10 working days (by %(date)s).")
                % {"date": format_date(locked.due_on)}
            )
        return {
            "extended_due_on": add_working_days_from_db(locked.due_on, deadlines.EXTENSION_DAYS),
            "extension_reason": reason,
        }

    extended = transition(
        request,
        actor=actor,
        action="extended",
        allowed_from={Status.RECEIVED, Status.ASSIGNED},
        refused=_("Only a request still waiting for its written notice can be extended; this one is “%(status)s”."),
        prepare=prepare,
        note=reason,
        note_is_public=True,
    )
    handoffs.request_extended(extended)
    return extended


def information_request_deliver(*, actor: Any, request: InformationRequest, note: str = "") -> InformationRequest:
    """Record that the information was handed over as the notice says."""
    require(can_handle(actor, request))
    note = _optional_note(note)

    def prepare(locked: InformationRequest) -> dict:
        if locked.notice.decision not in DELIVERING_DECISIONS:
            raise ValidationError(_("The notice gives no information to deliver; close the request instead."))
        return {"delivered_on": today()}

    return transition(
        request,
        actor=actor,
        action="delivered",
        allowed_from={Status.NOTICE_ISSUED},
        refused=_("Information can be delivered only after the written notice; this request is “%(status)s”."),
        prepare=prepare,
        to_status=Status.DELIVERED,
        note=note,
        note_is_public=bool(note),
    )


def information_request_close(*, actor: Any, request: InformationRequest, note: str = "") -> InformationRequest:
    """Close a request that was answered (or never completed). A note is required unless delivered."""

    require(can_manage_body(actor, request.public_body))

    def prepare(locked: InformationRequest) -> dict:
        return {"closed_on": today()}

    clean = _optional_note(note) if request.status == Status.DELIVERED else _reason(note)
    return transition(
        request,
        actor=actor,
        action="closed",
        allowed_from={Status.DELIVERED, Status.NOTICE_ISSUED, Status.INCOMPLETE},
        refused=_("A request that is “%(status)s” cannot be closed; issue the written notice first."),
        prepare=prepare,
        to_status=Status.CLOSED,
        note=clean,
        note_is_public=bool(clean),
    )


def information_request_withdraw(
    *, actor: Any, request: InformationRequest, reason: str = "", token: str | None = None
) -> InformationRequest:
    """Withdraw at any time: by the requester (``actor`` None, with the tracking token) or by staff
    on the requester's behalf (with a reason)."""
    if token is not None:
        if not tracking.matches(token, request.tracking_digest):
            raise PermissionDenied(_("The tracking token does not match this request."))
        note = _optional_note(reason)
        by = "requester"
    else:
        require(can_manage_body(actor, request.public_body))
        note = _reason(reason, "reason")
        by = "staff"

    return transition(
        request,
        actor=actor if token is None else None,
        action="withdrawn",
        allowed_from=OPEN,
        refused=_("A request that is “%(status)s” can no longer be withdrawn."),
        prepare=lambda locked: {"closed_on": today()},
        to_status=Status.WITHDRAWN,
        note=note,
        note_is_public=True,
        audit_data={"by": by},
    )
