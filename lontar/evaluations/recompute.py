"""Recompute every index from the stored levels and compare it with the stored result.

A final result is immutable, so this never writes: it is the check that what Lontar published
(``final_index``, ``final_predikat``, ``self_index``) is exactly what the levels and the
framework give. Each cycle's levels are read in one query, as thousandths computed by the
database (no per-row Decimal objects), and every submission, domain and aspect is scored with
the integer arithmetic of ``integer_scoring`` (property-tested equal to ``assessments.scoring``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, IntegerField
from django.db.models.functions import Cast, Round

from lontar.evaluations import integer_scoring
from lontar.evaluations.choices import STAGE_ORDER, SubmissionState
from lontar.evaluations.models import Answer, Cycle, Review
from lontar.evaluations.scoring_inputs import tree_of


@dataclass(frozen=True)
class Mismatch:
    submission_id: int
    field: str
    stored: Any
    computed: Any


@dataclass
class Report:
    cycles: int = 0
    submissions: int = 0
    indices: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)


def _milli(name: str) -> Cast:
    return Cast(Round(F(name) * integer_scoring.SCALE), IntegerField())


Vectors = dict[int, list[int | None]]


def _vectors(cycle: Cycle, compiled: integer_scoring.CompiledTree) -> tuple[Vectors, Vectors]:
    """(claimed, final) value vectors in thousandths per submission."""
    where = compiled.position()
    size = len(compiled.numbers)
    claimed: Vectors = defaultdict(lambda: [None] * size)
    final: Vectors = defaultdict(lambda: [None] * size)
    rows = (
        Answer.objects.filter(submission__cycle=cycle)
        .order_by()
        .values_list("submission_id", "number", _milli("self_value"), _milli("final_value"))
        .iterator(chunk_size=5000)
    )
    for submission_id, number, self_milli, final_milli in rows:
        i = where[number]
        claimed[submission_id][i] = self_milli
        final[submission_id][i] = final_milli
    return claimed, final


def _validated_open(cycle: Cycle, compiled: integer_scoring.CompiledTree) -> Vectors:
    """Validated values (latest stage that set one) of the submissions not final yet."""
    where = compiled.position()
    order = {stage: rank for rank, stage in enumerate(STAGE_ORDER)}
    best: dict[tuple[int, int], tuple[int, int]] = {}
    rows = (
        Review.objects.filter(answer__submission__cycle=cycle, value__isnull=False)
        .exclude(answer__submission__state=SubmissionState.FINAL)
        .order_by()
        .values_list("answer__submission_id", "answer__number", "stage", _milli("value"))
    )
    for submission_id, number, stage, value in rows:
        key = (submission_id, where[number])
        if key not in best or order[stage] > best[key][0]:
            best[key] = (order[stage], value)
    out: Vectors = defaultdict(lambda: [None] * len(compiled.numbers))
    for (submission_id, i), (_rank, value) in best.items():
        out[submission_id][i] = value
    return out


def recompute_cycle(cycle: Cycle, report: Report) -> None:
    compiled = integer_scoring.compile_tree(tree_of(cycle.framework))
    claimed, final = _vectors(cycle, compiled)
    open_values = _validated_open(cycle, compiled)
    empty = [None] * len(compiled.numbers)
    for submission_id, state, final_index, final_predikat, self_index in cycle.submissions.order_by().values_list(
        "pk", "state", "final_index", "final_predikat", "self_index"
    ):
        is_final = state == SubmissionState.FINAL
        values = final.get(submission_id, empty) if is_final else open_values.get(submission_id, empty)
        overall, nodes = integer_scoring.indices(compiled, values)
        report.submissions += 1
        report.indices += 1 + len(nodes)
        if state != SubmissionState.DRAFT:
            claimed_index, _nodes = integer_scoring.indices(compiled, claimed.get(submission_id, empty))
            _compare(report, submission_id, "self_index", self_index, claimed_index)
        if is_final:
            band = integer_scoring.band(compiled, overall)
            _compare(report, submission_id, "final_index", final_index, overall)
            _compare(report, submission_id, "final_predikat", final_predikat, band.name if band else "")
    report.cycles += 1


def _compare(report: Report, submission_id: int, name: str, stored: Any, computed: Any) -> None:
    if stored != computed:
        report.mismatches.append(Mismatch(submission_id, name, stored, computed))


def recompute(cycles: Iterable[Cycle] | None = None) -> Report:
    """Recompute every index of ``cycles`` (all when None) and list where the stored result differs."""
    report = Report()
    for cycle in (
        cycles
        if cycles is not None
        else Cycle.objects.filter(framework__kind="tree").select_related("framework").order_by("year", "pk")
    ):
        recompute_cycle(cycle, report)
    return report
