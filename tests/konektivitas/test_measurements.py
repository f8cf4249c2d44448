"""measurement_record / measurement_record_batch: plausibility, distance flag, flood limit, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.konektivitas.models import Measurement
from lontar.konektivitas.services.measurements import (
    BatchInvalid,
    MeasurementFlood,
    MeasurementValues,
    haversine_m,
    measurement_record,
    measurement_record_batch,
)
from tests.konektivitas.maps_helpers import make_site


@pytest.fixture
def site(province):
    return make_site(province["kota"])


@pytest.fixture
def tik(province, login):
    return login(province["kota"], Role.PENGELOLA_TIK)[1]


def test_haversine_known_distance():
    # one degree of latitude is about 111.2 km
    assert haversine_m(-10.0, 123.0, -11.0, 123.0) == pytest.approx(111_195, rel=1e-3)
    assert haversine_m(-10.0, 123.0, -10.0, 123.0) == 0


@given(st.floats(-11, -8), st.floats(118, 125), st.floats(-11, -8), st.floats(118, 125))
def test_haversine_symmetric_and_non_negative(a, b, c, d):
    assert haversine_m(a, b, c, d) == pytest.approx(haversine_m(c, d, a, b), abs=1e-6)
    assert haversine_m(a, b, c, d) >= 0


def test_records_with_distance_and_audit(site, tik):
    m = measurement_record(
        actor=tik,
        site=site,
        values=MeasurementValues(
            download_mbps=12.5, upload_mbps=3, latency_ms=40, detected_lat=-10.1773, detected_lng=123.607
        ),
        ip="203.0.113.9",
    )
    assert m.distance_to_site_m is not None and m.distance_to_site_m < 50
    assert not m.flagged
    assert m.recorded_by == tik and m.ip_hash and "203.0.113.9" not in m.ip_hash
    event = AuditEvent.objects.get(action="konektivitas.measurement.recorded")
    assert event.data["site"] == site.code


def test_far_measurement_is_flagged(site, tik):
    m = measurement_record(
        actor=tik, site=site, values=MeasurementValues(download_mbps=5, detected_lat=-10.25, detected_lng=123.607)
    )
    assert m.flagged and m.flag_reason == "far_from_site" and m.distance_to_site_m > 1000


@override_settings(KONEKTIVITAS_FLAG_DISTANCE_M=20_000)
def test_flag_distance_is_a_setting(site, tik):
    m = measurement_record(
        actor=tik, site=site, values=MeasurementValues(download_mbps=5, detected_lat=-10.25, detected_lng=123.607)
    )
    assert not m.flagged


@pytest.mark.parametrize(
    ("values", "field", "fragment"),
    [
        (MeasurementValues(download_mbps=-1), "download_mbps", "negatif"),
        (MeasurementValues(download_mbps=20_000), "download_mbps", "Mbps"),
        (MeasurementValues(upload_mbps=10_001), "upload_mbps", "Mbps"),
        (MeasurementValues(latency_ms=70_000), "latency_ms", "ms"),
        (MeasurementValues(download_mbps=1, packet_loss_pct=101), "packet_loss_pct", "100"),
        (MeasurementValues(download_mbps=1, packet_loss_pct=-3), "packet_loss_pct", "negatif"),
        (MeasurementValues(), "download_mbps", "kecepatan"),
        (MeasurementValues(download_mbps=float("nan")), "download_mbps", "angka"),
        (MeasurementValues(download_mbps=1, detected_lat=-10.0), "detected_lat", "lintang"),
        (MeasurementValues(download_mbps=1, detected_lat=-100, detected_lng=500), "detected_lat", "koordinat"),
        (
            MeasurementValues(download_mbps=1, measured_at=timezone.now() + dt.timedelta(days=2)),
            "measured_at",
            "masa depan",
        ),
    ],
)
def test_implausible_values_refused_in_indonesian(site, tik, values, field, fragment):
    with pytest.raises(ValidationError) as info:
        measurement_record(actor=tik, site=site, values=values)
    messages = " ".join(info.value.message_dict[field])
    assert fragment.lower() in messages.lower()
    assert not Measurement.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="konektivitas.").exists()


def test_other_organisation_refused(province, login, site):
    other = login(province["kabupaten"], Role.PENGELOLA_TIK)[1]
    with pytest.raises(PermissionDenied):
        measurement_record(actor=other, site=site, values=MeasurementValues(download_mbps=5))
    viewer = login(province["kota"], Role.VIEWER)[1]
    with pytest.raises(PermissionDenied):
        measurement_record(actor=viewer, site=site, values=MeasurementValues(download_mbps=5))


def test_province_admin_may_record(province, login, site):
    admin = login(province["province"], Role.ADMIN)[1]
    assert measurement_record(actor=admin, site=site, values=MeasurementValues(download_mbps=5)).pk


@override_settings(KONEKTIVITAS_DEVICE_HOURLY_LIMIT=3)
def test_flood_from_one_device_refused(site, tik):
    for _i in range(3):
        measurement_record(actor=tik, site=site, values=MeasurementValues(download_mbps=5, device_id="hp-1"))
    with pytest.raises(MeasurementFlood) as info:
        measurement_record(actor=tik, site=site, values=MeasurementValues(download_mbps=5, device_id="hp-1"))
    assert "3" in str(info.value)
    assert Measurement.objects.count() == 3
    # another device is not affected
    measurement_record(actor=tik, site=site, values=MeasurementValues(download_mbps=5, device_id="hp-2"))


def test_batch_writes_all_with_one_audit_event(site, tik, province):
    other = make_site(province["kota"], "S-002", lat=-10.16, lng=123.6)
    items = [
        (site if i % 2 else other, MeasurementValues(download_mbps=i, source="snmp", device_id=f"probe-{i % 5}"))
        for i in range(40)
    ]
    result = measurement_record_batch(actor=tik, items=items)
    assert result.count == 40 == Measurement.objects.count()
    assert AuditEvent.objects.filter(action="konektivitas.measurement.batch_recorded").count() == 1
    event = AuditEvent.objects.get(action="konektivitas.measurement.batch_recorded")
    assert event.data["count"] == 40 and event.data["site_count"] == 2


def test_batch_with_one_bad_row_writes_nothing(site, tik):
    items = [(site, MeasurementValues(download_mbps=5)) for _i in range(10)]
    items[7] = (site, MeasurementValues(download_mbps=-5))
    with pytest.raises(BatchInvalid) as info:
        measurement_record_batch(actor=tik, items=items)
    assert list(info.value.rows) == [7]
    assert "items.7.download_mbps" in info.value.message_dict
    assert not Measurement.objects.exists()


@override_settings(KONEKTIVITAS_DEVICE_HOURLY_LIMIT=10)
def test_batch_flood_refused_whole_and_not_counted(site, tik):
    items = [(site, MeasurementValues(download_mbps=5, device_id="probe")) for _i in range(11)]
    with pytest.raises(MeasurementFlood):
        measurement_record_batch(actor=tik, items=items)
    assert not Measurement.objects.exists()
    # the refused batch did not use up the quota
    assert measurement_record_batch(actor=tik, items=items[:10]).count == 10
