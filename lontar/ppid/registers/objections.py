"""The register of keberatan (UU 14/2008 Pasal 35–38) as rows, for the staff page, the public page and exports.

Columns: keberatan number, date filed, request number, public body, requester (staff only),
information requested and purpose (staff only), grounds a–g, reasons (staff only), deadline of
the answer, decision, date of the answer, atasan PPID, the answer (staff only), the requester's
response, and the dispute at the Komisi Informasi (date, register number, stage, decision date,
outcome). The public register drops every personal column and all text the requester typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lontar.ppid.choices import ObjectionStatus
from lontar.ppid.models import Objection
from lontar.ppid.registers.filters import RegisterFilters
from lontar.ppid.registers.table import MAX_ROWS, Column

COLUMNS = [
    Column("number", _("Objection number")),
    Column("filed_on", _("Date received")),
    Column("request_number", _("Request number")),
    Column("public_body", _("Public body")),
    Column("channel", _("Channel")),
    Column("name", _("Requester"), personal=True),
    Column("information_requested", _("Information requested"), personal=True),
    Column("purpose", _("Purpose of use"), personal=True),
    Column("grounds", _("Grounds (Pasal 35(1))")),
    Column("explanation", _("Reasons and facts"), personal=True),
    Column("answer_due_on", _("Answer due")),
    Column("status", _("Status")),
    Column("decision", _("Decision")),
    Column("answered_on", _("Answered on")),
    Column("answered_late", _("Answered late")),
    Column("atasan_name", _("Atasan PPID")),
    Column("answer", _("Answer of the atasan PPID"), personal=True),
    Column("requester_response", _("Requester's response")),
    Column("dispute_registered_on", _("Dispute registered at the Komisi Informasi on")),
    Column("dispute_number", _("Komisi Informasi register number")),
    Column("dispute_stage", _("Dispute stage")),
    Column("dispute_decided_on", _("Dispute decided on")),
    Column("dispute_outcome", _("Dispute outcome")),
]
PUBLIC_COLUMNS = [c for c in COLUMNS if not c.personal]


def register_queryset(base: QuerySet[Objection], filters: RegisterFilters) -> QuerySet[Objection]:
    qs = base.select_related("request__public_body__organisation", "request__assigned_to__organisation", "dispute")
    qs = filters.apply(qs, date_field="filed_on", request="request__")
    if filters.status == ObjectionStatus.FILED:
        # open keberatan: nearest answer deadline first
        return qs.filter(status=filters.status).order_by("answer_due_on", "id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("filed_on", "id")


def row(o: Objection) -> dict[str, Any]:
    req = o.request
    dispute = getattr(o, "dispute", None)
    return {
        "number": o.number,
        "filed_on": o.filed_on,
        "request_number": req.number,
        "public_body": req.public_body.organisation.name,
        "channel": str(o.get_channel_display()),
        "name": req.name,
        "information_requested": req.information_requested,
        "purpose": req.purpose,
        "grounds": ", ".join(sorted(g for g in o.grounds if isinstance(g, str) and len(g) == 1)),
        "explanation": o.explanation,
        "answer_due_on": o.answer_due_on,
        "status": str(o.get_status_display()),
        "decision": str(o.get_decision_display()) if o.decision else "",
        "answered_on": o.answered_on,
        "answered_late": str(_("yes")) if o.answered_late else "",
        "atasan_name": o.atasan_name,
        "answer": o.answer,
        "requester_response": str(o.get_requester_response_display()) if o.requester_response else "",
        "dispute_registered_on": dispute.registered_on if dispute else None,
        "dispute_number": dispute.register_number if dispute else "",
        "dispute_stage": str(dispute.get_stage_display()) if dispute else "",
        "dispute_decided_on": dispute.decided_on if dispute else None,
        "dispute_outcome": dispute.outcome if dispute else "",
    }


def rows(qs: QuerySet[Objection], columns: list[Column]) -> Iterator[list[Any]]:
    """Rows as lists in ``columns`` order (streams the queryset)."""
    for o in qs[:MAX_ROWS].iterator(chunk_size=500):
        values = row(o)
        yield [values[c.key] for c in columns]
