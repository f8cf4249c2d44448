"""Permission predicates scoped by organisation.

The rules:

* A membership in an **instansi** covers that instansi and every OPD under it; a membership
  in an **OPD** covers only that OPD.
* ``admin`` and ``tim_koordinasi`` held in the **province** instansi (or one of its OPD) are
  province-wide: they cover every organisation.
* Superusers are province-wide for every role.

Selectors use :func:`scope_for` to filter querysets and :func:`get_for_actor_or_404` to fetch one
record, so that a record the actor may not see answers exactly like a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from lontar.accounts.models import Membership, Role

M = TypeVar("M", bound=Model)

PROVINCE_WIDE_ROLES = frozenset({Role.ADMIN, Role.TIM_KOORDINASI})
#: roles that sign in to do work (two-factor sign-in is required for them when enabled)
STAFF_ROLES = frozenset(r for r in Role.values if r != Role.VIEWER)


@dataclass(frozen=True)
class Grant:
    organisation_id: int
    instansi_id: int
    is_instansi: bool
    is_province: bool
    role: str


@dataclass(frozen=True)
class Scope:
    """The set of organisations an actor may act on for some roles (``all`` = every one)."""

    all: bool
    organisation_ids: frozenset[int]
    instansi_ids: frozenset[int]

    def contains(self, organisation_id: int | None) -> bool:
        return self.all or (organisation_id is not None and organisation_id in self.organisation_ids)

    def q(self, field: str = "organisation") -> Q:
        """A filter for a queryset whose ``field`` is an Organisation FK."""
        if self.all:
            return Q()
        return Q(**{f"{field}__in": self.organisation_ids}) | Q(**{f"{field}__parent__in": self.instansi_ids})

    def filter(self, queryset: QuerySet[M], field: str = "organisation") -> QuerySet[M]:
        if self.all:
            return queryset
        if not self.organisation_ids and not self.instansi_ids:
            return queryset.none()
        return queryset.filter(self.q(field))

    @property
    def is_empty(self) -> bool:
        return not self.all and not self.organisation_ids


NO_SCOPE = Scope(all=False, organisation_ids=frozenset(), instansi_ids=frozenset())


def grants(user: Any) -> list[Grant]:
    """All memberships of a user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_lontar_grants", None)
    if cached is not None:
        return cached
    rows = (
        Membership.objects.filter(user=user, organisation__is_active=True)
        .select_related("organisation", "organisation__region")
        .only(
            "role", "organisation__id", "organisation__kind", "organisation__parent_id", "organisation__region__level"
        )
    )
    result: list[Grant] = []
    for m in rows:
        org = m.organisation
        is_instansi = org.kind == "instansi"
        instansi_id = org.pk if is_instansi or org.parent_id is None else org.parent_id
        result.append(
            Grant(
                organisation_id=org.pk,
                instansi_id=instansi_id,
                is_instansi=is_instansi,
                is_province=org.region.level == "provinsi",
                role=m.role,
            )
        )
    user._lontar_grants = result
    return result


def clear_cache(user: Any) -> None:
    if hasattr(user, "_lontar_grants"):
        del user._lontar_grants


def _is_province_wide(grant: Grant) -> bool:
    return grant.is_province and grant.role in PROVINCE_WIDE_ROLES


def scope_for(user: Any, roles: Iterable[str] | None = None) -> Scope:
    """The organisations ``user`` may act on holding one of ``roles`` (any role when None)."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser:
        return Scope(all=True, organisation_ids=frozenset(), instansi_ids=frozenset())
    wanted = set(roles) if roles is not None else None
    org_ids: set[int] = set()
    instansi_ids: set[int] = set()
    for g in grants(user):
        if wanted is not None and g.role not in wanted:
            continue
        if _is_province_wide(g):
            return Scope(all=True, organisation_ids=frozenset(), instansi_ids=frozenset())
        org_ids.add(g.organisation_id)
        if g.is_instansi:
            instansi_ids.add(g.organisation_id)
    return Scope(all=False, organisation_ids=frozenset(org_ids), instansi_ids=frozenset(instansi_ids))


def has_role(user: Any, organisation: Any, roles: Iterable[str]) -> bool:
    """True when ``user`` holds one of ``roles`` covering ``organisation``."""
    if organisation is None:
        return False
    scope = scope_for(user, roles)
    if scope.all:
        return True
    return organisation.pk in scope.organisation_ids or (
        organisation.kind == "opd" and organisation.parent_id in scope.instansi_ids
    )


def is_province_admin(user: Any) -> bool:
    return scope_for(user, [Role.ADMIN]).all


def is_staff_member(user: Any) -> bool:
    """Signs in to do work: superuser, or any role but viewer. Two-factor applies to them."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or any(g.role in STAFF_ROLES for g in grants(user))


def get_for_actor_or_404(
    queryset: QuerySet[M],
    actor: Any,
    *,
    roles: Iterable[str] | None = None,
    field: str = "organisation",
    public: Q | None = None,
    **lookup: Any,
) -> M:
    """Fetch one record the actor may see, or raise Http404 exactly as for a missing record.

    ``public`` optionally describes records anybody may see (e.g. published ones).
    """
    scope = scope_for(actor, roles)
    visible = scope.q(field) if not scope.is_empty else Q(pk__in=[])
    if public is not None:
        visible = visible | public
    try:
        return queryset.filter(visible).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
