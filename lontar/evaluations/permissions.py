"""Who may do what in an evaluation.

* **Managers**: ``admin`` and ``tim_koordinasi`` of the province (province-wide roles) and
  superusers open and finalise cycles, assign asesor and finalise results. They see every
  submission but do not edit an instansi's penilaian mandiri.
* **The instansi's own team**: ``tim_koordinasi`` (or ``admin``) held in the organisation itself
  (or, for an OPD, in its instansi). Only they edit its penilaian mandiri, its response
  (sanggah) and its evidence library. A province-wide role does not make someone the team of
  a kabupaten.
* **Assigned asesor**: a user holding the ``asesor`` role with an assignment to the submission.

Anyone else gets 404 for a submission, exactly as for a missing one.
"""

from __future__ import annotations

from typing import Any

from lontar.accounts.models import Role
from lontar.accounts.permissions import Rule, grants, scope_for

TEAM_ROLES = frozenset({Role.TIM_KOORDINASI, Role.ADMIN})
MANAGER_ROLES = (Role.ADMIN, Role.TIM_KOORDINASI)
#: the own team: memberships only (a province-wide role or a superuser is not a kabupaten's team)
TEAM = Rule(tuple(sorted(TEAM_ROLES)), elevated=False)


def is_manager(user: Any) -> bool:
    """Province-wide evaluation manager (province admin or tim_koordinasi, or a superuser)."""
    return getattr(user, "is_authenticated", False) and scope_for(user, MANAGER_ROLES).all


def is_team(user: Any, organisation: Any) -> bool:
    """True when ``user`` belongs to the own team of ``organisation``."""
    return TEAM.covers(user, organisation)


def holds_asesor_role(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and not scope_for(user, [Role.ASESOR]).is_empty


def is_assigned(user: Any, submission: Any) -> bool:
    """An asesor (still holding the role) assigned to ``submission``."""
    if not holds_asesor_role(user):
        return False
    return submission.assignments.filter(asesor=user).exists()


def is_province_asesor(user: Any) -> bool:
    """An asesor held in the province (or a superuser): verifies questionnaires of every body."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(g.role == Role.ASESOR and g.is_province for g in grants(user))


def is_verifier(user: Any, organisation: Any) -> bool:
    """Verifies a questionnaire (Indeks KAMI, Monev KIP): a province manager or a province asesor, never
    the owner's team."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (is_manager(user) or is_province_asesor(user)) and not is_team(user, organisation)
