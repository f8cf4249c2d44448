"""Many submissions scored fast: the same exact arithmetic as ``assessments.scoring``, on integers.

``assessments.scoring`` works with :class:`~fractions.Fraction` for clarity. Scoring thousands
of submissions at once (a full recomputation, a national ranking) is faster with the weights
put on a common denominator and the levels in thousandths (levels and figures carry at most
three decimals): every index is then ``Σ W·V / (Σ W · 1000)`` in integers and rounding half up to
two decimals is one floor division. The property tests check it equals ``scoring.score``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lontar.assessments.tree import Band, FrameworkTree

SCALE = 1000


@dataclass(frozen=True)
class CompiledTree:
    tree: FrameworkTree
    #: indicator numbers in tree order: the positions of a value vector
    numbers: tuple[str, ...]
    weights: tuple[int, ...]
    #: (kind, number, positions of its indicators) of every domain and aspect, in ``tree.walk()`` order
    groups: tuple[tuple[str, str, tuple[int, ...]], ...]

    def position(self) -> dict[str, int]:
        return {number: i for i, number in enumerate(self.numbers)}


def compile_tree(tree: FrameworkTree) -> CompiledTree:
    numbers = tuple(tree.indicators)
    denominator = math.lcm(*(node.weight.denominator for node in tree.indicators.values()))
    weights = tuple(int(tree.indicators[n].weight * denominator) for n in numbers)
    where = {n: i for i, n in enumerate(numbers)}
    groups = tuple(
        (node.kind, node.number, tuple(where[ind.number] for ind in node.indicators())) for node in tree.walk()
    )
    return CompiledTree(tree=tree, numbers=numbers, weights=weights, groups=groups)


def milli(value: Decimal | int | Fraction | None) -> int | None:
    """A level or figure in thousandths (it must have at most three decimals)."""
    if value is None:
        return None
    scaled = Fraction(value) * SCALE
    if scaled.denominator != 1:
        raise ValueError(f"{value} has more than three decimals")
    return scaled.numerator


def _index(weights: Sequence[int], values: Sequence[int | None], positions: Sequence[int]) -> Decimal | None:
    total = weight = 0
    for i in positions:
        value = values[i]
        if value is not None:
            total += weights[i] * value
            weight += weights[i]
    if not weight:
        return None
    denominator = weight * SCALE
    return Decimal((200 * total + denominator) // (2 * denominator)).scaleb(-2)


def indices(compiled: CompiledTree, values: Sequence[int | None]) -> tuple[Decimal | None, list[Decimal | None]]:
    """(overall index, index of every domain and aspect) for values in thousandths by position (None = missing)."""
    everything = range(len(compiled.numbers))
    overall = _index(compiled.weights, values, everything)
    return overall, [_index(compiled.weights, values, positions) for _k, _n, positions in compiled.groups]


def band(compiled: CompiledTree, index: Decimal | None) -> Band | None:
    return None if index is None else compiled.tree.band_for(Fraction(index))
