"""Reads for the annual report: only the columns needed, with ``values_list`` (50,000 rows stay cheap)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min, Q
from django.utils import timezone

from lontar.calendar.selectors import holiday_dates
from lontar.ppid.models import Dispute, InformationRequest, Objection, PublicBody, RedactedPart
from lontar.ppid.report.compute import DisputeRow, ObjectionRow, Period, Report, RequestRow, compute_report

_REQUEST_FIELDS = (
    "public_body_id",
    "assigned_to_id",
    "channel",
    "requester_type",
    "status",
    "received_on",
    "clock_start_on",
    "due_on",
    "extended_due_on",
    "notice_issued_on",
    "notice__decision",
    "notice__exemption_ground",
    "notice__cost",
    "is_sample",
)


def body_q(body: PublicBody | None, include_pelaksana: bool, prefix: str = "") -> Q:
    """Requests filed with ``body`` or assigned to it (and, with ``include_pelaksana``, to its Pelaksana)."""
    if body is None:
        return Q()
    q = Q(**{f"{prefix}public_body": body}) | Q(**{f"{prefix}assigned_to": body})
    if include_pelaksana:
        q |= Q(**{f"{prefix}public_body__parent": body}) | Q(**{f"{prefix}assigned_to__parent": body})
    return q


def _requests(period: Period, q: Q) -> list[RequestRow]:
    qs = InformationRequest.objects.filter(q, received_on__gte=period.start, received_on__lte=period.end).order_by()
    return [
        RequestRow(assigned or filed, *rest)
        for filed, assigned, *rest in qs.values_list(*_REQUEST_FIELDS).iterator(2000)
    ]


def _objections(period: Period, q: Q) -> list[ObjectionRow]:
    qs = Objection.objects.filter(q, filed_on__gte=period.start, filed_on__lte=period.end).order_by()
    fields: tuple[str, ...] = ("request__public_body_id", "request__assigned_to_id", "status", "decision", "grounds")
    fields += ("answer_due_on", "answered_on", "requester_response", "is_sample")
    return [
        ObjectionRow(assigned or filed, status, decision, tuple(grounds or ()), *rest)
        for filed, assigned, status, decision, grounds, *rest in qs.values_list(*fields)
    ]


def _disputes(period: Period, q: Q) -> list[DisputeRow]:
    qs = Dispute.objects.filter(q, registered_on__gte=period.start, registered_on__lte=period.end).order_by()
    fields: tuple[str, ...] = ("objection__request__public_body_id", "objection__request__assigned_to_id")
    fields += ("registered_on",)
    fields += ("register_number", "stage", "decided_on", "outcome", "is_sample")
    return [DisputeRow(assigned or filed, *rest) for filed, assigned, *rest in qs.values_list(*fields)]


def _holidays(rows: list[RequestRow]) -> frozenset[dt.date]:
    answered = [(r.clock_start_on, r.notice_issued_on) for r in rows if r.notice_issued_on is not None]
    if not answered:
        return frozenset()
    return holiday_dates(min(start for start, _ in answered), max(issued for _, issued in answered))


def report_years() -> list[int]:
    """Years from the latest to the earliest request received, newest first (this year when there are none).

    Two index look-ups (``received_on`` is indexed) instead of a scan of every request.
    """
    span = InformationRequest.objects.order_by().aggregate(first=Min("received_on"), last=Max("received_on"))
    if span["first"] is None:
        return [timezone.localdate().year]
    return list(range(span["last"].year, span["first"].year - 1, -1))


def annual_report(
    *, year: int, semester: int | None = None, body: PublicBody | None = None, include_pelaksana: bool = True
) -> Report:
    """The report of ``year`` (or semester 1 = Jan–Jun, 2 = Jul–Dec) by date received; one body or all.

    Raises ``ValueError`` for a year outside 2000–2100 or a semester other than None, 1, 2.
    """
    period = Period(year, semester)
    requests = _requests(period, body_q(body, include_pelaksana))
    redactions = (
        RedactedPart.objects.filter(
            body_q(body, include_pelaksana, "notice__request__"),
            notice__request__received_on__gte=period.start,
            notice__request__received_on__lte=period.end,
        )
        .order_by()
        .values_list("ground", flat=True)
    )
    objections = _objections(period, body_q(body, include_pelaksana, "request__"))
    disputes = _disputes(period, body_q(body, include_pelaksana, "objection__request__"))
    ids = {r.body for r in requests} | {o.body for o in objections} | {d.body for d in disputes}
    names = {
        pk: (code, name)
        for pk, code, name in PublicBody.objects.filter(pk__in=ids).values_list("pk", "code", "organisation__name")
    }
    return compute_report(
        period=period,
        requests=requests,
        redaction_grounds=list(redactions),
        objections=objections,
        disputes=disputes,
        holidays=_holidays(requests),
        today=timezone.localdate(),
        body_names=names,
        body=(body.code, body.organisation.name) if body is not None else None,
    )
