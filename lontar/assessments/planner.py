"""Gap planner: the fewest level steps that lift an index to a target. Pure, no database.

A *step* raises one indicator by one level (a value ``v`` becomes ``v + 1``; an indicator may
take ``floor(cap - v)`` steps, where ``cap`` is the highest level the user allows, by default
the top of the scale). Unanswered indicators are assumed to be at the scale minimum.

Why the greedy plan is optimal
------------------------------
With every indicator answered the index is ``Σ w_i·v_i / W`` (``W = Σ w_i``), so one step on
indicator ``i`` adds exactly ``w_i / W`` whatever the level it starts from. A plan of ``k``
steps is therefore a choice of ``k`` items from the multiset that holds ``floor(cap_i - v_i)``
copies of ``w_i`` for every indicator, and its gain is the sum of the chosen items. The sum of
any ``k`` items is at most the sum of the ``k`` largest, and taking the largest weights first
achieves exactly that. Hence:

* the smallest ``k`` whose ``k`` largest items reach the required gain is the minimum number of
  steps (no plan with fewer steps can gain as much), and
* the greedy ``k``-step plan has the highest index among all ``k``-step plans.

Ties between equal weights are broken by indicator number (natural order), so the plan is
deterministic. The tests compare this with a brute-force search on small random frameworks.

Targets
-------
A target index ``T`` is met when the index *as published* (rounded half up to two decimals)
is at least ``T``; for a predikat the target is the band's lower bound. The smallest exact
index that rounds to at least ``T`` is ``ceil(100·T)/100 − 1/200``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from lontar.assessments.scoring import Value
from lontar.assessments.tree import FrameworkTree, natural_key


@dataclass(frozen=True)
class Step:
    """One indicator raised from ``start`` to ``end`` (``end - start`` level steps)."""

    indicator: str
    start: Fraction
    end: Fraction

    @property
    def count(self) -> int:
        return int(self.end - self.start)


@dataclass(frozen=True)
class Plan:
    reachable: bool
    steps: tuple[Step, ...]
    exact_before: Fraction
    exact_after: Fraction
    #: the highest exact index reachable within the caps
    exact_max: Fraction
    #: unanswered indicators taken at the scale minimum
    assumed_minimum: tuple[str, ...]

    @property
    def step_count(self) -> int:
        return sum(step.count for step in self.steps)


def threshold(target: Fraction) -> Fraction:
    """The smallest exact index whose half-up rounding to two decimals is ``>= target``."""
    return Fraction(math.ceil(Fraction(target) * 100), 100) - Fraction(1, 200)


def plan(
    tree: FrameworkTree,
    values: Mapping[str, Value],
    target: Fraction,
    caps: Mapping[str, int] | None = None,
) -> Plan:
    """The fewest steps that bring the (rounded) overall index to ``target`` or above.

    ``values`` must be valid for ``tree`` (see ``scoring.check_values``); ``caps`` maps indicator
    numbers to the highest level allowed (at least the current value, at most the scale maximum).
    When the target is out of reach ``reachable`` is False, no steps are returned and
    ``exact_max`` says how far the caps allow.
    """
    caps = caps or {}
    current = {number: Fraction(values.get(number, tree.level_min)) for number in tree.indicators}
    assumed = tuple(number for number in tree.indicators if number not in values)
    total = tree.total_weight
    weighted = sum((tree.indicators[n].weight * v for n, v in current.items()), Fraction(0))
    room = {n: max(0, math.floor(Fraction(caps.get(n, tree.level_max)) - v)) for n, v in current.items()}
    best = weighted + sum((tree.indicators[n].weight * r for n, r in room.items()), Fraction(0))
    needed = threshold(target) * total - weighted
    if needed > best - weighted:
        return Plan(False, (), weighted / total, weighted / total, best / total, assumed)
    steps: list[Step] = []
    gained = Fraction(0)
    order = sorted(tree.indicators.values(), key=lambda ind: (-ind.weight, natural_key(ind.number)))
    for ind in order:
        if gained >= needed:
            break
        take = min(room[ind.number], math.ceil((needed - gained) / ind.weight))
        if take:
            start = current[ind.number]
            steps.append(Step(ind.number, start, start + take))
            gained += ind.weight * take
    steps.sort(key=lambda step: natural_key(step.indicator))
    return Plan(True, tuple(steps), weighted / total, (weighted + gained) / total, best / total, assumed)
