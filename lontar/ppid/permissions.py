"""Who may see and act on PPID records.

* **PPID** (and a province admin) of a request's badan publik manage it: intake, completeness,
  assignment, extension, notice, delivery, closing, withdrawal on the requester's behalf.
* **PPID Pelaksana** of the body a request is assigned to prepare the answer: extend, issue the
  notice, deliver.
* **Atasan PPID** of the body see its requests (they answer keberatan).

Membership scoping follows :mod:`lontar.accounts.permissions`: a role held in an instansi covers
its OPDs, so the PPID Utama of the province covers every PPID Pelaksana under it, and a
kabupaten's PPID never covers the province. Only the province's admin (and superusers) act as
PPID everywhere; a kabupaten's admin does not.

Each rule is written once, as a :class:`~lontar.accounts.permissions.Rule` over an information
request; :data:`REQUEST_ACTIONS` says which rules grant which action, and
:mod:`lontar.ppid.policies` reads the same table for "may act" (``can``) and "may see"
(``visible``), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Q

from lontar.accounts.models import Role
from lontar.accounts.permissions import NO_SCOPE, Rule, Scope
from lontar.ppid.models import InformationRequest, PublicBody

#: every role that opens the PPID staff pages
STAFF_ROLES = (Role.PPID, Role.PPID_PELAKSANA, Role.ATASAN_PPID, Role.ADMIN)


@dataclass(frozen=True)
class ProvinceWideRule(Rule):
    """A rule that counts only when it covers every organisation: a superuser, or ``admin`` held in
    the province (a kabupaten's admin does not manage its PPID)."""

    def scope(self, actor: Any) -> Scope:
        scope = super().scope(actor)
        return scope if scope.all else NO_SCOPE

    def allows(self, actor: Any, record: Any) -> bool:
        """Any record, whatever its type (the organisation does not matter)."""
        return self.scope(actor).all

    def condition(self, actor: Any) -> Q | None:
        return None if self.scope(actor).all else Q(pk__in=[])


#: the rules, written once, each over an information request: :mod:`lontar.ppid.policies` reads
#: them both ways (may act on this request / which requests may be seen)
PROVINCE_ADMIN = ProvinceWideRule((Role.ADMIN,))
#: the PPID of the body a request was filed with manages it
MANAGE = Rule((Role.PPID,), field="public_body__organisation")
#: the PPID Pelaksana it is assigned to prepares the answer
HANDLE = Rule((Role.PPID_PELAKSANA,), field="assigned_to__organisation")
#: the PPID and the atasan PPID of the body see its requests
VIEW = Rule((Role.PPID, Role.ATASAN_PPID), field="public_body__organisation")
#: the atasan PPID of the body answers keberatan
ANSWER_OBJECTION = Rule((Role.ATASAN_PPID,), field="public_body__organisation")
#: the same PPID rule over a body itself (whose requests the actor may register)
MANAGE_BODY = replace(MANAGE, field="organisation")


#: action on a request -> the rules that grant it (any one suffices); "view" is also the filter of
#: the requests an actor sees (:class:`lontar.ppid.policies.InformationRequestPolicy`)
REQUEST_ACTIONS: dict[str, tuple[Rule, ...]] = {
    "manage": (PROVINCE_ADMIN, MANAGE),
    "handle": (PROVINCE_ADMIN, MANAGE, HANDLE),
    "view": (PROVINCE_ADMIN, VIEW, HANDLE),
    "answer_objection": (PROVINCE_ADMIN, ANSWER_OBJECTION),
}
#: the bodies whose requests an actor may register
BODY_RULES = (PROVINCE_ADMIN, MANAGE_BODY)


def allows(actor: Any, action: str, request: InformationRequest) -> bool:
    """May ``actor`` take ``action`` (a key of REQUEST_ACTIONS) on ``request``?"""
    return any(rule.allows(actor, request) for rule in REQUEST_ACTIONS[action])


def can_manage_body(user: Any, body: PublicBody) -> bool:
    return any(rule.allows(user, body) for rule in BODY_RULES)


def can_handle(user: Any, request: InformationRequest) -> bool:
    """Manage the request, or be the PPID Pelaksana it is assigned to."""
    return allows(user, "handle", request)


def can_answer_objection(user: Any, request: InformationRequest) -> bool:
    """The atasan PPID of the request's body (or a province admin) answers keberatan."""
    return allows(user, "answer_objection", request)
