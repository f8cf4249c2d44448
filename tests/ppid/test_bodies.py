"""Public body settings: service, page, permissions, numbering-format validation, cost table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.ppid.choices import BodyKind
from lontar.ppid.services import CostItemData, public_body_create, public_body_set_costs, public_body_update

pytestmark = pytest.mark.django_db


def _settings_post(body, **overrides):
    data = {
        "number_format": body.number_format,
        "internal_target_days": body.internal_target_days,
        "maklumat_pelayanan": "Kami siap melayani.",
        "service_hours": "Senin–Jumat",
        "contact_email": "",
        "contact_phone": "",
        "address": "",
        "retention_days": body.retention_days,
        "incomplete_sop_enabled": "on",
        "incomplete_notify_days": 3,
        "incomplete_complete_days": 3,
        "accepts_requests": "on",
        "item_0": "Fotokopi A4",
        "unit_0": "lembar",
        "price_0": "500",
        "note_0": "",
    }
    data.update(overrides)
    return data


def test_update_service_checks_role_and_format(bodies, login):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    _, kab = login(bodies["kabupaten"].organisation, Role.PPID)
    with pytest.raises(PermissionDenied):
        public_body_update(actor=kab, body=bodies["province"], changes={"internal_target_days": 5})
    with pytest.raises(ValidationError) as exc:
        public_body_update(actor=ppid, body=bodies["province"], changes={"number_format": "PPID-{year}"})
    assert "number_format" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        public_body_update(actor=ppid, body=bodies["province"], changes={"internal_target_days": 12})
    assert "internal_target_days" in exc.value.message_dict
    with pytest.raises(ValidationError):
        public_body_update(actor=ppid, body=bodies["province"], changes={"is_sample": True})
    body = public_body_update(actor=ppid, body=bodies["province"], changes={"internal_target_days": 5})
    assert body.internal_target_days == 5
    assert AuditEvent.objects.filter(action="ppid.public_body.updated", target_id=str(body.pk)).exists()


def test_cost_table_service(bodies, login):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    public_body_set_costs(actor=ppid, body=bodies["province"], items=[CostItemData("Fotokopi", "lembar", Decimal(500))])
    assert list(bodies["province"].cost_items.values_list("item", "price")) == [("Fotokopi", Decimal(500))]
    for bad in (
        CostItemData("", "lembar", Decimal(1)),
        CostItemData("x\ny", "lembar", Decimal(1)),
        CostItemData("x", "y", Decimal(-1)),
    ):
        with pytest.raises(ValidationError):
            public_body_set_costs(actor=ppid, body=bodies["province"], items=[bad])
    assert bodies["province"].cost_items.count() == 1


def test_create_service_is_province_admin_only(province, login):
    _, admin = login(province["province"], Role.ADMIN)
    _, kab_admin = login(province["kabupaten"], Role.ADMIN)
    with pytest.raises(PermissionDenied):
        public_body_create(actor=kab_admin, organisation=province["kabupaten"], kind=BodyKind.UTAMA, code="kab")
    utama = public_body_create(actor=admin, organisation=province["province"], kind=BodyKind.UTAMA, code="prov")
    with pytest.raises(ValidationError):
        public_body_create(actor=admin, organisation=province["province_opd"], kind=BodyKind.PELAKSANA, code="opd")
    with pytest.raises(ValidationError):
        public_body_create(
            actor=admin, organisation=province["kota"], kind=BodyKind.UTAMA, code="kota", number_format="{year}"
        )
    pelaksana = public_body_create(
        actor=admin, organisation=province["province_opd"], kind=BodyKind.PELAKSANA, code="opd", parent=utama
    )
    assert pelaksana.parent == utama


def test_settings_page(bodies, login):
    client, _ = login(bodies["province"].organisation, Role.PPID)
    body = bodies["province"]
    assert client.get(reverse("ppid:staff_bodies")).status_code == 200
    url = reverse("ppid:staff_body", args=[body.slug])
    assert client.get(url).status_code == 200
    bad = client.post(url, _settings_post(body, number_format="{secret}"))
    assert bad.status_code == 400 and "number_format" in bad.context["form"].errors
    bad_cost = client.post(url, _settings_post(body, item_1="Cetak", unit_1=""))
    assert bad_cost.status_code == 400
    assert client.post(url, _settings_post(body)).status_code == 302
    body.refresh_from_db()
    assert body.maklumat_pelayanan == "Kami siap melayani." and body.cost_items.count() == 1
    page = client.get(reverse("ppid:body", args=[body.slug])).content.decode()
    assert "Kami siap melayani." in page and "Fotokopi A4" in page
    other, _ = login(bodies["kabupaten"].organisation, Role.PPID)
    assert other.get(url).status_code == 404


def test_settings_page_sets_the_signatory_and_checks_the_nip(bodies, login):
    client, _ = login(bodies["province"].organisation, Role.PPID)
    body = bodies["province"]
    url = reverse("ppid:staff_body", args=[body.slug])
    signatory = {"sig-signatory_name": "Yohanes Bere", "sig-signatory_position": "PPID Utama"}
    bad = client.post(url, {**_settings_post(body), **signatory, "sig-signatory_nip": "12345"})
    assert bad.status_code == 400 and "signatory_nip" in bad.context["signatory"].errors
    body.refresh_from_db()
    body.organisation.refresh_from_db()
    # nothing half-written: the other settings of the same form were rolled back too
    assert body.organisation.signatory_name == "" and body.maklumat_pelayanan != "Kami siap melayani."
    ok = client.post(url, {**_settings_post(body), **signatory, "sig-signatory_nip": "198001012005011001"})
    assert ok.status_code == 302
    body.organisation.refresh_from_db()
    assert body.organisation.signatory_nip == "198001012005011001"
    assert body.organisation.signatory_position == "PPID Utama"
    assert 'value="Yohanes Bere"' in client.get(url).content.decode()
