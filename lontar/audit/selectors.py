"""Reads of the audit trail for the admin page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lontar.audit.models import AuditEvent

PAGE_SIZE = 50


@dataclass(frozen=True)
class EventPage:
    events: list[AuditEvent]
    older_cursor: int | None  # id to pass as ``before`` for the next (older) page


def _start_of_day(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the site's time zone (WITA)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def event_filter(
    *,
    actor: str = "",
    organisation: Any = None,
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events matching the filters: actor e-mail contains, organisation, action, period (WITA days)."""
    qs = AuditEvent.objects.select_related("organisation")
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if action:
        qs = qs.filter(action=action)
    if date_from is not None:
        qs = qs.filter(created_at__gte=_start_of_day(date_from))
    if date_to is not None:
        qs = qs.filter(created_at__lt=_start_of_day(date_to + dt.timedelta(days=1)))
    return qs


def event_page(queryset: QuerySet[AuditEvent], *, before: int | None = None, size: int = PAGE_SIZE) -> EventPage:
    """Newest first, keyset-paged on id: stable while new events arrive."""
    if before is not None:
        queryset = queryset.filter(id__lt=before)
    rows = list(queryset.order_by("-id")[: size + 1])
    older = rows[size - 1].id if len(rows) > size else None
    return EventPage(events=rows[:size], older_cursor=older)


def event_get(pk: int) -> AuditEvent:
    return get_object_or_404(AuditEvent.objects.select_related("organisation"), pk=pk)


def event_neighbours(event: AuditEvent) -> tuple[int | None, int | None]:
    """Ids of the events just before and just after ``event`` in the chain."""
    before = AuditEvent.objects.filter(id__lt=event.id).order_by("-id").values_list("id", flat=True).first()
    after = AuditEvent.objects.filter(id__gt=event.id).order_by("id").values_list("id", flat=True).first()
    return before, after


def last_verification() -> AuditEvent | None:
    """The most recent verification run from the audit page."""
    return AuditEvent.objects.filter(action="audit.chain.verified").order_by("-id").first()


def events_about(*, action: str, model: type[Model], ids: list[Any], batch: int = 500) -> list[AuditEvent]:
    """Events of one ``action`` whose target is one of ``ids`` of ``model``, oldest first."""
    label = model._meta.label_lower
    keys = [str(pk) for pk in ids]
    rows: list[AuditEvent] = []
    for start in range(0, len(keys), batch):
        rows += AuditEvent.objects.filter(
            action=action, target_type=label, target_id__in=keys[start : start + batch]
        ).only("id", "target_id", "data", "created_at")
    return sorted(rows, key=lambda e: e.id)
