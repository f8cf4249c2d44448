"""Pure numeric helpers for charts: "nice" steps, axis ticks, class breaks, classification.

No Django, no I/O: tested with hypothesis in tests/core/test_svg_scales.py.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence

# Below this step/magnitude ratio the values are treated as equal (float precision limit).
_MIN_RELATIVE_STEP = 1e-9


def nice_step(raw: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k that is ≥ ``raw`` (``raw`` > 0)."""
    if not raw > 0 or not math.isfinite(raw):
        raise ValueError("step must be a positive finite number")
    exponent = math.floor(math.log10(raw))
    base = 10.0**exponent
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * base
        if step >= raw * (1 - 1e-12):
            return step
    return 10 * base  # pragma: no cover - the loop always returns


def _ladder(lo: float, hi: float, count: int) -> list[float]:
    """Evenly spaced nice values from ≤ lo to ≥ hi in about ``count`` steps."""
    magnitude = max(abs(lo), abs(hi), 1e-300)
    if hi - lo <= magnitude * _MIN_RELATIVE_STEP:
        return [lo, hi] if lo != hi else [lo]
    step = nice_step((hi - lo) / count)
    start = math.floor(lo / step) * step
    if start > lo:  # lo / step underflowed to -0.0 (lo tiny next to the step)
        start -= step
    digits = max(0, 12 - math.floor(math.log10(step)))
    first = round(start, digits)
    # Rounding may lift the first tick above lo for sub-normal magnitudes; never lose coverage.
    values = [first if first <= lo else start]
    i = 1
    while values[-1] < hi:
        values.append(round(start + i * step, digits))
        i += 1
    return values


def axis_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Nice tick values covering [lo, hi]; the axis always includes zero when the data do not cross it."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if lo == hi:
        hi = 1.0
    ticks = _ladder(lo, hi, count)
    if len(ticks) < 2:
        ticks = [lo, hi]
    if ticks[0] < 0 < ticks[-1] and 0.0 not in ticks:
        # a span below float precision (sub-normal values on both sides) gives no ladder: keep zero
        ticks = [ticks[0], 0.0, ticks[-1]]
    return ticks


def class_breaks(values: Sequence[float], count: int = 5) -> list[float]:
    """Boundaries b0 < b1 < … < bk of equal, nicely rounded classes covering every value.

    Class i holds values in [b_i, b_(i+1)), the last class also holds b_k. A single distinct value
    (or values equal within float precision) gives one class ``[v, v]``.
    """
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        raise ValueError("class_breaks needs at least one finite value")
    lo, hi = min(finite), max(finite)
    breaks = _ladder(lo, hi, count)
    if len(breaks) == 1:
        return [lo, hi]
    return breaks


def classify(value: float, breaks: Sequence[float]) -> int:
    """Index of the class of ``value`` for ``breaks`` from :func:`class_breaks`."""
    classes = max(1, len(breaks) - 1)
    index = bisect_right(breaks, value) - 1
    return min(max(index, 0), classes - 1)


def decimals_for(values: Sequence[float], limit: int = 2) -> int:
    """How many decimals show these values faithfully (0 for whole numbers), at most ``limit``."""
    for places in range(limit + 1):
        if all(abs(v - round(v, places)) < 1e-9 * max(1.0, abs(v)) for v in values if math.isfinite(v)):
            return places
    return limit


def step_decimals(step: float) -> int:
    """Decimals needed to print multiples of ``step`` (e.g. 0.25 → 2, 50 → 0)."""
    if step <= 0 or not math.isfinite(step):
        return 0
    for places in range(7):
        if abs(step - round(step, places)) < 1e-9 * step:
            return places
    return 6
