"""Who may see and change the site registry (one rule, read both ways; ADR 0002).

A **pengelola TIK** (or an admin) holding a membership in an instansi manages the sites of that
instansi and of every OPD under it; one held in an OPD manages only that OPD's sites. An admin of
the province instansi (and a superuser) manages every site. Coverage and towers belong to a
kabupaten/kota rather than an organisation: they may be changed by whoever manages the
kabupaten's own instansi, and province-wide by the province admin.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from lontar.accounts.models import Role
from lontar.accounts.permissions import Reach, Rule, visible_by
from lontar.konektivitas.models import Connection, Site
from lontar.organisations.selectors import organisations_by_ids

MANAGER_ROLES = (Role.PENGELOLA_TIK.value, Role.ADMIN.value)
#: manage a site (create, edit, deactivate, add and end connections, import)
MANAGE = Rule(MANAGER_ROLES, reach=Reach.MEMBERSHIP)


class SitePolicy:
    """Staff see and change the sites of the organisations they manage (see the module text)."""

    rules = (MANAGE,)

    def visible(self, actor: Any) -> QuerySet[Site]:
        return visible_by(Site.objects.select_related("organisation", "kabupaten", "desa"), self.rules, actor)

    def can(self, actor: Any, action: str, record: Site) -> bool:
        return MANAGE.allows(actor, record)


class ConnectionPolicy:
    """A connection goes with its site."""

    def visible(self, actor: Any) -> QuerySet[Connection]:
        return Connection.objects.select_related("site").filter(site__in=site_policy.visible(actor).values("pk"))

    def can(self, actor: Any, action: str, record: Connection) -> bool:
        return site_policy.can(actor, action, record.site)


site_policy = SitePolicy()
connection_policy = ConnectionPolicy()


def is_manager(actor: Any) -> bool:
    """Holds a role that manages some sites (may open the staff pages)."""
    return not MANAGE.scope(actor).is_empty


def can_manage_organisation(actor: Any, organisation: Any) -> bool:
    return MANAGE.covers(actor, organisation)


def manageable_kabupaten(actor: Any) -> set[str] | None:
    """Kabupaten/kota codes whose coverage and towers the actor may change (None: every one)."""
    scope = MANAGE.scope(actor)
    if scope.all:
        return None
    ids = set(scope.organisation_ids) | set(scope.instansi_ids)
    return {org.region_id for org in organisations_by_ids(ids) if org.kind == "instansi"}


def can_manage_kabupaten(actor: Any, kabupaten_code: str) -> bool:
    codes = manageable_kabupaten(actor)
    return codes is None or kabupaten_code in codes


def require_site(actor: Any, site: Site) -> None:
    if not site_policy.can(actor, "manage", site):
        raise PermissionDenied(_("You may not change this site."))


def require_organisation(actor: Any, organisation: Any) -> None:
    if not can_manage_organisation(actor, organisation):
        raise PermissionDenied(_("You may not manage the sites of this organisation."))


def require_kabupaten(actor: Any, kabupaten_code: str) -> None:
    if not can_manage_kabupaten(actor, kabupaten_code):
        raise PermissionDenied(_("You may not change the data of this kabupaten/kota."))
