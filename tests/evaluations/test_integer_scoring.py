"""The integer scorer used for mass recomputation equals the exact scoring of the assessments app."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.assessments import scoring
from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.evaluations import integer_scoring

TREES = {
    code: read_definition(FRAMEWORKS_DIR / f"{code}.json").tree
    for code in ("spbe-2018", "spbe-2020", "pemdi-2026", "epss")
}
COMPILED = {code: integer_scoring.compile_tree(tree) for code, tree in TREES.items()}


@st.composite
def answers(draw: st.DrawFn) -> tuple[str, dict]:
    code = draw(st.sampled_from(sorted(TREES)))
    tree = TREES[code]
    values = {}
    for number, node in tree.indicators.items():
        if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
            continue  # unanswered
        if node.external:
            thousandths = draw(st.integers(tree.level_min * 1000, tree.level_max * 1000))
            values[number] = Fraction(thousandths, 1000)
        else:
            values[number] = draw(st.integers(tree.level_min, tree.level_max))
    return code, values


@given(answers())
@settings(max_examples=300, deadline=None)
def test_equals_exact_scoring(case):
    code, values = case
    tree, compiled = TREES[code], COMPILED[code]
    where = compiled.position()
    vector = [None] * len(compiled.numbers)
    for number, value in values.items():
        vector[where[number]] = integer_scoring.milli(value)
    overall, nodes = integer_scoring.indices(compiled, vector)
    exact = scoring.score(tree, values)
    assert overall == exact.index
    assert nodes == [n.index for n in exact.nodes]
    band = integer_scoring.band(compiled, overall)
    assert (band.name if band else None) == (exact.predikat.name if exact.predikat else None)


def test_half_up_at_the_boundary_and_nothing_answered():
    pemdi, compiled = TREES["pemdi-2026"], COMPILED["pemdi-2026"]
    # every indicator at 2 and indicator 5 (weight 5, a figure from another index) at 2.9:
    # (95·2 + 5·2.9) / 100 = 2.045 exactly → 2.05 half up (half-even would give 2.04)
    values = {n: 2 for n in pemdi.indicators} | {"5": Fraction(29, 10)}
    vector = [integer_scoring.milli(values[n]) for n in compiled.numbers]
    assert integer_scoring.indices(compiled, vector)[0] == scoring.score(pemdi, values).index == Decimal("2.05")
    assert integer_scoring.indices(compiled, [None] * len(compiled.numbers)) == (None, [None] * len(compiled.groups))


def test_more_than_three_decimals_is_refused():
    with pytest.raises(ValueError):
        integer_scoring.milli(Decimal("3.1255"))
