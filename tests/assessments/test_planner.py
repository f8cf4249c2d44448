"""The gap planner against brute force on small random frameworks, and on the shipped ones."""

from __future__ import annotations

import itertools
import time
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.planner import plan, threshold
from lontar.assessments.scoring import round_half_up, score
from lontar.assessments.tree import FrameworkTree
from tests.assessments.strategies import trees

SPBE_2020 = read_definition(FRAMEWORKS_DIR / "spbe-2020.json").tree


def brute_force(tree: FrameworkTree, current: dict[str, int], caps: dict[str, int], target: Fraction):
    """(fewest steps, highest exact index with that many steps) over every reachable level vector, or None."""
    numbers = list(tree.indicators)
    ranges = [range(current[n], caps[n] + 1) for n in numbers]
    total = tree.total_weight
    best = None
    for levels in itertools.product(*ranges):
        exact = sum(tree.indicators[n].weight * v for n, v in zip(numbers, levels, strict=True)) / total
        if round_half_up(exact) < target:
            continue
        steps = sum(v - current[n] for n, v in zip(numbers, levels, strict=True))
        if best is None or steps < best[0] or (steps == best[0] and exact > best[1]):
            best = (steps, exact)
    return best


@st.composite
def planning_cases(draw):
    tree = draw(trees(max_indicators=5))
    current = {n: draw(st.integers(0, 5)) for n in tree.indicators}
    caps = {n: draw(st.integers(current[n], 5)) for n in tree.indicators}
    target = Fraction(draw(st.integers(0, 500)), 100)
    return tree, current, caps, target


@settings(max_examples=150, deadline=None)
@given(planning_cases())
def test_greedy_plan_matches_brute_force(case):
    tree, current, caps, target = case
    result = plan(tree, current, target, caps)
    expected = brute_force(tree, current, caps, target)
    if expected is None:
        assert not result.reachable
        assert result.steps == ()
        return
    assert result.reachable
    assert (result.step_count, result.exact_after) == expected
    after = dict(current)
    for step in result.steps:
        assert step.start == current[step.indicator] < step.end <= caps[step.indicator]
        after[step.indicator] = step.end
    assert score(tree, after).exact == result.exact_after
    assert round_half_up(result.exact_after) >= target


@settings(max_examples=60, deadline=None)
@given(planning_cases())
def test_unreachable_reports_the_maximum(case):
    tree, current, caps, _target = case
    result = plan(tree, current, Fraction(tree.level_max), caps)
    top = sum(tree.indicators[n].weight * caps[n] for n in tree.indicators) / tree.total_weight
    assert result.exact_max == top
    assert result.reachable == (round_half_up(top) >= tree.level_max)


@given(st.integers(0, 500))
def test_threshold_is_the_smallest_index_that_rounds_up_to_the_target(hundredths):
    target = Fraction(hundredths, 100)
    edge = threshold(target)
    assert round_half_up(edge) >= target
    assert round_half_up(edge - Fraction(1, 10**9)) < target


def test_ties_are_broken_by_indicator_number():
    # indicators 1-10 all weigh 1.30; the others are capped at their level
    values = dict.fromkeys(SPBE_2020.indicators, 1)
    # 1.01 is met from 1.005: 0.5 weight points, one step; 3 and 7 may move, 3 comes first
    result = plan(SPBE_2020, values, Fraction("1.01"), {n: 1 for n in SPBE_2020.indicators if n not in {"3", "7"}})
    assert [(s.indicator, s.start, s.end) for s in result.steps] == [("3", 1, 2)]
    # 1.02 is met from 1.015: 1.5 points, two steps, both on the lowest-numbered indicator
    result = plan(SPBE_2020, values, Fraction("1.02"), {n: 1 for n in SPBE_2020.indicators if int(n) > 10})
    assert [(s.indicator, s.start, s.end) for s in result.steps] == [("1", 1, 3)]


def test_largest_weight_first_and_target_predikat_bound():
    values = dict.fromkeys(SPBE_2020.indicators, 2)
    result = plan(SPBE_2020, values, Fraction("2.6"))
    # 2.00 -> 2.595 needs 59.5 weight points: 42-47 (weight 3) give 6 x 3 steps = 54, then 2 steps on 32 (2.75)
    assert result.step_count == 20
    assert [(s.indicator, s.end) for s in result.steps] == [("32", 4)] + [(str(n), 5) for n in range(42, 48)]
    assert round_half_up(result.exact_after) >= Fraction("2.6")


def test_already_reached_needs_no_step():
    result = plan(SPBE_2020, dict.fromkeys(SPBE_2020.indicators, 3), Fraction("2.6"))
    assert result.reachable and result.step_count == 0 and result.steps == ()


def test_unanswered_are_taken_at_the_minimum():
    result = plan(SPBE_2020, {"1": 5}, Fraction("1.1"))
    assert "1" not in result.assumed_minimum and len(result.assumed_minimum) == 46
    assert result.exact_before == (Fraction("1.3") * 5 + (100 - Fraction("1.3"))) / 100


def test_fractional_figures_take_whole_steps_within_the_cap():
    pemdi = read_definition(FRAMEWORKS_DIR / "pemdi-2026.json").tree
    values = dict.fromkeys(pemdi.indicators, 1)
    values["7"] = Fraction("3.75")
    caps = {n: 1 for n in pemdi.indicators if n != "7"}
    result = plan(pemdi, values, Fraction(5), caps)
    assert not result.reachable
    assert result.exact_max == (97 + Fraction("4.75") * 3) / 100


def test_planner_is_fast_on_the_largest_framework():
    values = dict.fromkeys(SPBE_2020.indicators, 1)
    started = time.perf_counter()
    for _ in range(50):
        plan(SPBE_2020, values, Fraction("4.2"))
    assert (time.perf_counter() - started) / 50 < 0.02
