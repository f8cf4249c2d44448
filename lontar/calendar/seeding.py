"""Seed the ``Holiday`` table from the ``holidays`` package (Indonesia, SKB 3 Menteri).

``public`` holds the national holidays (libur nasional), ``government`` the cuti bersama; both
make a weekday a non-working day for civil servants, so both are seeded. Names are taken in
Indonesian (``language="id"``) because they are shown as published.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import holidays as holidays_pkg
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.accounts.permissions import is_province_admin
from lontar.audit.services import audit_record
from lontar.calendar.models import Holiday, HolidayKind, HolidaySource

MIN_YEAR = 2000
MAX_YEAR = 2100
_YEARS_RE = re.compile(r"([0-9]{4})(?:-([0-9]{4}))?")
_NAME_MAX = Holiday._meta.get_field("name").max_length


@dataclass(frozen=True)
class PackageDay:
    date: dt.date
    name: str
    kind: str


@dataclass
class SeedResult:
    created: list[dt.date] = field(default_factory=list)
    updated: list[dt.date] = field(default_factory=list)
    kept_struck: list[dt.date] = field(default_factory=list)
    kept_admin: list[dt.date] = field(default_factory=list)
    unchanged: int = 0
    #: seeded days off that the package no longer lists (the government moved them?)
    missing_from_package: list[dt.date] = field(default_factory=list)


def parse_years(text: str) -> list[int]:
    """``"2024-2027"`` or ``"2025"`` or ``"2024,2026"`` → sorted years within 2000..2100."""
    years: set[int] = set()
    for part in str(text).replace(" ", "").split(","):
        match = _YEARS_RE.fullmatch(part)
        if match is None:
            raise ValueError(_("Years must look like 2025, 2024-2027 or 2024,2026."))
        low, high = match.group(1), match.group(2)
        first, last = int(low), int(high or low)
        if first > last or first < MIN_YEAR or last > MAX_YEAR:
            raise ValueError(
                _("Years must lie between %(min)d and %(max)d, in order.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        years.update(range(first, last + 1))
    return sorted(years)


def package_days(years: list[int]) -> list[PackageDay]:
    """Days off for ``years`` from the package: national holidays and cuti bersama, by date."""
    public = holidays_pkg.country_holidays("ID", years=years, categories=("public",), language="id")
    government = holidays_pkg.country_holidays("ID", years=years, categories=("government",), language="id")
    out: list[PackageDay] = []
    for day in sorted(set(public) | set(government)):
        if day in public:
            out.append(PackageDay(day, str(public[day])[:_NAME_MAX], HolidayKind.NATIONAL))
        else:
            out.append(PackageDay(day, str(government[day])[:_NAME_MAX], HolidayKind.CUTI_BERSAMA))
    return out


def _apply(day: PackageDay, existing: Holiday | None, result: SeedResult) -> None:
    if existing is None:
        Holiday.objects.create(date=day.date, name=day.name, kind=day.kind, source=HolidaySource.PACKAGE)
        result.created.append(day.date)
    elif not existing.is_day_off:
        result.kept_struck.append(day.date)  # an admin struck it out: never re-add
    elif existing.source != HolidaySource.PACKAGE:
        result.kept_admin.append(day.date)  # an admin's own entry wins
    elif (existing.name, existing.kind) != (day.name, day.kind):
        existing.name, existing.kind = day.name, day.kind
        existing.save(update_fields=["name", "kind", "updated_at"])
        result.updated.append(day.date)
    else:
        result.unchanged += 1


def holidays_seed(*, actor: Any = None, years: list[int]) -> SeedResult:
    """Load the package's days off for ``years``. Idempotent; struck and admin days are kept.

    ``actor`` None is the system (the ``holidays_seed`` command); a user must be a province admin.
    """
    if actor is not None and not is_province_admin(actor):
        raise PermissionDenied(_("Only a province administrator may change the working-day calendar."))
    if not years or min(years) < MIN_YEAR or max(years) > MAX_YEAR:
        raise ValueError(
            _("Years must lie between %(min)d and %(max)d, in order.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )
    days = package_days(years)
    result = SeedResult()
    with transaction.atomic():
        existing = {h.date: h for h in Holiday.objects.select_for_update().filter(date__year__in=years)}
        for day in days:
            _apply(day, existing.get(day.date), result)
        listed = {d.date for d in days}
        result.missing_from_package = sorted(
            d for d, h in existing.items() if h.source == HolidaySource.PACKAGE and h.is_day_off and d not in listed
        )
        if result.created or result.updated:
            audit_record(
                action="calendar.holidays.seeded",
                actor=actor,
                data={
                    "years": years,
                    "created": len(result.created),
                    "updated": len(result.updated),
                    "kept_struck": len(result.kept_struck),
                    "package_version": holidays_pkg.__version__,
                },
            )
    return result
