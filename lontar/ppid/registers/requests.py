"""The register of requests (register permohonan) as rows, for the staff page, the public page and exports.

Columns follow the regulation (number, date, name, address, contact, occupation, information
requested, purpose, status of the information, form, kind of request, decision, refusal reason,
dates of notice and delivery, costs and payment). The public register drops every personal
column (name, NIK, address, contact, occupation) and the free text the requester typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lontar.calendar.selectors import holiday_dates
from lontar.calendar.workdays import working_days_between
from lontar.ppid.choices import Channel, Decision, ObtainMethod, Status
from lontar.ppid.models import InformationRequest
from lontar.ppid.registers.filters import RegisterFilters
from lontar.ppid.registers.table import MAX_ROWS, Column

COLUMNS = [
    Column("number", _("Registration number")),
    Column("received_on", _("Date received")),
    Column("public_body", _("Public body")),
    Column("assigned_to", _("PPID Pelaksana")),
    Column("channel", _("Channel")),
    Column("name", _("Name"), personal=True),
    Column("address", _("Address"), personal=True),
    Column("contact", _("Phone / e-mail"), personal=True),
    Column("occupation", _("Occupation"), personal=True),
    Column("information_requested", _("Information requested"), personal=True),
    Column("purpose", _("Purpose of use"), personal=True),
    Column("information_status", _("Status of the information")),
    Column("form", _("Form of the information")),
    Column("kind", _("Kind of request")),
    Column("status", _("Status")),
    Column("decision", _("Decision")),
    Column("refusal_ground", _("Refusal reason (Pasal 17)")),
    Column("notice_issued_on", _("Date of the written notice")),
    Column("delivered_on", _("Date of delivery")),
    Column("working_days", _("Working days to the notice")),
    Column("extended", _("Extended")),
    Column("cost", _("Cost (Rp)")),
    Column("payment_method", _("How to pay")),
]
PUBLIC_COLUMNS = [c for c in COLUMNS if not c.personal]
#: columns a register without personal data never loads (personal data and the requester's own words)
PERSONAL_FIELDS = (
    "name",
    "identity_number",
    "identity_index",
    "address",
    "phone",
    "email",
    "occupation",
    "information_requested",
    "purpose",
    "tracking_digest",
)


def register_queryset(base: QuerySet[InformationRequest], filters: RegisterFilters) -> QuerySet[InformationRequest]:
    qs = base.select_related("public_body__organisation", "assigned_to__organisation", "notice")
    return filters.apply(qs, date_field="received_on").order_by("received_on", "id")


def _information_status(notice: Any) -> str:
    if notice is None:
        return ""
    if notice.decision == Decision.NOT_HELD:
        return str(_("Not held — held by %(holder)s") % {"holder": notice.holder})
    if notice.decision == Decision.NOT_DOCUMENTED:
        return str(_("Not yet documented"))
    return str(_("Held"))


def _form(req: InformationRequest) -> str:
    if req.obtain_method == ObtainMethod.SOFTCOPY:
        return str(_("Softcopy"))
    if req.obtain_method == ObtainMethod.HARDCOPY:
        return str(_("Hardcopy"))
    return ""


def _kind(req: InformationRequest) -> str:
    return str(_("See / read") if req.obtain_method == ObtainMethod.INSPECT else _("Copy"))


class RowBuilder:
    """Builds register rows; working days counted with one holiday query for the whole range."""

    def __init__(self, start: dt.date, end: dt.date, *, personal: bool = True) -> None:
        """``personal=False``: rows without the personal columns (their fields may be deferred)."""
        self.holidays = holiday_dates(start, end + dt.timedelta(days=120))
        self.personal = personal
        # translated once per builder: get_FOO_display() re-hashes every lazy choice label per call
        self.channels = {value: str(label) for value, label in Channel.choices}
        self.statuses = {value: str(label) for value, label in Status.choices}
        self.decisions = {value: str(label) for value, label in Decision.choices}

    def row(self, req: InformationRequest) -> dict[str, Any]:
        notice = getattr(req, "notice", None)
        out = {
            "number": req.number,
            "received_on": req.received_on,
            "public_body": req.public_body.organisation.name,
            "assigned_to": req.assigned_to.organisation.name if req.assigned_to is not None else "",
            "channel": self.channels.get(req.channel, req.channel),
            "information_status": _information_status(notice),
            "form": _form(req),
            "kind": _kind(req),
            "status": self.statuses.get(req.status, req.status),
            "decision": self.decisions.get(notice.decision, notice.decision) if notice else "",
            "refusal_ground": notice.exemption_ground if notice else "",
            "notice_issued_on": req.notice_issued_on,
            "delivered_on": req.delivered_on,
            "working_days": self._working_days(req),
            "extended": str(_("yes")) if req.is_extended else "",
            "cost": notice.cost if notice else None,
            "payment_method": notice.payment_method if notice else "",
        }
        if self.personal:
            out.update(
                name=req.name,
                address=req.address,
                contact=" / ".join(v for v in (req.phone, req.email) if v),
                occupation=req.occupation,
                information_requested=req.information_requested,
                purpose=req.purpose,
            )
        return out

    def _working_days(self, req: InformationRequest) -> int | None:
        if req.notice_issued_on is None:
            return None
        return working_days_between(req.clock_start_on, req.notice_issued_on, self.holidays)


def rows(qs: QuerySet[InformationRequest], columns: list[Column]) -> Iterator[list[Any]]:
    """Rows as lists in ``columns`` order (streams the queryset)."""
    first = qs.values_list("received_on", flat=True).first()
    last = qs.order_by("-received_on").values_list("received_on", flat=True).first()
    if first is None or last is None:
        return
    personal = any(c.personal for c in columns)
    builder = RowBuilder(first, last, personal=personal)
    if not personal:
        qs = qs.defer(*PERSONAL_FIELDS)
    for req in qs[:MAX_ROWS].iterator(chunk_size=500):
        row = builder.row(req)
        yield [row[c.key] for c in columns]
