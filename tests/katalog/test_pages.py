"""Staff and public pages: scoping (404 out of reach), forms, public pages without internal fields."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.katalog import services
from lontar.katalog.models import Application, SecurityAudit
from tests.katalog.helpers import make_app, make_asset, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(province):
    kab = province["kabupaten_opd"]
    asset = make_asset(kab, "Server Diskominfo Kab", kind="server")
    app = make_app(kab, "SIMPEG Kab", url="https://simpeg.example.go.id", hosting=asset)
    services.security_audit_record(
        actor=None,
        application=app,
        audited_on=dt.date(2025, 1, 10),
        auditor="Auditor Rahasia",
        conclusion="tidak_memadai",
        follow_up="Tindak lanjut rahasia",
    )
    services.risk_rate(actor=None, application=app, rating=2, note="Catatan risiko rahasia")
    service = make_service(kab, "Layanan Kepegawaian", applications=[app])
    return {"app": app, "asset": asset, "service": service}


def _staff_urls(records):
    app, asset, service = records["app"], records["asset"], records["service"]
    return [
        reverse("katalog:manage_application", args=[app.pk]),
        reverse("katalog:manage_application_edit", args=[app.pk]),
        reverse("katalog:manage_asset", args=[asset.pk]),
        reverse("katalog:manage_asset_edit", args=[asset.pk]),
        reverse("katalog:manage_service", args=[service.pk]),
        reverse("katalog:manage_service_edit", args=[service.pk]),
    ]


@pytest.mark.parametrize(
    ("place", "role", "expected"),
    [
        ("kabupaten", Role.PENGELOLA_TIK, 200),
        ("kabupaten_opd", Role.PENGELOLA_TIK, 200),
        ("province", Role.ADMIN, 200),
        ("kota", Role.PENGELOLA_TIK, 404),
        ("province", Role.PENGELOLA_TIK, 404),
    ],
)
def test_staff_pages_scoped(records, login, province, place, role, expected):
    client, _user = login(province[place], role)
    for url in _staff_urls(records):
        assert client.get(url).status_code == expected, url


def test_other_roles_refused(records, login, province):
    client, _user = login(province["kabupaten"], Role.WALIDATA)
    assert client.get(reverse("katalog:manage_index")).status_code == 403
    assert Client().get(reverse("katalog:manage_index")).status_code == 302


def test_list_shows_only_own_records(records, login, province):
    make_app(province["kota_opd"], "Aplikasi Kota")
    client, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    body = client.get(reverse("katalog:manage_index")).content.decode()
    assert "SIMPEG Kab" in body and "Aplikasi Kota" not in body
    assert "Tidak Memadai" in body  # the attention list


def test_detail_shows_internal_fields(records, login, province):
    client, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    body = client.get(reverse("katalog:manage_application", args=[records["app"].pk])).content.decode()
    assert "Auditor Rahasia" in body and "Catatan risiko rahasia" in body
    assert "Aplikasi didaftarkan" in body or "Application registered" in body


def test_public_pages_hide_internal_fields(records):
    client = Client()
    app = records["app"]
    for url in (
        reverse("katalog:index"),
        reverse("katalog:application", args=[app.code]),
        reverse("katalog:services"),
        reverse("katalog:service", args=[records["service"].code]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Rahasia" not in body and "rahasia" not in body
    assert "simpeg.example.go.id" in client.get(reverse("katalog:application", args=[app.code])).content.decode()
    assert client.get(reverse("katalog:application", args=["TIDAK-ADA"])).status_code == 404


def test_create_form_round_trip(login, province):
    client, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    url = reverse("katalog:manage_application_create")
    assert client.get(url).status_code == 200
    data = {
        "organisation": province["kabupaten_opd"].pk,
        "name": "E-Kinerja",
        "ownership_class": "khusus_pemda",
        "stage": "operasional",
        "basis": ["web", "mobile"],
        "url": "https://ekinerja.example.go.id",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    app = Application.objects.get(name="E-Kinerja")
    assert app.basis == ["web", "mobile"]
    bad = client.post(url, {**data, "organisation": province["kota_opd"].pk, "name": "Luar"})
    assert bad.status_code == 400
    assert not Application.objects.filter(name="Luar").exists()


def test_stage_audit_risk_forms(records, login, province):
    client, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    app = records["app"]
    response = client.post(reverse("katalog:manage_application_stage", args=[app.pk]), {"stage": "konsolidasi"})
    assert response.status_code == 400
    response = client.post(
        reverse("katalog:manage_application_audit", args=[app.pk]),
        {"audited_on": "2026-01-05", "auditor": "BSSN", "conclusion": "memadai"},
    )
    assert response.status_code == 302
    assert SecurityAudit.objects.filter(application=app, conclusion="memadai").exists()
    response = client.post(reverse("katalog:manage_application_risk", args=[app.pk]), {"rating": "5"})
    assert response.status_code == 302


def test_asset_and_service_forms(login, province):
    client, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    response = client.post(
        reverse("katalog:manage_asset_create"),
        {
            "organisation": province["kabupaten"].pk,
            "kind": "jaringan_intra",
            "name": "Jaringan Intra Kab",
            "ownership": "milik_sendiri",
            "status": "deployable",
            "attributes": '{"tipe_media": "Fiber Optic", "bandwidth_mbps": 100}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    bad = client.post(
        reverse("katalog:manage_asset_create"),
        {
            "organisation": province["kabupaten"].pk,
            "kind": "server",
            "name": "Server",
            "ownership": "milik_sendiri",
            "status": "deployable",
            "attributes": "{tidak json",
        },
    )
    assert bad.status_code == 400
    response = client.post(
        reverse("katalog:manage_service_create"),
        {"organisation": province["kabupaten"].pk, "name": "Perizinan", "kind": "publik"},
    )
    assert response.status_code == 302
    assert client.get(reverse("katalog:manage_assets")).status_code == 200
    assert client.get(reverse("katalog:manage_services")).status_code == 200
