"""JSON from outside (request bodies, parameters) with a bounded nesting depth.

``json.loads`` recurses once per nested array or object: a body of 100,000 ``[`` raises
RecursionError (not ValueError), which callers catching ValueError turn into a 500; a value
nested a few hundred levels parses but then breaks whatever walks it recursively later
(serialisation, the audit trail). :func:`loads` refuses both with :class:`JSONTooDeep`, a
ValueError, so every ``except ValueError`` at a parse boundary answers 400 as for bad JSON.
"""

from __future__ import annotations

import json
from typing import Any

#: arrays/objects inside one another; no document Lontar accepts needs more than a handful
MAX_DEPTH = 32


class JSONTooDeep(ValueError):
    """The JSON text nests arrays/objects more than the allowed depth."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(f"JSON nested more than {max_depth} levels deep")
        self.max_depth = max_depth


def depth(value: Any) -> int:
    """How many arrays/objects are nested in ``value`` (0 for a scalar), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        stack.extend((child, level) for child in children)
    return deepest


def loads(raw: str | bytes | bytearray, *, max_depth: int = MAX_DEPTH, **kwargs: Any) -> Any:
    """``json.loads`` that raises :class:`JSONTooDeep` (a ValueError) for too deeply nested input."""
    try:
        value = json.loads(raw, **kwargs)
    except RecursionError as exc:
        raise JSONTooDeep(max_depth) from exc
    if depth(value) > max_depth:
        raise JSONTooDeep(max_depth)
    return value
