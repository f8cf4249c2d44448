"""Monev KIP on the questionnaire engine: predikat boundaries with the presentation weight, the SAQ formula,
monotonicity and the fewest-changes planner.

Reference: infrastructure.md Appendix B and spbe.md (Tidak Informatif < 40, Kurang 40–< 60, Cukup 60–< 80,
Menuju 80–< 90, Informatif 90–100), ppid.md (NTT 2025: presentation 25 %).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.monev import monev_plan, monev_result

MONEV = read_definition(FRAMEWORKS_DIR / "monev-kip.json").questionnaire
assert MONEV is not None
ALL_YES = {q.id: "ya" for q in MONEV.questions}
ALL_NO = {q.id: "tidak" for q in MONEV.questions}
PREDIKAT = ["Tidak Informatif", "Kurang Informatif", "Cukup Informatif", "Menuju Informatif", "Informatif"]


def test_file_weights_and_parts():
    assert sum(a.weight for a in MONEV.areas) == 100
    assert {p.code: p.weight for p in MONEV.parts} == {"questionnaire": 75, "presentasi": 25}
    assert [b.name for b in MONEV.band_table(None)] == PREDIKAT


def test_saq_is_the_weighted_share_of_yes_answers():
    answers = dict(ALL_NO)
    first = MONEV.area_questions["jenis-informasi"]  # weights 3, 2, 2, 1, 2 (total 10) of an indicator weighing 20
    answers[first[0].id] = "ya"
    result = monev_result(MONEV, answers, 0)
    assert result.indicators[0].score == Fraction(3, 10) * 20 == 6
    assert result.saq == 6 and result.final == Fraction(75, 100) * 6
    answers[first[1].id] = "tidak-berlaku"  # not applicable: out of the indicator's total weight
    assert monev_result(MONEV, answers, 0).indicators[0].score == Fraction(3, 8) * 20


def _answers_with_saq_between(low: Fraction, high: Fraction) -> tuple[dict[str, str], Fraction]:
    answers = dict(ALL_NO)
    saq = Fraction(0)
    for question in MONEV.questions:
        if saq >= low:
            break
        answers[question.id] = "ya"
        saq = monev_result(MONEV, answers, None).saq
    assert low <= saq <= high
    return answers, saq


@pytest.mark.parametrize(
    ("final", "predikat"),
    [
        ("39.99", "Tidak Informatif"),
        ("40", "Kurang Informatif"),
        ("59.99", "Kurang Informatif"),
        ("60", "Cukup Informatif"),
        ("79.99", "Cukup Informatif"),
        ("80", "Menuju Informatif"),
        ("89.99", "Menuju Informatif"),
        ("90", "Informatif"),
        ("100", "Informatif"),
    ],
)
def test_predikat_boundaries_with_presentation_weight(final, predikat):
    """final = SAQ × 75 % + presentasi × 25 %: pick answers, then the presentation score giving ``final``."""
    target = Fraction(final)
    answers, saq = _answers_with_saq_between((target - 25) * 4 / 3, target * 4 / 3)
    presentation = (target - saq * Fraction(3, 4)) * 4
    assert 0 <= presentation <= 100
    result = monev_result(MONEV, answers, presentation)
    assert result.final == saq * Fraction(3, 4) + presentation / 4 == target
    assert result.score.rounded == Decimal(final).quantize(Decimal("0.01"))
    assert result.predikat.name == predikat


def test_rounding_half_up_decides_the_predikat():
    answers, saq = _answers_with_saq_between(Fraction(20), Fraction(53))
    presentation = (Fraction("39.995") - saq * Fraction(3, 4)) * 4
    result = monev_result(MONEV, answers, presentation)
    assert result.score.rounded == Decimal("40.00") and result.predikat.name == "Kurang Informatif"


def test_without_presentation_the_final_is_provisional():
    result = monev_result(MONEV, ALL_YES, None)
    assert result.saq == 100 and result.final is None and result.predikat is None
    assert result.score.provisional


def test_presentation_outside_0_100_is_refused():
    with pytest.raises(ValueError):
        monev_result(MONEV, ALL_YES, 101)


def test_answer_outside_options_is_refused():
    with pytest.raises(ValueError, match="invalid answers"):
        monev_result(MONEV, {"1.1": "menyeluruh"}, 50)


answer_lists = st.lists(
    st.sampled_from(["ya", "tidak", "tidak-berlaku", None]),
    min_size=len(MONEV.questions),
    max_size=len(MONEV.questions),
)


def _as_answers(codes):
    return {q.id: c for q, c in zip(MONEV.questions, codes, strict=True) if c is not None}


@settings(max_examples=80, deadline=None)
@given(codes=answer_lists, index=st.integers(0, len(MONEV.questions) - 1), presentation=st.integers(0, 100))
def test_monotone_in_answers(codes, index, presentation):
    if codes[index] in ("ya", "tidak-berlaku"):
        return
    before = monev_result(MONEV, _as_answers(codes), presentation)
    raised = list(codes)
    raised[index] = "ya"
    after = monev_result(MONEV, _as_answers(raised), presentation)
    assert before.final <= after.final <= 100
    assert PREDIKAT.index(after.predikat.name) >= PREDIKAT.index(before.predikat.name)


@settings(max_examples=60, deadline=None)
@given(codes=answer_lists, presentation=st.integers(0, 100))
def test_plan_reaches_the_next_predikat_with_the_fewest_changes(codes, presentation):
    answers = _as_answers(codes)
    before = monev_result(MONEV, answers, presentation)
    plan = monev_plan(MONEV, answers, presentation)
    if before.predikat.name == "Informatif":
        assert plan.target is None and plan.changes == ()
        return
    assert plan.target.name == PREDIKAT[PREDIKAT.index(before.predikat.name) + 1]
    changed = dict(answers)
    for change in plan.changes:
        changed[change.question.id] = change.to
    after = monev_result(MONEV, changed, presentation)
    assert after.final == before.final + sum(c.gain for c in plan.changes)
    if plan.reached:
        assert PREDIKAT.index(after.predikat.name) >= PREDIKAT.index(plan.target.name)
        # no plan with one change fewer can reach it: the k−1 largest gains fall short
        gains = sorted((c.gain for c in monev_plan(MONEV, answers, presentation, plan.target).changes), reverse=True)
        assert sum(gains[:-1]) < plan.target.lower - Fraction(1, 200) - before.final
    else:
        assert after.final < plan.target.lower - Fraction(1, 200)


def test_only_verified_yes_answers_count():
    from lontar.assessments.monev import accepted_answers

    answers = {"1.1": "ya", "1.2": "ya", "1.3": "tidak", "1.4": "tidak-berlaku"}
    counted = accepted_answers(answers, {"1.1": True, "1.2": False})
    assert counted == {"1.1": "ya", "1.2": "tidak", "1.3": "tidak", "1.4": "tidak-berlaku"}
    assert monev_result(MONEV, counted, 100).saq < monev_result(MONEV, answers, 100).saq
