"""Who may change the list of organisations.

Roles live in ``accounts``, which depends on ``organisations`` (a membership is user ×
organisation × role), so this app cannot ask it. ``accounts`` registers the predicate in its
``AppConfig.ready`` (as the catalogue tells the datastore which tables may be public, see
``lontar.datastore.visibility``); until one is registered nobody may change anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_may_change: list[Check] = []


def register_change_check(check: Check) -> None:
    """Set the predicate ``check(actor) -> bool`` (idempotent: ``ready()`` may run more than once)."""
    _may_change[:] = [check]


def may_change(actor: Any) -> bool:
    """Whether ``actor`` may create or update organisations; False while no check is registered."""
    return bool(_may_change) and bool(_may_change[0](actor))
