"""Turning PPID records into API dictionaries."""

from __future__ import annotations

from typing import Any

from lontar.ppid.models import InformationRequest, PublicBody
from lontar.ppid.selectors.objections import ObjectionView, objections_of
from lontar.ppid.selectors.requests import Deadline


def body_out(body: PublicBody) -> dict[str, Any]:
    return {
        "code": body.code,
        "slug": body.slug,
        "name": body.name,
        "kind": body.kind,
        "parent_code": body.parent.code if body.parent is not None else None,
        "accepts_requests": body.accepts_requests,
        "internal_target_days": body.internal_target_days,
        "retention_days": body.retention_days,
        "is_sample": body.is_sample,
    }


def deadline_out(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "kind": deadline.kind,
        "due": deadline.due,
        "working_days_left": deadline.days_left,
        "overdue": deadline.overdue,
        "running": deadline.running,
    }


def notice_out(req: InformationRequest) -> dict[str, Any] | None:
    notice = getattr(req, "notice", None)
    if notice is None:
        return None
    return {
        "number": notice.number,
        "decision": notice.decision,
        "decision_label": str(notice.get_decision_display()),
        "issued_on": notice.issued_on,
        "information_held": notice.information_held,
        "holder": notice.holder,
        "exemption_ground": notice.exemption_ground,
        "material": notice.material,
        "delivery": notice.delivery,
        "cost": notice.cost,
        "payment_method": notice.payment_method,
        "explanation": notice.explanation,
        "redactions": [{"part": r.part, "reason": r.reason, "ground": r.ground} for r in notice.redactions.all()],
        "files": [f.name for f in notice.files.all()],
    }


def _dispute_out(view: ObjectionView) -> dict[str, Any] | None:
    dispute = getattr(view.objection, "dispute", None)
    if dispute is None:
        return None
    return {
        "registered_on": dispute.registered_on,
        "register_number": dispute.register_number,
        "stage": dispute.stage,
        "outcome": dispute.outcome,
        "decided_on": dispute.decided_on,
    }


def objections_out(req: InformationRequest) -> list[dict[str, Any]]:
    out = []
    for view in objections_of(req):
        o = view.objection
        out.append(
            {
                "id": o.pk,
                "number": o.number,
                "grounds": o.grounds,
                "explanation": o.explanation,
                "filed_on": o.filed_on,
                "status": o.status,
                "answer_due_on": o.answer_due_on,
                "answer_deadline": deadline_out(view.answer_deadline),
                "decision": o.decision,
                "answer": o.answer,
                "answered_on": o.answered_on,
                "atasan_name": o.atasan_name,
                "requester_response": o.requester_response,
                "dispute_by": view.dispute_by,
                "dispute": _dispute_out(view),
            }
        )
    return out


def events_out(req: InformationRequest, *, public: bool) -> list[dict[str, Any]]:
    return [
        {
            "at": e.at,
            "action": e.action,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "note": e.note if (e.note_is_public or not public) else "",
        }
        for e in req.events.order_by("at", "id")
    ]


def summary_out(req: InformationRequest, deadline: Deadline | None) -> dict[str, Any]:
    return {
        "id": req.pk,
        "number": req.number,
        "status": req.status,
        "channel": req.channel,
        "public_body": req.public_body.code,
        "assigned_to": req.assigned_to.code if req.assigned_to is not None else None,
        "name": req.name,
        "received_on": req.received_on,
        "due_on": req.due_on,
        "extended_due_on": req.extended_due_on,
        "deadline": deadline_out(deadline),
        "is_sample": req.is_sample,
    }


def detail_out(req: InformationRequest, deadline: Deadline | None, *, personal: bool) -> dict[str, Any]:
    fields = (
        "requester_type",
        "by_proxy",
        "information_requested",
        "purpose",
        "obtain_method",
        "copy_method",
        "extension_reason",
        "incomplete_reason",
        "completion_due_on",
        "notice_issued_on",
        "delivered_on",
        "closed_on",
    )
    personal_data = None
    if personal:
        personal_data = {k: getattr(req, k) for k in ("identity_number", "address", "phone", "email", "occupation")}
    return {
        **summary_out(req, deadline),
        **{k: getattr(req, k) for k in fields},
        "personal_data": personal_data,
        "events": events_out(req, public=False),
        "notice": notice_out(req),
        "objections": objections_out(req),
    }


def tracking_out(req: InformationRequest, deadline: Deadline | None) -> dict[str, Any]:
    return {
        "number": req.number,
        "status": req.status,
        "status_label": str(req.get_status_display()),
        "public_body": req.public_body.name,
        "assigned_to": req.assigned_to.name if req.assigned_to is not None else None,
        "received_on": req.received_on,
        "due_on": req.due_on,
        "extended_due_on": req.extended_due_on,
        "deadline": deadline_out(deadline),
        "events": events_out(req, public=True),
        "notice": notice_out(req),
        "objections": objections_out(req),
        "is_sample": req.is_sample,
    }
