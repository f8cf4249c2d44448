"""Cellular coverage per desa per year per source, and towers (BTS): upserts, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.konektivitas.models import CoverageObservation, Tower
from lontar.konektivitas.permissions import require_kabupaten
from lontar.konektivitas.services.sites import check_desa
from lontar.organisations.selectors import region_by_code

COVERAGE_FIELDS = ("phone_signal", "internet_signal", "has_bts", "trusted", "note", "is_sample")
TOWER_FIELDS = (
    "name",
    "desa_id",
    "lat",
    "lng",
    "programme",
    "operator",
    "generation",
    "status",
    "planned_year",
    "source",
    "is_sample",
)
MIN_YEAR, MAX_YEAR = 2000, 2100


def _changed(obj: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [getattr(obj, k), v] for k, v in values.items() if getattr(obj, k) != v}


def coverage_upsert(
    *, actor: Any, desa_code: str, year: int, source: str, **values: Any
) -> tuple[CoverageObservation, bool]:
    """Save the coverage of one desa for one year and source (created or changed). Returns it and
    whether it was created."""
    message = check_desa(desa_code)
    if message:
        raise ValidationError({"desa": message})
    kabupaten = desa_code[:5]
    require_kabupaten(actor, kabupaten)
    unknown = set(values) - set(COVERAGE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if not isinstance(year, int) or not (MIN_YEAR <= year <= MAX_YEAR):
        raise ValidationError(
            {"year": _("The year is between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}}
        )
    with transaction.atomic():
        found = (
            CoverageObservation.objects.select_for_update().filter(desa_id=desa_code, year=year, source=source).first()
        )
        created = found is None
        obs = found or CoverageObservation(desa_id=desa_code, kabupaten_id=kabupaten, year=year, source=source)
        diff = _changed(obs, values)
        for name, value in values.items():
            setattr(obs, name, value)
        obs.full_clean(exclude=["desa", "kabupaten"], validate_unique=False, validate_constraints=False)
        if not created and not diff:
            return obs, False
        obs.save()
        audit_record(
            action="konektivitas.coverage.saved",
            actor=actor,
            target=obs,
            data={"desa": desa_code, "year": year, "source": source, "created": created, "changes": diff},
        )
    return obs, created


def tower_upsert(*, actor: Any, code: str, kabupaten_code: str, **values: Any) -> tuple[Tower, bool]:
    """Save a tower by its site id (created or changed)."""
    code = (code or "").strip()
    kab = region_by_code(kabupaten_code or "")
    if kab is None or kab.level not in ("kabupaten", "kota"):
        raise ValidationError({"kabupaten": _("Unknown kabupaten/kota code %(code)s.") % {"code": kabupaten_code}})
    require_kabupaten(actor, kab.code)
    unknown = set(values) - set(TOWER_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    desa = values.get("desa_id")
    if desa and (check_desa(desa) or not desa.startswith(kab.code + ".")):
        raise ValidationError({"desa": _("The desa is not in this kabupaten/kota.")})
    with transaction.atomic():
        found = Tower.objects.select_for_update().filter(code=code).first()
        created = found is None
        tower = found or Tower(code=code, kabupaten_id=kab.code)
        if not created and tower.kabupaten_id != kab.code:
            require_kabupaten(actor, tower.kabupaten_id)
        values = {**values, "kabupaten_id": kab.code}
        diff = _changed(tower, values)
        for name, value in values.items():
            setattr(tower, name, value)
        tower.full_clean(exclude=["kabupaten", "desa"], validate_constraints=False)
        if not created and not diff:
            return tower, False
        tower.save()
        audit_record(
            action="konektivitas.tower.saved",
            actor=actor,
            target=tower,
            data={"code": code, "created": created, "changes": diff},
        )
    return tower, created
