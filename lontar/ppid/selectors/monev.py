"""The records of one badan publik in one year that answer Monev KIP questions (issue 14 §2).

Each function reads only ``body``'s own records: a request counts for the body handling it (the
PPID Pelaksana it is assigned to, else the body it was filed with), a keberatan for the body
handling its request, a dataset for the body's own organisation. A PPID Utama's figures never
include its Pelaksana's, and the other way round. ``as_of`` is the last day looked at (the
cycle's year up to today); the arithmetic is in :mod:`lontar.ppid.rules.monev`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Max, Q, QuerySet

from lontar.calendar.selectors import holiday_dates
from lontar.calendar.workdays import working_days_between
from lontar.catalog.selectors.public import public_entries_of
from lontar.ppid.choices import CLOCK_RUNNING, ObjectionStatus
from lontar.ppid.models import ConsequenceTest, DipEntry, InformationRequest, Objection, PublicBody
from lontar.ppid.rules.monev import Share, Timed, median_days, share_within


def body_for_subject(ref: str, organisation_id: Any) -> PublicBody | None:
    """The active body ``ref`` (its id) when it belongs to ``organisation_id``; None otherwise."""
    try:
        pk = int(ref)
    except (TypeError, ValueError):
        return None
    return (
        PublicBody.objects.select_related("organisation")
        .filter(pk=pk, organisation_id=organisation_id, is_active=True)
        .first()
    )


def _handled_by(body: PublicBody, prefix: str = "") -> Q:
    return Q(**{f"{prefix}assigned_to": body}) | Q(
        **{f"{prefix}assigned_to__isnull": True, f"{prefix}public_body": body}
    )


def _requests(body: PublicBody, year: int, as_of: dt.date) -> QuerySet[InformationRequest]:
    return InformationRequest.objects.filter(
        _handled_by(body), received_on__gte=dt.date(year, 1, 1), received_on__lte=as_of
    ).order_by()


@dataclass(frozen=True)
class DipFigures:
    entries: int
    of_year: int  # entries whose information is of the year
    last_changed: dt.date | None


def dip_figures(body: PublicBody, year: int) -> DipFigures:
    qs = DipEntry.objects.filter(body=body).order_by()
    last = qs.aggregate(last=Max("updated_at"))["last"]
    return DipFigures(
        entries=qs.count(),
        of_year=qs.filter(year=year).count(),
        last_changed=last.date() if last is not None else None,
    )


@dataclass(frozen=True)
class RequestFigures:
    received: int
    answered: int
    median_days: Fraction | None
    on_time: Share


def request_figures(body: PublicBody, year: int, as_of: dt.date) -> RequestFigures:
    """Requests received in ``year`` up to ``as_of``: working days to the written notice, and the
    share answered within the legal deadline (10 working days, or 17 when extended)."""
    rows = list(
        _requests(body, year, as_of).values_list(
            "clock_start_on", "notice_issued_on", "due_on", "extended_due_on", "status"
        )
    )
    answered = [(start, issued) for start, issued, *_ in rows if issued is not None and issued <= as_of]
    holidays = holiday_dates(min(s for s, _ in answered), max(i for _, i in answered)) if answered else frozenset()
    spans = [working_days_between(start, issued, holidays) for start, issued in answered]
    timed = [
        Timed(due=extended or due, done=issued, waiting=status in CLOCK_RUNNING)
        for _start, issued, due, extended, status in rows
    ]
    return RequestFigures(
        received=len(rows), answered=len(spans), median_days=median_days(spans), on_time=share_within(timed, as_of)
    )


def objection_figures(body: PublicBody, year: int, as_of: dt.date) -> Share:
    """Keberatan filed in ``year`` up to ``as_of``: answered by the atasan PPID within 30 working days."""
    rows = Objection.objects.filter(
        _handled_by(body, "request__"), filed_on__gte=dt.date(year, 1, 1), filed_on__lte=as_of
    ).order_by()
    timed = [
        Timed(due=due, done=answered, waiting=status != ObjectionStatus.ANSWERED)
        for due, answered, status in rows.values_list("answer_due_on", "answered_on", "status")
    ]
    return share_within(timed, as_of)


def requests_handled(body: PublicBody, year: int) -> int:
    """Requests of the whole ``year`` handled by the body (what its annual report counts)."""
    return _requests(body, year, dt.date(year, 12, 31)).count()


def objections_handled(body: PublicBody, year: int, as_of: dt.date) -> int:
    return (
        Objection.objects.filter(_handled_by(body, "request__"), filed_on__gte=dt.date(year, 1, 1), filed_on__lte=as_of)
        .order_by()
        .count()
    )


def consequence_tests_count(body: PublicBody, as_of: dt.date) -> int:
    return ConsequenceTest.objects.filter(body=body, decided_on__lte=as_of).count()


def datasets_published(body: PublicBody, as_of: dt.date) -> list[tuple[str, str, bool]]:
    """(name, title, is_sample) of the public Satu Data datasets of the body's organisation first
    published by ``as_of``, newest first."""
    return list(
        public_entries_of(body.organisation_id, published_until=as_of)
        .order_by("-metadata_created", "name")
        .values_list("name", "title", "is_sample")
    )
