"""Index arithmetic: pure functions, no database.

For indicators i with weight ``w_i`` (percent of the whole index) and value ``v_i`` (the level,
or an external figure):

* the index of a domain or aspect is ``Σ w_i·v_i / Σ w_i`` over the indicators under it;
* the overall index is ``Σ w_i·v_i / Σ w_i`` over all indicators (``Σ w_i = 100``).

Everything is computed with exact fractions. For display and for choosing the predikat the
exact value is rounded **half up to two decimals** (2.345 → 2.35), and the predikat is the band
containing the *rounded* value (lower bound inclusive, upper bound exclusive).

**Unanswered indicators are missing, never zero.** An index is computed over the weights of the
answered indicators only (so it is still a weighted mean of the levels given) and is marked
``provisional`` while any indicator beneath it is unanswered. A node with nothing answered has
no index (None). When every indicator is answered the result equals the regulation's formula.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lontar.assessments.tree import Band, FrameworkTree, Node

Value = int | Fraction


def round_half_up(value: Fraction) -> Decimal:
    """Round an exact value half up to two decimals: 2.345 → Decimal("2.35"), 2.344 → Decimal("2.34")."""
    value = Fraction(value)
    hundredths = (200 * value.numerator + value.denominator) // (2 * value.denominator)  # floor(100·x + ½)
    return Decimal(hundredths).scaleb(-2)


@dataclass(frozen=True)
class NodeScore:
    kind: str
    number: str
    name: str
    weight: Fraction
    exact: Fraction | None
    index: Decimal | None
    predikat: Band | None
    answered: int
    indicator_count: int

    @property
    def provisional(self) -> bool:
        return self.answered < self.indicator_count


@dataclass(frozen=True)
class Score:
    exact: Fraction | None
    index: Decimal | None
    predikat: Band | None
    answered: int
    indicator_count: int
    nodes: tuple[NodeScore, ...]

    @property
    def provisional(self) -> bool:
        return self.answered < self.indicator_count


def check_values(tree: FrameworkTree, values: Mapping[str, Value]) -> list[tuple[str, str]]:
    """(indicator number, problem) pairs: ``unknown`` indicator, ``range`` (outside the scale),
    ``not_integer`` (a level of an indicator that is not external must be a whole number)."""
    problems: list[tuple[str, str]] = []
    for number, value in values.items():
        node = tree.indicators.get(number)
        if node is None:
            problems.append((number, "unknown"))
        elif not tree.level_min <= value <= tree.level_max:
            problems.append((number, "range"))
        elif not node.external and not isinstance(value, int) and Fraction(value).denominator != 1:
            problems.append((number, "not_integer"))
    return problems


def _band(tree: FrameworkTree, index: Decimal | None) -> Band | None:
    return tree.band_for_hundredths(int(index.scaleb(2))) if index is not None else None


def _exact(weighted: Fraction | int, weight: int) -> Fraction | None:
    return Fraction(weighted, weight) if weight else None


def _result(tree: FrameworkTree, node: Node, sums: list) -> NodeScore:
    exact = _exact(sums[0], sums[1])
    index = round_half_up(exact) if exact is not None else None
    return NodeScore(
        kind=node.kind,
        number=node.number,
        name=node.name,
        weight=node.weight,
        exact=exact,
        index=index,
        predikat=_band(tree, index),
        answered=sums[2],
        indicator_count=sums[3],
    )


def score(tree: FrameworkTree, values: Mapping[str, Value]) -> Score:
    """Score every domain and aspect and the whole framework.

    ``values`` maps indicator numbers to levels (missing = unanswered). Raises ``ValueError``
    when a value is unknown or outside the scale (validate user input before calling).

    One bottom-up pass with the weights scaled to integers (``FrameworkTree.scaled_weights``):
    the ratio Σ W·v / Σ W is the same exact fraction as with the percentage weights.
    """
    problems = check_values(tree, values)
    if problems:
        raise ValueError(f"invalid values: {problems[:5]}")
    scaled = tree.scaled_weights
    results: dict[int, NodeScore] = {}

    def visit(node: Node) -> list:
        """[Σ W·v, Σ W, answered, indicators] under ``node``."""
        if node.is_indicator:
            value = values.get(node.number)
            weight = scaled[node.number]
            return [0, 0, 0, 1] if value is None else [weight * value, weight, 1, 1]
        sums = [0, 0, 0, 0]
        for child in node.children:
            part = visit(child)
            sums = [a + b for a, b in zip(sums, part, strict=True)]
        results[id(node)] = _result(tree, node, sums)
        return sums

    total = [0, 0, 0, 0]
    for node in tree.nodes:
        total = [a + b for a, b in zip(total, visit(node), strict=True)]
    exact = _exact(total[0], total[1])
    index = round_half_up(exact) if exact is not None else None
    return Score(
        exact=exact,
        index=index,
        predikat=_band(tree, index),
        answered=total[2],
        indicator_count=total[3],
        nodes=tuple(results[id(node)] for node in tree.branches),
    )
