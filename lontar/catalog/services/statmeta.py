"""Save the statistical metadata forms (MS-Keg, MS-Var, MS-Ind) of a Produsen Data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.catalog import roles
from lontar.catalog.models import ActivityMetadata, IndicatorMetadata, VariableMetadata
from lontar.catalog.models.statmeta import (
    CollectionMode,
    CollectionTechnique,
    DisseminationProduct,
    PresentationLevel,
    SchedulePhase,
)
from lontar.catalog.services.common import deny
from lontar.organisations.models import Organisation

MAX_DOMAIN = 500


def _require(actor: Any, organisation: Organisation) -> None:
    if not roles.can_produce(actor, organisation):
        raise deny(_("Only a Produsen Data of this agency may change its statistical metadata."))


def _options(values: Any, allowed: list[str], field: str) -> list[str]:
    values = list(values or [])
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValidationError({field: _("Unknown option: %(value)s.") % {"value": str(bad[0])[:40]}})
    return [v for v in allowed if v in values]


def _schedule(raw: Mapping[str, Any]) -> dict[str, dict[str, str | None]]:
    result: dict[str, dict[str, str | None]] = {}
    for phase in SchedulePhase.values:
        start, end = (raw.get(phase) or {}).get("start"), (raw.get(phase) or {}).get("end")
        if start and end and end < start:
            raise ValidationError(
                {
                    "schedule": _("A phase cannot end before it starts (%(phase)s).")
                    % {"phase": SchedulePhase(phase).label}
                }
            )
        if start or end:
            result[phase] = {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None}
    return result


def _dissemination(raw: Mapping[str, Any]) -> dict[str, str]:
    return {p: raw[p].isoformat() for p in DisseminationProduct.values if raw.get(p)}


def _save(instance: Any, data: Mapping[str, Any], exclude: list[str]) -> None:
    for key, value in data.items():
        setattr(instance, key, value)
    instance.full_clean(exclude=exclude)
    instance.save()


def activity_save(
    *, actor: Any, organisation: Organisation, data: Mapping[str, Any], activity: ActivityMetadata | None = None
) -> ActivityMetadata:
    """Create or change an MS-Keg of ``organisation``."""
    _require(actor, organisation)
    if activity is not None and activity.organisation_id != organisation.pk:
        raise deny(_("This activity belongs to another agency."))
    values = dict(data)
    values["techniques"] = _options(values.get("techniques"), CollectionTechnique.values, "techniques")
    values["modes"] = _options(values.get("modes"), CollectionMode.values, "modes")
    values["presentation_levels"] = _options(
        values.get("presentation_levels"), PresentationLevel.values, "presentation_levels"
    )
    values["schedule"] = _schedule(values.get("schedule") or {})
    values["dissemination"] = _dissemination(values.get("dissemination") or {})
    target = activity or ActivityMetadata(organisation=organisation)
    with transaction.atomic():
        _save(target, values, exclude=["organisation"])
        audit_record(
            action="catalog.activity.saved",
            actor=actor,
            organisation=organisation,
            target=target,
            data={"title": target.title, "year": target.year},
        )
    return target


def parse_value_domain(text: str) -> list[list[str]]:
    """``"1 = Laki-laki"`` per line → [["1", "Laki-laki"], ...] (pure)."""
    pairs: list[list[str]] = []
    for number, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        code, sep, label = line.partition("=")
        if not sep or not code.strip() or not label.strip():
            raise ValidationError({"value_domain": _("Line %(n)d: write “code = meaning”.") % {"n": number}})
        pairs.append([code.strip()[:60], label.strip()[:200]])
    if len(pairs) > MAX_DOMAIN:
        raise ValidationError({"value_domain": _("At most %(max)d values.") % {"max": MAX_DOMAIN}})
    return pairs


def variable_save(
    *, actor: Any, activity: ActivityMetadata, data: Mapping[str, Any], variable: VariableMetadata | None = None
) -> VariableMetadata:
    """Create or change an MS-Var of ``activity``."""
    _require(actor, activity.organisation)
    if variable is not None and variable.activity_id != activity.pk:
        raise deny(_("This variable belongs to another activity."))
    values = dict(data)
    if isinstance(values.get("value_domain"), str):
        values["value_domain"] = parse_value_domain(values["value_domain"])
    target = variable or VariableMetadata(activity=activity)
    with transaction.atomic():
        _save(target, values, exclude=["activity"])
        audit_record(
            action="catalog.variable.saved",
            actor=actor,
            organisation=activity.organisation,
            target=target,
            data={"name": target.name},
        )
    return target


def _same_org(objs: Any, organisation: Organisation, field: str, attr: str) -> list[Any]:
    items = list(objs or [])
    if any(getattr_path(o, attr) != organisation.pk for o in items):
        raise ValidationError({field: _("Choose items of the same agency.")})
    return items


def getattr_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def indicator_save(
    *, actor: Any, organisation: Organisation, data: Mapping[str, Any], indicator: IndicatorMetadata | None = None
) -> IndicatorMetadata:
    """Create or change an MS-Ind of ``organisation`` with its components and linked datasets."""
    _require(actor, organisation)
    if indicator is not None and indicator.organisation_id != organisation.pk:
        raise deny(_("This indicator belongs to another agency."))
    values = dict(data)
    m2m = {
        "component_indicators": _same_org(
            values.pop("component_indicators", []), organisation, "component_indicators", "organisation_id"
        ),
        "component_variables": _same_org(
            values.pop("component_variables", []), organisation, "component_variables", "activity.organisation_id"
        ),
        "datasets": _same_org(values.pop("datasets", []), organisation, "datasets", "organisation_id"),
    }
    values["estimation_level"] = _options(values.get("estimation_level"), PresentationLevel.values, "estimation_level")
    activity = values.get("activity")
    if activity is not None and activity.organisation_id != organisation.pk:
        raise ValidationError({"activity": _("Choose an activity of the same agency.")})
    target = indicator or IndicatorMetadata(organisation=organisation)
    if indicator is not None and indicator in m2m["component_indicators"]:
        raise ValidationError({"component_indicators": _("An indicator cannot be built from itself.")})
    with transaction.atomic():
        _save(target, values, exclude=["organisation"])
        for name, items in m2m.items():
            getattr(target, name).set(items)
        audit_record(
            action="catalog.indicator.saved",
            actor=actor,
            organisation=organisation,
            target=target,
            data={"name": target.name},
        )
    return target


__all__ = ["activity_save", "indicator_save", "parse_value_domain", "variable_save"]
