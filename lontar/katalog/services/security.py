"""Security audits (Perban BSSN 8/2024) and risk ratings (1 = high risk … 5 = low). Internal only;
history is kept, the latest is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.katalog.models import Application, AuditConclusion, InfrastructureAsset, RiskRating, SecurityAudit
from lontar.katalog.services.common import clean_text, require_manager

TEXT_MAX = 200
EARLIEST = dt.date(2000, 1, 1)


def _check_date(day: Any, field: str) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ValidationError({field: _("Enter a valid date.")})
    if not EARLIEST <= day <= timezone.localdate():
        raise ValidationError({field: _("The date must lie between 2000 and today.")})
    return day


@transaction.atomic
def security_audit_record(
    *,
    actor: Any,
    audited_on: dt.date,
    auditor: str,
    conclusion: str,
    follow_up: str = "",
    application: Application | None = None,
    asset: InfrastructureAsset | None = None,
) -> SecurityAudit:
    """Record a security audit of an application or an asset (exactly one)."""
    if (application is None) == (asset is None):
        raise ValueError("a security audit is about one application or one asset")
    target: Any = application if application is not None else asset
    require_manager(actor, target.organisation)
    errors: dict[str, list[str]] = {}
    try:
        _check_date(audited_on, "audited_on")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    auditor = clean_text(auditor)
    if not auditor:
        errors["auditor"] = [_("Name the auditor (a government auditor or an accredited LATIK).")]
    elif len(auditor) > TEXT_MAX:
        errors["auditor"] = [_("At most %(max)d characters.") % {"max": TEXT_MAX}]
    if conclusion not in AuditConclusion.values:
        errors["conclusion"] = [_("Choose Memadai, Perlu Peningkatan or Tidak Memadai.")]
    follow_up = clean_text(follow_up, single_line=False)
    if conclusion != AuditConclusion.MEMADAI and not follow_up and "conclusion" not in errors:
        errors["follow_up"] = [_("Describe the follow-up when the audit did not conclude Memadai.")]
    if errors:
        raise ValidationError(errors)
    audit = SecurityAudit.objects.create(
        application=application,
        asset=asset,
        audited_on=audited_on,
        auditor=auditor,
        conclusion=conclusion,
        follow_up=follow_up,
        recorded_by=actor,
    )
    audit_record(
        action="katalog.security_audit.recorded",
        actor=actor,
        organisation=target.organisation,
        target=target,
        data={"audited_on": audited_on.isoformat(), "auditor": auditor, "conclusion": conclusion},
    )
    return audit


@transaction.atomic
def risk_rate(
    *, actor: Any, application: Application, rating: int, note: str = "", rated_on: dt.date | None = None
) -> RiskRating:
    """Rate an application's risk, 1 (high) to 5 (low), with who and when; earlier ratings stay."""
    require_manager(actor, application.organisation)
    errors: dict[str, list[str]] = {}
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        errors["rating"] = [_("The risk rating is a whole number from 1 (high risk) to 5 (low risk).")]
    day = rated_on or timezone.localdate()
    try:
        _check_date(day, "rated_on")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    note = clean_text(note, single_line=False)
    if rating in (1, 2) and not note and "rating" not in errors:
        errors["note"] = [_("Explain a high risk rating (1 or 2) in the note.")]
    if errors:
        raise ValidationError(errors)
    label = (getattr(actor, "full_name", "") or getattr(actor, "email", "")) if actor is not None else "sistem"
    row = RiskRating.objects.create(
        application=application, rating=rating, rated_on=day, rated_by=actor, rated_by_label=label[:200], note=note
    )
    audit_record(
        action="katalog.risk.rated",
        actor=actor,
        organisation=application.organisation,
        target=application,
        data={"rating": rating, "rated_on": day.isoformat()},
    )
    return row
