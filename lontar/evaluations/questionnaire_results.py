"""The scores of a questionnaire submission: claimed (self-assessment) and verified (what counts).

Pure functions over the stored answers and the framework's :class:`Questionnaire`, shared by the
services (which freeze the verified result when finalising) and the pages.

What counts after verification: an accepted answer counts as claimed; a rejected one counts as the
answer the verifier set, else as the question's lowest option (Monev KIP: a rejected or unverified
"Ya" counts as "Tidak", :func:`lontar.assessments.monev.accepted_answers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from lontar.assessments import kami, monev
from lontar.assessments.questionnaire import Question, Questionnaire

KAMI = "kami"
MONEV = "monev"


def family_of(framework_code: str) -> str:
    return MONEV if framework_code.startswith("monev") else KAMI


def lowest_option(q: Questionnaire, question: Question) -> str:
    options = [o for o in q.allowed(question) if not o.not_applicable]
    return min(options, key=lambda o: o.points_for(question.tier)).code


def claimed_answers(rows: Iterable[Any]) -> dict[str, str]:
    return {r.question: r.option for r in rows if r.option}


def verified_answers(q: Questionnaire, family: str, rows: Iterable[Any]) -> dict[str, str]:
    rows = [r for r in rows if r.option]
    claimed = claimed_answers(rows)
    if family == MONEV:
        counted = monev.accepted_answers(claimed, {r.question: r.accepted is True for r in rows})
        for r in rows:
            if r.accepted is False and r.verified_option:
                counted[r.question] = r.verified_option
        return counted
    out = {}
    for r in rows:
        if r.accepted is False:
            out[r.question] = r.verified_option or lowest_option(q, q.by_id[r.question])
        else:
            out[r.question] = r.option
    return out


def score(
    q: Questionnaire, family: str, answers: dict[str, str], category_answers: dict[str, str], presentation: Any
) -> kami.KamiResult | monev.MonevResult:
    if family == MONEV:
        return monev.monev_result(q, answers, Decimal(presentation) if presentation is not None else None)
    return kami.kami_result(q, answers, category_answers)


def rounded(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def headline(result: kami.KamiResult | monev.MonevResult) -> tuple[Decimal | None, str, str]:
    """(score rounded to 2 decimals, status or predikat, category): what a final result stores."""
    if isinstance(result, monev.MonevResult):
        return rounded(result.final), result.predikat.name if result.predikat else "", ""
    category = result.score.category
    return rounded(result.total), result.status.name if result.status else "", category.name if category else ""


@dataclass(frozen=True)
class QuestionnaireResult:
    submission: Any
    questionnaire: Questionnaire
    family: str
    claimed: kami.KamiResult | monev.MonevResult
    #: None until the submission has been verified
    verified: kami.KamiResult | monev.MonevResult | None
    #: the answers that count (verified when there is a verification, else claimed)
    counted: dict[str, str]

    @property
    def current(self) -> kami.KamiResult | monev.MonevResult:
        return self.verified if self.verified is not None else self.claimed

    @property
    def is_kami(self) -> bool:
        return self.family == KAMI

    def plan(self) -> monev.Plan | None:
        """Monev KIP: the fewest answers to change to reach the next predikat (None for KAMI or when
        the presentation score is not entered yet)."""
        if self.family != MONEV or self.submission.presentation is None:
            return None
        return monev.monev_plan(self.questionnaire, self.counted, Decimal(self.submission.presentation))


def build_result(submission: Any, q: Questionnaire, rows: list[Any]) -> QuestionnaireResult:
    family = family_of(submission.cycle.framework.code)
    claimed = score(q, family, claimed_answers(rows), submission.category_answers, submission.presentation)
    verified = None
    counted = claimed_answers(rows)
    if submission.state in ("verified", "final") or any(r.accepted is not None for r in rows):
        counted = verified_answers(q, family, rows)
        verified = score(q, family, counted, submission.category_answers, submission.presentation)
    return QuestionnaireResult(submission, q, family, claimed, verified, counted)
