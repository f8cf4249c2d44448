"""Registry of audit actions: every action name a service records, with a translatable label.

Apps register their actions in ``AppConfig.ready`` (or at import of their ``audit_actions``
module). Recording an unregistered action raises, so typos are caught by tests.
"""

from __future__ import annotations

from django.utils.functional import Promise

_ACTIONS: dict[str, str | Promise] = {}


def register(name: str, label: str | Promise) -> str:
    parts = name.split(".")
    if len(parts) < 3 or not all(p.replace("_", "").isalnum() for p in parts):
        raise ValueError(f"audit action must be app.entity.past_tense, got {name!r}")
    _ACTIONS[name] = label
    return name


def label_for(name: str) -> str:
    return str(_ACTIONS.get(name, name))


def is_registered(name: str) -> bool:
    return name in _ACTIONS


def all_actions() -> dict[str, str | Promise]:
    return dict(sorted(_ACTIONS.items()))
