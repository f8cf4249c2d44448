"""What the assessments app's pure scoring takes from a submission: the framework's tree and the levels.

Which level counts for an indicator:

* **self**: the level the instansi claimed (penilaian mandiri);
* **validated**: the asesor's level of the latest stage that set one (visitasi over interviu over
  dokumen); an indicator no stage has validated yet is missing (the index is provisional);
* **final**: the validated level frozen when the result was finalised.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from lontar.assessments.models import Framework
from lontar.assessments.selectors import framework_tree
from lontar.assessments.tree import FrameworkTree
from lontar.evaluations.choices import STAGE_ORDER

_cache: dict[tuple[int, str], FrameworkTree] = {}
_lock = threading.Lock()


def tree_of(framework: Framework) -> FrameworkTree:
    """The plain tree of a framework version, cached per process by (id, checksum of the file)."""
    key = (framework.pk, framework.checksum)
    tree = _cache.get(key)
    if tree is None:
        tree = framework_tree(framework)
        with _lock:
            if len(_cache) > 32:
                _cache.clear()
            _cache[key] = tree
    return tree


def as_level(value: Decimal | None) -> int | Fraction | None:
    """A stored level as scoring wants it: an int for whole levels, a Fraction for figures."""
    if value is None:
        return None
    fraction = Fraction(value)
    return fraction.numerator if fraction.denominator == 1 else fraction


def effective_value(stage_values: Mapping[str, Decimal | None]) -> Decimal | None:
    """The validated level of the latest stage that set one, or None."""
    for stage in reversed(STAGE_ORDER):
        value = stage_values.get(stage)
        if value is not None:
            return value
    return None


def values_of(pairs: Iterable[tuple[str, Decimal | None]]) -> dict[str, Any]:
    """{indicator number: level} of the answered ones, ready for ``scoring.score``."""
    return {number: as_level(value) for number, value in pairs if value is not None}
