"""Who may load, publish and see datastore tables.

``actor=None`` is the system (a management command run by an operator, or a worker finishing a
job a permitted user started); every other actor needs a role covering the table's organisation.
A table without an organisation (loaded outside the catalogue) needs a province-wide role.
"""

from __future__ import annotations

from typing import Any

from lontar.accounts.models import Role
from lontar.accounts.permissions import Rule

LOAD_ROLES = (Role.WALIDATA, Role.PRODUSEN_DATA, Role.ADMIN)
PUBLISH_ROLES = (Role.WALIDATA, Role.ADMIN)
#: the rules, written once: :mod:`lontar.datastore.policies` reads them for querysets too
LOAD = Rule(LOAD_ROLES)
PUBLISH = Rule(PUBLISH_ROLES)


def _covers(actor: Any, organisation: Any, rule: Rule) -> bool:
    return actor is None or rule.covers(actor, organisation)


def can_load(actor: Any, organisation: Any) -> bool:
    return _covers(actor, organisation, LOAD)


def can_publish(actor: Any, organisation: Any) -> bool:
    return _covers(actor, organisation, PUBLISH)


def can_view(actor: Any, organisation: Any) -> bool:
    """Staff pages of a table (progress, report, preview) — whoever may load it."""
    return actor is not None and _covers(actor, organisation, LOAD)
