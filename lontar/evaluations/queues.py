"""The evaluation lines of a person's work queue (registered in the app config).

* tim koordinasi: their instansi's penilaian mandiri still in draft, with the unanswered
  indicators and the self-assessment deadline;
* asesor: submissions assigned to them, with their stage;
* managers (province admin / tim koordinasi): submitted assessments with no asesor, and open
  cycles past their result deadline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.accounts.permissions import visible_by
from lontar.evaluations import permissions
from lontar.evaluations.choices import CycleState, SubmissionState
from lontar.evaluations.models import Cycle, Submission
from lontar.notifications.registry import Queue, QueueItem

LIMIT = 100


def _detail(submission: Submission) -> str:
    return reverse("evaluations:submission_detail", args=[submission.pk])


def _drafts(user: Any) -> Queue:
    drafts = Submission.objects.filter(state=SubmissionState.DRAFT, cycle__state=CycleState.OPEN)
    rows = (
        visible_by(drafts, (permissions.TEAM,), user)
        .select_related("cycle", "organisation")
        .annotate(unanswered=Count("answers", filter=Q(answers__self_value__isnull=True)))
        .order_by("cycle__self_assessment_due", "id")
    )
    today = timezone.localdate()
    items = []
    for sub in rows[:LIMIT]:
        due = sub.cycle.self_assessment_due
        items.append(
            QueueItem(
                title=f"{sub.cycle.name} — {sub.organisation.name}",
                url=_detail(sub),
                due=due,
                state=_("%(count)d indicators unanswered") % {"count": sub.unanswered},
                overdue=bool(due and due < today),
            )
        )
    return Queue("evaluasi-mandiri", gettext_lazy("Penilaian mandiri to complete"), items)


def _assigned(user: Any) -> Queue:
    if not permissions.holds_asesor_role(user):
        return Queue("evaluasi-asesor", "", [])
    rows = (
        Submission.objects.filter(assignments__asesor=user)
        .exclude(state__in=[SubmissionState.DRAFT, SubmissionState.FINAL])
        .select_related("cycle", "organisation")
        .distinct()[:LIMIT]
    )
    today = timezone.localdate()
    items = []
    for sub in rows:
        dues: dict[str, date | None] = {
            SubmissionState.SUBMITTED: sub.cycle.document_review_due,
            SubmissionState.DOKUMEN: sub.cycle.document_review_due,
            SubmissionState.INTERVIU: sub.cycle.interview_due,
            SubmissionState.VISITASI: sub.cycle.visit_due,
        }
        due = dues.get(sub.state)
        items.append(
            QueueItem(
                title=f"{sub.cycle.name} — {sub.organisation.name}",
                url=_detail(sub),
                due=due,
                state=sub.get_state_display(),
                overdue=bool(due and due < today),
            )
        )
    return Queue("evaluasi-asesor", gettext_lazy("Submissions assigned to you"), items)


def _manager(user: Any) -> list[Queue]:
    if user.is_superuser or not permissions.is_manager(user):
        return []
    today = timezone.localdate()
    waiting = (
        Submission.objects.filter(state=SubmissionState.SUBMITTED, assignments__isnull=True)
        .select_related("cycle", "organisation")
        .order_by("cycle__document_review_due", "id")[:LIMIT]
    )
    unassigned = [
        QueueItem(
            title=f"{s.cycle.name} — {s.organisation.name}",
            url=reverse("evaluations:cycle_detail", args=[s.cycle_id]),
            due=s.cycle.document_review_due,
            state=s.get_state_display(),
            overdue=bool(s.cycle.document_review_due and s.cycle.document_review_due < today),
        )
        for s in waiting
    ]
    late = [
        QueueItem(
            title=c.name,
            url=reverse("evaluations:cycle_detail", args=[c.pk]),
            due=c.result_due,
            state=c.get_state_display(),
            overdue=True,
        )
        for c in Cycle.objects.filter(state=CycleState.OPEN, result_due__lt=today, framework__kind="tree").order_by(
            "result_due"
        )[:LIMIT]
    ]
    return [
        Queue("evaluasi-tanpa-asesor", gettext_lazy("Submitted assessments with no asesor"), unassigned),
        Queue("evaluasi-siklus-lewat", gettext_lazy("Cycles past their deadline"), late),
    ]


def evaluation_queues(user: Any) -> list[Queue]:
    return [_drafts(user), _assigned(user), *_manager(user)]
