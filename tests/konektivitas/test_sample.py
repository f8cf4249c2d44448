"""The connectivity sample data ("data contoh"): real desa codes and BAKTI counts, labelled rows,
points inside their boundaries, technology by remoteness, and idempotent loading."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter

import pytest
from django.core.management import call_command

from lontar.konektivitas import sample
from lontar.konektivitas.geo import Boundaries
from lontar.konektivitas.models import (
    Connection,
    CoverageObservation,
    Measurement,
    Site,
    SiteKind,
    Technology,
    Tower,
)
from lontar.organisations.selectors import kabkota_geometries, region_by_code, region_list

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}
WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]],
}


def test_bakti_counts_are_the_reference_figures():
    """421 BTS 4G sites in 16 kabupaten (reference infrastructure.md §2.4)."""
    assert sum(sample.BAKTI_BTS_2021.values()) == 421
    assert len(sample.BAKTI_BTS_2021) == 16
    assert sample.BAKTI_BTS_2021["Sumba Timur"] == 89 and sample.BAKTI_BTS_2021["Nagekeo"] == 1
    assert "421" in sample.BAKTI_BTS_SOURCE and "data contoh" in sample.BAKTI_BTS_SOURCE


def test_point_in_polygon_and_drawing():
    assert sample.point_in_geometry(5, 5, SQUARE)
    assert not sample.point_in_geometry(11, 5, SQUARE)
    assert not sample.point_in_geometry(5, 5, WITH_HOLE) and sample.point_in_geometry(2, 2, WITH_HOLE)
    area = sample.Area("x", sample._polygons(WITH_HOLE), (5.0, 5.0))
    for seed in range(50):
        lat, lng = area.draw(random.Random(seed))
        assert sample.point_in_geometry(lng, lat, WITH_HOLE)
    assert area.draw(random.Random(3)) == area.draw(random.Random(3))


def test_measurement_weeks_are_whole_weeks_before_today():
    weeks = sample.measurement_weeks(dt.date(2026, 12, 9), weeks=3)
    assert weeks == [dt.date(2026, 11, 16), dt.date(2026, 11, 23), dt.date(2026, 11, 30)]


@pytest.fixture
def regions(db):
    call_command("load_regions", stdout=io.StringIO())
    call_command("load_organisations", stdout=io.StringIO())


SMALL = ("53.71", "53.20")  # Kota Kupang and Sabu Raijua (3 BAKTI sites)


@pytest.mark.django_db
def test_small_sample_is_labelled_placed_and_plausible(regions):
    result = sample.load(only=SMALL, today=dt.date(2026, 12, 9))
    assert result.sites and result.connections and result.measurements and result.coverage
    assert result.towers == 3
    sites = list(Site.objects.all())
    assert all(s.is_sample and "data contoh" in s.name for s in sites)
    assert all(s.location_source == "lainnya" and not s.location_verified and s.location_accuracy_m for s in sites)
    # a kantor desa/kelurahan on every real desa code of the two
    desa = {r.code for level in ("desa", "kelurahan") for r in region_list(level=level) if r.code[:5] in SMALL}
    offices = {s.desa_id for s in sites if s.kind == SiteKind.KANTOR_DESA}
    assert offices == desa
    assert {s.kabupaten_id for s in sites} == set(SMALL)
    assert all(s.desa_id.startswith(s.kabupaten_id + ".") for s in sites)
    # every point inside its kecamatan and its kabupaten (the registry's own check)
    boundaries = Boundaries.from_geometries(kabkota_geometries())
    for s in sites:
        kec = region_by_code(s.desa_id[:8])
        assert sample.point_in_geometry(s.lng, s.lat, kec.geometry) or (s.lat, s.lng) == (kec.lat, kec.lng)
        assert boundaries.place(s.lat, s.lng, expected=s.kabupaten_id).problem == ""
    # fibre is the main technology in Kota Kupang (and only there); VSAT appears in Sabu Raijua
    main = Counter(
        (c.site.kabupaten_id, c.technology) for c in Connection.objects.select_related("site") if c.role == "utama"
    )
    kota = {t: n for (k, t), n in main.items() if k == "53.71"}
    assert max(kota, key=lambda t: kota[t]) == Technology.FIBER
    sabu = {t for (k, t), n in main.items() if k == "53.20"}
    assert Technology.VSAT in sabu and Technology.FIBER not in sabu
    vsat = Connection.objects.filter(technology=Technology.VSAT)
    assert vsat.exists() and all(c.programme == "bakti_aksi" and c.download_contracted_mbps == 2.0 for c in vsat)
    assert all(c.is_sample for c in Connection.objects.all())
    # measurements: whole weeks before "today", a few per week, all labelled
    measurements = Measurement.objects.all()
    assert all(m.is_sample and m.download_mbps >= 0 for m in measurements)
    per_site = Counter(m.site_id for m in measurements)
    assert set(per_site.values()) == {sample.WEEKS * sample.TESTS_PER_WEEK}
    assert min(m.measured_at for m in measurements).date() >= dt.date(2026, 9, 28)
    assert max(m.measured_at for m in measurements).date() < dt.date(2026, 12, 7)
    # coverage for every desa, labelled; towers with the real count and the source
    assert CoverageObservation.objects.filter(is_sample=True, year=sample.COVERAGE_YEAR).count() == len(desa)
    assert all("data contoh" in c.note for c in CoverageObservation.objects.all())
    towers = list(Tower.objects.all())
    assert all(t.kabupaten_id == "53.20" and t.source == sample.BAKTI_BTS_SOURCE and t.is_sample for t in towers)


@pytest.mark.django_db
def test_loading_twice_changes_nothing(regions):
    first = sample.load(only=SMALL, today=dt.date(2026, 12, 9))
    counts = [m.objects.count() for m in (Site, Connection, Measurement, CoverageObservation, Tower)]
    points = sorted(Site.objects.values_list("code", "lat", "lng"))
    second = sample.load(only=SMALL, today=dt.date(2026, 12, 23))
    assert first.changed() and not second.changed()
    assert [m.objects.count() for m in (Site, Connection, Measurement, CoverageObservation, Tower)] == counts
    assert sorted(Site.objects.values_list("code", "lat", "lng")) == points


@pytest.mark.django_db
def test_the_command_loads_all_22_kabupaten_kota_and_421_towers(regions):
    out = io.StringIO()
    call_command("konektivitas_demo", "--no-publish", stdout=out)
    assert "sites" in out.getvalue()
    assert Site.objects.values("kabupaten_id").distinct().count() == 22
    assert Tower.objects.count() == 421
    per_kab = Counter(Tower.objects.values_list("kabupaten__name", flat=True))
    assert {name.removeprefix("Kabupaten "): n for name, n in per_kab.items()} == sample.BAKTI_BTS_2021
    assert {s for s, _ in sample.TOWER_STATUS_WEIGHTS} >= set(Tower.objects.values_list("status", flat=True))
    assert Site.objects.filter(kind=SiteKind.KANTOR_DESA).count() == 3137 + 305
    again = io.StringIO()
    call_command("konektivitas_demo", "--no-publish", stdout=again)
    assert "0 sites, 0 connections, 0 measurements, 0 coverage rows, 0 towers" in again.getvalue()
