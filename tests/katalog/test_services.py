"""Services of the registry: each change audited, bad input refused with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.katalog import services
from lontar.katalog.models import (
    Application,
    AssetKind,
    AuditConclusion,
    InfrastructureAsset,
    RiskRating,
    SecurityAudit,
    Stage,
)
from tests.katalog.helpers import make_app, make_asset, make_service

pytestmark = pytest.mark.django_db


def test_create_application_is_audited(province, login):
    _client, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    app = services.application_create(
        actor=user,
        organisation=province["kabupaten_opd"],
        values={"name": "  SIMPEG   Kab ", "ownership_class": "khusus_pemda", "basis": ["mobile", "web", "web"]},
    )
    assert app.name == "SIMPEG Kab"
    assert app.basis == ["web", "mobile"]
    assert app.code.startswith("APL-")
    event = AuditEvent.objects.get(action="katalog.application.created")
    assert event.actor == user and event.target_id == str(app.pk)


def test_pengelola_of_another_kabupaten_refused(province, login):
    _client, user = login(province["kota"], Role.PENGELOLA_TIK)
    with pytest.raises(PermissionDenied):
        services.application_create(
            actor=user, organisation=province["kabupaten"], values={"name": "X", "ownership_class": "khusus_pemda"}
        )
    assert not Application.objects.filter(name="X").exists()


def test_bad_values_refused_in_indonesian(province):
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        make_app(province["kabupaten"], name="", url="bukan url", year_built=1900, basis=["kertas"])
    errors = exc.value.message_dict
    assert set(errors) >= {"name", "url", "year_built", "basis"}
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="katalog.").exists()


def test_consolidation_needs_a_replacement_and_no_cycle(province):
    org = province["kabupaten"]
    old = make_app(org, "E-Surat Lama")
    new = make_app(org, "SRIKANDI", ownership_class="umum_nasional")
    with pytest.raises(ValidationError) as exc:
        services.application_set_stage(actor=None, application=old, stage=Stage.KONSOLIDASI)
    assert "replaced_by" in exc.value.message_dict
    services.application_set_stage(actor=None, application=old, stage=Stage.KONSOLIDASI, replaced_by=new)
    old.refresh_from_db()
    assert old.replaced_by == new and old.stage == Stage.KONSOLIDASI
    with pytest.raises(ValidationError):
        services.application_set_stage(actor=None, application=new, stage=Stage.KONSOLIDASI, replaced_by=old)
    assert AuditEvent.objects.filter(action="katalog.application.stage_changed").count() == 1


def test_replacement_only_in_consolidation_or_retirement(province):
    org = province["kabupaten"]
    new = make_app(org, "Baru")
    with pytest.raises(ValidationError) as exc:
        make_app(org, "Lama", stage=Stage.OPERASIONAL, replaced_by=new)
    assert "replaced_by" in exc.value.message_dict


def test_hosting_must_be_a_computing_asset(province):
    org = province["kabupaten"]
    router = make_asset(org, "Router", kind=AssetKind.PERANGKAT_JARINGAN)
    dc = make_asset(org, "Pusat Data", attributes={"tier": "2", "bandwidth_internet_mbps": "100"})
    assert dc.attributes == {"tier": "2", "bandwidth_internet_mbps": 100}
    with pytest.raises(ValidationError) as exc:
        make_app(org, hosting=router)
    assert "hosting" in exc.value.message_dict
    assert make_app(org, hosting=dc).hosting == dc


def test_asset_attributes_validated_per_kind(province):
    org = province["kabupaten"]
    with pytest.raises(ValidationError) as exc:
        make_asset(org, attributes={"tier": "9", "warna": "merah", "bandwidth_internet_mbps": "-3"})
    assert len(exc.value.message_dict["attributes"]) == 3
    with pytest.raises(ValidationError) as exc:
        make_asset(org, kind=AssetKind.SERVER, licence_valid_until=dt.date(2027, 1, 1))
    assert "licence_valid_until" in exc.value.message_dict
    sw = make_asset(
        org, "Lisensi DB", kind=AssetKind.PERANGKAT_LUNAK_BASIS_DATA, licence_valid_until=dt.date(2027, 1, 1)
    )
    assert sw.licence_valid_until == dt.date(2027, 1, 1)
    assert InfrastructureAsset.objects.count() == 1


def test_update_records_what_changed(province):
    app = make_app(province["kabupaten"], "Lama")
    services.application_update(actor=None, application=app, values={"name": "Baru", "sso": True})
    event = AuditEvent.objects.get(action="katalog.application.updated")
    assert event.data["changed"] == {"name": ["Lama", "Baru"], "sso": [False, True]}


def test_security_audit_and_risk_history(province, login):
    _client, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    app = make_app(province["kabupaten"])
    with pytest.raises(ValidationError) as exc:
        services.security_audit_record(
            actor=user, application=app, audited_on=dt.date(2025, 3, 1), auditor="BSSN", conclusion="tidak_memadai"
        )
    assert "follow_up" in exc.value.message_dict
    services.security_audit_record(
        actor=user,
        application=app,
        audited_on=dt.date(2025, 3, 1),
        auditor="BSSN",
        conclusion=AuditConclusion.PERLU_PENINGKATAN,
        follow_up="Perbaiki konfigurasi TLS",
    )
    assert SecurityAudit.objects.count() == 1
    with pytest.raises(ValidationError):
        services.risk_rate(actor=user, application=app, rating=6)
    with pytest.raises(ValidationError):
        services.risk_rate(actor=user, application=app, rating=1)  # high risk needs a note
    services.risk_rate(actor=user, application=app, rating=2, note="Belum ada cadangan data")
    services.risk_rate(actor=user, application=app, rating=4)
    assert list(RiskRating.objects.values_list("rating", flat=True).order_by("id")) == [2, 4]
    assert RiskRating.objects.first().rated_by == user
    assert AuditEvent.objects.filter(action="katalog.risk.rated").count() == 2


def test_service_links_applications(province):
    app = make_app(province["kabupaten"])
    service = make_service(province["kabupaten_opd"], applications=[app])
    assert list(app.services.all()) == [service]
    services.service_update(actor=None, service=service, values={"channel_url": "https://layanan.example.go.id"})
    service.refresh_from_db()
    assert list(service.applications.all()) == [app]
