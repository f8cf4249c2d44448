"""Hypothesis strategies: small random framework trees and level assignments."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from lontar.assessments.tree import Band, FrameworkTree, Node

WEIGHTS = st.builds(Fraction, st.integers(1, 40), st.sampled_from([1, 2, 3, 4, 6, 10]))
SPBE_BANDS = (
    Band("Kurang", Fraction(0), Fraction("1.8")),
    Band("Cukup", Fraction("1.8"), Fraction("2.6")),
    Band("Baik", Fraction("2.6"), Fraction("3.5")),
    Band("Sangat Baik", Fraction("3.5"), Fraction("4.2")),
    Band("Memuaskan", Fraction("4.2"), None),
)


@st.composite
def trees(draw, max_indicators: int = 8, level_min: int = 0, level_max: int = 5) -> FrameworkTree:
    """Domains > aspects > indicators with random exact weights (not necessarily summing to 100)."""
    count = draw(st.integers(1, max_indicators))
    weights = draw(st.lists(WEIGHTS, min_size=count, max_size=count))
    indicators = [Node("indicator", str(i + 1), f"I{i + 1}", w) for i, w in enumerate(weights)]
    cuts = sorted(set(draw(st.lists(st.integers(1, count), max_size=3))) | {count})
    aspects, start = [], 0
    for number, end in enumerate(cuts, start=1):
        children = tuple(indicators[start:end])
        aspects.append(Node("aspect", str(number), f"A{number}", sum(c.weight for c in children), children))
        start = end
    half = max(1, len(aspects) // 2)
    domains = [
        Node("domain", str(n + 1), f"D{n + 1}", sum(a.weight for a in group), tuple(group))
        for n, group in enumerate([aspects[:half], aspects[half:]])
        if group
    ]
    return FrameworkTree("random", level_min, level_max, tuple(domains), SPBE_BANDS)


@st.composite
def answered(draw, tree: FrameworkTree, *, complete: bool = False) -> dict[str, int]:
    numbers = list(tree.indicators)
    chosen = numbers if complete else draw(st.lists(st.sampled_from(numbers), unique=True))
    return {n: draw(st.integers(tree.level_min, tree.level_max)) for n in chosen}
