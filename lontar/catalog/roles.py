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

from dataclasses import replace
from typing import Any

from lontar.accounts.models import Role
from lontar.accounts.permissions import Reach, Rule, grants

PRODUSEN = Role.PRODUSEN_DATA.value
WALIDATA = Role.WALIDATA.value
PEMBINA = str(getattr(Role, "PEMBINA_DATA", "pembina_data"))
CATALOG_ROLES = (PRODUSEN, WALIDATA, PEMBINA)

#: the rules, written once: each answers for one organisation (``can_*`` below) and, through
#: :mod:`lontar.catalog.policies`, for a queryset
PRODUCE = Rule((PRODUSEN,), reach=Reach.ORGANISATION)
REVIEW = Rule((WALIDATA,), reach=Reach.INSTANSI)
PEMBINA_CHECK = Rule((PEMBINA,), reach=Reach.INSTANSI)
#: the Pembina Data sees only the Data Prioritas among the datasets
PEMBINA_DATASET = replace(PEMBINA_CHECK, only="is_prioritas")


def _superuser(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and actor.is_active and actor.is_superuser)


def produsen_org_ids(actor: Any) -> set[int]:
    """The organisations the actor holds the Produsen Data role in (what they create for)."""
    return {g.organisation_id for g in grants(actor) if g.role == PRODUSEN}


def can_produce(actor: Any, organisation: Any) -> bool:
    return PRODUCE.covers(actor, organisation)


def can_review(actor: Any, organisation: Any) -> bool:
    return REVIEW.covers(actor, organisation)


def can_pembina(actor: Any, organisation: Any) -> bool:
    return PEMBINA_CHECK.covers(actor, organisation)
