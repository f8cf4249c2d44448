"""Reads for the staff pages and the staff API, scoped by :mod:`lontar.katalog.policies`.

A record out of the actor's reach answers 404 exactly like a missing one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from lontar.accounts.permissions import get_for_actor_or_404
from lontar.audit.models import AuditEvent
from lontar.audit.registry import label_for
from lontar.audit.selectors import event_filter
from lontar.catalog.models import Dataset
from lontar.catalog.selectors.public import public_datasets
from lontar.katalog.models import (
    Application,
    AssetKind,
    AuditConclusion,
    InfrastructureAsset,
    RiskRating,
    SecurityAudit,
    Service,
    Stage,
    SystemCategory,
)
from lontar.katalog.models.choices import HOSTING_KINDS
from lontar.katalog.policies import MANAGE, application_policy, asset_policy, service_policy
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import organisation_list

MAX_QUERY = 100
#: a security audit older than this is due again
AUDIT_VALID_DAYS = 365


@dataclass(frozen=True)
class Filters:
    q: str = ""
    organisation: int | None = None
    stage: str = ""
    kind: str = ""


def _search(qs: QuerySet[Any], q: str, *fields: str) -> QuerySet[Any]:
    for word in q[:MAX_QUERY].split():
        cond = Q()
        for f in fields:
            cond |= Q(**{f"{f}__icontains": word})
        qs = qs.filter(cond)
    return qs


def _by_organisation(qs: QuerySet[Any], organisation: int | None) -> QuerySet[Any]:
    if organisation is None:
        return qs
    return qs.filter(Q(organisation_id=organisation) | Q(organisation__parent_id=organisation))


def applications_for_actor(actor: Any, filters: Filters | None = None) -> QuerySet[Application]:
    f = filters or Filters()
    qs = _search(application_policy.visible(actor), f.q, "name", "acronym", "code")
    qs = _by_organisation(qs, f.organisation)
    if f.stage:
        qs = qs.filter(stage=f.stage)
    if f.kind:
        qs = qs.filter(ownership_class=f.kind)
    return qs.order_by("name", "id")


def application_get_for_actor(*, actor: Any, pk: Any) -> Application:
    return get_for_actor_or_404(application_policy.visible(actor), pk)


def assets_for_actor(actor: Any, filters: Filters | None = None) -> QuerySet[InfrastructureAsset]:
    f = filters or Filters()
    qs = _search(asset_policy.visible(actor), f.q, "name", "code")
    qs = _by_organisation(qs, f.organisation)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.stage:
        qs = qs.filter(status=f.stage)
    return qs.order_by("kind", "name", "id")


def asset_get_for_actor(*, actor: Any, pk: Any) -> InfrastructureAsset:
    return get_for_actor_or_404(asset_policy.visible(actor), pk)


def services_for_actor(actor: Any, filters: Filters | None = None) -> QuerySet[Service]:
    f = filters or Filters()
    qs = _search(service_policy.visible(actor), f.q, "name", "code", "ral_code")
    qs = _by_organisation(qs, f.organisation)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    return qs.order_by("name", "id")


def service_get_for_actor(*, actor: Any, pk: Any) -> Service:
    return get_for_actor_or_404(service_policy.visible(actor), pk)


def organisations_for_actor(actor: Any) -> QuerySet[Organisation]:
    """Organisations the actor may register records for (choices of the forms)."""
    return (
        MANAGE.scope(actor)
        .filter(organisation_list(), field="")
        .select_related("parent")
        .order_by("region_id", "kind", "name")
    )


def hosting_choices() -> QuerySet[InfrastructureAsset]:
    """Computing facilities, clouds and servers anywhere (a kabupaten's app may run in the province's
    data centre)."""
    return InfrastructureAsset.objects.filter(kind__in=HOSTING_KINDS).select_related("organisation").order_by("name")


def splp_choices() -> QuerySet[InfrastructureAsset]:
    return InfrastructureAsset.objects.filter(kind=AssetKind.SPLP).order_by("name")


def application_choices() -> QuerySet[Application]:
    """Applications another one may replace or integrate with (any not retired)."""
    return Application.objects.exclude(stage=Stage.DIHENTIKAN).select_related("organisation").order_by("name")


def dataset_choices() -> QuerySet[Dataset]:
    return public_datasets().order_by("title")


def assets_by_codes(codes: list[str]) -> dict[str, InfrastructureAsset]:
    return {a.code: a for a in InfrastructureAsset.objects.filter(code__in=codes)}


def applications_by_codes(codes: list[str]) -> dict[str, Application]:
    return {a.code: a for a in Application.objects.filter(code__in=codes)}


def datasets_by_slugs(slugs: list[str]) -> dict[str, Dataset]:
    return {d.slug: d for d in public_datasets().filter(slug__in=slugs)}


def security_audits(record: Application | InfrastructureAsset) -> QuerySet[SecurityAudit]:
    return record.security_audits.select_related("recorded_by").order_by("-audited_on", "-id")


def risk_history(application: Application) -> QuerySet[RiskRating]:
    return application.risk_ratings.order_by("-rated_on", "-id")


def history(record: Any, limit: int = 50) -> list[AuditEvent]:
    """The audit events about ``record``, newest first."""
    qs = event_filter().filter(target_type=record._meta.label_lower, target_id=str(record.pk))
    events = list(qs.order_by("-id")[:limit])
    for event in events:
        event.label = label_for(event.action)  # type: ignore[attr-defined]
    return events


def with_latest_security(qs: QuerySet[Application]) -> QuerySet[Application]:
    """Each application with ``latest_audits`` and ``latest_risks`` (newest first) prefetched."""
    return qs.prefetch_related(
        Prefetch("security_audits", queryset=SecurityAudit.objects.order_by("-audited_on", "-id"), to_attr="audits"),
        Prefetch("risk_ratings", queryset=RiskRating.objects.order_by("-rated_on", "-id"), to_attr="risks"),
    )


def audit_attention(qs: QuerySet[Application], today: dt.date | None = None) -> list[tuple[Application, str]]:
    """Applications in operation whose latest security audit is older than a year or Tidak Memadai
    (or, for a high or strategic electronic system, never audited), with the reason code
    (``old``, ``inadequate``, ``none``)."""
    day = today or timezone.localdate()
    out = []
    for app in with_latest_security(qs.filter(stage=Stage.OPERASIONAL)):
        latest = app.audits[0] if app.audits else None  # type: ignore[attr-defined]
        if latest is None:
            if app.system_category in (SystemCategory.TINGGI, SystemCategory.STRATEGIS):
                out.append((app, "none"))
        elif latest.conclusion == AuditConclusion.TIDAK_MEMADAI:
            out.append((app, "inadequate"))
        elif (day - latest.audited_on).days > AUDIT_VALID_DAYS:
            out.append((app, "old"))
    return out


def services_for_actor_codes(codes: list[str]) -> list[str]:
    """Which of ``codes`` are IDs of existing services."""
    return list(Service.objects.filter(code__in=codes).values_list("code", flat=True))


def sample_counts() -> dict[str, int]:
    return {
        "applications": Application.objects.filter(is_sample=True).count(),
        "assets": InfrastructureAsset.objects.filter(is_sample=True).count(),
        "services": Service.objects.filter(is_sample=True).count(),
    }


#: a software licence is due for renewal this many days before it ends
LICENCE_WARNING_DAYS = 60


def licences_due(qs: QuerySet[InfrastructureAsset], today: dt.date | None = None) -> QuerySet[InfrastructureAsset]:
    """Software assets in use (not archived) whose licence ends within 60 days or has ended."""
    day = today or timezone.localdate()
    return (
        qs.filter(
            licence_valid_until__isnull=False, licence_valid_until__lte=day + dt.timedelta(days=LICENCE_WARNING_DAYS)
        )
        .exclude(status="archived")
        .order_by("licence_valid_until", "id")
    )
