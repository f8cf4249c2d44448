"""Reads for the public pages and the public API: applications and services with their public
fields only (never security audits, risk ratings or costs)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from lontar.katalog.models import Application, Service

MAX_QUERY = 100


def public_applications(*, q: str = "", organisation: str = "", stage: str = "") -> QuerySet[Application]:
    qs = Application.objects.select_related("organisation", "organisation__parent", "replaced_by")
    for word in q[:MAX_QUERY].split():
        qs = qs.filter(Q(name__icontains=word) | Q(acronym__icontains=word))
    if organisation:
        qs = qs.filter(Q(organisation__slug=organisation) | Q(organisation__parent__slug=organisation))
    if stage:
        qs = qs.filter(stage=stage)
    return qs.order_by("name", "id")


def public_application(code: Any) -> Application:
    return get_object_or_404(public_applications(), code=str(code)[:40])


def public_services(*, q: str = "", organisation: str = "", kind: str = "") -> QuerySet[Service]:
    qs = Service.objects.select_related("organisation", "organisation__parent")
    for word in q[:MAX_QUERY].split():
        qs = qs.filter(name__icontains=word)
    if organisation:
        qs = qs.filter(Q(organisation__slug=organisation) | Q(organisation__parent__slug=organisation))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name", "id")


def public_service(code: Any) -> Service:
    return get_object_or_404(public_services(), code=str(code)[:40])
