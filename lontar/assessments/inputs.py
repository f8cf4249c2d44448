"""Turning what a user sends (JSON or form values) into checked levels, caps and targets.

Every problem becomes ``(field, message)`` with a translatable message that names the indicator
concerned; callers show them as form errors or as a 422 problem+json.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from lontar.assessments.planner import threshold
from lontar.assessments.tree import Band, FrameworkTree

MAX_ERRORS = 20
NUMBER_RE = re.compile(r"^\s*\d{1,3}([.,]\d{1,4})?\s*$")
FIGURE_DECIMALS = 4


class InputError(ValueError):
    """``errors`` is a list of (field path, message)."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            self.errors.append(("", _("… and %(count)d more problems.") % {"count": len(errors) - MAX_ERRORS}))
        super().__init__("; ".join(f"{f}: {m}" for f, m in self.errors))


def _number(raw: Any) -> Fraction | None:
    """A finite number from JSON (int, float) or text ("3", "3.75", "3,75"); None when not a number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Fraction(raw)
    if isinstance(raw, float):
        return Fraction(Decimal(repr(raw))) if math.isfinite(raw) else None
    if isinstance(raw, Decimal):
        return Fraction(raw) if raw.is_finite() else None
    if isinstance(raw, str) and NUMBER_RE.match(raw):
        try:
            return Fraction(Decimal(raw.strip().replace(",", ".")))
        except InvalidOperation:
            return None
    return None


def _short(raw: Any) -> str:
    text = str(raw)
    return text if len(text) <= 20 else text[:20] + "…"


def _scale(tree: FrameworkTree) -> str:
    return f"{tree.level_min}–{tree.level_max}"


def _value_problem(tree: FrameworkTree, number: str, raw: Any) -> tuple[Fraction | None, str | None]:
    """The checked value of one indicator, or the message saying what is wrong with it."""
    node = tree.indicators.get(number)
    if node is None:
        return None, _("Indicator “%(number)s” does not exist in this framework.") % {"number": _short(number)}
    value = _number(raw)
    if value is None:
        return None, _("Indicator %(number)s: “%(value)s” is not a level.") % {"number": number, "value": _short(raw)}
    if not tree.level_min <= value <= tree.level_max:
        return None, _("Indicator %(number)s: level %(value)s is outside the scale %(scale)s.") % {
            "number": number,
            "value": _short(raw),
            "scale": _scale(tree),
        }
    if not node.external and value.denominator != 1:
        return None, _("Indicator %(number)s: the level must be a whole number in the scale %(scale)s.") % {
            "number": number,
            "scale": _scale(tree),
        }
    if (value * 10**FIGURE_DECIMALS).denominator != 1:
        return None, _("Indicator %(number)s: a figure may have at most %(places)d decimals.") % {
            "number": number,
            "places": FIGURE_DECIMALS,
        }
    return value, None


def _mapping(raw: Any, field: str, tree: FrameworkTree) -> Mapping[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise InputError(
            [(field, _("“%(field)s” must be an object mapping indicator numbers to levels.") % {"field": field})]
        )
    if len(raw) > len(tree.indicators):
        raise InputError(
            [
                (
                    field,
                    _("“%(field)s” has %(count)d entries but this framework has only %(max)d indicators.")
                    % {"field": field, "count": len(raw), "max": len(tree.indicators)},
                )
            ]
        )
    return raw


def parse_levels(tree: FrameworkTree, raw: Any, *, field: str = "levels") -> dict[str, Fraction]:
    """Checked values by indicator number; ``None`` (or an empty text) means unanswered."""
    values: dict[str, Fraction] = {}
    errors: list[tuple[str, str]] = []
    for number, item in _mapping(raw, field, tree).items():
        if item is None or item == "":
            continue
        value, problem = _value_problem(tree, str(number), item)
        if problem:
            errors.append((f"{field}.{_short(number)}", problem))
        elif value is not None:
            values[str(number)] = value
    if errors:
        raise InputError(errors)
    return values


def parse_caps(tree: FrameworkTree, raw: Any, values: Mapping[str, Fraction], *, field: str = "caps") -> dict[str, int]:
    """The highest level allowed per indicator: a whole level, not below the current value."""
    caps: dict[str, int] = {}
    errors: list[tuple[str, str]] = []
    for number, item in _mapping(raw, field, tree).items():
        if item is None or item == "":
            continue
        value, problem = _value_problem(tree, str(number), item)
        if problem is None and value is not None and value.denominator != 1:
            problem = _("Indicator %(number)s: the level must be a whole number in the scale %(scale)s.") % {
                "number": number,
                "scale": _scale(tree),
            }
        current = values.get(str(number), Fraction(tree.level_min))
        if problem is None and value is not None and value < current:
            problem = _(
                "Indicator %(number)s: the highest level allowed (%(cap)s) is below the current level (%(current)s)."
            ) % {
                "number": number,
                "cap": value,
                "current": current,
            }
        if problem:
            errors.append((f"{field}.{_short(number)}", problem))
        elif value is not None:
            caps[str(number)] = int(value)
    if errors:
        raise InputError(errors)
    return caps


@dataclass(frozen=True)
class Target:
    value: Fraction
    band: Band | None

    @property
    def threshold(self) -> Fraction:
        return threshold(self.value)


def parse_target(tree: FrameworkTree, target_index: Any, target_predikat: Any) -> Target:
    """Exactly one of a target index (within the scale) or a predikat name/alias of this framework."""
    has_index = target_index not in (None, "")
    has_predikat = target_predikat not in (None, "")
    if has_index == has_predikat:
        raise InputError([("target_index", _("Give either a target index or a target predikat."))])
    if has_predikat:
        band = tree.band_named(str(target_predikat)[:100]) if isinstance(target_predikat, str) else None
        if band is None:
            names = ", ".join(b.name for b in tree.bands)
            raise InputError(
                [
                    (
                        "target_predikat",
                        _("Unknown predikat “%(name)s”; use one of: %(names)s.")
                        % {"name": _short(target_predikat), "names": names},
                    )
                ]
            )
        return Target(value=band.lower, band=band)
    value = _number(target_index)
    if value is None or not tree.level_min <= value <= tree.level_max:
        raise InputError(
            [("target_index", _("The target index must be a number in the scale %(scale)s.") % {"scale": _scale(tree)})]
        )
    return Target(value=value, band=None)
