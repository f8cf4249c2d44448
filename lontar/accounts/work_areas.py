"""The staff work areas a user's roles open, for the workspace page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lontar.accounts.models import Role
from lontar.accounts.permissions import grants, is_province_admin


@dataclass(frozen=True)
class WorkArea:
    url: str
    label: str | Promise
    description: str | Promise


#: (URL name, label, description, roles that open it; "province_admin" = province admins only)
AREAS: tuple[tuple[str, Promise, Promise, frozenset[str]], ...] = (
    (
        "evaluations:submission_list",
        _("Evaluations"),
        _("Self-assessments and reviews of the SPBE / Pemerintah Digital index."),
        frozenset({Role.ADMIN, Role.TIM_KOORDINASI, Role.ASESOR, Role.VIEWER}),
    ),
    (
        "catalog:manage_index",
        _("Satu Data"),
        _("Datasets, metadata and their verification."),
        frozenset({Role.ADMIN, Role.WALIDATA, Role.PRODUSEN_DATA, Role.PEMBINA_DATA}),
    ),
    (
        "ppid:staff_inbox",
        _("PPID requests"),
        _("Information requests, written notices and keberatan."),
        frozenset({Role.ADMIN, Role.PPID, Role.PPID_PELAKSANA, Role.ATASAN_PPID}),
    ),
    (
        "katalog:manage_index",
        _("ICT catalogue"),
        _("Applications, infrastructure and services of the SPBE architecture (SIA-SPBE)."),
        frozenset({Role.ADMIN, Role.PENGELOLA_TIK}),
    ),
    (
        "konektivitas:staff_sites",
        _("Connectivity"),
        _("Sites, connections and Cek koneksi: measure a site's internet connection."),
        frozenset({Role.ADMIN, Role.PENGELOLA_TIK}),
    ),
    (
        "audit:list",
        _("Audit trail"),
        _("Every change of state, hash-chained and verifiable."),
        frozenset({"province_admin"}),
    ),
    (
        "calendar:index",
        _("Working-day calendar"),
        _("Holidays and cuti bersama used for legal deadlines."),
        frozenset({"province_admin"}),
    ),
)


def work_areas(user: Any) -> list[WorkArea]:
    """The areas this user may open, in a fixed order; superusers see all."""
    roles = {g.role for g in grants(user)}
    if user.is_superuser or is_province_admin(user):
        roles.add("province_admin")
    out = []
    for name, label, description, wanted in AREAS:
        if not (user.is_superuser or roles & wanted):
            continue
        try:
            out.append(WorkArea(url=reverse(name), label=label, description=description))
        except NoReverseMatch:
            continue
    return out
