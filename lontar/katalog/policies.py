"""Who may see and change the registry's records: one rule, one policy per record type.

The pengelola TIK (and the admin) of an organisation manage the applications, assets and
services of that organisation — of an instansi and every OPD under it when the membership is in
the instansi. A province admin (or superuser) manages all of them. Anyone else gets 404 on a
staff page of a record, as for a missing one. The public pages read through
:mod:`lontar.katalog.selectors.public` and never show audits, risk or costs.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lontar.accounts.models import Role
from lontar.accounts.permissions import Rule, visible_by
from lontar.katalog.models import Application, InfrastructureAsset, Service

#: the roles that manage the registry (at the province: everything)
MANAGER_ROLES = (Role.ADMIN, Role.PENGELOLA_TIK)
MANAGE = Rule(roles=MANAGER_ROLES)


class _RegistryPolicy:
    model: Any
    related: tuple[str, ...] = ("organisation", "organisation__parent")

    def visible(self, actor: Any) -> QuerySet[Any]:
        return visible_by(self.model.objects.select_related(*self.related), (MANAGE,), actor)

    def can(self, actor: Any, action: str, record: Any) -> bool:
        return action in {"view", "edit"} and MANAGE.allows(actor, record)


class ApplicationPolicy(_RegistryPolicy):
    model = Application
    related = ("organisation", "organisation__parent", "hosting", "replaced_by")


class AssetPolicy(_RegistryPolicy):
    model = InfrastructureAsset


class ServicePolicy(_RegistryPolicy):
    model = Service


def may_manage(actor: Any, organisation: Any) -> bool:
    """May the actor register records owned by ``organisation``?"""
    return MANAGE.covers(actor, organisation)


def is_manager(actor: Any) -> bool:
    """Holds a managing role somewhere (opens the staff pages)."""
    return not MANAGE.scope(actor).is_empty


application_policy = ApplicationPolicy()
asset_policy = AssetPolicy()
service_policy = ServicePolicy()
