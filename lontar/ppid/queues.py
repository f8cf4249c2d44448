"""The PPID lines of a person's work queue (registered in :class:`~lontar.ppid.apps.PpidConfig`).

* PPID / PPID Pelaksana: open requests they manage or that are disposed to them, with the
  deadline in force (due within 3 working days and overdue flagged);
* atasan PPID: keberatan awaiting their answer, with the 30-working-day deadline.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.accounts.permissions import visible_by
from lontar.calendar.selectors import holiday_dates
from lontar.notifications.registry import Queue, QueueItem
from lontar.ppid.choices import CLOCK_RUNNING, ObjectionStatus, Status
from lontar.ppid.models import InformationRequest, Objection
from lontar.ppid.permissions import ANSWER_OBJECTION, HANDLE, MANAGE
from lontar.ppid.rules import deadlines
from lontar.ppid.selectors.requests import deadlines_for

#: a queue lists at most this many lines (the inbox pages list everything)
LIMIT = 100


def _requests(user: Any) -> Queue:
    qs = visible_by(InformationRequest.objects.all(), (MANAGE, HANDLE), user).filter(
        status__in={*CLOCK_RUNNING, Status.INCOMPLETE}
    )
    if user.is_superuser:
        qs = qs.none()  # a superuser's PPID work is in the inbox, not in every queue line
    rows = list(qs.select_related("public_body__organisation").order_by("due_on", "id")[:LIMIT])
    facts = deadlines_for(rows)
    items = []
    for req in rows:
        d = facts.get(req.pk)
        items.append(
            QueueItem(
                title=f"{req.number} — {req.public_body.organisation.name}",
                url=reverse("ppid:staff_detail", args=[req.pk]),
                due=d.due if d else None,
                state=req.get_status_display(),
                overdue=bool(d and d.overdue),
                due_soon=bool(d and d.due_soon),
            )
        )
    orders = visible_by(InformationRequest.objects.all(), (MANAGE, HANDLE), user).filter(
        reopened_due_on__isnull=False, order_done_on__isnull=True
    )
    if user.is_superuser:
        orders = orders.none()
    for req in orders.select_related("public_body__organisation").order_by("reopened_due_on")[:LIMIT]:
        items.append(
            QueueItem(
                title=f"{req.number} — {req.public_body.organisation.name}",
                url=reverse("ppid:staff_detail", args=[req.pk]) + "#putusan-keberatan",
                due=req.reopened_due_on,
                state=_("Reopened by an upheld keberatan"),
                overdue=bool(req.reopened_due_on and req.reopened_due_on < timezone.localdate()),
            )
        )
    return Queue("ppid-permohonan", _("Information requests disposed to you"), items)


def _objections(user: Any) -> Queue:
    rule = replace(ANSWER_OBJECTION, field="request__public_body__organisation")
    qs = visible_by(Objection.objects.all(), (rule,), user).filter(status=ObjectionStatus.FILED)
    if user.is_superuser:
        qs = qs.none()
    rows = list(qs.select_related("request").order_by("answer_due_on", "id")[:LIMIT])
    today = timezone.localdate()
    holidays = holiday_dates(
        min([today, *(o.answer_due_on for o in rows)]), max([today, *(o.answer_due_on for o in rows)])
    )
    items = []
    for obj in rows:
        status = deadlines.deadline_status(today, obj.answer_due_on, holidays)
        items.append(
            QueueItem(
                title=f"{obj.number}",
                url=reverse("ppid:staff_detail", args=[obj.request_id]) + "#keberatan",
                due=obj.answer_due_on,
                state=obj.get_status_display(),
                overdue=status.overdue,
                due_soon=not status.overdue and status.days_left <= 3,
            )
        )
    return Queue("ppid-keberatan", _("Keberatan awaiting your answer"), items)


def ppid_queues(user: Any) -> list[Queue]:
    return [_requests(user), _objections(user)]
