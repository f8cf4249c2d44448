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

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lontar.assessments.tree import Band, FrameworkTree, Node

Value = int | Fraction


def round_half_up(value: Fraction) -> Decimal:
    """Round an exact value half up to two decimals: 2.345 → Decimal("2.35"), 2.344 → Decimal("2.34")."""
    hundredths = math.floor(Fraction(value) * 100 + Fraction(1, 2))
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
        elif not node.external and Fraction(value).denominator != 1:
            problems.append((number, "not_integer"))
    return problems


def _node_score(tree: FrameworkTree, node: Node, values: Mapping[str, Value]) -> NodeScore:
    indicators = list(node.indicators())
    answered = [ind for ind in indicators if ind.number in values]
    weight = sum((ind.weight for ind in answered), Fraction(0))
    exact = (
        sum((ind.weight * Fraction(values[ind.number]) for ind in answered), Fraction(0)) / weight if weight else None
    )
    index = round_half_up(exact) if exact is not None else None
    return NodeScore(
        kind=node.kind,
        number=node.number,
        name=node.name,
        weight=node.weight,
        exact=exact,
        index=index,
        predikat=tree.band_for(Fraction(index)) if index is not None else None,
        answered=len(answered),
        indicator_count=len(indicators),
    )


def score(tree: FrameworkTree, values: Mapping[str, Value]) -> Score:
    """Score every domain and aspect and the whole framework.

    ``values`` maps indicator numbers to levels (missing = unanswered). Raises ``ValueError``
    when a value is unknown or outside the scale (validate user input before calling).
    """
    problems = check_values(tree, values)
    if problems:
        raise ValueError(f"invalid values: {problems[:5]}")
    root = Node(kind="framework", number="", name=tree.code, weight=tree.total_weight, children=tree.nodes)
    overall = _node_score(tree, root, values)
    return Score(
        exact=overall.exact,
        index=overall.index,
        predikat=overall.predikat,
        answered=overall.answered,
        indicator_count=overall.indicator_count,
        nodes=tuple(_node_score(tree, node, values) for node in tree.walk()),
    )
