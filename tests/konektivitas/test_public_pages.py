"""Public konektivitas pages: province map, kab/kota page, site page (internal fields for staff only)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from lontar.accounts.models import Role
from lontar.konektivitas.models import (
    Connection,
    ConnectionStatus,
    ConnectivityStatus,
    CoverageObservation,
    InternetSignal,
    Measurement,
    PhoneSignal,
    SiteWeeklyStatus,
    StatusRule,
    Technology,
    TechnologyRoot,
)
from lontar.konektivitas.selectors import maps
from tests.konektivitas.maps_helpers import desa, make_site


@pytest.fixture
def world(province):
    site = make_site(province["kota"], status=ConnectivityStatus.BAIK, status_rule=StatusRule.MEASURED)
    make_site(province["kota"], "S-002", desa_code="53.71.01.1002", status=ConnectivityStatus.TIDAK_ADA)
    Connection.objects.create(
        site=site,
        technology=Technology.FIBER,
        technology_root=TechnologyRoot.KABEL,
        status=ConnectionStatus.AKTIF,
        provider="Telkom",
        monthly_cost=1234567,
    )
    Measurement.objects.create(
        site=site, measured_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), download_mbps=42.5, source="manual"
    )
    CoverageObservation.objects.create(
        desa=desa("53.71.01.1002"),
        kabupaten_id="53.71",
        year=2024,
        source="podes",
        phone_signal=PhoneSignal.LEMAH,
        internet_signal=InternetSignal.TIDAK_ADA,
    )
    for i in range(3):
        SiteWeeklyStatus.objects.create(
            site=site, week=dt.date(2026, 11, 2) + dt.timedelta(weeks=i), status="baik", rule=StatusRule.MEASURED
        )
    return site


def test_province_page(world):
    response = Client().get("/konektivitas/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Kota Kupang" in html
    rows = {r.code: r for r in maps.province_rows(maps.Filters())}
    assert rows["53.71"].total == 2 and rows["53.71"].connected == 1
    assert rows["53.71"].blank == 1 and rows["53.71"].observed == 1 and rows["53.71"].desa == 2
    assert rows["53.71"].pct_blank == 100 and rows["53.01"].pct_blank is None


def test_filters_and_bad_filter(world):
    assert (
        Client().get("/konektivitas/", {"status": "baik", "jenis": "kantor_opd", "teknologi": "fiber"}).status_code
        == 200
    )
    response = Client().get("/konektivitas/", {"status": "rusak"})
    assert response.status_code == 200
    assert "diabaikan" in response.content.decode()


def test_points_aggregate_into_cells_when_too_many(world, province):
    for i in range(30):
        make_site(province["kota"], f"G-{i:03d}", lat=-10.17 + i * 0.001, lng=123.6)
    found, aggregated = maps.points(maps.Filters(), max_points=10)
    assert aggregated and sum(p.count for p in found) == 32 and len(found) < 10


def test_kabupaten_page(world):
    assert Client().get("/konektivitas/kabupaten/53.71/").status_code == 200
    assert Client().get("/konektivitas/kabupaten/99.99/").status_code == 404


def test_site_page_public_hides_costs(world):
    response = Client().get(f"/konektivitas/titik/{world.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Telkom" in html and "42,50" in html
    assert "1.234.567" not in html
    assert Client().get("/konektivitas/titik/NOPE/").status_code == 404


def test_site_page_shows_costs_to_its_manager(world, province, login):
    client, _user = login(province["kota"], Role.PENGELOLA_TIK)
    assert "1.234.567" in client.get(f"/konektivitas/titik/{world.code}/").content.decode()
    other, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    assert "1.234.567" not in other.get(f"/konektivitas/titik/{world.code}/").content.decode()
