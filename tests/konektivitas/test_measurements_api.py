"""POST /api/v1/katalog/pengukuran (token, batches) and GET (a site's public measurements)."""

from __future__ import annotations

import time

import pytest
from django.test import Client, override_settings

from lontar.accounts.models import Role
from lontar.accounts.tokens import api_token_create
from lontar.konektivitas.models import Measurement
from tests.konektivitas.maps_helpers import make_site

URL = "/api/v1/katalog/pengukuran"


@pytest.fixture
def site(province):
    return make_site(province["kota"])


@pytest.fixture
def bearer(province, login):
    user = login(province["kota"], Role.PENGELOLA_TIK)[1]
    _token, raw = api_token_create(actor=user, name="probe")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _post(body, headers):
    return Client().post(URL, body, content_type="application/json", **headers)


def test_anonymous_refused(site):
    response = _post({"items": [{"site": site.code, "download_mbps": 5}]}, {})
    assert response.status_code == 401
    assert not Measurement.objects.exists()


def test_batch_recorded(site, bearer):
    items = [{"site": site.code, "download_mbps": 5 + i, "source": "snmp", "device_id": f"p{i % 3}"} for i in range(30)]
    response = _post({"items": items}, bearer)
    assert response.status_code == 201, response.content
    assert response.json()["count"] == 30 == Measurement.objects.count()


def test_unknown_site_and_bad_value_named_by_row(site, bearer):
    response = _post({"items": [{"site": site.code, "download_mbps": 5}, {"site": "NOPE", "download_mbps": 1}]}, bearer)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert any(e["field"] == "items.1.site" for e in response.json()["errors"])
    response = _post({"items": [{"site": site.code, "download_mbps": -5}]}, bearer)
    assert response.status_code == 422
    assert "negatif" in response.json()["detail"]
    assert not Measurement.objects.exists()


def test_a_nul_in_an_item_is_a_422_on_every_database(site, bearer):
    # PostgreSQL cannot hold NUL in text: it was a 500 there (schemathesis found it)
    for item in ({"site": "K\x00-1", "download_mbps": 5}, {"site": site.code, "device_id": "p\x00"}):
        response = _post({"items": [item]}, bearer)
        assert response.status_code == 422, response.content
        assert response["Content-Type"] == "application/problem+json"
        assert "tidak diizinkan" in response.json()["errors"][0]["message"]
    assert not Measurement.objects.exists()


def test_other_organisations_site_refused(province, bearer):
    other = make_site(province["kabupaten"], "K-1", desa_code="53.71.01.1002")
    response = _post({"items": [{"site": other.code, "download_mbps": 5}]}, bearer)
    assert response.status_code == 422
    assert not Measurement.objects.exists()


@override_settings(KONEKTIVITAS_DEVICE_HOURLY_LIMIT=5)
def test_flood_is_429(site, bearer):
    items = [{"site": site.code, "download_mbps": 5, "device_id": "probe-9"} for _i in range(6)]
    response = _post({"items": items}, bearer)
    assert response.status_code == 429
    assert "perangkat" in response.json()["title"] + response.json().get("detail", "")
    assert not Measurement.objects.exists()


@override_settings(KONEKTIVITAS_DEVICE_HOURLY_LIMIT=100_000)
def test_ingest_rate_at_least_500_per_second(site, bearer):
    """Best of three batches of 2000, in CPU time of this process (client, server and SQLite all
    run here on SQLite; on PostgreSQL the server's own time is not counted): wall time on a machine
    shared with other test runs says more about them. bench/katalog.py --part ingest measures wall
    time over HTTP batches."""
    best = 0.0
    for attempt in range(3):
        items = [
            {"site": site.code, "download_mbps": 10, "latency_ms": 40, "device_id": f"p{attempt}-{i % 50}"}
            for i in range(2000)
        ]
        started = time.process_time()
        response = _post({"items": items}, bearer)
        best = max(best, 2000 / max(time.process_time() - started, 1e-6))
        assert response.status_code == 201
        if best >= 500:
            break
    assert best >= 500, f"{best:.0f} measurements/s"


def test_public_list_of_a_site(site, bearer):
    _post({"items": [{"site": site.code, "download_mbps": 7, "device_id": "secret-device"}]}, bearer)
    response = Client().get(URL, {"site": site.code})
    assert response.status_code == 200
    body = response.json()
    assert body["items"][0]["download_mbps"] == 7
    assert "secret-device" not in response.content.decode()
    assert Client().get(URL, {"site": "NOPE"}).status_code == 404
