"""Reads of cycles and submissions, scoped to what the actor may see (404 otherwise)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from lontar.accounts.permissions import get_for_actor_or_404
from lontar.evaluations import permissions
from lontar.evaluations.choices import CycleState
from lontar.evaluations.models import Answer, Cycle, Submission
from lontar.evaluations.policies import submission_policy

#: cycles of weighted-tree frameworks (SPBE, Pemdi); questionnaire cycles have their own pages
TREE = "tree"


def submissions_visible(actor: Any) -> QuerySet[Submission]:
    """Submissions the actor works on: the own team's, assigned ones, every one for managers."""
    return submission_policy.visible(actor)


def submission_get_for_actor(*, actor: Any, pk: Any) -> Submission:
    """One submission the actor works on, or Http404 exactly as for a missing one."""
    return get_for_actor_or_404(submission_policy.visible(actor), pk)


def submission_get_for_result(actor: Any, pk: Any) -> Submission:
    """A result anybody may read once its cycle is final (published); before that as above."""
    try:
        return Submission.objects.select_related(
            "cycle", "cycle__framework", "organisation", "organisation__region"
        ).get(pk=int(pk), cycle__state=CycleState.FINAL)
    except (Submission.DoesNotExist, ValueError, TypeError):
        return submission_get_for_actor(actor=actor, pk=pk)


def answer_get(submission: Submission, number: str) -> Answer:
    try:
        return (
            Answer.objects.select_related("node", "node__scale", "updated_by", "response_by", "submission")
            .prefetch_related("reviews__asesor")
            .get(submission=submission, number=number[:20])
        )
    except Answer.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def submission_progress(submission: Submission) -> Progress:
    counts = submission.answers.aggregate(total=Count("pk"), answered=Count("pk", filter=Q(self_value__isnull=False)))
    return Progress(answered=counts["answered"], total=counts["total"])


def cycles_public() -> QuerySet[Cycle]:
    """Final (published) cycles, newest first."""
    return (
        Cycle.objects.filter(state=CycleState.FINAL, framework__kind=TREE)
        .select_related("framework")
        .annotate(participant_count=Count("submissions"))
        .order_by("-year", "framework__code", "name")
    )


def cycles_for(actor: Any) -> QuerySet[Cycle]:
    """Every cycle for managers; otherwise the final ones and those the actor takes part in."""
    qs = (
        Cycle.objects.filter(framework__kind=TREE)
        .select_related("framework")
        .annotate(participant_count=Count("submissions", distinct=True))
    )
    if permissions.is_manager(actor):
        return qs.order_by("-year", "framework__code", "name")
    mine = submissions_visible(actor).values("cycle_id")
    return qs.filter(Q(state=CycleState.FINAL) | Q(pk__in=mine)).order_by("-year", "framework__code", "name")


def cycle_get_for_manager(actor: Any, pk: Any) -> Cycle:
    """The management page of a cycle: managers only (404 for everybody else)."""
    if not permissions.is_manager(actor):
        raise Http404
    try:
        return Cycle.objects.select_related("framework").get(pk=int(pk), framework__kind=TREE)
    except (Cycle.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def cycle_get_public(actor: Any, pk: Any) -> Cycle:
    """A cycle's dashboard: public once final; managers may look before."""
    try:
        cycle = Cycle.objects.select_related("framework").get(pk=int(pk), framework__kind=TREE)
    except (Cycle.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if cycle.is_final or permissions.is_manager(actor):
        return cycle
    raise Http404
