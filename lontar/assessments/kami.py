"""Indeks KAMI on the questionnaire engine: the outputs people expect from BSSN's tool. Pure.

:func:`kami_result` scores one electronic system: the Kategori Sistem Elektronik from its ten
categorisation answers, the points of every area (stage-3 points withheld where the stage-3 rule
fails), the total out of the framework's maximum (918 in 5.0), the final status from the band
table of the category, forced to *Tidak Layak* by the validity gate, the maturity step of each
area, the radar series and the list of stage-1 gaps (stage-1 questions not fully implemented).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from lontar.assessments.questionnaire import Question, Questionnaire
from lontar.assessments.questionnaire_scoring import QuestionnaireScore, score_questionnaire
from lontar.assessments.tree import Band


@dataclass(frozen=True)
class RadarPoint:
    area: str
    name: str
    points: Fraction
    maximum: Fraction
    #: the validity gate's minimum for the area (None when the gate does not name it)
    minimum: Fraction | int | None


@dataclass(frozen=True)
class Gap:
    question: Question
    #: the current option code (None: unanswered)
    answer: str | None


@dataclass(frozen=True)
class KamiResult:
    """The score, with the radar series and the stage-1 gaps computed when first asked for."""

    score: QuestionnaireScore
    questionnaire: Questionnaire
    answers: Mapping[str, str]

    @cached_property
    def radar(self) -> tuple[RadarPoint, ...]:
        """The counted areas' points against their maximum and the validity gate's minimum."""
        counted = {a.code for a in self.questionnaire.areas if a.counted}
        return tuple(
            RadarPoint(
                area=a.code,
                name=a.name,
                points=a.points,
                maximum=a.maximum,
                minimum=next(iter(a.minimums.values()), None),
            )
            for a in self.score.areas
            if a.code in counted
        )

    @cached_property
    def stage1_gaps(self) -> tuple[Gap, ...]:
        return stage1_gaps(self.questionnaire, self.answers)

    @property
    def status(self) -> Band | None:
        return self.score.band

    @property
    def total(self) -> Fraction:
        return self.score.total


def kami_result(q: Questionnaire, answers: Mapping[str, str], kse_answers: Mapping[str, str]) -> KamiResult:
    """Score one system; raises ``ValueError`` for unknown questions or options outside a question's."""
    score = score_questionnaire(q, answers, category_answers=kse_answers)
    return KamiResult(score=score, questionnaire=q, answers=answers)


def stage1_gaps(q: Questionnaire, answers: Mapping[str, str]) -> tuple[Gap, ...]:
    """Stage-1 questions of counted areas not answered at their best option (not-applicable answers excluded)."""
    counted = {a.code for a in q.areas if a.counted}
    gaps = []
    for question in q.questions:
        if question.tier != 1 or question.area not in counted:
            continue
        _area, _tier, points, na, top = q.scaled.questions[question.id]
        code = answers.get(question.id)
        if code is None or (code not in na and points[code] < top):
            gaps.append(Gap(question=question, answer=code))
    return tuple(gaps)
