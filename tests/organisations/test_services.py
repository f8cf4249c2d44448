"""organisation_create / organisation_update: permission, validation, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.audit.models import AuditEvent
from lontar.organisations.models import Organisation, Region
from lontar.organisations.services import organisation_create, organisation_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(province, login):
    return login(province["province"], "admin")[1]


def test_province_admin_creates_an_opd_with_an_audit_event(province, admin):
    parent = province["kabupaten"]
    org = organisation_create(
        actor=admin,
        name="Dinas Perikanan Kabupaten Kupang",
        kind="opd",
        region=parent.region,
        parent=parent,
        opd_type="dinas",
    )
    assert org.slug == "dinas-perikanan-kabupaten-kupang"
    event = AuditEvent.objects.get(action="organisations.organisation.created")
    assert event.target_id == str(org.pk) and event.organisation_id == org.pk


@pytest.mark.parametrize(
    ("org_key", "role"), [("kabupaten", "admin"), ("province", "walidata"), ("province_opd", "viewer")]
)
def test_others_may_not_create(province, login, org_key, role):
    _, user = login(province[org_key], role)
    with pytest.raises(PermissionDenied):
        organisation_create(actor=user, name="X", kind="instansi", region=province["kota"].region)
    assert not Organisation.objects.filter(name="X").exists()


def test_anonymous_may_not_create(province):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        organisation_create(actor=AnonymousUser(), name="X", kind="instansi", region=province["kota"].region)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "opd", "opd_type": "dinas"}, "parent"),
        ({"kind": "opd", "parent_key": "kabupaten"}, "opd_type"),
        ({"kind": "opd", "parent_key": "kabupaten_opd", "opd_type": "dinas"}, "parent"),
        ({"kind": "opd", "parent_key": "kota", "opd_type": "dinas"}, "region"),
        ({"kind": "instansi", "opd_type": "dinas"}, "opd_type"),
        ({"kind": "instansi", "parent_key": "province"}, "parent"),
        ({"kind": "nonsense"}, "kind"),
        ({"kind": "instansi", "website": "javascript:alert(1)"}, "website"),
        ({"kind": "instansi", "email": "bukan-email"}, "email"),
        ({"kind": "instansi", "name": "x" * 10_000}, "name"),
        ({"kind": "instansi", "slug": "<script>"}, "slug"),
        ({"kind": "instansi", "slug": "test-pemkab-kupang"}, "slug"),
    ],
)
def test_invalid_values_are_refused_and_nothing_is_written(province, admin, kwargs, field):
    kwargs = dict(kwargs)
    parent_key = kwargs.pop("parent_key", None)
    count = Organisation.objects.count()
    with pytest.raises(ValidationError) as info:
        organisation_create(
            actor=admin,
            name=kwargs.pop("name", "Badan Baru"),
            region=province["kabupaten"].region,
            parent=province[parent_key] if parent_key else None,
            **kwargs,
        )
    assert field in info.value.message_dict
    assert Organisation.objects.count() == count
    assert not AuditEvent.objects.filter(action="organisations.organisation.created").exists()


def test_instansi_must_be_province_or_kabkota(province, admin):
    kecamatan = Region.objects.create(code="53.01.04", name="Semau", level="kecamatan", parent_id="53.01")
    with pytest.raises(ValidationError):
        organisation_create(actor=admin, name="Pemerintah Kecamatan", kind="instansi", region=kecamatan)


def test_unknown_fields_are_refused(province, admin):
    with pytest.raises(ValidationError):
        organisation_create(actor=admin, name="X", kind="instansi", region=province["kota"].region, kind_of="x")
    with pytest.raises(ValidationError):
        organisation_update(actor=admin, organisation=province["kota"], region_id="53")


def test_update_records_old_and_new_values(province, admin):
    org = province["kabupaten_opd"]
    organisation_update(actor=admin, organisation=org, phone="0380-123", is_sample=False)
    org.refresh_from_db()
    assert org.phone == "0380-123"
    event = AuditEvent.objects.get(action="organisations.organisation.updated")
    assert event.data["changes"]["phone"] == ["", "0380-123"]


def test_update_without_change_records_nothing(province, admin):
    organisation_update(actor=admin, organisation=province["kota"], phone="")
    assert not AuditEvent.objects.filter(action="organisations.organisation.updated").exists()


def test_bad_update_leaves_the_record_as_it_was(province, admin):
    org = province["kota"]
    with pytest.raises(ValidationError):
        organisation_update(actor=admin, organisation=org, email="not an e-mail", phone="1")
    org.refresh_from_db()
    assert org.email == "" and org.phone == ""
    assert not AuditEvent.objects.filter(action="organisations.organisation.updated").exists()


def test_kabupaten_admin_may_not_update(province, login):
    _, user = login(province["kabupaten"], "admin")
    with pytest.raises(PermissionDenied):
        organisation_update(actor=user, organisation=province["kabupaten_opd"], phone="1")
