"""Indeks KAMI 5.0 on the questionnaire engine: hand-worked vectors from the reference and properties.

Reference: shared/reference/infrastructure.md §4 (KSE 10–50: Rendah 10–15, Tinggi 16–34, Strategis
35–50; status table per KSE, maximum 918; validity gate; stage-3 rule) and Appendix A.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.kami import kami_result, stage1_gaps

KAMI = read_definition(FRAMEWORKS_DIR / "kami-5.json").questionnaire
assert KAMI is not None
LEVELS = ["tidak", "perencanaan", "sebagian", "menyeluruh"]  # points rise with the index at every tier
STATUS = ["Tidak Layak", "Pemenuhan Kerangka Kerja Dasar", "Cukup Baik", "Baik"]
TABLE = {  # infrastructure.md §4, lower bounds of each status
    "rendah": (0, 248, 444, 761),
    "tinggi": (0, 388, 647, 829),
    "strategis": (0, 473, 761, 865),
}


#: KSE totals ten answers can make (A=5, B=2, C=1: total = 10 + 4·#A + #B with #A + #B <= 10); 49, 46, … cannot
KSE_TOTALS = sorted({10 + 4 * a + b for a in range(11) for b in range(11 - a)})


def kse(total: int) -> dict[str, str]:
    """KSE answers with the given total (A=5, B=2, C=1: total = 10 + 4·#A + #B)."""
    a, b = next((a, total - 10 - 4 * a) for a in range(10, -1, -1) if 0 <= total - 10 - 4 * a <= 10 - a)
    codes = ["A"] * a + ["B"] * b + ["C"] * (10 - a - b)
    assert len(codes) == 10
    return {q.id: code for q, code in zip(KAMI.categorisation.questions, codes, strict=True)}


def answers_for_total(total: int) -> dict[str, str]:
    """Answers of the counted areas scoring exactly ``total``, passing the validity gate and the stage-3 rule
    wherever stage-3 points are kept. Start at the maximum 918 and lower stage-3 answers (steps of 3), then
    stage-2 answers (steps of 2), then up to one stage-1 answer per area (steps of 1)."""
    answers = {q.id: "menyeluruh" for q in KAMI.questions}
    reduce = 918 - total
    by_tier = {t: [q for q in KAMI.questions if q.tier == t and q.area != "suplemen"] for t in (1, 2, 3)}
    third = min(reduce // 3, 3 * len(by_tier[3]))
    reduce -= 3 * third
    if third == 3 * len(by_tier[3]):  # every stage-3 answer is at 0: stage 2 may go down freely
        second, reduce = reduce // 2, reduce % 2
    else:
        second = 0
    for steps, questions in ((third, by_tier[3]), (second, by_tier[2])):
        for question in questions:
            down = min(3, steps)
            answers[question.id] = LEVELS[3 - down]
            steps -= down
        assert steps == 0
    areas_used = set()
    for question in by_tier[1]:
        if reduce and question.area not in areas_used:
            answers[question.id] = "sebagian"
            areas_used.add(question.area)
            reduce -= 1
    assert reduce == 0
    return answers


def test_the_shipped_file_has_the_reference_structure():
    counts = {a.code: a.controls for a in KAMI.areas}
    assert counts == {
        "tata-kelola": 22,
        "risiko": 16,
        "kerangka-kerja": 33,
        "aset": 53,
        "teknologi": 35,
        "pdp": 16,
        "suplemen": 27,
    }
    assert len(KAMI.categorisation.questions) == 10
    assert KAMI.category_range() == (10, 50)
    assert KAMI.points_max == KAMI.score_max == 918
    assert {label for label, _v in ((s.label, s.value) for s in KAMI.maturity_steps)} >= {"I", "I+", "III+", "V"}
    assert [s.value for s in KAMI.maturity_steps] == [Fraction(n, 2) for n in range(2, 11)]


def test_maximum_is_918_and_baik_in_every_category():
    full = {q.id: "menyeluruh" for q in KAMI.questions}
    for total in (10, 15, 16, 34, 35, 50):
        result = kami_result(KAMI, full, kse(total))
        assert result.total == 918 and result.status.name == "Baik"
        assert result.score.category_total == total
    assert stage1_gaps(KAMI, full) == ()


@pytest.mark.parametrize(
    ("total", "category"),
    [(10, "Rendah"), (15, "Rendah"), (16, "Tinggi"), (34, "Tinggi"), (35, "Strategis"), (50, "Strategis")],
)
def test_kse_boundaries(total, category):
    result = kami_result(KAMI, {}, kse(total))
    assert result.score.category.name == category
    assert result.status is None or result.score.provisional


def test_incomplete_kse_has_no_category_and_no_status():
    answers = {q.id: "menyeluruh" for q in KAMI.questions}
    partial = dict(list(kse(40).items())[:9])
    result = kami_result(KAMI, answers, partial)
    assert result.score.category is None and result.status is None


STATUS_VECTORS = [
    (category, lower - 1, STATUS[i - 1]) for category, bounds in TABLE.items() for i, lower in enumerate(bounds) if i
] + [(category, lower, STATUS[i]) for category, bounds in TABLE.items() for i, lower in enumerate(bounds) if i]


@pytest.mark.parametrize(("category", "total", "status"), STATUS_VECTORS + [(c, 918, "Baik") for c in TABLE])
def test_status_table_boundaries(category, total, status):
    kse_total = {"rendah": 15, "tinggi": 16, "strategis": 35}[category]
    result = kami_result(KAMI, answers_for_total(total), kse(kse_total))
    assert result.total == total
    assert result.score.failed_gates == ()
    assert result.score.category.code == category
    assert result.status.name == status


def _tata_kelola_at(points: int) -> dict[str, str]:
    """Everything at its best except Tata Kelola, whose stage-1 answers total ``points`` and the rest 0."""
    answers = {q.id: "menyeluruh" for q in KAMI.questions}
    area = KAMI.area_questions["tata-kelola"]
    for question in area:
        answers[question.id] = "tidak"
    remaining = points
    for question in (q for q in area if q.tier == 1):
        step = min(3, remaining)
        answers[question.id] = LEVELS[step]
        remaining -= step
    assert remaining == 0
    return answers


def test_validity_gate_forces_tidak_layak():
    # Tata Kelola has 10 stage-1 questions × factor 2 = 20 points needed
    below = kami_result(KAMI, _tata_kelola_at(19), kse(15))
    assert below.total == 918 - 114 + 19 == 823
    assert below.score.area["tata-kelola"].minimums == {"validitas": 20}
    assert below.score.failed_gates == ("validitas",)
    assert below.status.name == "Tidak Layak"
    at = kami_result(KAMI, _tata_kelola_at(20), kse(15))
    assert at.score.failed_gates == () and at.status.name == "Baik"


def test_validity_gate_factor_one_for_aset():
    answers = {q.id: "menyeluruh" for q in KAMI.questions}
    aset = KAMI.area_questions["aset"]
    for question in aset:
        answers[question.id] = "tidak"
    stage1 = [q for q in aset if q.tier == 1]  # 24 questions × factor 1
    for question in stage1[:8]:
        answers[question.id] = "menyeluruh"  # 24 points: exactly the minimum
    assert kami_result(KAMI, answers, kse(40)).score.failed_gates == ()
    answers[stage1[0].id] = "sebagian"  # 23
    assert kami_result(KAMI, answers, kse(40)).status.name == "Tidak Layak"


def test_stage3_rule_withholds_stage3_points():
    answers = {q.id: "menyeluruh" for q in KAMI.questions}
    stage1 = [q for q in KAMI.area_questions["risiko"] if q.tier == 1]
    for question in stage1[:2]:
        answers[question.id] = "sebagian"  # two partial answers: stage 3 still counts
    result = kami_result(KAMI, answers, kse(20))
    assert result.score.area["risiko"].withheld_tiers == () and result.total == 916
    answers[stage1[2].id] = "sebagian"  # a third one: stage 3 of Risiko (3 × 9) is withheld
    result = kami_result(KAMI, answers, kse(20))
    assert result.score.area["risiko"].withheld_tiers == (3,)
    assert result.total == 918 - 3 - 27
    answers = {q.id: "menyeluruh" for q in KAMI.questions}
    answers[stage1[0].id] = "perencanaan"  # forbidden in stage 1 even though only 2 points short
    assert kami_result(KAMI, answers, kse(20)).score.area["risiko"].withheld_tiers == (3,)


def test_maturity_levels():
    full = {q.id: "menyeluruh" for q in KAMI.questions}
    assert {a.maturity.label for a in kami_result(KAMI, full, kse(20)).score.areas if a.maturity} == {"V"}
    assert kami_result(KAMI, full, kse(20)).score.area["suplemen"].maturity is None
    nothing = kami_result(KAMI, {}, kse(20))
    assert nothing.score.area["aset"].maturity.label == "I"
    # Level III needs ≥ 80 % of the level-II maximum: tags II are the stage-1 questions (sample set)
    answers = {q.id: "menyeluruh" for q in KAMI.questions}
    stage1 = [q for q in KAMI.area_questions["teknologi"] if q.tier == 1]  # 15 × 3 = 45 points of tag II
    for question in stage1[:4]:
        answers[question.id] = "tidak"  # 33/45 < 80 %
    assert kami_result(KAMI, answers, kse(20)).score.area["teknologi"].maturity.label == "II+"
    answers[stage1[0].id] = "menyeluruh"  # 36/45 = 80 %
    assert kami_result(KAMI, answers, kse(20)).score.area["teknologi"].maturity.label in {"III", "III+", "IV"}


def test_radar_and_stage1_gaps():
    answers = {q.id: "menyeluruh" for q in KAMI.questions}
    first = KAMI.area_questions["tata-kelola"][0]
    answers[first.id] = "sebagian"
    del answers[KAMI.area_questions["aset"][0].id]
    result = kami_result(KAMI, answers, kse(20))
    assert [p.area for p in result.radar] == ["tata-kelola", "risiko", "kerangka-kerja", "aset", "teknologi", "pdp"]
    assert result.radar[0].minimum == 20 and result.radar[0].maximum == 114
    assert [(g.question.id, g.answer) for g in result.stage1_gaps] == [(first.id, "sebagian"), ("5.1", None)]
    assert result.score.provisional


def test_answers_outside_the_options_are_refused():
    with pytest.raises(ValueError, match="invalid answers"):
        kami_result(KAMI, {"2.1": "ya"}, kse(20))
    with pytest.raises(ValueError, match="invalid answers"):
        kami_result(KAMI, {"99.1": "menyeluruh"}, kse(20))
    with pytest.raises(ValueError, match="invalid answers"):
        kami_result(KAMI, {}, {"1.1": "D"})


COUNTED = [q for q in KAMI.questions if q.area != "suplemen"]
answer_maps = st.lists(st.sampled_from([*LEVELS, "tidak-berlaku", None]), min_size=len(COUNTED), max_size=len(COUNTED))


def _as_answers(codes: list[str | None]) -> dict[str, str]:
    return {q.id: c for q, c in zip(COUNTED, codes, strict=True) if c is not None}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(codes=answer_maps, index=st.integers(0, len(COUNTED) - 1), kse_total=st.sampled_from(KSE_TOTALS))
def test_monotone_in_answers(codes, index, kse_total):
    """Raising one answer (not to or from Tidak Berlaku) never lowers the total nor the status."""
    if codes[index] == "tidak-berlaku" or codes[index] == "menyeluruh":
        return
    before = kami_result(KAMI, _as_answers(codes), kse(kse_total))
    raised = list(codes)
    raised[index] = LEVELS[LEVELS.index(codes[index]) + 1] if codes[index] else "tidak"
    after = kami_result(KAMI, _as_answers(raised), kse(kse_total))
    assert after.total >= before.total
    assert 0 <= before.total <= after.total <= 918
    assert STATUS.index(after.status.name) >= STATUS.index(before.status.name)
    for old, new in zip(before.score.areas, after.score.areas, strict=True):
        assert new.points >= old.points
        if old.maturity and new.maturity:
            assert new.maturity.value >= old.maturity.value


def test_uncertain_values_are_settings_with_their_source():
    uncertain = {s.label: s for s in KAMI.settings if s.uncertain}
    assert "A = 5, B = 2, C = 1" in uncertain["Poin jawaban KSE"].value
    assert "infrastructure.md" in uncertain["Poin jawaban KSE"].source
    assert {s.label for s in KAMI.settings if s.confidence == "V"} >= {"Skor maksimum", "Tabel status akhir per KSE"}
    points = {o.code: o.points_for(1) for o in KAMI.answer_sets["kse"].options}
    assert points == {"A": 5, "B": 2, "C": 1}
