"""Target index per organisation, framework and year (perjanjian kinerja)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.assessments.selectors import framework_current
from lontar.audit.services import audit_record
from lontar.evaluations import permissions
from lontar.evaluations.models import Target


def can_set_target(actor: Any, organisation: Any) -> bool:
    return permissions.is_manager(actor) or permissions.is_team(actor, organisation)


def target_set(
    *,
    actor: Any,
    organisation: Any,
    framework_code: str,
    year: int,
    target_index: Any,
    note: str = "",
    is_sample: bool = False,
) -> Target:
    """Create or change the target (the instansi's team or a province manager)."""
    if actor is not None and not can_set_target(actor, organisation):
        raise PermissionDenied(_("Only the instansi's own team or the province can set its targets."))
    framework = framework_current(framework_code)
    if framework is None:
        raise ValidationError(_("Unknown framework %(code)s.") % {"code": framework_code}, code="framework")
    if not 2000 <= int(year) <= 2100:
        raise ValidationError(_("The year must lie between 2000 and 2100."), code="year")
    try:
        value = Decimal(str(target_index)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("The target must be a number."), code="invalid") from exc
    if not framework.level_min <= value <= framework.level_max:
        raise ValidationError(
            _("The target must lie between %(low)s and %(high)s.")
            % {"low": framework.level_min, "high": framework.level_max},
            code="range",
        )
    with transaction.atomic():
        target, _created = Target.objects.update_or_create(
            organisation=organisation,
            framework_code=framework_code,
            year=year,
            defaults={
                "target_index": value,
                "note": note.strip()[:300],
                "set_by": actor if getattr(actor, "is_authenticated", False) else None,
                "is_sample": is_sample,
            },
        )
        audit_record(
            action="evaluations.target.set",
            actor=actor,
            organisation=organisation,
            target=target,
            data={"framework": framework_code, "year": year, "target_index": value},
        )
    return target
