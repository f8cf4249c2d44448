"""One submission's result: every indicator (claimed, per stage, validated) and the indices of every node."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from lontar.assessments import planner, scoring
from lontar.assessments.models import FrameworkNode, NodeKind
from lontar.assessments.tree import FrameworkTree
from lontar.evaluations.choices import STAGE_ORDER
from lontar.evaluations.models import Answer, AnswerEvidence, Submission, Target
from lontar.evaluations.scoring_inputs import effective_value, tree_of, values_of


@dataclass
class IndicatorRow:
    answer: Answer
    node: FrameworkNode
    self_value: Decimal | None
    stages: list[Decimal | None]
    validated: Decimal | None
    evidence_count: int = 0

    @property
    def number(self) -> str:
        return self.answer.number

    @property
    def changed(self) -> bool:
        return self.validated is not None and self.self_value is not None and self.validated != self.self_value


@dataclass
class NodeRow:
    kind: str
    number: str
    name: str
    weight: Fraction
    self_score: scoring.NodeScore
    validated: scoring.NodeScore

    @property
    def kind_label(self) -> str:
        return str(NodeKind(self.kind).label)


@dataclass
class SubmissionResult:
    submission: Submission
    tree: FrameworkTree
    rows: list[IndicatorRow]
    self_score: scoring.Score
    validated: scoring.Score
    nodes: list[NodeRow] = field(default_factory=list)

    @property
    def provisional(self) -> bool:
        return not self.submission.is_final or self.validated.provisional

    def validated_values(self) -> dict[str, Any]:
        return values_of((row.number, row.validated) for row in self.rows)


def submission_result(submission: Submission) -> SubmissionResult:
    """Claimed and validated indices (final levels once final) of every node, with every indicator's levels."""
    tree = tree_of(submission.cycle.framework)
    answers = list(submission.answers.select_related("node").prefetch_related("reviews").order_by("node__position"))
    counts: dict[int, int] = {}
    for answer_id in AnswerEvidence.objects.filter(answer__submission=submission).values_list("answer_id", flat=True):
        counts[answer_id] = counts.get(answer_id, 0) + 1
    rows = []
    for answer in answers:
        by_stage = {r.stage: r.value for r in answer.reviews.all()}
        level = answer.final_value if submission.is_final else effective_value(by_stage)
        rows.append(
            IndicatorRow(
                answer=answer,
                node=answer.node,
                self_value=answer.self_value,
                stages=[by_stage.get(stage) for stage in STAGE_ORDER],
                validated=level,
                evidence_count=counts.get(answer.pk, 0),
            )
        )
    self_score = scoring.score(tree, values_of((r.number, r.self_value) for r in rows))
    validated = scoring.score(tree, values_of((r.number, r.validated) for r in rows))
    nodes = [
        NodeRow(kind=s.kind, number=s.number, name=s.name, weight=s.weight, self_score=s, validated=v)
        for s, v in zip(self_score.nodes, validated.nodes, strict=True)
    ]
    return SubmissionResult(submission, tree, rows, self_score, validated, nodes)


@dataclass(frozen=True)
class TargetView:
    target: Target
    realised: Decimal | None
    met: bool | None
    plan: planner.Plan | None


def target_view(result: SubmissionResult) -> TargetView | None:
    """The target of this organisation for the cycle's framework and year, its realisation, and the plan to it."""
    submission = result.submission
    target = Target.objects.filter(
        organisation=submission.organisation,
        framework_code=submission.cycle.framework.code,
        year=submission.cycle.year,
    ).first()
    if target is None:
        return None
    realised = result.validated.index if result.validated.answered else None
    met = None if realised is None else realised >= target.target_index
    plan = None
    if realised is not None and not met:
        plan = planner.plan(result.tree, result.validated_values(), Fraction(target.target_index))
    return TargetView(target=target, realised=realised, met=met, plan=plan)


def organisation_targets(organisation: Any) -> list[Target]:
    return list(Target.objects.filter(organisation=organisation).order_by("framework_code", "-year"))
