"""Questionnaire framework files (format 2): every refusal names the problem, and nothing is loaded half-way."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from lontar.assessments.definitions import FRAMEWORKS_DIR, DefinitionError, read_definition
from lontar.assessments.models import Framework, FrameworkKind
from lontar.assessments.selectors import framework_list, framework_questionnaire, questionnaire_framework_get
from lontar.assessments.services import framework_load

KAMI_DATA = json.loads((FRAMEWORKS_DIR / "kami-5.json").read_text(encoding="utf-8"))
MONEV_DATA = json.loads((FRAMEWORKS_DIR / "monev-kip.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def kami():
    return copy.deepcopy(KAMI_DATA)


@pytest.fixture
def monev():
    return copy.deepcopy(MONEV_DATA)


def problems_of(data, write_definition) -> list[str]:
    with pytest.raises(DefinitionError) as info:
        read_definition(write_definition(data))
    return info.value.problems


def test_overlapping_band_is_refused(kami, write_definition):
    kami["bands"]["tinggi"][1]["lower"] = 380  # Tidak Layak runs to 388
    assert any("Bands of category “tinggi”" in p and "overlap" in p for p in problems_of(kami, write_definition))


def test_gap_between_bands_is_refused(monev, write_definition):
    monev["bands"][2]["lower"] = 61
    problems = problems_of(monev, write_definition)
    assert any("gap between “Kurang Informatif” (up to 60) and “Cukup Informatif” (from 61)" in p for p in problems)


def test_category_gap_and_missing_band_table(kami, write_definition):
    kami["categorisation"]["categories"][1]["lower"] = 17
    del kami["bands"]["strategis"]
    problems = problems_of(kami, write_definition)
    assert any("must be exactly one per category" in p for p in problems)


def test_category_gap_is_refused(kami, write_definition):
    kami["categorisation"]["categories"][1]["lower"] = 17
    assert any(
        "gap between “Rendah” (up to 16) and “Tinggi” (from 17)" in p for p in problems_of(kami, write_definition)
    )


def test_question_outside_any_area(kami, write_definition):
    kami["questions"][0]["area"] = "keuangan"
    problems = problems_of(kami, write_definition)
    assert any("question 2.1 is outside any area: “keuangan”" in p for p in problems)


def test_gate_naming_a_missing_area(kami, write_definition):
    kami["gates"][0]["factors"]["sdm"] = 2
    assert any("Gate “validitas” names the area “sdm”" in p for p in problems_of(kami, write_definition))


def test_gate_forcing_an_unknown_status(kami, write_definition):
    kami["gates"][0]["forces"] = "Gagal"
    assert any("forces the status “Gagal”" in p for p in problems_of(kami, write_definition))


def test_question_options_outside_its_answer_set(monev, write_definition):
    monev["questions"][0]["options"] = ["ya", "mungkin"]
    assert any("question 1.1: its options" in p for p in problems_of(monev, write_definition))


def test_missing_points_for_a_tier(kami, write_definition):
    kami["questions"][0]["tier"] = 4
    assert any("has no points for tier 4" in p for p in problems_of(kami, write_definition))


def test_declared_maximum_must_match_the_questions(kami, write_definition):
    kami["questions"][0]["tier"] = 2  # a stage-1 question becomes stage 2: the maximum rises by 3
    problems = problems_of(kami, write_definition)
    assert any("score at most 921, but “score_max” is 918" in p for p in problems)


def test_controls_count_and_weights(kami, monev, write_definition):
    kami["areas"][0]["controls"] = 21
    assert any("has 22 questions; the file says it has 21 controls" in p for p in problems_of(kami, write_definition))
    monev["areas"][0]["weight"] = "25"
    problems = problems_of(monev, write_definition)
    assert any("area weights add up to 105" in p for p in problems)


def test_final_parts_must_add_to_100(monev, write_definition):
    monev["final"]["parts"][1]["weight"] = 30
    assert any("add up to 105, not 100" in p for p in problems_of(monev, write_definition))


def test_settings_need_a_source_and_a_confidence(monev, write_definition):
    monev["settings"][2]["confidence"] = "maybe"
    assert any("Every setting needs" in p for p in problems_of(monev, write_definition))


def test_messages_are_indonesian_by_default(kami, write_definition):
    kami["questions"][0]["area"] = "keuangan"
    with translation.override("id"):
        problems = problems_of(kami, write_definition)
    assert any("di luar area mana pun" in p for p in problems)


@pytest.mark.django_db
def test_broken_file_loads_nothing(kami, write_definition):
    kami["bands"]["rendah"][3]["lower"] = 700
    with pytest.raises(CommandError):
        call_command("framework_load", file=[write_definition(kami, "kami-rusak.json")])
    assert not Framework.objects.exists()


@pytest.mark.django_db
def test_shipped_questionnaires_load_and_stay_out_of_the_tree_pages():
    for code in ("kami-5", "monev-kip"):
        definition = read_definition(FRAMEWORKS_DIR / f"{code}.json")
        assert framework_load(definition=definition, source_file=f"{code}.json") == "created"
        assert framework_load(definition=definition, source_file=f"{code}.json") == "unchanged"
    kami = questionnaire_framework_get("kami-5")
    assert kami.kind == FrameworkKind.QUESTIONNAIRE and (kami.level_min, kami.level_max) == (0, 918)
    assert framework_questionnaire(kami).points_max == 918
    assert not framework_list().filter(code="kami-5").exists()
    assert not kami.nodes.exists() and not kami.bands.exists()
