"""Reads for the public maps and pages: aggregates in SQL, bounded point sets, weekly trends.

Everything here is public: no cost, contract, device or account. The province-wide aggregates
(sites per kab/kota × kind × status × technology, the province grid cells, the weekly trend) are
read from the small summaries that every write keeps (:mod:`..services.summaries`), so a page
with 100 000 sites reads a few thousand rows even right after a change; one kab/kota's points and
table are read from its own sites. Results are also cached per data version (:mod:`..page_version`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

from django.core.cache import cache
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, QuerySet, Sum
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import translation

from lontar.konektivitas import page_version
from lontar.konektivitas.models import (
    Connection,
    ConnectionStatus,
    ConnectivityStatus,
    CoverageSummary,
    Site,
    SiteKind,
    SiteSummary,
    SiteWeeklyStatus,
    Technology,
    WeeklySummary,
)
from lontar.organisations import selectors as regions

T = TypeVar("T")
CACHE_SECONDS = 600
#: above this many sites the point map draws grid cells instead of points
MAX_POINTS = 1500
#: grid cell size in degrees (about 11 km in NTT) for the province, finer for one kab/kota
GRID_DEGREES = 0.1
KAB_GRID_DEGREES = 0.02
#: statuses that count as connected (some connection of known quality)
CONNECTED = (ConnectivityStatus.BAIK, ConnectivityStatus.SEDANG, ConnectivityStatus.BURUK)
#: connections that count for the technology filter (not ended, not merely planned)
LIVE = (ConnectionStatus.AKTIF, ConnectionStatus.GANGGUAN, ConnectionStatus.INSTALASI)
DESA_LEVELS = ("desa", "kelurahan")
TREND_WEEKS = 26


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    kabupaten: str = ""
    technology: str = ""
    status: str = ""

    def key(self) -> list[str]:
        return [self.kind, self.kabupaten, self.technology, self.status]


def clean_filters(data: Any, *, kabupaten: str = "") -> tuple[Filters, list[str]]:
    """Filters from GET parameters; unknown values are dropped (named in the second result)."""
    bad: list[str] = []

    def pick(name: str, allowed: set[str]) -> str:
        value = str(data.get(name, "") or "")[:40]
        if value and value not in allowed:
            bad.append(name)
            return ""
        return value

    kab = kabupaten or pick("kabupaten", set(regions.kabkota_names()))
    return (
        Filters(
            kind=pick("jenis", set(SiteKind.values)),
            kabupaten=kab,
            technology=pick("teknologi", set(Technology.values)),
            status=pick("status", set(ConnectivityStatus.values)),
        ),
        bad,
    )


def cached(kind: str, parts: list[Any], build: Callable[[], T], *, version: str | None = None) -> T:
    """``build()`` cached per data version, language and ``parts``."""
    version = page_version.data_version() if version is None else version
    payload = json.dumps([kind, version, translation.get_language(), parts], default=str)
    key = f"konektivitas:maps:{kind}:{hashlib.sha256(payload.encode()).hexdigest()[:32]}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_SECONDS)
    return found


def filtered_sites(filters: Filters) -> QuerySet[Site]:
    qs = Site.objects.filter(is_active=True)
    if filters.kabupaten:
        qs = qs.filter(kabupaten_id=filters.kabupaten)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.technology:
        live = Connection.objects.filter(site=OuterRef("pk"), technology=filters.technology, status__in=LIVE)
        qs = qs.filter(Exists(live))
    return qs


def site_counts(filters: Filters) -> list[tuple[str, str, str, int]]:
    """(kab/kota, kind, status, sites) for the kab/kota and technology filters, from the site
    summary (a few hundred rows); the kind and status filters are applied by the callers."""
    base = Filters(kabupaten=filters.kabupaten, technology=filters.technology)

    def build() -> list[tuple[str, str, str, int]]:
        qs = SiteSummary.objects.filter(cell=False, technology=base.technology)
        if base.kabupaten:
            qs = qs.filter(kabupaten_id=base.kabupaten)
        return list(
            qs.order_by("kabupaten_id", "kind", "status").values_list("kabupaten_id", "kind", "status", "sites")
        )

    return cached("counts", base.key(), build)


def status_by_kabupaten(filters: Filters) -> dict[str, dict[str, int]]:
    """kab/kota code → status → number of sites."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for kab, kind, status, n in site_counts(filters):
        if (filters.kind and kind != filters.kind) or (filters.status and status != filters.status):
            continue
        out[kab][status] = out[kab].get(status, 0) + n
    return dict(out)


def kind_summary(filters: Filters) -> list[dict[str, Any]]:
    """Per site kind: sites, connected, % connected (the kind and status filters do not apply)."""
    by_kind: dict[str, dict[str, int]] = defaultdict(dict)
    for _kab, kind, status, n in site_counts(filters):
        by_kind[kind][status] = by_kind[kind].get(status, 0) + n
    out = []
    for kind, label in SiteKind.choices:
        counts = by_kind.get(kind, {})
        total = sum(counts.values())
        if not total:
            continue
        connected = sum(counts.get(s, 0) for s in CONNECTED)
        out.append(
            {"kind": kind, "label": str(label), "total": total, "connected": connected, "pct": 100 * connected / total}
        )
    return out


def desa_counts() -> dict[str, int]:
    """kab/kota code → number of desa and kelurahan in it (reference data, cached)."""

    def build() -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for code, _name, level, _bps in regions.region_places():
            if level in DESA_LEVELS:
                counts[code[:5]] += 1
        return dict(counts)

    return cached("desa-counts", [], build, version="reference")


def blank_spots(kabupaten: str = "") -> dict[str, tuple[int, int]]:
    """kab/kota code → (desa with a trusted coverage record, desa in a blank spot), by
    ``status.blank_spot`` over each desa's observations (kept in the coverage summary by
    :mod:`..services.summaries`). A kab/kota without any record is absent."""
    qs = CoverageSummary.objects.all()
    if kabupaten:
        qs = qs.filter(kabupaten_id=kabupaten)
    return {kab: (observed, blank) for kab, observed, blank in qs.values_list("kabupaten_id", "observed", "blank")}


@dataclass
class KabRow:
    code: str
    name: str
    total: int = 0
    connected: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    desa: int = 0
    #: desa with a trusted coverage record, and those of them in a blank spot
    observed: int = 0
    blank: int = 0

    @property
    def pct_connected(self) -> float | None:
        return 100 * self.connected / self.total if self.total else None

    @property
    def pct_blank(self) -> float | None:
        """Share of the desa with a coverage record that are blank spots (None without records)."""
        return 100 * self.blank / self.observed if self.observed else None


def province_rows(filters: Filters) -> list[KabRow]:
    """One row per kab/kota: sites by status, % connected, desa and blank spots."""

    def build() -> list[KabRow]:
        counts = status_by_kabupaten(filters)
        desa = desa_counts()
        blank = blank_spots()
        rows = []
        for code, name in sorted(regions.kabkota_names().items()):
            by_status = counts.get(code, {})
            rows.append(
                KabRow(
                    code=code,
                    name=name,
                    total=sum(by_status.values()),
                    connected=sum(by_status.get(s, 0) for s in CONNECTED),
                    by_status=by_status,
                    desa=desa.get(code, 0),
                    observed=blank.get(code, (0, 0))[0],
                    blank=blank.get(code, (0, 0))[1],
                )
            )
        return rows

    return cached("province", filters.key(), build)


@dataclass(frozen=True)
class Point:
    lat: float
    lng: float
    status: str
    count: int = 1
    code: str = ""
    name: str = ""
    by_status: tuple[tuple[str, int], ...] = ()


def points(filters: Filters, *, max_points: int | None = None) -> tuple[list[Point], bool]:
    """The sites as points, or (when more than ``max_points``) grid cells with counts per status.

    Returns (points, aggregated). Cells come from casting position / size to an integer (SQLite
    truncates, PostgreSQL rounds: either way a fixed grid, and cheaper than FLOOR on SQLite).
    A cell lies at the mean position of its sites and takes the
    colour of its most common status. The province's cells are read from the site summary (kept
    by every write, :mod:`..services.summaries`); one kab/kota's are grouped from its sites.
    """

    limit = MAX_POINTS if max_points is None else max_points

    def build() -> tuple[list[Point], bool]:
        qs = filtered_sites(filters)
        total = sum(
            n
            for _kab, kind, status, n in site_counts(filters)
            if (not filters.kind or kind == filters.kind) and (not filters.status or status == filters.status)
        )
        if total <= limit:
            rows = list(qs.values_list("code", "name", "lat", "lng", "status")[: limit + 1])
            return [Point(lat=r[2], lng=r[3], status=r[4], code=r[0], name=r[1]) for r in rows], False
        cells: Any
        if filters.kabupaten:
            size = KAB_GRID_DEGREES
            cells = (
                qs.annotate(gy=Cast(F("lat") / size, IntegerField()), gx=Cast(F("lng") / size, IntegerField()))
                .values_list("gy", "gx", "status")
                .annotate(n=Count("id"), lat_sum=Sum("lat"), lng_sum=Sum("lng"))
                .order_by()
            )
        else:
            summary = SiteSummary.objects.filter(cell=True, technology=filters.technology)
            if filters.kind:
                summary = summary.filter(kind=filters.kind)
            if filters.status:
                summary = summary.filter(status=filters.status)
            cells = (
                summary.values_list("cell_y", "cell_x", "status")
                .annotate(n=Sum("sites"), lat_sum=Sum("lat_sum"), lng_sum=Sum("lng_sum"))
                .order_by("cell_y", "cell_x", "status")
            )
        grid: dict[tuple[int, int], dict[str, Any]] = {}
        for gy, gx, status, n, lat_sum, lng_sum in cells:
            cell = grid.setdefault((gy, gx), {"n": 0, "lat": 0.0, "lng": 0.0, "by": {}})
            cell["n"] += n
            cell["lat"] += lat_sum
            cell["lng"] += lng_sum
            cell["by"][status] = n
        out = []
        for cell in grid.values():
            by = tuple(sorted(cell["by"].items(), key=lambda item: -item[1]))
            out.append(
                Point(
                    lat=cell["lat"] / cell["n"],
                    lng=cell["lng"] / cell["n"],
                    status=by[0][0],
                    count=cell["n"],
                    by_status=by,
                )
            )
        out.sort(key=lambda p: (p.lat, p.lng))
        return out, True

    return cached("points", [*filters.key(), limit], build)


def weekly_trend(filters: Filters, weeks: int = TREND_WEEKS) -> list[tuple[dt.date, dict[str, int]]]:
    """(week, status → sites) for the latest ``weeks`` weeks with statuses, oldest first."""

    def build() -> list[tuple[dt.date, dict[str, int]]]:
        # the weekly statuses of the active sites, counted per week, kab/kota, kind and status
        qs = WeeklySummary.objects.all()
        if filters.kabupaten:
            qs = qs.filter(kabupaten_id=filters.kabupaten)
        if filters.kind:
            qs = qs.filter(kind=filters.kind)
        latest = qs.aggregate(latest=Max("week"))["latest"]
        if latest is None:
            return []
        since = latest - dt.timedelta(weeks=weeks - 1)
        by_week: dict[dt.date, dict[str, int]] = defaultdict(dict)
        for week, status, n in (
            qs.filter(week__gte=since).values_list("week", "status").annotate(n=Sum("sites")).order_by()
        ):
            by_week[week][status] = n
        return sorted(by_week.items())

    return cached("trend", filters.key(), build)


def site_public(code: str) -> Site | None:
    """An active site with its desa, kab/kota and organisation (public fields only)."""
    return Site.objects.filter(code=code, is_active=True).select_related("desa", "kabupaten", "organisation").first()


def site_connections(site: Site) -> list[Connection]:
    return list(Connection.objects.filter(site=site).order_by("role", "-valid_from", "id"))


def site_weekly(site: Site, weeks: int = 12) -> list[SiteWeeklyStatus]:
    return list(SiteWeeklyStatus.objects.filter(site=site).order_by("-week")[:weeks])


def kab_sites(filters: Filters, limit: int = 200) -> list[Site]:
    """The first ``limit`` sites of a kab/kota page's table (by code), with ``kind_label`` and
    ``status_label`` (the choices translated once, not per row) and ``url``."""
    sites = list(
        filtered_sites(filters)
        .select_related("desa")
        .only("code", "name", "kind", "status", "status_rule", "is_sample", "desa__name")[:limit]
    )
    kinds = {str(k): str(label) for k, label in SiteKind.choices}
    statuses = {str(k): str(label) for k, label in ConnectivityStatus.choices}
    # the site page's address: reversed once, the code quoted as reverse() quotes it
    head, _sep, tail = reverse("konektivitas:site", args=["-CODE-"]).partition("-CODE-")
    for site in sites:
        site.kind_label = kinds.get(site.kind, site.kind)  # type: ignore[attr-defined]
        site.status_label = statuses.get(site.status, site.status)  # type: ignore[attr-defined]
        site.url = head + quote(site.code, safe="!$&'()*+,;=~:@") + tail  # type: ignore[attr-defined]
    return sites
