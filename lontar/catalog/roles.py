"""Who may do what in the catalogue (pure predicates over the actor's memberships).

* **Produsen Data** act only for their own organisation: a ``produsen_data`` membership in an
  OPD covers datasets of exactly that OPD (an instansi membership covers the instansi's own
  datasets, not its OPD's).
* The **Walidata** of an instansi reviews and publishes the data of every OPD of that instansi
  (the province Walidata for the province's OPD, a kabupaten's Walidata for its OPD); a
  Walidata membership held in an OPD (e.g. in Diskominfo) counts for its whole instansi.
* The **Pembina Data** (BPS for statistics) gives Data Prioritas the second check, with the
  same instansi-wide reach. ``accounts.Role`` has no such role yet, so the value is defined
  here; a membership with it works like any other.
* Superusers may do everything.
"""

from __future__ import annotations

from typing import Any

from lontar.accounts.models import Role
from lontar.accounts.permissions import grants

PRODUSEN = Role.PRODUSEN_DATA.value
WALIDATA = Role.WALIDATA.value
PEMBINA = str(getattr(Role, "PEMBINA_DATA", "pembina_data"))
CATALOG_ROLES = (PRODUSEN, WALIDATA, PEMBINA)


def _superuser(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and actor.is_active and actor.is_superuser)


def produsen_org_ids(actor: Any) -> set[int]:
    return {g.organisation_id for g in grants(actor) if g.role == PRODUSEN}


def instansi_ids_for(actor: Any, role: str) -> set[int]:
    return {g.instansi_id for g in grants(actor) if g.role == role}


def can_produce(actor: Any, organisation: Any) -> bool:
    return _superuser(actor) or organisation.pk in produsen_org_ids(actor)


def can_review(actor: Any, organisation: Any) -> bool:
    return _superuser(actor) or organisation.instansi_id in instansi_ids_for(actor, WALIDATA)


def can_pembina(actor: Any, organisation: Any) -> bool:
    return _superuser(actor) or organisation.instansi_id in instansi_ids_for(actor, PEMBINA)


def has_catalog_role(actor: Any) -> bool:
    return _superuser(actor) or any(g.role in CATALOG_ROLES for g in grants(actor))
