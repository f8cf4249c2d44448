"""Pure scale helpers of the charts: nice steps, ticks, class breaks (hypothesis properties)."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lontar.core.svg.scales import axis_ticks, class_breaks, classify, decimals_for, nice_step, step_decimals

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(st.floats(min_value=1e-9, max_value=1e12))
def test_nice_step_is_a_nice_number_not_below_the_raw_step(raw):
    step = nice_step(raw)
    assert step >= raw * (1 - 1e-9)
    assert step < raw * 10.0001
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-12)
    assert any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 2.5, 5, 10))


@pytest.mark.parametrize("raw", [0, -1, math.inf, math.nan])
def test_nice_step_refuses_non_positive_or_non_finite(raw):
    with pytest.raises(ValueError):
        nice_step(raw)


@given(st.lists(finite, min_size=1, max_size=60))
def test_class_breaks_cover_every_value_once(values):
    breaks = class_breaks(values)
    assert breaks[0] <= min(values)
    assert breaks[-1] >= max(values)
    assert all(a <= b for a, b in itertools.pairwise(breaks))
    assert 1 <= len(breaks) - 1 <= 7
    for v in values:
        index = classify(v, breaks)
        assert 0 <= index < len(breaks) - 1
        assert breaks[index] <= v or index == 0


def test_class_breaks_examples():
    assert class_breaks([1.11, 4.6]) == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert class_breaks([90_000, 480_000]) == [0.0, 100_000.0, 200_000.0, 300_000.0, 400_000.0, 500_000.0]
    assert class_breaks([7, 7]) == [7, 7]
    assert classify(7, [7, 7]) == 0
    assert classify(2.0, [1.0, 2.0, 3.0]) == 1
    assert classify(3.0, [1.0, 2.0, 3.0]) == 1  # the last class includes its upper bound


def test_class_breaks_need_a_finite_value():
    with pytest.raises(ValueError):
        class_breaks([math.nan])


@given(finite, finite)
@example(5e-324, -2.225073858507e-311)  # sub-normal values on both sides of zero lost the zero tick
def test_axis_ticks_include_zero_and_the_data(a, b):
    lo, hi = min(a, b), max(a, b)
    ticks = axis_ticks(lo, hi)
    assert ticks[0] <= min(lo, 0) and ticks[-1] >= max(hi, 0)
    assert len(ticks) >= 2
    assert any(t == 0 for t in ticks) or ticks[0] == 0


def test_decimals():
    assert decimals_for([1, 2, 3.0]) == 0
    assert decimals_for([1.5, 2.25]) == 2
    assert decimals_for([1 / 3]) == 2
    assert step_decimals(0.25) == 2
    assert step_decimals(50) == 0


def test_axis_covers_a_tiny_negative_value_beside_a_huge_one():
    # lo / step underflows to -0.0 here; the first tick must still reach below lo.
    ticks = axis_ticks(-2.2250738585e-313, 1e300)
    assert ticks[0] <= -2.2250738585e-313 and ticks[-1] >= 1e300
