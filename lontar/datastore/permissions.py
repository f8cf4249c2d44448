"""Who may load, publish and see datastore tables.

``actor=None`` is the system (a management command run by an operator, or a worker finishing a
job a permitted user started); every other actor needs a role covering the table's organisation.
A table without an organisation (loaded outside the catalogue) needs a province-wide role.
"""

from __future__ import annotations

from typing import Any

from lontar.accounts.models import Role
from lontar.accounts.permissions import has_role, scope_for

LOAD_ROLES = (Role.WALIDATA, Role.PRODUSEN_DATA, Role.ADMIN)
PUBLISH_ROLES = (Role.WALIDATA, Role.ADMIN)


def _covers(actor: Any, organisation: Any, roles: tuple[str, ...]) -> bool:
    if actor is None:
        return True
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if organisation is None:
        return scope_for(actor, roles).all
    return has_role(actor, organisation, roles)


def can_load(actor: Any, organisation: Any) -> bool:
    return _covers(actor, organisation, LOAD_ROLES)


def can_publish(actor: Any, organisation: Any) -> bool:
    return _covers(actor, organisation, PUBLISH_ROLES)


def can_view(actor: Any, organisation: Any) -> bool:
    """Staff pages of a table (progress, report, preview) — whoever may load it."""
    return actor is not None and _covers(actor, organisation, LOAD_ROLES)
