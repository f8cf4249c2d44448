"""/api/v1/katalog/aplikasi|aset|layanan: public reads without internal fields, token writes scoped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from lontar.accounts.models import Role
from lontar.accounts.tokens import api_token_create
from lontar.audit.models import AuditEvent
from lontar.katalog import services
from lontar.katalog.models import Application, InfrastructureAsset
from tests.katalog.helpers import make_app, make_asset, make_service

pytestmark = pytest.mark.django_db
API = "/api/v1/katalog"


def _bearer(login, organisation, role=Role.PENGELOLA_TIK):
    user = login(organisation, role)[1]
    _token, raw = api_token_create(actor=user, name="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def app(province):
    dc = make_asset(province["kabupaten"], "Cloud", kind="komputasi_awan", attributes={"biaya_layanan_per_tahun": 5})
    app = make_app(province["kabupaten_opd"], "SIMPEG Kab", hosting=dc)
    services.security_audit_record(
        actor=None, application=app, audited_on=dt.date(2025, 1, 1), auditor="Rahasia", conclusion="memadai"
    )
    make_service(province["kabupaten_opd"], "Layanan Kepegawaian", applications=[app])
    return app


def test_public_list_and_detail(app):
    client = Client()
    body = client.get(f"{API}/aplikasi").json()
    assert [i["name"] for i in body["items"]] == ["SIMPEG Kab"]
    detail = client.get(f"{API}/aplikasi/{app.code}").json()
    assert detail["services"] and "hosting" not in detail
    assert "Rahasia" not in str(detail)
    assert client.get(f"{API}/aplikasi/TIDAK-ADA").status_code == 404
    assert client.get(f"{API}/layanan").json()["items"][0]["applications"] == [app.code]
    assert client.get(f"{API}/aplikasi?tahap=rusak").status_code == 422


def test_assets_need_a_token_and_hide_costs(app, login, province):
    assert Client().get(f"{API}/aset").status_code == 401
    body = Client().get(f"{API}/aset", **_bearer(login, province["kabupaten"])).json()
    assert [a["kind"] for a in body["items"]] == ["komputasi_awan"]
    assert body["items"][0]["attributes"] == {}
    other = Client().get(f"{API}/aset", **_bearer(login, province["kota"])).json()
    assert other["items"] == []
    code = body["items"][0]["code"]
    assert Client().get(f"{API}/aset/{code}", **_bearer(login, province["kota"])).status_code == 404


def test_token_writes(app, login, province):
    headers = _bearer(login, province["kabupaten"])
    client = Client()
    response = client.post(
        f"{API}/aplikasi",
        {
            "organisation": province["kabupaten_opd"].slug,
            "name": "E-Surat",
            "ownership_class": "khusus_pemda",
            "basis": ["web"],
            "stage": "konsolidasi",
            "replaced_by": app.code,
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    assert response.json()["replaced_by"] == app.code
    response = client.patch(f"{API}/aplikasi/{code}", {"sso": True}, content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["sso"] is True
    assert Application.objects.get(code=code).stage == "konsolidasi"
    assert AuditEvent.objects.filter(action="katalog.application.updated").count() == 1
    # bad input: 422, nothing written
    response = client.post(
        f"{API}/aplikasi",
        {"organisation": province["kabupaten_opd"].slug, "name": "", "ownership_class": "khusus_pemda", "url": "x"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert Application.objects.count() == 2
    # another kabupaten's pengelola: 403 on create there, 404 on change
    other = _bearer(login, province["kota"])
    response = client.post(
        f"{API}/aplikasi",
        {"organisation": province["kabupaten_opd"].slug, "name": "Luar", "ownership_class": "khusus_pemda"},
        content_type="application/json",
        **other,
    )
    assert response.status_code == 403
    assert (
        client.patch(f"{API}/aplikasi/{code}", {"sso": False}, content_type="application/json", **other).status_code
        == 404
    )
    assert client.post(f"{API}/aplikasi", {}, content_type="application/json").status_code == 401


def test_asset_and_service_writes(login, province):
    headers = _bearer(login, province["kabupaten"])
    client = Client()
    response = client.post(
        f"{API}/aset",
        {
            "organisation": province["kabupaten"].slug,
            "kind": "jaringan_intra",
            "name": "Jaringan Intra",
            "ownership": "milik_sendiri",
            "attributes": {"tipe_media": "vsat", "bandwidth_mbps": 4},
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    bad = client.patch(f"{API}/aset/{code}", {"attributes": {"tier": "5"}}, content_type="application/json", **headers)
    assert bad.status_code == 422
    assert InfrastructureAsset.objects.get(code=code).attributes == {"tipe_media": "vsat", "bandwidth_mbps": 4}
    response = client.post(
        f"{API}/layanan",
        {"organisation": province["kabupaten"].slug, "name": "Perizinan Online", "kind": "publik"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    code = response.json()["code"]
    response = client.patch(
        f"{API}/layanan/{code}",
        {"channel_url": "https://izin.example.go.id"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200 and response.json()["channel_url"] == "https://izin.example.go.id"


def test_security_endpoint_is_internal(app, login, province):
    url = f"{API}/aplikasi/{app.code}/keamanan"
    assert Client().get(url).status_code == 401
    body = Client().get(url, **_bearer(login, province["kabupaten"])).json()
    assert body["security_audits"][0]["auditor"] == "Rahasia"
    assert body["risk_ratings"] == []
    assert Client().get(url, **_bearer(login, province["kota"])).status_code == 404
    assert Client().get(url, **_bearer(login, province["province"], Role.ADMIN)).status_code == 200
