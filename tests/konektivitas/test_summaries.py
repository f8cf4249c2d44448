"""The map summaries (services/summaries.py) agree with the registry after every kind of write, and
the public selectors read from them give what grouping the sites themselves gives."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest
from django.db import connection
from django.db.models import Count, F, IntegerField, Sum
from django.db.models.functions import Cast
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lontar.konektivitas import page_version
from lontar.konektivitas.models import (
    Connection,
    ConnectivityStatus,
    CoverageObservation,
    CoverageSummary,
    Site,
    SiteKind,
    SiteSummary,
    SiteWeeklyStatus,
    WeeklySummary,
)
from lontar.konektivitas.selectors import maps
from lontar.konektivitas.services.status import status_recompute
from lontar.konektivitas.services.summaries import summaries_refresh
from tests.konektivitas.maps_helpers import make_site

KOTA_DESA = "53.71.01.1001"
KAB_DESA = "53.01.01.2001"
STATUSES = list(ConnectivityStatus.values)
KINDS = [SiteKind.SEKOLAH, SiteKind.PUSKESMAS, SiteKind.KANTOR_DESA]
TECHS = ["fiber", "seluler", "vsat"]
WEEKS = [dt.date(2026, 11, 16), dt.date(2026, 11, 23), dt.date(2026, 11, 30)]


def snapshot() -> tuple[list[tuple], list[tuple], list[tuple]]:
    sites = sorted(
        (s.kabupaten_id, s.cell, s.kind, s.status, s.technology, s.cell_y, s.cell_x, s.sites, round(s.lat_sum, 6))
        for s in SiteSummary.objects.all()
    )
    weeks = sorted((w.week, w.kabupaten_id, w.kind, w.status, w.sites) for w in WeeklySummary.objects.all())
    coverage = sorted(CoverageSummary.objects.values_list("kabupaten_id", "observed", "blank"))
    return sites, weeks, coverage


def rebuilt() -> tuple[list[tuple], list[tuple], list[tuple]]:
    """What a full rebuild gives (the incremental state is put back after)."""
    before = snapshot()
    summaries_refresh()
    after = snapshot()
    assert before == after, "the summaries drifted from the registry"
    return after


@pytest.fixture
def world(province):
    rng = random.Random(13)
    sites = []
    for i in range(40):
        in_kota = i % 2 == 0
        sites.append(
            make_site(
                province["kota"] if in_kota else province["kabupaten"],
                f"W-{i:03d}",
                desa_code=KOTA_DESA if in_kota else KAB_DESA,
                lat=(-10.17 if in_kota else -9.95) + rng.uniform(-0.25, 0.25),
                lng=(123.6 if in_kota else 124.0) + rng.uniform(-0.25, 0.25),
                kind=rng.choice(KINDS),
                status=rng.choice(STATUSES),
            )
        )
    for s in sites:
        for tech in rng.sample(TECHS, rng.randrange(0, 3)):
            Connection.objects.create(
                site=s, technology=tech, technology_root="lainnya", status=rng.choice(["aktif", "rencana", "gangguan"])
            )
        for week in WEEKS:
            SiteWeeklyStatus.objects.create(site=s, week=week, status=rng.choice(STATUSES), rule="tanpa_data")
    return sites


# --- what the selectors gave before the summaries: grouping the sites and weekly statuses --------


def live_counts(filters: maps.Filters) -> list[tuple[str, str, str, int]]:
    base = maps.Filters(kabupaten=filters.kabupaten, technology=filters.technology)
    return sorted(maps.filtered_sites(base).values_list("kabupaten_id", "kind", "status").annotate(n=Count("id")))


def live_cells(filters: maps.Filters) -> dict[tuple[int, int], dict[str, tuple[int, float]]]:
    size = maps.GRID_DEGREES
    out: dict[tuple[int, int], dict[str, tuple[int, float]]] = defaultdict(dict)
    for gy, gx, status, n, lat in (
        maps.filtered_sites(filters)
        .annotate(gy=Cast(F("lat") / size, IntegerField()), gx=Cast(F("lng") / size, IntegerField()))
        .values_list("gy", "gx", "status")
        .annotate(n=Count("id"), lat_sum=Sum("lat"))
        .order_by()
    ):
        out[(gy, gx)][status] = (n, round(lat / n, 6))
    return dict(out)


def live_trend(filters: maps.Filters) -> list[tuple[dt.date, dict[str, int]]]:
    qs = SiteWeeklyStatus.objects.filter(site__is_active=True)
    if filters.kabupaten:
        qs = qs.filter(site__kabupaten_id=filters.kabupaten)
    if filters.kind:
        qs = qs.filter(site__kind=filters.kind)
    by_week: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for week, status, n in qs.values_list("week", "status").annotate(n=Count("id")).order_by():
        by_week[week][status] = n
    return sorted(by_week.items())


def summary_cells(filters: maps.Filters) -> dict[tuple[int, int], dict[str, tuple[int, float]]]:
    found, aggregated = maps.points(filters, max_points=0)
    if not aggregated:  # no site at all
        assert found == []
        return {}
    size = maps.GRID_DEGREES
    out: dict[tuple[int, int], dict[str, tuple[int, float]]] = {}
    for p in found:
        key = (int(p.lat / size), int(p.lng / size)) if connection.vendor == "sqlite" else None
        out[key or (round(p.lat / size), round(p.lng / size))] = dict(p.by_status)
    return out


FILTERS = [
    maps.Filters(),
    maps.Filters(kind=SiteKind.SEKOLAH),
    maps.Filters(status=ConnectivityStatus.BAIK),
    maps.Filters(technology="vsat"),
    maps.Filters(technology="fiber", kind=SiteKind.PUSKESMAS),
    maps.Filters(kabupaten="53.01"),
    maps.Filters(kabupaten="53.71", technology="seluler"),
]


def check_selectors() -> None:
    for f in FILTERS:
        assert sorted(maps.site_counts(f)) == live_counts(f), f
        assert maps.weekly_trend(f) == live_trend(f), f
        if not f.kabupaten:
            cells = live_cells(f)
            ours = summary_cells(f)
            assert {k: {s: n for s, (n, _lat) in v.items()} for k, v in cells.items()} == ours, f
    page_version.bump()


@pytest.mark.django_db
def test_selectors_match_the_registry(world):
    rebuilt()
    check_selectors()


@pytest.mark.django_db
def test_single_writes_keep_the_summaries(world, province):
    site = world[0]
    site.kind = SiteKind.PUSKESMAS if site.kind != SiteKind.PUSKESMAS else SiteKind.SEKOLAH
    site.save()
    rebuilt()
    moved = world[2]
    moved.kabupaten_id, moved.desa_id, moved.lat = "53.01", KAB_DESA, -9.9
    moved.save()
    rebuilt()
    world[4].is_active = False
    world[4].save(update_fields=["is_active", "updated_at"])
    rebuilt()
    world[6].name = "renamed"
    world[6].save(update_fields=["name", "updated_at"])
    Connection.objects.create(site=world[8], technology="vsat", technology_root="nirkabel", status="aktif")
    Connection.objects.create(site=world[10], technology="fiber", technology_root="kabel", status="aktif").delete()
    weekly = SiteWeeklyStatus.objects.filter(site=world[12]).first()
    weekly.status = "baik" if weekly.status != "baik" else "buruk"
    weekly.save()
    SiteWeeklyStatus.objects.filter(site=world[14]).first().delete()
    world[16].delete()
    make_site(province["kota"], "NEW-1", status=ConnectivityStatus.SEDANG)
    rebuilt()
    for code, signal in (("53.71.01.1001", "tidak_ada"), ("53.01.01.2001", "4g")):
        CoverageObservation.objects.create(
            desa_id=code, kabupaten_id=code[:5], year=2024, source="podes", phone_signal="lemah", internet_signal=signal
        )
    assert maps.blank_spots() == {"53.71": (1, 1), "53.01": (1, 0)}
    CoverageObservation.objects.filter(desa_id="53.71.01.1001").update(internet_signal="4g")  # bulk: no signal
    summaries_refresh(kabupaten=[], sites=False, weeks=False, coverage=True)
    assert maps.blank_spots() == {"53.71": (1, 0), "53.01": (1, 0)}
    rebuilt()
    check_selectors()


@pytest.mark.django_db
def test_recompute_keeps_the_summaries(world):
    status_recompute(week=WEEKS[-1])
    rebuilt()
    status_recompute(week=WEEKS[-1], kabupaten="53.01")
    rebuilt()
    check_selectors()


@pytest.mark.django_db
def test_bulk_writes_without_a_refresh_are_seen_by_a_rebuild(world):
    """Writers that bypass the services (raw UPDATE) must call summaries_refresh; it repairs."""
    Site.objects.filter(kabupaten_id="53.71").update(status=ConnectivityStatus.BAIK)
    before = snapshot()
    summaries_refresh(kabupaten=["53.71"], weeks=False)
    assert snapshot() != before
    rebuilt()
    check_selectors()


@pytest.mark.django_db
def test_uncached_pages_read_no_site_table_scan(world, monkeypatch):
    """The province page after a write: a bounded number of queries, none grouping the sites."""
    monkeypatch.setattr(maps, "MAX_POINTS", 5)
    client = Client()
    for path in ("/konektivitas/", "/konektivitas/kabupaten/53.71/"):
        page_version.bump()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert len(queries.captured_queries) <= 20, [q["sql"] for q in queries.captured_queries]
        if path == "/konektivitas/":
            grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
            scans = ('FROM "konektivitas_site" ', 'FROM "konektivitas_siteweeklystatus" ')
            assert not [sql for sql in grouped if any(scan in sql + " " for scan in scans)], grouped
