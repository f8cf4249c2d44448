"""Who may see and act on PPID records.

* **PPID** (and a province admin) of a request's badan publik manage it: intake, completeness,
  assignment, extension, notice, delivery, closing, withdrawal on the requester's behalf.
* **PPID Pelaksana** of the body a request is assigned to prepare the answer: extend, issue the
  notice, deliver.
* **Atasan PPID** of the body see its requests (they answer keberatan).

Membership scoping follows :mod:`lontar.accounts.permissions`: a role held in an instansi covers
its OPDs, so the PPID Utama of the province covers every PPID Pelaksana under it, and a
kabupaten's PPID never covers the province.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from lontar.accounts.models import Role
from lontar.accounts.permissions import has_role, is_province_admin, scope_for
from lontar.ppid.models import InformationRequest, PublicBody

MANAGE_ROLES = (Role.PPID,)
HANDLE_ROLES = (Role.PPID_PELAKSANA,)
VIEW_ROLES = (Role.PPID, Role.ATASAN_PPID)
#: every role that opens the PPID staff pages
STAFF_ROLES = (Role.PPID, Role.PPID_PELAKSANA, Role.ATASAN_PPID, Role.ADMIN)


def can_manage_body(user: Any, body: PublicBody) -> bool:
    return is_province_admin(user) or has_role(user, body.organisation, MANAGE_ROLES)


def can_handle(user: Any, request: InformationRequest) -> bool:
    """Manage the request, or be the PPID Pelaksana it is assigned to."""
    if can_manage_body(user, request.public_body):
        return True
    return request.assigned_to is not None and has_role(user, request.assigned_to.organisation, HANDLE_ROLES)


def can_view(user: Any, request: InformationRequest) -> bool:
    return can_handle(user, request) or has_role(user, request.public_body.organisation, VIEW_ROLES)


def can_answer_objection(user: Any, request: InformationRequest) -> bool:
    """The atasan PPID of the request's body (or a province admin) answers keberatan."""
    return is_province_admin(user) or has_role(user, request.public_body.organisation, (Role.ATASAN_PPID,))


def visible_requests_q(user: Any) -> Q | None:
    """Filter for the requests ``user`` may see; ``None`` means every request, ``Q(pk__in=[])`` none."""
    if is_province_admin(user):
        return None
    by_body = scope_for(user, VIEW_ROLES)
    by_assignment = scope_for(user, HANDLE_ROLES)
    if by_body.all or by_assignment.all:
        return None
    q = Q(pk__in=[])
    if not by_body.is_empty:
        q |= by_body.q("public_body__organisation")
    if not by_assignment.is_empty:
        q |= by_assignment.q("assigned_to__organisation")
    return q


def manageable_bodies_q(user: Any) -> Q | None:
    """Filter for the bodies whose requests ``user`` may register (None: every body)."""
    if is_province_admin(user):
        return None
    scope = scope_for(user, MANAGE_ROLES)
    if scope.all:
        return None
    return scope.q("organisation") if not scope.is_empty else Q(pk__in=[])
