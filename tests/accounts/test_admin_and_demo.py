"""Django admin for superusers only; demo_users and totp_code commands."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts.demo import DEMO_PASSWORD, DEMO_USERS, demo_totp_key
from lontar.accounts.models import Membership, Role, User
from lontar.organisations.models import OpdType, Organisation, OrganisationKind
from tests.accounts.helpers import code_for, make_user

pytestmark = pytest.mark.django_db


def test_staff_member_is_refused_at_django_admin(login, province):
    client, _ = login(province["province"], Role.ADMIN)
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/django-admin/login/")
    assert client.get("/django-admin/accounts/user/").status_code == 302
    # no redirect loop through the sign-in page: a signed-in non-superuser is refused
    assert client.get(response["Location"]).status_code == 403


def test_django_admin_login_goes_through_lontar_sign_in():
    response = Client().get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=%2Fdjango-admin%2F"


def test_superuser_needs_the_second_step_for_admin(db):
    root = make_user("root@uji.go.id", is_superuser=True, is_staff=True, device=True)
    client = Client()
    client.force_login(root)
    assert client.get("/django-admin/").status_code == 302
    assert client.get("/django-admin/login/?next=/django-admin/")["Location"].startswith("/akun/2fa/")


def test_verified_superuser_uses_admin(login, db):
    root = make_user("root@uji.go.id", is_superuser=True, is_staff=True)
    client, _ = login(None, None, email=root.email)
    assert client.get("/django-admin/").status_code == 200
    for path in (
        "/django-admin/accounts/user/",
        "/django-admin/accounts/membership/",
        "/django-admin/accounts/apitoken/",
    ):
        assert client.get(path).status_code == 200
    assert client.get("/django-admin/accounts/user/add/").status_code == 200
    assert client.get(f"/django-admin/accounts/user/{root.pk}/change/").status_code == 200


@pytest.fixture
def demo_orgs(province):
    prov = province["province"]
    kab = province["kabupaten"]
    prov_instansi, _ = Organisation.objects.update_or_create(
        slug="pemprov-ntt", defaults={"name": "Pemprov NTT", "region": prov.region, "kind": OrganisationKind.INSTANSI}
    )
    kab_instansi, _ = Organisation.objects.update_or_create(
        slug="pemkab-kupang",
        defaults={"name": "Pemkab Kupang", "region": kab.region, "kind": OrganisationKind.INSTANSI},
    )
    for parent in (prov_instansi, kab_instansi):
        Organisation.objects.update_or_create(
            slug=f"{parent.slug}-diskominfo",
            defaults={
                "name": f"Diskominfo {parent.name}",
                "region": parent.region,
                "kind": OrganisationKind.OPD,
                "opd_type": OpdType.DINAS,
                "parent": parent,
                "is_sample": True,
            },
        )


def test_demo_users_is_idempotent(demo_orgs):
    out = io.StringIO()
    call_command("demo_users", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text and "admin@demo.lontar.id" in text and "otpauth://totp/" in text
    counts = (User.objects.count(), Membership.objects.count(), TOTPDevice.objects.count())
    assert counts[0] == len(DEMO_USERS)
    out2 = io.StringIO()
    call_command("demo_users", stdout=out2)
    assert "0 created, 0 roles granted" in out2.getvalue()
    assert (User.objects.count(), Membership.objects.count(), TOTPDevice.objects.count()) == counts
    admin = User.objects.get(email="admin@demo.lontar.id")
    assert admin.check_password(DEMO_PASSWORD)
    assert Membership.objects.get(user=admin).role == Role.ADMIN
    assert TOTPDevice.objects.get(user=admin).key == demo_totp_key(admin.email)
    assert User.objects.get(email="superadmin@demo.lontar.id").is_superuser
    assert not TOTPDevice.objects.filter(user__email="viewer@demo.lontar.id").exists()
    kab_roles = set(
        Membership.objects.filter(organisation__slug__startswith="pemkab-kupang").values_list("role", flat=True)
    )
    assert kab_roles == {
        Role.TIM_KOORDINASI,
        Role.PPID,
        Role.WALIDATA,
        Role.PRODUSEN_DATA,
        Role.PENGELOLA_TIK,
        Role.VIEWER,
    }
    assert not Membership.objects.filter(organisation__slug__startswith="pemkab-", role=Role.ADMIN).exists()


def test_demo_users_explains_missing_organisations(db):
    with pytest.raises(CommandError, match="load_organisations"):
        call_command("demo_users", stdout=io.StringIO())
    assert not User.objects.exists()


def test_demo_users_refuses_production_settings(demo_orgs, settings):
    settings.SETTINGS_MODULE = "config.settings.prod"
    with pytest.raises(CommandError, match="production"):
        call_command("demo_users", stdout=io.StringIO())


def test_totp_code_prints_the_current_code_in_debug(demo_orgs, settings):
    call_command("demo_users", stdout=io.StringIO())
    settings.DEBUG = True
    out = io.StringIO()
    call_command("totp_code", "ASESOR@demo.lontar.id", stdout=out, stderr=io.StringIO())
    device = TOTPDevice.objects.get(user__email="asesor@demo.lontar.id")
    assert out.getvalue().strip() in {code_for(device, -1), code_for(device), code_for(device, 1)}


def test_totp_code_refuses_without_debug_or_for_real_users(demo_orgs, settings, province):
    call_command("demo_users", stdout=io.StringIO())
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("totp_code", "asesor@demo.lontar.id", stdout=io.StringIO())
    settings.DEBUG = True
    make_user("nyata@ntt.go.id", province["province"], Role.PPID, device=True)
    with pytest.raises(CommandError, match="demo"):
        call_command("totp_code", "nyata@ntt.go.id", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("totp_code", "tidak.ada@demo.lontar.id", stdout=io.StringIO())
