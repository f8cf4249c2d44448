"""Reads for measurements: sites by code for ingest, a site's measurements (public fields)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from lontar.konektivitas.models import Measurement, Site
from lontar.konektivitas.permissions import site_policy

#: columns a public page or the public API may show (no device, address hash or account)
PUBLIC_FIELDS = (
    "id",
    "site_id",
    "measured_at",
    "download_mbps",
    "upload_mbps",
    "latency_ms",
    "jitter_ms",
    "packet_loss_pct",
    "source",
    "data_used_mb",
    "distance_to_site_m",
    "flagged",
    "is_sample",
)


def sites_by_code(codes: Iterable[str]) -> dict[str, Site]:
    """Active sites with these codes (with their organisation, for the permission check), by code."""
    wanted = list(set(codes))
    found: dict[str, Site] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for site in Site.objects.filter(code__in=chunk, is_active=True).select_related("organisation"):
            found[site.code] = site
    return found


def public_site(code: str) -> Site | None:
    return Site.objects.filter(code=code, is_active=True).first()


def site_measurements(site: Site) -> QuerySet[Measurement]:
    return Measurement.objects.filter(site=site).only(*PUBLIC_FIELDS)


def recent_measurements(site: Site, limit: int = 20) -> list[Measurement]:
    return list(site_measurements(site).order_by("-measured_at", "-id")[:limit])


def sites_for_measuring(actor: Any) -> QuerySet[Site]:
    """The active sites ``actor`` may record measurements for (pengelola TIK scope, admins: all)."""
    return site_policy.visible(actor).filter(is_active=True).order_by("code")
