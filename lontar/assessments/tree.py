"""Plain, database-free framework trees: what scoring and the planner work on.

A :class:`FrameworkTree` is built either from a definition file (``definitions``) or from the
stored framework (``selectors.framework_tree``). Weights are exact :class:`~fractions.Fraction`
values (percent of the whole index), so a weight of 10/3 stays 10/3.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

DOMAIN = "domain"
ASPECT = "aspect"
INDICATOR = "indicator"
KINDS = (DOMAIN, ASPECT, INDICATOR)


def natural_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts "2" before "10" and "101" before "1001"."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", number))


@dataclass(frozen=True)
class Node:
    """A domain, aspect or indicator. ``weight`` is its share of the whole index in percent."""

    kind: str
    number: str
    name: str
    weight: Fraction
    children: tuple[Node, ...] = ()
    #: an indicator whose value is a figure taken from another index (may be fractional)
    external: bool = False

    @property
    def is_indicator(self) -> bool:
        return self.kind == INDICATOR

    def indicators(self) -> Iterator[Node]:
        if self.is_indicator:
            yield self
            return
        for child in self.children:
            yield from child.indicators()


@dataclass(frozen=True)
class Band:
    """A predikat band: ``lower <= index < upper``; ``upper`` None means up to the scale maximum inclusive."""

    name: str
    lower: Fraction
    upper: Fraction | None
    alias: str = ""

    def contains(self, value: Fraction) -> bool:
        return self.lower <= value and (self.upper is None or value < self.upper)


@dataclass(frozen=True)
class FrameworkTree:
    code: str
    level_min: int
    level_max: int
    nodes: tuple[Node, ...]
    bands: tuple[Band, ...] = field(default=())

    @cached_property
    def indicators(self) -> dict[str, Node]:
        """Every indicator by number, in tree order."""
        return {ind.number: ind for node in self.nodes for ind in node.indicators()}

    @cached_property
    def total_weight(self) -> Fraction:
        return sum((ind.weight for ind in self.indicators.values()), Fraction(0))

    @cached_property
    def scaled_weights(self) -> dict[str, int]:
        """Indicator weights multiplied by the least common denominator: whole numbers, same ratios."""
        lcd = math.lcm(*(ind.weight.denominator for ind in self.indicators.values())) if self.indicators else 1
        return {number: int(ind.weight * lcd) for number, ind in self.indicators.items()}

    @cached_property
    def branches(self) -> tuple[Node, ...]:
        """``walk()`` as a tuple, computed once."""
        return tuple(self.walk())

    @cached_property
    def _band_edges(self) -> tuple[tuple[Fraction, Fraction | None, Band], ...]:
        return tuple((b.lower * 100, b.upper * 100 if b.upper is not None else None, b) for b in self.bands)

    def band_for_hundredths(self, hundredths: int) -> Band | None:
        """``band_for(hundredths / 100)`` without building a fraction: for indices already rounded."""
        if hundredths > self.level_max * 100:
            return None
        for lower, upper, band in self._band_edges:
            if lower <= hundredths and (upper is None or hundredths < upper):
                return band
        return None

    def walk(self) -> Iterator[Node]:
        """Every domain and aspect (not indicators), parents before children, in file order."""

        def visit(node: Node) -> Iterator[Node]:
            if node.is_indicator:
                return
            yield node
            for child in node.children:
                yield from visit(child)

        for node in self.nodes:
            yield from visit(node)

    def band_for(self, value: Fraction) -> Band | None:
        for band in self.bands:
            if band.contains(value) and value <= self.level_max:
                return band
        return None

    def band_named(self, name: str) -> Band | None:
        """The band whose name or alias (or one part of an "A / B" alias) matches, ignoring case."""
        wanted = name.strip().casefold()
        for band in self.bands:
            names = {band.name.casefold(), band.alias.casefold()}
            names.update(part.strip().casefold() for part in band.alias.split("/"))
            if wanted and wanted in names:
                return band
        return None


def exact_text(value: Fraction) -> str:
    """An exact, readable form: "15", "1.3", "3.024" when the decimal terminates, otherwise "10/3"."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    den = value.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    if den != 1:
        return f"{value.numerator}/{value.denominator}"
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    scaled = value * 10**places
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"
