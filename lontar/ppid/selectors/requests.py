"""Reads of PPID records. Staff reads are scoped to the actor; a record out of scope is a 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lontar.accounts.permissions import get_for_actor_or_404
from lontar.calendar.selectors import holiday_dates
from lontar.ppid.choices import CLOCK_RUNNING, OPEN, BodyKind, Status
from lontar.ppid.models import ConsequenceTest, InformationRequest, Notice, PublicBody, RequestEvent
from lontar.ppid.policies import body_policy, request_policy
from lontar.ppid.privacy import links, tracking
from lontar.ppid.privacy.identity import identity_indexes
from lontar.ppid.rules import deadlines, nik

MAX_QUERY_LENGTH = 100


def public_bodies() -> QuerySet[PublicBody]:
    """Active bodies, for public pages."""
    return PublicBody.objects.filter(is_active=True).select_related("organisation__region", "parent__organisation")


def public_bodies_accepting() -> QuerySet[PublicBody]:
    """Bodies listed on the online request form."""
    return (
        public_bodies().filter(accepts_requests=True).order_by("kind", "organisation__region_id", "organisation__name")
    )


def public_body_get(*, slug: str) -> PublicBody:
    try:
        return public_bodies().prefetch_related("cost_items").get(organisation__slug=slug)
    except PublicBody.DoesNotExist as exc:
        raise Http404 from exc


def bodies_for_registration(actor: Any) -> QuerySet[PublicBody]:
    """Bodies whose requests ``actor`` may register."""
    return body_policy.visible(actor, public_bodies())


def pelaksana_of(body: PublicBody) -> QuerySet[PublicBody]:
    return public_bodies().filter(kind=BodyKind.PELAKSANA, parent=body).order_by("organisation__name")


def information_request_visible(actor: Any) -> QuerySet[InformationRequest]:
    return request_policy.visible(actor)


def information_request_get_for_actor(*, actor: Any, pk: int) -> InformationRequest:
    """One request the actor may see, or Http404 exactly as for a missing one."""
    return get_for_actor_or_404(information_request_visible(actor), pk)


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    body: int | None = None
    overdue: bool = False
    query: str = ""
    open_only: bool = True


def _search(qs: QuerySet[InformationRequest], query: str) -> QuerySet[InformationRequest]:
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return qs
    digits = nik.normalise(query)
    if nik.is_valid(digits):
        return qs.filter(identity_index__in=identity_indexes(digits))
    return qs.filter(Q(number__icontains=query) | Q(name__icontains=query))


def information_request_inbox(*, actor: Any, filters: InboxFilters) -> QuerySet[InformationRequest]:
    """The actor's requests, filtered; ordered by the deadline in force, soonest first."""
    qs = information_request_visible(actor)
    if filters.status in Status.values:
        qs = qs.filter(status=filters.status)
    elif filters.open_only:
        qs = qs.filter(status__in=OPEN)
    if filters.body:
        qs = qs.filter(Q(public_body_id=filters.body) | Q(assigned_to_id=filters.body))
    if filters.overdue:
        today = timezone.localdate()
        qs = qs.filter(status__in=CLOCK_RUNNING).filter(
            Q(extended_due_on__lt=today) | Q(extended_due_on__isnull=True, due_on__lt=today)
        )
    return _search(qs, filters.query).order_by("due_on", "id")


@dataclass(frozen=True)
class Deadline:
    """What a list or page shows about a request's deadline."""

    due: dt.date
    days_left: int
    overdue: bool
    running: bool
    kind: str  # "notice" or "completion"

    @property
    def due_soon(self) -> bool:
        return self.running and not self.overdue and self.days_left <= 3

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left) if self.overdue else 0


def _deadline_of(req: InformationRequest, today: dt.date, holidays: frozenset[dt.date]) -> Deadline | None:
    if req.status == Status.INCOMPLETE and req.completion_due_on:
        status = deadlines.deadline_status(today, req.completion_due_on, holidays)
        return Deadline(status.due, status.days_left, status.overdue, True, "completion")
    status = deadlines.deadline_status(today, req.effective_due_on, holidays)
    return Deadline(status.due, status.days_left, status.overdue and req.clock_running, req.clock_running, "notice")


def deadlines_for(requests: list[InformationRequest], today: dt.date | None = None) -> dict[int, Deadline | None]:
    """Deadline facts for many requests with one holiday query."""
    today = today or timezone.localdate()
    if not requests:
        return {}
    dues = [r.completion_due_on or r.effective_due_on for r in requests] + [r.effective_due_on for r in requests]
    holidays = holiday_dates(min([*dues, today]), max([*dues, today]))
    return {r.pk: _deadline_of(r, today, holidays) for r in requests}


def deadline_of(request: InformationRequest, today: dt.date | None = None) -> Deadline | None:
    return deadlines_for([request], today)[request.pk]


def information_request_track(*, number: str, token: str) -> InformationRequest | None:
    """The request with this number whose token matches, else None (a wrong token = a missing request)."""
    number = (number or "").strip()[:80]
    request = (
        InformationRequest.objects.select_related("public_body__organisation", "assigned_to__organisation")
        .filter(number__iexact=number)
        .first()
        if number
        else None
    )
    ok = tracking.matches(token or "", request.tracking_digest if request else None)
    return request if ok else None


def information_request_by_link(value: str) -> InformationRequest | None:
    """The request a bookmarkable tracking link names, else None (forged, or the token was renewed)."""
    parsed = links.track_link_parse(value)
    if parsed is None:
        return None
    request = (
        InformationRequest.objects.select_related("public_body__organisation", "assigned_to__organisation")
        .filter(pk=parsed[0])
        .first()
    )
    if request is None or not links.track_link_matches(parsed[1], request.tracking_digest):
        return None
    return request


def notice_by_code(code: str) -> Notice:
    """A written notice by its verification code (public), or Http404."""
    notice = (
        Notice.objects.select_related("request__public_body__organisation").filter(verification_code=code).first()
        if code
        else None
    )
    if notice is None:
        raise Http404
    return notice


def public_timeline(request: InformationRequest) -> QuerySet:
    return request.events.order_by("at", "id")


def consequence_tests_managed(actor: Any) -> QuerySet[ConsequenceTest]:
    """Consequence tests of the bodies ``actor`` manages."""
    return ConsequenceTest.objects.filter(body__in=bodies_for_registration(actor)).select_related("body__organisation")


def consequence_tests_for(body: PublicBody) -> QuerySet[ConsequenceTest]:
    """Tests a notice of ``body`` may rest on: its own and those of its PPID Utama tree."""
    root = body.parent_id or body.pk
    return ConsequenceTest.objects.filter(Q(body_id=root) | Q(body__parent_id=root)).select_related(
        "body__organisation"
    )


@dataclass(frozen=True)
class BodyStatistics:
    body: PublicBody
    total: int
    open: int
    by_status: dict[str, int]

    @property
    def ordered(self) -> list[int]:
        """Counts in the order of ``Status``."""
        return [self.by_status.get(status, 0) for status in Status.values]


#: seconds the statistics counts are kept; the version key changes with every request or step anyway
STATISTICS_SECONDS = 600


def counts_version() -> str:
    """Changes whenever a request is added or changes state (every step writes a history row).

    Two primary-key look-ups, so a page view no longer groups every request of every year.
    """
    last_request = InformationRequest.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_event = RequestEvent.objects.order_by("-pk").values_list("pk", "at").first()
    stamp = f"{last_event[0]}@{last_event[1].isoformat()}" if last_event else "-"
    return f"{last_request or 0}:{stamp}"


def _status_counts(year: int | None) -> dict[int, dict[str, int]]:
    key = f"ppid:statistics:{year or 0}:{counts_version()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    qs = InformationRequest.objects.all()
    if year:
        qs = qs.filter(received_on__year=year)
    per_body: dict[int, dict[str, int]] = {}
    for row in qs.values("public_body_id", "status").annotate(n=Count("id")).order_by():
        per_body.setdefault(row["public_body_id"], {})[row["status"]] = row["n"]
    cache.set(key, per_body, STATISTICS_SECONDS)
    return per_body


def statistics(*, year: int | None = None) -> list[BodyStatistics]:
    """Counts of requests per body that received any (public: no personal data); cached per data version."""
    per_body = _status_counts(year)
    bodies = {b.pk: b for b in public_bodies().filter(pk__in=per_body)}
    out = []
    for pk, counts in per_body.items():
        if pk in bodies:
            total = sum(counts.values())
            open_count = sum(n for s, n in counts.items() if s in OPEN)
            out.append(BodyStatistics(body=bodies[pk], total=total, open=open_count, by_status=counts))
    return sorted(out, key=lambda s: (s.body.kind != BodyKind.UTAMA, s.body.organisation.region_id, s.body.name))
