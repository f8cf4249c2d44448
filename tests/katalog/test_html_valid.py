"""The Katalog TIK pages are valid HTML (Nu Html Checker), rendered from the test province; the
whole-demo check (tests/conformance) covers them with the sample data too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.katalog import services
from tests.conformance import vnu
from tests.katalog.helpers import make_app, make_asset, make_service

pytestmark = pytest.mark.django_db


def test_katalog_pages_are_valid_html(province, login):
    vnu.require_vnu()
    org = province["kabupaten_opd"]
    asset = make_asset(org, "Pusat Data", attributes={"tier": "3"})
    new = make_app(org, "Aplikasi Baru", hosting=asset, url="https://baru.example.go.id")
    old = make_app(org, "Aplikasi Lama", stage="konsolidasi", replaced_by=new)
    services.security_audit_record(
        actor=None,
        application=new,
        audited_on=dt.date(2024, 1, 2),
        auditor="BSSN",
        conclusion="tidak_memadai",
        follow_up="Perbaikan",
    )
    services.risk_rate(actor=None, application=new, rating=2, note="Catatan")
    service = make_service(org, "Layanan", applications=[new, old])
    staff, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    anonymous = Client()
    pages = {
        "index": (anonymous, reverse("katalog:index") + "?tahap=konsolidasi"),
        "application": (anonymous, reverse("katalog:application", args=[old.code])),
        "services": (anonymous, reverse("katalog:services")),
        "service": (anonymous, reverse("katalog:service", args=[service.code])),
        "manage_index": (staff, reverse("katalog:manage_index")),
        "manage_application": (staff, reverse("katalog:manage_application", args=[new.pk])),
        "manage_application_edit": (staff, reverse("katalog:manage_application_edit", args=[new.pk])),
        "manage_application_create": (staff, reverse("katalog:manage_application_create")),
        "manage_assets": (staff, reverse("katalog:manage_assets")),
        "manage_asset": (staff, reverse("katalog:manage_asset", args=[asset.pk])),
        "manage_asset_edit": (staff, reverse("katalog:manage_asset_edit", args=[asset.pk])),
        "manage_services": (staff, reverse("katalog:manage_services")),
        "manage_service": (staff, reverse("katalog:manage_service", args=[service.pk])),
        "manage_service_edit": (staff, reverse("katalog:manage_service_edit", args=[service.pk])),
        "manage_import": (staff, reverse("katalog:manage_import")),
    }
    html = {}
    for label, (client, url) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html[label] = response.content.decode()
    bad = staff.post(reverse("katalog:manage_application_risk", args=[new.pk]), {"rating": "9"})
    assert bad.status_code == 400
    html["risk_error"] = bad.content.decode()
    errors = vnu.check(html)
    assert not errors, "\n".join(str(e) for e in errors)
