"""What an irreversible action would do, shown on its confirmation page before anything changes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from lontar.evaluations.choices import STAGE_ORDER
from lontar.evaluations.models import Answer, Submission
from lontar.evaluations.scoring_inputs import effective_value

# A claim at this level or above without evidence is the one an asesor should not accept blindly.
HIGH_LEVEL = Decimal(4)


@dataclass(frozen=True)
class SubmitSummary:
    total: int
    unanswered: int
    without_evidence: int


@dataclass(frozen=True)
class AcceptSummary:
    remaining: int
    high_without_evidence: int


@dataclass(frozen=True)
class FinaliseSummary:
    total: int
    not_validated: int


def submit_summary(submission: Submission) -> SubmitSummary:
    """Indicators still unanswered and answered ones without any evidence."""
    counts = submission.answers.annotate(links=Count("evidence")).aggregate(
        total=Count("pk"),
        unanswered=Count("pk", filter=Q(self_value__isnull=True)),
        without_evidence=Count("pk", filter=Q(self_value__isnull=False, links=0)),
    )
    return SubmitSummary(counts["total"], counts["unanswered"], counts["without_evidence"])


def _carried(answer: Answer, stage: str) -> Decimal | None:
    earlier = STAGE_ORDER[: STAGE_ORDER.index(stage)] if stage in STAGE_ORDER else STAGE_ORDER
    carried = effective_value({r.stage: r.value for r in answer.reviews.all() if r.stage in earlier})
    return carried if carried is not None else answer.self_value


def accept_summary(submission: Submission) -> AcceptSummary:
    """Indicators "accept all" would set, and how many of them land at level 4 or above with no evidence."""
    stage = submission.state
    answers = (
        submission.answers.filter(reviews__stage=stage, reviews__value__isnull=True)
        .annotate(links=Count("evidence", distinct=True))
        .prefetch_related("reviews")
        .distinct()
    )
    remaining = high = 0
    for answer in answers:
        remaining += 1
        value = _carried(answer, stage)
        if value is not None and value >= HIGH_LEVEL and not answer.links:
            high += 1
    return AcceptSummary(remaining, high)


def finalise_summary(submission: Submission) -> FinaliseSummary:
    """Indicators without a validated level (finalising refuses while there are any)."""
    answers = list(submission.answers.prefetch_related("reviews"))
    missing = sum(1 for a in answers if effective_value({r.stage: r.value for r in a.reviews.all()}) is None)
    return FinaliseSummary(len(answers), missing)
