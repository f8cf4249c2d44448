"""Pure scoring: properties (hypothesis), rounding, provisional results, published facts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.scoring import check_values, round_half_up, score
from lontar.assessments.tree import FrameworkTree, Node
from tests.assessments.strategies import trees

SHIPPED = {
    code: read_definition(FRAMEWORKS_DIR / f"{code}.json").tree
    for code in ("spbe-2018", "spbe-2020", "pemdi-2026", "epss")
}


def independent_mean(node: Node, values: dict[str, int]) -> Fraction | None:
    """Σ w·v / Σ w over the answered indicators under ``node``, written out without the module."""
    stack, num, den = [node], Fraction(0), Fraction(0)
    while stack:
        current = stack.pop()
        if current.kind == "indicator":
            if current.number in values:
                num += current.weight * values[current.number]
                den += current.weight
        else:
            stack.extend(current.children)
    return num / den if den else None


@st.composite
def tree_and_values(draw, complete: bool = False):
    tree = draw(trees())
    numbers = list(tree.indicators)
    chosen = numbers if complete else draw(st.lists(st.sampled_from(numbers), unique=True, min_size=1))
    return tree, {n: draw(st.integers(tree.level_min, tree.level_max)) for n in chosen}


@given(tree_and_values(), st.data())
def test_raising_a_level_never_lowers_any_index(case, data):
    tree, values = case
    number = data.draw(st.sampled_from(sorted(values)))
    if values[number] == tree.level_max:
        return
    before = score(tree, values)
    after = score(tree, {**values, number: values[number] + data.draw(st.integers(1, tree.level_max - values[number]))})
    assert after.exact >= before.exact
    for old, new in zip(before.nodes, after.nodes, strict=True):
        if old.exact is not None:
            assert new.exact >= old.exact
            assert new.index >= old.index


@given(tree_and_values())
def test_index_lies_between_lowest_and_highest_level_given(case):
    tree, values = case
    result = score(tree, values)
    assert min(values.values()) <= result.exact <= max(values.values())
    for node in result.nodes:
        if node.exact is not None:
            assert min(values.values()) <= node.exact <= max(values.values())


@given(tree_and_values())
def test_index_equals_the_weighted_mean(case):
    tree, values = case
    result = score(tree, values)
    root = Node("framework", "", "", tree.total_weight, tree.nodes)
    assert result.exact == independent_mean(root, values)
    by_key = {(n.kind, n.number): n for n in tree.walk()}
    for node in result.nodes:
        assert node.exact == independent_mean(by_key[(node.kind, node.number)], values)
        assert node.index == (round_half_up(node.exact) if node.exact is not None else None)


@given(tree_and_values(complete=True))
def test_complete_index_is_the_regulation_formula(case):
    tree, values = case
    result = score(tree, values)
    assert not result.provisional
    assert result.exact == sum(ind.weight * values[n] for n, ind in tree.indicators.items()) / tree.total_weight
    assert result.exact == sum(n.weight * n.exact for n in result.nodes if n.kind == "domain") / tree.total_weight


@given(st.integers(0, 10**6))
def test_rounding_is_half_up_to_two_decimals(thousandths):
    exact = Fraction(thousandths, 1000)
    expected = Decimal(thousandths).scaleb(-3).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert round_half_up(exact) == expected


def test_rounding_examples():
    assert round_half_up(Fraction("2.345")) == Decimal("2.35")
    assert round_half_up(Fraction("2.344999")) == Decimal("2.34")
    assert round_half_up(Fraction(10, 3)) == Decimal("3.33")
    assert round_half_up(Fraction(20, 3)) == Decimal("6.67")
    assert str(round_half_up(Fraction(3))) == "3.00"


def test_predikat_comes_from_the_rounded_value():
    bands = SHIPPED["spbe-2020"].bands
    external = FrameworkTree("t", 1, 5, (Node("indicator", "1", "a", Fraction(1), external=True),), bands)
    # the exact index 2.595 is below 2.6 but is published as 2.60, so it is Baik
    assert score(external, {"1": Fraction("2.595")}).predikat.name == "Baik"
    assert score(external, {"1": Fraction("2.5949")}).predikat.name == "Cukup"
    two = FrameworkTree(
        "t", 0, 5, (Node("indicator", "1", "a", Fraction(1)), Node("indicator", "2", "b", Fraction(1))), bands
    )
    assert score(two, {"1": 2, "2": 3}).index == Decimal("2.50")


@pytest.mark.parametrize("code", sorted(SHIPPED))
def test_all_levels_equal_give_that_level(code):
    tree = SHIPPED[code]
    for level in range(tree.level_min, tree.level_max + 1):
        result = score(tree, dict.fromkeys(tree.indicators, level))
        assert result.exact == level
        assert all(node.exact == level for node in result.nodes)


@pytest.mark.parametrize(
    ("code", "index", "predikat"),
    [
        # Published Indeks SPBE values (shared/reference/spbe.md) fall in their published predikat
        ("spbe-2020", "3.35", "Baik"),  # Provinsi NTT 2022
        ("spbe-2020", "1.60", "Kurang"),  # Kab. Kupang 2021
        ("spbe-2020", "1.85", "Cukup"),  # Kab. Kupang 2022
        ("spbe-2020", "1.00", "Kurang"),  # Kab. Rote Ndao 2021
        ("spbe-2020", "2.48", "Cukup"),  # Kab. Rote Ndao 2022
        ("spbe-2020", "2.99", "Baik"),  # Kab. Rote Ndao 2023
        ("spbe-2018", "1.98", "Cukup"),  # national average 2018
        ("spbe-2020", "2.26", "Cukup"),  # national average 2020
        ("spbe-2020", "2.34", "Cukup"),  # national average 2022
        ("spbe-2020", "2.79", "Baik"),  # national average 2023
        ("spbe-2020", "3.12", "Baik"),  # national average 2024
    ],
)
def test_published_values_get_their_published_predikat(code, index, predikat):
    assert SHIPPED[code].band_for(Fraction(index)).name == predikat


def test_pemdi_bands_and_aliases():
    tree = SHIPPED["pemdi-2026"]
    assert tree.band_for(Fraction("2.5")).name == "Baik"
    assert tree.band_for(Fraction("2.49")).name == "Cukup"
    assert tree.band_for(Fraction(5)).name == "Memuaskan"
    assert tree.band_for(Fraction(5)).alias == "Unggul / Leading"


def test_unanswered_is_missing_not_zero():
    tree = SHIPPED["spbe-2020"]
    result = score(tree, {"1": 4})
    assert result.provisional and result.answered == 1 and result.indicator_count == 47
    assert result.exact == 4  # over the answered weight only, never pulled down by zeros
    domains = {n.number: n for n in result.nodes if n.kind == "domain"}
    assert domains["1"].exact == 4 and domains["1"].provisional
    assert domains["2"].exact is None and domains["2"].index is None and domains["2"].predikat is None


def test_nothing_answered():
    result = score(SHIPPED["epss"], {})
    assert result.exact is None and result.index is None and result.predikat is None and result.provisional


def test_external_figures_may_be_fractional_but_levels_may_not():
    pemdi = SHIPPED["pemdi-2026"]
    assert check_values(pemdi, {"7": Fraction("2.87"), "1": Fraction("2.5"), "99": 1, "2": 6}) == [
        ("1", "not_integer"),
        ("99", "unknown"),
        ("2", "range"),
    ]
    with pytest.raises(ValueError):
        score(pemdi, {"2": 6})


@settings(max_examples=25)
@given(st.data())
def test_spbe_2020_overall_is_weighted_mean_of_domains(data):
    tree = SHIPPED["spbe-2020"]
    values = {n: data.draw(st.integers(1, 5)) for n in tree.indicators}
    result = score(tree, values)
    domains = [n for n in result.nodes if n.kind == "domain"]
    assert result.exact == sum(d.weight * d.exact for d in domains) / 100


@given(st.sampled_from(sorted(SHIPPED)), st.integers(0, 600))
def test_band_lookup_on_rounded_indices_agrees_with_exact_lookup(code, hundredths):
    tree = SHIPPED[code]
    assert tree.band_for_hundredths(hundredths) == tree.band_for(Fraction(hundredths, 100))


def test_scoring_is_fast_enough_for_a_national_recomputation():
    # 600 instansi x 5 years = 3,000 full scorings of the largest framework must fit well within seconds
    import random
    import time

    tree = SHIPPED["spbe-2020"]
    rng = random.Random(7)
    values = [{n: rng.randint(1, 5) for n in tree.indicators} for _ in range(300)]
    started = time.perf_counter()
    for v in values:
        score(tree, v)
    assert (time.perf_counter() - started) / len(values) < 0.005
