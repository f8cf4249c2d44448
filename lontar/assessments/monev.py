"""Monev Keterbukaan Informasi Publik on the questionnaire engine. Pure.

:func:`monev_result` scores one badan publik: the score of each SAQ indicator (share of its
verified "Ya" weight × the indicator's weight), the SAQ score, the final score
``SAQ × bobot SAQ + presentasi × bobot presentasi`` (weights from the framework file), its predikat
and, with :func:`monev_plan`, the fewest answers to change to reach the next predikat.

Pass the answers the verifier accepted for a final result (a rejected "Ya" is passed as "Tidak");
self-assessed answers give a provisional figure.

**Planner.** Changing question j of indicator i to its best option adds
``(maxⱼ − pointsⱼ)·wᵢ / maxᵢ`` to the SAQ (× 100/Σw when some indicator is not applicable), a fixed
amount independent of the other changes, so the final score is a sum of independent gains.
Taking the largest gains first reaches any target with the fewest changes: any plan of k changes
gains at most the sum of the k largest gains. Not-applicable answers are never changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lontar.assessments.questionnaire import Question, Questionnaire
from lontar.assessments.questionnaire_scoring import QUESTIONNAIRE_PART, QuestionnaireScore, score_questionnaire
from lontar.assessments.tree import Band, natural_key

PRESENTATION = "presentasi"


@dataclass(frozen=True)
class IndicatorScore:
    code: str
    name: str
    weight: Fraction
    #: the indicator's contribution to the SAQ (share × weight); None when nothing applies
    score: Fraction | None
    share: Fraction | None


@dataclass(frozen=True)
class MonevResult:
    score: QuestionnaireScore
    indicators: tuple[IndicatorScore, ...]

    @property
    def saq(self) -> Fraction:
        return self.score.total

    @property
    def final(self) -> Fraction | None:
        return self.score.final

    @property
    def predikat(self) -> Band | None:
        return self.score.band


@dataclass(frozen=True)
class Change:
    question: Question
    answer: str | None
    to: str
    #: the rise of the final score
    gain: Fraction


@dataclass(frozen=True)
class Plan:
    target: Band | None
    changes: tuple[Change, ...]
    reached: bool


def accepted_answers(
    answers: Mapping[str, str], accepted: Mapping[str, bool], *, yes: str = "ya", no: str = "tidak"
) -> dict[str, str]:
    """The answers that count for the final score: a "Ya" the verifier did not accept counts as "Tidak".

    ``accepted`` maps question ids to the verifier's decision; a "Ya" without a decision is not accepted.
    """
    return {qid: (no if code == yes and not accepted.get(qid) else code) for qid, code in answers.items()}


def monev_result(
    q: Questionnaire, answers: Mapping[str, str], presentation: Fraction | Decimal | int | None
) -> MonevResult:
    parts = {PRESENTATION: presentation} if presentation is not None else {}
    score = score_questionnaire(q, answers, parts=parts)
    indicators = tuple(
        IndicatorScore(
            code=a.code,
            name=a.name,
            weight=spec.weight or Fraction(0),
            share=a.share,
            score=a.share * (spec.weight or 0) if a.share is not None else None,
        )
        for a, spec in zip(score.areas, q.areas, strict=True)
    )
    return MonevResult(score=score, indicators=indicators)


def _questionnaire_weight(q: Questionnaire) -> Fraction:
    if not q.parts:
        return Fraction(1)
    return next(p.weight for p in q.parts if p.code == QUESTIONNAIRE_PART) / 100


def monev_plan(
    q: Questionnaire,
    answers: Mapping[str, str],
    presentation: Fraction | Decimal | int | None,
    target: Band | None = None,
) -> Plan:
    """The fewest answer changes that lift the final score into ``target`` (default: the next predikat)."""
    result = monev_result(q, answers, presentation)
    bands = q.band_table(None)
    if target is None:
        current = result.predikat
        above = [b for b in bands if current is None or b.lower > current.lower]
        target = above[0] if above else None
    if target is None or result.final is None:
        return Plan(target=target, changes=(), reached=target is None)
    # the rounded final reaches the lower bound when the exact one is ≥ lower − 1/200 (half up to 2 decimals)
    needed = target.lower - Fraction(1, 200) - result.final
    if needed <= 0:
        return Plan(target=target, changes=(), reached=True)
    area_max = {a.code: a.maximum for a in result.score.areas}
    present = sum(
        (a.weight or Fraction(0) for a, s in zip(q.areas, result.score.areas, strict=True) if s.maximum), Fraction(0)
    )
    factor = _questionnaire_weight(q) * 100 / present if present else Fraction(0)
    scale = q.scaled.scale
    candidates = []
    for question in q.questions:
        _area, _tier, points, na, top = q.scaled.questions[question.id]
        code = answers.get(question.id)
        if code in na or area_max[question.area] == 0:
            continue
        got = points[code] if code is not None else 0
        if got >= top:
            continue
        best = max((c for c in points if c not in na), key=lambda c: points[c])
        weight = q.area_by_code[question.area].weight or Fraction(0)
        gain = Fraction(top - got, scale) * weight / area_max[question.area] * factor
        candidates.append(Change(question=question, answer=code, to=best, gain=gain))
    candidates.sort(key=lambda c: (-c.gain, natural_key(c.question.id)))
    chosen: list[Change] = []
    total = Fraction(0)
    for change in candidates:
        if total >= needed:
            break
        chosen.append(change)
        total += change.gain
    return Plan(target=target, changes=tuple(chosen), reached=total >= needed)
