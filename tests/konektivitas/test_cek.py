"""Cek koneksi: the page, the chunk/sink/ping endpoints (rate limited), recording, the manual form."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from lontar.accounts.models import Role
from lontar.konektivitas.models import Measurement, MeasurementSource
from lontar.konektivitas.views import cek
from tests.konektivitas.maps_helpers import make_site


@pytest.fixture
def site(province):
    return make_site(province["kota"])


@pytest.fixture
def tik(province, login):
    return login(province["kota"], Role.PENGELOLA_TIK)[0]


def test_page_lists_own_sites_and_explains_without_js(site, tik, province):
    make_site(province["kabupaten"], "K-9", desa_code="53.71.01.1003")
    html = tik.get("/konektivitas/cek/").content.decode()
    assert site.code in html and "K-9" not in html
    assert "<noscript>" in html and "JavaScript" in html
    assert "cek-koneksi.js" in html


def test_anonymous_and_other_roles_kept_out(site, province, login):
    assert Client().get("/konektivitas/cek/").status_code == 302
    viewer = login(province["kota"], Role.WALIDATA)[0]
    assert viewer.get("/konektivitas/cek/").status_code == 403
    assert viewer.get("/konektivitas/cek/unduh/").status_code == 403


def test_download_streams_random_bytes_uncached(tik):
    response = tik.get("/konektivitas/cek/unduh/", {"bytes": 300_000})
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and len(body) == 300_000
    assert "no-store" in response["Cache-Control"]
    import zlib

    assert len(zlib.compress(body)) > 0.95 * len(body)  # incompressible
    assert tik.get("/konektivitas/cek/unduh/", {"bytes": 3 * 1024 * 1024}).status_code == 400
    assert tik.get("/konektivitas/cek/unduh/", {"bytes": "x"}).status_code == 400


def test_upload_sink_counts_and_discards(tik):
    response = tik.post("/konektivitas/cek/unggah/", b"x" * 100_000, content_type="application/octet-stream")
    assert response.status_code == 200 and response.json() == {"bytes": 100_000}
    too_big = tik.post("/konektivitas/cek/unggah/", b"x" * (3 * 1024 * 1024), content_type="application/octet-stream")
    assert too_big.status_code == 413


def test_ping(tik):
    response = tik.get("/konektivitas/cek/ping/")
    assert response.status_code == 200 and response.content == b"ok" and "no-store" in response["Cache-Control"]


def test_chunks_rate_limited(tik, monkeypatch):
    monkeypatch.setattr(cek, "CHUNKS", cek.Limit("kon-cek-chunk-test", max_hits=2, window_seconds=60))
    assert tik.get("/konektivitas/cek/unduh/", {"bytes": 10}).status_code == 200
    assert tik.post("/konektivitas/cek/unggah/", b"x", content_type="application/octet-stream").status_code == 200
    refused = tik.get("/konektivitas/cek/unduh/", {"bytes": 10})
    assert refused.status_code == 429 and refused["Retry-After"]


def test_record_from_script(site, tik):
    body = {
        "site": site.pk,
        "download_mbps": 12.3,
        "upload_mbps": 4.5,
        "latency_ms": 48,
        "data_used_mb": 1.6,
        "lat": -10.1772,
        "lng": 123.607,
        "accuracy_m": 12,
        "device_id": "web-abc",
    }
    response = tik.post("/konektivitas/cek/catat/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    m = Measurement.objects.get()
    assert m.source == MeasurementSource.CEK_KONEKSI and m.data_used_mb == 1.6 and not m.flagged
    assert response.json()["site_url"].endswith(f"/{site.code}/")


def test_record_refuses_absurd_values_and_foreign_sites(site, tik, province):
    bad = tik.post(
        "/konektivitas/cek/catat/", json.dumps({"site": site.pk, "download_mbps": -1}), content_type="application/json"
    )
    assert bad.status_code == 422 and "negatif" in bad.content.decode()
    other = make_site(province["kabupaten"], "K-2", desa_code="53.71.01.1004")
    foreign = tik.post(
        "/konektivitas/cek/catat/", json.dumps({"site": other.pk, "download_mbps": 5}), content_type="application/json"
    )
    assert foreign.status_code == 422
    assert tik.post("/konektivitas/cek/catat/", b"[1]", content_type="application/json").status_code == 400
    assert not Measurement.objects.exists()


def test_record_needs_csrf(site, province, login):
    from django.test import Client as CsrfClient

    from tests.fixtures import _mark_verified

    user = login(province["kota"], Role.PENGELOLA_TIK)[1]
    client = CsrfClient(enforce_csrf_checks=True)
    client.force_login(user)
    _mark_verified(client, user)
    response = client.post(
        "/konektivitas/cek/catat/", json.dumps({"site": site.pk, "download_mbps": 5}), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_manual_form_without_js(site, tik):
    response = tik.post("/konektivitas/cek/", {"site": site.pk, "download_mbps": "20000"})
    assert response.status_code == 422
    assert "Mbps" in response.content.decode() and not Measurement.objects.exists()
    response = tik.post(
        "/konektivitas/cek/", {"site": site.pk, "download_mbps": "8,5".replace(",", "."), "latency_ms": "80"}
    )
    assert response.status_code == 302
    assert Measurement.objects.get().source == MeasurementSource.MANUAL


def test_work_area_for_pengelola_tik_and_admin(province, login):
    from lontar.accounts.work_areas import work_areas

    tik = login(province["kota"], Role.PENGELOLA_TIK)[1]
    assert "/konektivitas/kelola/" in [a.url for a in work_areas(tik)]
    walidata = login(province["kota"], Role.WALIDATA)[1]
    assert "/konektivitas/kelola/" not in [a.url for a in work_areas(walidata)]


def test_site_page_links_managers_to_a_preselected_test(site, tik):
    html = tik.get(f"/konektivitas/titik/{site.code}/").content.decode()
    assert f"/konektivitas/cek/?titik={site.code}" in html
    page = tik.get("/konektivitas/cek/", {"titik": site.code}).content.decode()
    assert f'<option value="{site.pk}" selected>' in page
    assert "/konektivitas/cek/" not in Client().get(f"/konektivitas/titik/{site.code}/").content.decode()
