"""Permission predicates scoped by organisation.

The rules:

* A membership in an **instansi** covers that instansi and every OPD under it; a membership
  in an **OPD** covers only that OPD.
* ``admin`` and ``tim_koordinasi`` held in the **province** instansi (or one of its OPD) are
  province-wide: they cover every organisation.
* Superusers are province-wide for every role.

How far a membership reaches is a :class:`Reach`: the rule above (``MEMBERSHIP``), only the
organisation held (``ORGANISATION``), or the whole instansi of the organisation held
(``INSTANSI``). A domain app states, once per record type, which roles reaching how far may do
what (a :class:`Rule` per action, gathered in a :class:`Policy`); the same rule then answers
both "may this actor act on this record" (:meth:`Rule.allows`) and "which records may this
actor see" (:meth:`Rule.condition`). Selectors fetch one record with
:func:`get_for_actor_or_404` from the policy's visible queryset, so that a record the actor may
not see answers exactly like a missing one.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
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

    def covers(self, organisation: Any) -> bool:
        """True when the scope covers ``organisation`` (``None``: only an ``all`` scope does)."""
        if self.all:
            return True
        if organisation is None:
            return False
        parent_id = organisation.parent_id
        return organisation.pk in self.organisation_ids or (parent_id is not None and parent_id in self.instansi_ids)

    def q(self, field: str = "organisation") -> Q:
        """A filter for a queryset whose ``field`` is an Organisation FK (``""``: Organisation
        itself). ``Q()`` for an ``all`` scope, a filter matching nothing for an empty one."""
        if self.all:
            return Q()
        if self.is_empty:
            return Q(pk__in=[])
        prefix = f"{field}__" if field else ""
        return Q(**{f"{prefix}pk__in": self.organisation_ids}) | Q(**{f"{prefix}parent__in": self.instansi_ids})

    def filter(self, queryset: QuerySet[M], field: str = "organisation") -> QuerySet[M]:
        if self.all:
            return queryset
        if self.is_empty:
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


class Reach(StrEnum):
    """How far one membership reaches."""

    #: an instansi membership covers the instansi and its OPD; an OPD membership only that OPD
    MEMBERSHIP = "membership"
    #: only the organisation the membership is held in
    ORGANISATION = "organisation"
    #: a membership in an instansi or in one of its OPD covers the whole instansi
    INSTANSI = "instansi"


EVERYTHING = Scope(all=True, organisation_ids=frozenset(), instansi_ids=frozenset())


def _reached(grant: Grant, reach: Reach) -> tuple[int | None, int | None]:
    """(organisation id, instansi id whose OPD are included) one grant reaches."""
    if reach is Reach.INSTANSI:
        return grant.instansi_id, grant.instansi_id
    if reach is Reach.ORGANISATION or not grant.is_instansi:
        return grant.organisation_id, None
    return grant.organisation_id, grant.organisation_id


def scope_for(
    user: Any, roles: Iterable[str] | None = None, *, reach: Reach = Reach.MEMBERSHIP, elevated: bool = True
) -> Scope:
    """The organisations ``user`` may act on holding one of ``roles`` (any role when None).

    ``elevated`` (the default) lets superusers and province-wide roles cover everything; without
    it only the memberships themselves count (e.g. an instansi's own evaluation team).
    """
    if elevated and getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser:
        return EVERYTHING
    wanted = set(roles) if roles is not None else None
    org_ids: set[int] = set()
    instansi_ids: set[int] = set()
    for g in grants(user):
        if wanted is not None and g.role not in wanted:
            continue
        if elevated and _is_province_wide(g):
            return EVERYTHING
        org_id, instansi_id = _reached(g, reach)
        if org_id is not None:
            org_ids.add(org_id)
        if instansi_id is not None:
            instansi_ids.add(instansi_id)
    return Scope(all=False, organisation_ids=frozenset(org_ids), instansi_ids=frozenset(instansi_ids))


def is_province_admin(user: Any) -> bool:
    return scope_for(user, [Role.ADMIN]).all


def is_staff_member(user: Any) -> bool:
    """Signs in to do work: superuser, or any role but viewer. Two-factor applies to them."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or any(g.role in STAFF_ROLES for g in grants(user))


def get_for_actor_or_404(visible: QuerySet[M], pk: Any) -> M:
    """The record ``pk`` among those the actor may see (``visible``, from a policy), or Http404
    exactly as for a missing record (also for a malformed or out-of-range ``pk``)."""
    try:
        return visible.get(pk=pk)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class Rule:
    """Who may take one action on a record: a holder of one of ``roles`` whose scope (as far as
    ``reach``) covers the record's organisation at ``field`` (``""``: the record is the
    organisation). ``only`` names a boolean field the record must have set (e.g. Data
    Prioritas). Written once, it answers for one record (:meth:`allows`) and for a queryset
    (:meth:`condition`)."""

    roles: tuple[str, ...]
    reach: Reach = Reach.MEMBERSHIP
    field: str = "organisation"
    only: str = ""
    elevated: bool = True

    def scope(self, actor: Any) -> Scope:
        return scope_for(actor, self.roles, reach=self.reach, elevated=self.elevated)

    def covers(self, actor: Any, organisation: Any) -> bool:
        """The role part alone: does the actor hold the roles over ``organisation``?"""
        return self.scope(actor).covers(organisation)

    def allows(self, actor: Any, record: Any) -> bool:
        if self.only and not _follow(record, self.only):
            return False
        return self.covers(actor, _follow(record, self.field))

    def condition(self, actor: Any) -> Q | None:
        """A filter for the records the rule allows; ``None`` means every record."""
        scope = self.scope(actor)
        where = None if scope.all else scope.q(self.field)
        if self.only:
            only = Q(**{self.only: True})
            where = only if where is None else where & only
        return where


def _follow(record: Any, field: str) -> Any:
    for name in field.split("__") if field else ():
        record = getattr(record, name)
        if record is None:
            return None
    return record


def visible_by(queryset: QuerySet[M], rules: Iterable[Rule], actor: Any) -> QuerySet[M]:
    """The records of ``queryset`` that any of ``rules`` allows ``actor``."""
    conditions = [rule.condition(actor) for rule in rules]
    if any(c is None for c in conditions):
        return queryset
    if not conditions:
        return queryset.none()
    return queryset.filter(reduce(operator.or_, conditions))


class Policy(Protocol[M]):
    """Who may see and act on one record type: one per record type, in the app that owns it."""

    def visible(self, actor: Any) -> QuerySet[M]:
        """Every record the actor may see (the base of every scoped list and fetch)."""
        ...

    def can(self, actor: Any, action: str, record: M) -> bool:
        """May the actor take ``action`` on ``record``?"""
        ...
