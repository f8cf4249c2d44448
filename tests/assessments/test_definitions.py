"""Every validation rule of framework definition files, each with a small broken file."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from lontar.assessments.definitions import FRAMEWORKS_DIR, MAX_FILE_BYTES, DefinitionError, read_definition


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def problems_of(path) -> list[str]:
    with pytest.raises(DefinitionError) as info:
        read_definition(path)
    return info.value.problems


def test_the_small_fixture_is_valid(mini, write_definition):
    definition = read_definition(write_definition(mini))
    assert definition.code == "mini-uji"
    assert definition.tree.indicators["1"].weight == Fraction(40, 3)
    assert definition.tree.total_weight == 100
    assert definition.tree.indicators["5"].external


def test_shipped_files_are_valid_and_have_the_published_shapes():
    shapes = {
        "spbe-2018": (3, 7, 35, 0, 5),
        "spbe-2020": (4, 8, 47, 1, 5),
        "pemdi-2026": (0, 7, 20, 1, 5),
        "epss": (5, 19, 38, 1, 5),
    }
    for code, (domains, aspects, indicators, low, high) in shapes.items():
        tree = read_definition(FRAMEWORKS_DIR / f"{code}.json").tree
        kinds = [node.kind for node in tree.walk()]
        assert (kinds.count("domain"), kinds.count("aspect"), len(tree.indicators)) == (domains, aspects, indicators), (
            code
        )
        assert (tree.level_min, tree.level_max) == (low, high)
        assert tree.total_weight == 100
        assert [b.name for b in tree.bands] == ["Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan"]


def test_spbe_2018_thirds_are_exact():
    tree = read_definition(FRAMEWORKS_DIR / "spbe-2018.json").tree
    assert [tree.indicators[n].weight for n in ("32", "33", "34", "35")] == [Fraction(10, 3)] * 3 + [Fraction(10)]


def test_spbe_2020_weights_match_the_regulation():
    tree = read_definition(FRAMEWORKS_DIR / "spbe-2020.json").tree
    expected = {
        range(1, 11): "1.3",
        range(11, 21): "2.5",
        range(21, 32): "1.5",
        range(32, 42): "2.75",
        range(42, 48): "3",
    }
    for numbers, weight in expected.items():
        assert {tree.indicators[str(n)].weight for n in numbers} == {Fraction(weight)}
    assert [n.weight for n in tree.nodes] == [Fraction("13"), Fraction("25"), Fraction("16.5"), Fraction("45.5")]


def test_pemdi_external_indicators_are_marked():
    tree = read_definition(FRAMEWORKS_DIR / "pemdi-2026.json").tree
    assert {n for n, ind in tree.indicators.items() if ind.external} == {"5", "6", "7"}
    assert tree.band_named("Berkembang").name == "Baik"
    assert tree.band_named("unggul").name == "Memuaskan"


def test_weights_must_sum_to_100(mini, write_definition):
    mini["nodes"][1]["weight"] = "61"
    mini["nodes"][1]["children"][0]["weight"] = "36"
    mini["nodes"][1]["children"][0]["children"][0]["weight"] = "36"
    problems = problems_of(write_definition(mini))
    assert any("add up to 101, not 100" in p for p in problems)


def test_node_weight_must_equal_its_childrens(mini, write_definition):
    mini["nodes"][0]["children"][0]["children"][2]["weight"] = "13"
    problems = problems_of(write_definition(mini))
    assert any("aspect 1 “Aspek A1”" in p and "(119/3)" in p for p in problems), problems


def test_thirds_written_as_rounded_decimals_are_refused(mini, write_definition):
    for indicator in mini["nodes"][0]["children"][0]["children"]:
        indicator["weight"] = "13.3333"
    problems = problems_of(write_definition(mini))
    assert any("aspect 1 “Aspek A1”: its weight 40 is not the sum" in p for p in problems), problems


def test_weight_must_be_an_exact_positive_number(mini, write_definition):
    mini["nodes"][1]["children"][1]["children"][0]["weight"] = "25,0"
    mini["nodes"][1]["children"][0]["children"][0]["weight"] = "-35"
    problems = problems_of(write_definition(mini))
    assert any("indicator 5 “Indikator lima" in p and "“25,0”" in p for p in problems)
    assert any("indicator 4 “Indikator empat”" in p and "“-35”" in p for p in problems)


def test_criteria_levels_must_be_inside_the_scale(mini, write_definition):
    mini["nodes"][0]["children"][0]["children"][0]["levels"]["6"] = {"criteria": "terlalu tinggi"}
    mini["nodes"][0]["children"][0]["children"][0]["levels"]["0"] = {"criteria": "terlalu rendah"}
    problems = problems_of(write_definition(mini))
    assert any("indicator 1 “Indikator satu”: level 6 is outside the scale 1–5" in p for p in problems)
    assert any("indicator 1 “Indikator satu”: level 0 is outside the scale 1–5" in p for p in problems)


def test_a_scale_must_define_every_level(mini, write_definition):
    mini["scales"]["proses"]["levels"].pop(2)
    mini["scales"]["proses"]["levels"].append({"level": 7, "name": "Tujuh"})
    problems = problems_of(write_definition(mini))
    assert any("Scale “proses”: level 3 is missing" in p for p in problems)
    assert any("Scale “proses”: level 7 is outside the scale 1–5" in p for p in problems)


def test_indicator_scale_must_exist(mini, write_definition):
    mini["nodes"][1]["children"][0]["children"][0]["scale"] = "layanan"
    assert any("indicator 4" in p and "“layanan” is not defined" in p for p in problems_of(write_definition(mini)))


def test_bands_without_gap(mini, write_definition):
    mini["bands"][1]["upper"] = "2.5"
    problems = problems_of(write_definition(mini))
    assert any("gap between predikat bands “Cukup” (up to 2.5) and “Baik” (from 2.6)" in p for p in problems)


def test_bands_without_overlap(mini, write_definition):
    mini["bands"][2]["upper"] = "3.6"
    problems = problems_of(write_definition(mini))
    assert any("“Baik” and “Sangat Baik” overlap" in p for p in problems)


def test_bands_cover_the_whole_scale(mini, write_definition):
    mini["bands"][0]["lower"] = "1.2"
    mini["bands"][-1]["upper"] = "5.0"
    problems = problems_of(write_definition(mini))
    assert any("“Kurang” starts at 1.2, not at the scale minimum 1" in p for p in problems)
    assert any("“Memuaskan” must have no upper bound" in p for p in problems)


def test_band_names_are_unique(mini, write_definition):
    mini["bands"][1]["name"] = "kurang"
    assert any("defined twice" in p for p in problems_of(write_definition(mini)))


def test_indicator_numbers_are_unique(mini, write_definition):
    mini["nodes"][1]["children"][1]["children"][0]["number"] = "4"
    assert any("indicator number 4 is used 2 times" in p for p in problems_of(write_definition(mini)))


def test_only_indicators_are_leaves_and_indicators_have_no_children(mini, write_definition):
    mini["nodes"][1]["children"][1]["children"] = []
    mini["nodes"][0]["children"][0]["children"][0]["children"] = [{"kind": "aspect"}]
    problems = problems_of(write_definition(mini))
    assert any("aspect 3 “Aspek B2” has no children" in p for p in problems)
    assert any("indicator 1 “Indikator satu”: an indicator cannot have children" in p for p in problems)


def test_kinds_nest_downwards(mini, write_definition):
    mini["nodes"][0]["children"][0]["kind"] = "domain"
    assert any("cannot be placed under a domain" in p for p in problems_of(write_definition(mini)))


def test_header_rules(mini, write_definition):
    mini.update(format=2, code="Bad Code!", level_min=3, level_max=2)
    problems = problems_of(write_definition(mini))
    assert any("“format” must be 1" in p for p in problems)
    assert any("“code”" in p for p in problems)
    assert any("level_min < level_max" in p for p in problems)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"format": 1,\n "code": ', "Not valid JSON at line 2"),
        ("[1, 2]", "must hold one JSON object"),
        ("\ufeff{}".encode("utf-16"), "not UTF-8"),
    ],
)
def test_unreadable_files(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert any(expected in p for p in problems_of(path))


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    assert any("larger than" in p for p in problems_of(path))


def test_hostile_strings_are_cut_in_messages(mini, write_definition):
    mini["nodes"][0]["children"][0]["children"][0]["scale"] = "<script>" * 1000
    problems = problems_of(write_definition(mini))
    assert all(len(p) < 400 for p in problems)


def test_command_check_reports_every_problem_and_fails(mini, write_definition, capsys):
    mini["bands"][1]["upper"] = "2.5"
    mini["nodes"][1]["children"][1]["children"][0]["number"] = "4"
    path = write_definition(mini)
    with pytest.raises(CommandError):
        call_command("framework_load", "--check", file=[path])
    err = capsys.readouterr().err
    assert "gap between predikat bands" in err
    assert "indicator number 4 is used 2 times" in err


def test_command_check_accepts_the_shipped_files(capsys):
    call_command("framework_load", "--all", "--check")
    out = capsys.readouterr().out
    for code in ("spbe-2018", "spbe-2020", "pemdi-2026", "epss"):
        assert f"{code} v1" in out


def test_command_unknown_code(capsys):
    with pytest.raises(
        CommandError, match="Known frameworks: epss, kami-5, monev-kip, pemdi-2026, spbe-2018, spbe-2020"
    ):
        call_command("framework_load", "spbe-2099")
