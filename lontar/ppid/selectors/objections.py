"""Reads of keberatan: per request (tracking and staff pages), scoped getters, the register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from lontar.accounts.permissions import get_for_actor_or_404
from lontar.calendar.selectors import holiday_dates
from lontar.ppid.choices import ObjectionGround, ObjectionStatus
from lontar.ppid.models import InformationRequest, Objection
from lontar.ppid.registers.filters import RegisterFilters
from lontar.ppid.registers.objections import register_queryset
from lontar.ppid.rules import deadlines
from lontar.ppid.selectors.requests import Deadline, information_request_visible


@dataclass(frozen=True)
class ObjectionView:
    objection: Objection
    ground_labels: list[str]
    answer_deadline: Deadline | None
    dispute_by: dt.date | None

    @property
    def lapsed(self) -> bool:
        """The atasan PPID did not answer in time (the dispute window runs from the lapse)."""
        return self.answer_deadline is not None and self.answer_deadline.overdue


def _labels(grounds: list[str]) -> list[str]:
    return [str(ObjectionGround(g).label) for g in grounds if g in ObjectionGround.values]


def _view(objection: Objection, today: dt.date, holidays: frozenset[dt.date]) -> ObjectionView:
    answer = None
    dispute_by = objection.dispute_deadline_on
    if objection.status == ObjectionStatus.FILED:
        status = deadlines.deadline_status(today, objection.answer_due_on, holidays)
        answer = Deadline(status.due, status.days_left, status.overdue, True, "answer")
        if status.overdue:
            dispute_by = deadlines.dispute_deadline(objection.answer_due_on, holidays)
    return ObjectionView(objection, _labels(objection.grounds), answer, dispute_by)


def objections_of(request: InformationRequest, today: dt.date | None = None) -> list[ObjectionView]:
    rows = list(request.objections.select_related("dispute").order_by("filed_on", "id"))
    if not rows:
        return []
    day = today or timezone.localdate()
    holidays = holiday_dates(
        min(o.filed_on for o in rows), max(day, *(o.answer_due_on for o in rows)) + dt.timedelta(days=60)
    )
    return [_view(o, day, holidays) for o in rows]


def objection_get_for_actor(*, actor: Any, pk: int) -> Objection:
    """One keberatan whose request the actor may see, or Http404."""
    visible = Objection.objects.select_related(
        "request__public_body__organisation", "request__assigned_to__organisation"
    ).filter(request__in=information_request_visible(actor).values("pk"))
    return get_for_actor_or_404(visible, pk)


def objection_register(*, actor: Any, filters: RegisterFilters) -> QuerySet[Objection]:
    """The register of keberatan of the requests the actor may see, oldest first."""
    qs = Objection.objects.filter(request__in=information_request_visible(actor).values("pk"))
    return register_queryset(qs, filters)
