"""The weekly status recompute: the rule applied to stored data, rows stored, caches moved forward."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from lontar.konektivitas.models import (
    Connection,
    CoverageObservation,
    Measurement,
    Site,
    SiteWeeklyStatus,
    SpeedBenchmark,
)
from lontar.konektivitas.services.status import status_recompute, week_monday
from lontar.konektivitas.tasks import recompute_status_task
from tests.konektivitas.sites_helpers import IN_KAB, IN_KOTA, KAB_DESA, KOTA_DESA, desa

MONDAY = dt.date(2026, 11, 30)


def site(province, code, desa_code=KAB_DESA, kind="sekolah", point=IN_KAB):
    place = desa(desa_code)
    return Site.objects.create(
        code=code,
        name=code,
        kind=kind,
        desa=place,
        kabupaten_id=desa_code[:5],
        lat=point[0],
        lng=point[1],
        organisation=province["kabupaten"],
    )


def measure(s, mbps, day=MONDAY, flagged=False):
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    Measurement.objects.create(site=s, measured_at=at, download_mbps=mbps, source="manual", flagged=flagged)


@pytest.fixture
def data(province):
    SpeedBenchmark.objects.update_or_create(kind="sekolah", defaults={"good_mbps": 20, "base_mbps": 1, "source": "uji"})
    measured = site(province, "A")
    for mbps in (30, 25, 0.5):  # median 25 > 20
        measure(measured, mbps)
    measure(measured, 0.1, flagged=True)  # flagged: left out
    measure(measured, 0.1, day=MONDAY - dt.timedelta(days=1))  # the week before
    contracted = site(province, "B")
    Connection.objects.create(
        site=contracted, technology="vsat", technology_root="nirkabel", status="aktif", download_contracted_mbps=2
    )
    available = site(province, "C")
    Connection.objects.create(site=available, technology="fiber", technology_root="kabel", status="aktif")
    down = site(province, "D")
    Connection.objects.create(site=down, technology="seluler", technology_root="nirkabel", status="gangguan")
    covered = site(province, "E", KOTA_DESA, point=IN_KOTA)
    CoverageObservation.objects.create(
        desa_id=KOTA_DESA, kabupaten_id="53.71", year=2024, source="podes", internet_signal="3g"
    )
    unknown = site(province, "F")
    ended = site(province, "G")
    Connection.objects.create(
        site=ended, technology="fiber", technology_root="kabel", status="aktif", valid_to=MONDAY - dt.timedelta(days=3)
    )
    return [measured, contracted, available, down, covered, unknown, ended]


def test_recompute_applies_the_rule(data):
    result = status_recompute(week="2026-W49")
    assert result.week == MONDAY and result.sites == 7
    rows = {r.site.code: (r.status, r.rule, r.value) for r in SiteWeeklyStatus.objects.select_related("site")}
    assert rows == {
        "A": ("baik", "diukur", 25.0),
        "B": ("sedang", "kontrak", 2.0),
        "C": ("sedang", "ketersediaan", None),
        "D": ("tidak_ada", "ketersediaan", None),
        "E": ("sedang", "cakupan", None),
        "F": ("tidak_diketahui", "tanpa_data", None),
        "G": ("tidak_diketahui", "tanpa_data", None),
    }
    cached = dict(Site.objects.values_list("code", "status"))
    assert cached["A"] == "baik" and Site.objects.filter(status_week=MONDAY).count() == 7


def test_recompute_is_idempotent_and_moves_caches_forward_only(data):
    status_recompute(week=MONDAY)
    status_recompute(week=MONDAY)
    assert SiteWeeklyStatus.objects.count() == 7
    status_recompute(week=MONDAY - dt.timedelta(days=7))  # an older week: its rows, not the cache
    assert SiteWeeklyStatus.objects.count() == 14
    assert Site.objects.get(code="A").status_week == MONDAY and Site.objects.get(code="A").status == "baik"
    assert SiteWeeklyStatus.objects.get(site__code="A", week=MONDAY - dt.timedelta(days=7)).status == "buruk"


def test_recompute_again_follows_changes_and_counts_the_cache(data):
    """A second recompute of the same week writes what changed (and only that on PostgreSQL):
    a new measurement, a site no longer active (its row of the week goes), the cached status."""
    first = status_recompute(week=MONDAY)
    assert first.cached == 7
    Site.objects.filter(code="G").update(is_active=False)
    measure(data[0], 0.2)
    measure(data[0], 0.3)  # A: 30, 25, 0.5, 0.2, 0.3 -> median 0.5
    again = status_recompute(week=MONDAY)
    assert again.sites == 6 and again.cached == 6
    rows = {r.site.code: (r.status, r.rule, r.value) for r in SiteWeeklyStatus.objects.select_related("site")}
    assert set(rows) == {"A", "B", "C", "D", "E", "F"}
    assert rows["A"] == ("buruk", "diukur", 0.5) and rows["B"] == ("sedang", "kontrak", 2.0)
    assert Site.objects.get(code="A").status == "buruk"
    assert Site.objects.get(code="A").status_rule == "diukur"
    newer = status_recompute(week=MONDAY - dt.timedelta(days=7))
    assert newer.cached == 0  # every cache holds a newer week


def test_one_kabupaten_only(data):
    result = status_recompute(week=MONDAY, kabupaten="53.71")
    assert result.sites == 1 and SiteWeeklyStatus.objects.get().site.code == "E"


def test_week_parsing():
    assert week_monday("2026-W49") == MONDAY == week_monday("2026-12-03") == week_monday(dt.date(2026, 12, 6))
    with pytest.raises(Exception, match="2026-W49"):
        week_monday("minggu lalu")


def test_command_and_task(data, capsys):
    call_command("konektivitas_recompute_status", "--week", "2026-W49")
    assert "7 site(s)" in capsys.readouterr().out
    recompute_status_task.enqueue("2026-W49", "53.01")
    assert SiteWeeklyStatus.objects.filter(week=MONDAY).count() == 7


def test_recompute_writes_only_what_changed(data):
    first = status_recompute(week=MONDAY)
    assert first.written == 7
    assert status_recompute(week=MONDAY).written == 0  # the week already computed: nothing written
    measure(data[0], 0.2)
    measure(data[0], 0.3)  # A's median moves: its row is replaced (one delete, one insert)
    again = status_recompute(week=MONDAY)
    assert again.written == 2 and SiteWeeklyStatus.objects.filter(week=MONDAY).count() == 7


def test_connections_read_only_for_sites_without_a_measured_speed(province):
    """With most sites measured, the connections of the others only are read; the rule's result is
    the same as when every connection is read."""
    SpeedBenchmark.objects.update_or_create(kind="sekolah", defaults={"good_mbps": 20, "base_mbps": 1, "source": "uji"})
    for i in range(8):
        measured = site(province, f"M{i}")
        measure(measured, 30)
        # a measured speed wins over the contract
        Connection.objects.create(
            site=measured, technology="vsat", technology_root="nirkabel", status="aktif", download_contracted_mbps=2
        )
    other = site(province, "K")
    Connection.objects.create(
        site=other, role="cadangan", technology="seluler", technology_root="nirkabel", status="aktif"
    )
    Connection.objects.create(
        site=other, technology="vsat", technology_root="nirkabel", status="aktif", download_contracted_mbps=2
    )
    status_recompute(week=MONDAY)
    rows = {r.site.code: (r.status, r.rule, r.value) for r in SiteWeeklyStatus.objects.select_related("site")}
    assert rows["K"] == ("sedang", "kontrak", 2.0)  # the main connection before the backup
    assert all(rows[f"M{i}"] == ("baik", "diukur", 30.0) for i in range(8))
