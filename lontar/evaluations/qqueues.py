"""Work-queue lines of the questionnaires (Indeks KAMI, Monev KIP), next to the SPBE lines.

* the owner's team: self-assessments still in draft, and results verified or made final;
* verifiers (province managers, asesor): submitted self-assessments to verify;
* managers: verified results waiting to be finalised.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.accounts.permissions import visible_by
from lontar.evaluations import permissions
from lontar.evaluations.choices import CycleState, QuestionnaireState
from lontar.evaluations.models import QuestionnaireSubmission
from lontar.notifications.registry import Queue, QueueItem

LIMIT = 100


def _item(sub: QuestionnaireSubmission, state: str, due: Any = None) -> QueueItem:
    today = timezone.localdate()
    return QueueItem(
        title=f"{sub.cycle.name} — {sub.subject_name}",
        url=reverse("evaluations:q_detail", args=[sub.pk]),
        due=due,
        state=state,
        overdue=bool(due and due < today),
    )


def _team(user: Any) -> list[Queue]:
    base = QuestionnaireSubmission.objects.filter(cycle__state=CycleState.OPEN).select_related("cycle")
    own = visible_by(base, (permissions.TEAM,), user)
    drafts = own.filter(state=QuestionnaireState.DRAFT).annotate(
        unanswered=Count("answers", filter=Q(answers__option=""))
    )
    done = own.filter(state__in=[QuestionnaireState.VERIFIED, QuestionnaireState.FINAL])
    return [
        Queue(
            "kuesioner-mandiri",
            gettext_lazy("Questionnaires to complete"),
            [
                _item(s, _("%(count)d questions unanswered") % {"count": s.unanswered}, s.cycle.self_assessment_due)
                for s in drafts.order_by("cycle__self_assessment_due", "id")[:LIMIT]
            ],
        ),
        Queue(
            "kuesioner-hasil",
            gettext_lazy("Questionnaires verified or final"),
            [_item(s, s.get_state_display()) for s in done.order_by("-updated_at")[:LIMIT]],
        ),
    ]


def _verifier(user: Any) -> list[Queue]:
    if not (permissions.is_manager(user) or permissions.is_province_asesor(user)):
        return []
    rows = QuestionnaireSubmission.objects.filter(state=QuestionnaireState.SUBMITTED).select_related(
        "cycle", "organisation"
    )
    items = [
        _item(s, s.get_state_display(), s.cycle.result_due)
        for s in rows.order_by("cycle__result_due", "id")[: LIMIT * 2]
        if permissions.is_verifier(user, s.organisation)
    ][:LIMIT]
    queues = [Queue("kuesioner-verifikasi", gettext_lazy("Questionnaires to verify"), items)]
    if permissions.is_manager(user):
        verified = QuestionnaireSubmission.objects.filter(state=QuestionnaireState.VERIFIED).select_related("cycle")
        queues.append(
            Queue(
                "kuesioner-final",
                gettext_lazy("Verified questionnaires to finalise"),
                [_item(s, s.get_state_display(), s.cycle.result_due) for s in verified.order_by("id")[:LIMIT]],
            )
        )
    return queues


def questionnaire_queues(user: Any) -> list[Queue]:
    if user.is_superuser:
        return []
    return [*_team(user), *_verifier(user)]
