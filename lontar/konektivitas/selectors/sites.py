"""Reads of the site registry: scoped staff lists and fetches (missing or out of reach = 404), public
lists, a site's connections, coverage, and the kabupaten outlines for point checks."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from lontar.accounts.permissions import get_for_actor_or_404
from lontar.konektivitas.geo import Boundaries
from lontar.konektivitas.models import Connection, CoverageObservation, Site, SpeedBenchmark, Tower
from lontar.konektivitas.permissions import connection_policy, site_policy
from lontar.konektivitas.status import DEFAULT_BENCHMARK, Benchmark
from lontar.organisations import selectors as org_selectors

#: site fields anyone may read (no costs, contracts or who recorded what)
PUBLIC_SITE_FIELDS = (
    "code",
    "name",
    "kind",
    "desa_id",
    "kabupaten_id",
    "lat",
    "lng",
    "location_source",
    "location_verified",
    "npsn",
    "puskesmas_code",
    "bakti_site_id",
    "power",
    "remote",
    "border",
    "disaster_prone",
    "is_active",
    "is_sample",
    "status",
    "status_rule",
    "status_week",
)
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class SiteFilters:
    kabupaten: str = ""
    kind: str = ""
    status: str = ""
    q: str = ""
    active_only: bool = True


def _filtered(qs: QuerySet[Site], filters: SiteFilters) -> QuerySet[Site]:
    if filters.active_only:
        qs = qs.filter(is_active=True)
    if filters.kabupaten:
        qs = qs.filter(kabupaten_id=filters.kabupaten)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    for word in org_selectors.search_terms(filters.q[:MAX_QUERY_LENGTH]):
        qs = qs.filter(Q(name__icontains=word) | Q(code__icontains=word) | Q(npsn=word))
    return qs


def site_list_for_actor(*, actor: Any, filters: SiteFilters = SiteFilters()) -> QuerySet[Site]:
    """The sites the actor manages, filtered."""
    return _filtered(site_policy.visible(actor), filters).order_by("code")


def site_get_for_actor(*, actor: Any, pk: Any) -> Site:
    return get_for_actor_or_404(site_policy.visible(actor), pk)


def site_get_by_code_for_actor(*, actor: Any, code: str) -> Site:
    found = site_policy.visible(actor).filter(code=code).values_list("pk", flat=True).first()
    if found is None:
        raise Http404
    return site_get_for_actor(actor=actor, pk=found)


def connection_get_for_actor(*, actor: Any, pk: Any) -> Connection:
    return get_for_actor_or_404(connection_policy.visible(actor), pk)


def site_public_list(filters: SiteFilters = SiteFilters()) -> QuerySet[Site]:
    """Active sites for anyone (read only the public fields)."""
    return _filtered(Site.objects.filter(is_active=True), filters).order_by("code")


def site_public_get(code: str) -> Site:
    site = Site.objects.filter(code=code, is_active=True).select_related("desa", "kabupaten").first()
    if site is None:
        raise Http404
    return site


def site_connections(site: Site) -> list[Connection]:
    """Every connection of a site, current first (main before backup, newest first)."""
    return list(site.connections.order_by("valid_to", "role", "-valid_from", "-id"))


def coverage_list(*, kabupaten: str = "", desa: str = "", year: int | None = None) -> QuerySet[CoverageObservation]:
    qs = CoverageObservation.objects.all()
    if kabupaten:
        qs = qs.filter(kabupaten_id=kabupaten)
    if desa:
        qs = qs.filter(desa_id=desa)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("desa_id", "-year", "source")


def tower_list(*, kabupaten: str = "") -> QuerySet[Tower]:
    qs = Tower.objects.all()
    return qs.filter(kabupaten_id=kabupaten) if kabupaten else qs


def benchmarks() -> dict[str, Benchmark]:
    """Site kind -> speed benchmark (kinds without one use Giga's default)."""
    rows = SpeedBenchmark.objects.values_list("kind", "good_mbps", "base_mbps")
    return {kind: Benchmark(good_mbps=good, base_mbps=base) for kind, good, base in rows}


def benchmark_for(kind: str) -> Benchmark:
    return benchmarks().get(kind, DEFAULT_BENCHMARK)


_BOUNDARIES: dict[str, Any] = {}
#: the outlines change only when regions are reloaded: kept in the process this long (seconds)
BOUNDARY_CACHE_SECONDS = 300.0


def boundaries() -> Boundaries:
    """The kabupaten/kota outlines, indexed (kept in the process briefly)."""
    cached = _BOUNDARIES.get("value")
    if cached is not None and time.monotonic() - _BOUNDARIES["at"] < BOUNDARY_CACHE_SECONDS:
        return cached
    built = Boundaries.from_geometries(org_selectors.kabkota_geometries())
    _BOUNDARIES.update(value=built, at=time.monotonic())
    return built


def forget_boundaries() -> None:
    _BOUNDARIES.clear()


def desa_places() -> dict[str, tuple[str, str]]:
    """Kemendagri code -> (name, level) of every desa and kelurahan."""
    return {
        code: (name, level)
        for code, name, level, _bps in org_selectors.region_places()
        if level in ("desa", "kelurahan")
    }


def kabkota_names() -> dict[str, str]:
    return org_selectors.kabkota_names()
