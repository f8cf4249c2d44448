"""Level vectors for sample data whose computed index equals a given published value exactly. Pure.

:func:`levels_for_index` starts from levels scattered around the target (with an optional
per-indicator bias, so that the same indicators are weak across a province) and then walks
one level step — or a pair of opposite steps on indicators of different weights — at a time,
always to the move that brings the weighted sum closest to the target, until the index
rounded half up to two decimals is the target. The result is checked with
``assessments.scoring.score``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from lontar.assessments import scoring
from lontar.assessments.tree import FrameworkTree

MAX_MOVES = 5000
ATTEMPTS = 20
#: (distance left to the target, the level steps to take) or None when no step is possible
Move = tuple[Fraction, list[tuple[str, int]]] | None


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _best_single(levels: dict[str, int], weights: dict[str, Fraction], gap: Fraction, low: int, high: int) -> Move:
    best: Move = None
    for number, weight in weights.items():
        for step in (1, -1):
            if low <= levels[number] + step <= high:
                remaining = abs(gap - step * weight)
                if best is None or remaining < best[0]:
                    best = (remaining, [(number, step)])
    return best


def _best_pair(levels: dict[str, int], weights: dict[str, Fraction], gap: Fraction, low: int, high: int) -> Move:
    ups = [n for n in weights if levels[n] < high]
    downs = [n for n in weights if levels[n] > low]
    best: Move = None
    for up in ups:
        for down in downs:
            if up == down or weights[up] == weights[down]:
                continue
            remaining = abs(gap - weights[up] + weights[down])
            if best is None or remaining < best[0]:
                best = (remaining, [(up, 1), (down, -1)])
    return best


def _any_step(
    levels: dict[str, int], gap: Fraction, low: int, high: int, rng: random.Random
) -> tuple[Fraction, list[tuple[str, int]]]:
    """A random step towards the target (or away from it when none is left), to leave a dead end."""
    step = 1 if gap > 0 else -1
    choices = [n for n in levels if low <= levels[n] + step <= high] or [
        n for n in levels if low <= levels[n] - step <= high
    ]
    number = rng.choice(choices)
    return (abs(gap), [(number, step if low <= levels[number] + step <= high else -step)])


def levels_for_index(
    tree: FrameworkTree,
    target: Decimal,
    rng: random.Random,
    *,
    spread: float = 0.8,
    bias: Mapping[str, float] | None = None,
) -> dict[str, int]:
    """Whole levels for every indicator whose index, rounded half up to two decimals, is ``target``.

    A walk can end in a dead end near the ends of the scale (e.g. 1.02 on spbe-2020, where almost
    every level sits on the floor); it then starts again from another scatter, up to ATTEMPTS times.
    """
    low, high = tree.level_min, tree.level_max
    goal = Fraction(target)
    if not low <= goal <= high:
        raise ValueError(f"target {target} outside the scale {low}–{high}")
    wanted = Decimal(target).quantize(Decimal("0.01"))
    for _ in range(ATTEMPTS):
        levels = _walk(tree, goal, rng, spread=spread, bias=bias or {})
        if scoring.score(tree, levels).index == wanted:
            return levels
    raise ValueError(f"no level vector reaches {target}")


def _walk(
    tree: FrameworkTree, goal: Fraction, rng: random.Random, *, spread: float, bias: Mapping[str, float]
) -> dict[str, int]:
    low, high = tree.level_min, tree.level_max
    total_weight = tree.total_weight
    weights = {n: node.weight for n, node in tree.indicators.items()}
    numbers = list(weights)
    rng.shuffle(numbers)
    weights = {n: weights[n] for n in numbers}  # random tie-breaking order
    levels = {n: _clamp(float(goal) + bias.get(n, 0.0) + rng.gauss(0, spread), low, high) for n in numbers}
    lower = (goal - Fraction(1, 200)) * total_weight
    upper = (goal + Fraction(1, 200)) * total_weight
    centre = goal * total_weight
    total = sum((weights[n] * levels[n] for n in numbers), Fraction(0))
    for _ in range(MAX_MOVES):
        if lower <= total < upper:
            break
        gap = centre - total
        move = _best_single(levels, weights, gap, low, high)
        if move is None or move[0] >= abs(gap):
            move = _best_pair(levels, weights, gap, low, high)
        if move is None or move[0] >= abs(gap):
            move = _any_step(levels, gap, low, high, rng)  # stuck: step aside and try again
        for number, step in move[1]:
            levels[number] += step
            total += step * weights[number]
    return levels


def claimed_levels(final: Mapping[str, int], rng: random.Random, high: int, low: int) -> dict[str, int]:
    """What an instansi claims before review: mostly the validated level, often one higher, rarely lower."""
    out = {}
    for number, level in final.items():
        draw = rng.random()
        step = 1 if draw < 0.3 else (-1 if draw > 0.96 else 0)
        out[number] = max(low, min(high, level + step))
    return out


def indicator_bias(numbers: list[str], seed: int, scale: float = 0.7) -> dict[str, float]:
    """A fixed per-indicator bias: the same indicators are weak (or strong) across the province."""
    rng = random.Random(seed)  # noqa: S311 - sample data, not a secret
    return {n: max(-1.5, min(1.5, rng.gauss(0, scale))) for n in numbers}


def band_value(lower: Fraction, upper: Fraction | None, rng: random.Random, top: int) -> Decimal:
    """A two-decimal index inside a band (for sample results of which only the predikat is published)."""
    high = upper if upper is not None else Fraction(top)
    low_cents = math.ceil(lower * 100)
    high_cents = math.ceil(high * 100) - 1
    return Decimal(rng.randint(low_cents, max(low_cents, high_cents))).scaleb(-2)
