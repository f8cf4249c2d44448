"""User management: services (permission, validation, audit) and the /akun/pengguna/ pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts import services
from lontar.accounts.models import Membership, Role, User
from lontar.audit.models import AuditEvent
from tests.accounts.helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(province):
    return make_user("admin@uji.go.id", province["province"], Role.ADMIN)


def test_admin_creates_user_and_an_invitation_is_sent(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_create(actor=admin_user, email=" Baru@Uji.go.id ", full_name="  Yohanes   Bria ")
    assert user.email == "baru@uji.go.id"
    assert user.full_name == "Yohanes Bria"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Akun Lontar Anda"
    assert "/akun/sandi/atur/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="accounts.user.created").count() == 1


def test_invitation_link_sets_the_first_password(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.user_create(actor=admin_user, email="baru@uji.go.id", full_name="Baru")
    path = re.search(r"https?://[^/\s]+(/akun/sandi/atur/\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    page = client.get(path, follow=True)
    new = "sandi-pertama-yang-kuat"
    response = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert User.objects.get(email="baru@uji.go.id").check_password(new)


def test_a_new_user_without_password_can_ask_for_a_reset(admin_user):
    services.user_create(actor=admin_user, email="baru@uji.go.id", full_name="Baru", send_invitation=False)
    Client().post("/akun/sandi/lupa/", {"email": "baru@uji.go.id"})
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "email, full_name",
    [
        ("bukan-email", "Nama"),
        ("a" * 300 + "@uji.go.id", "Nama"),
        ("x@uji.go.id", ""),
        ("x@uji.go.id", "n" * 151),
        ("x@uji.go.id", "baris\x00nol"),
        ("admin@uji.go.id", "Duplikat"),
        ("ADMIN@uji.go.id", "Duplikat beda huruf"),
    ],
)
def test_user_create_validates(admin_user, email, full_name):
    before = User.objects.count()
    with pytest.raises(ValidationError):
        services.user_create(actor=admin_user, email=email, full_name=full_name)
    assert User.objects.count() == before


@pytest.mark.parametrize("role", [Role.TIM_KOORDINASI, Role.WALIDATA, Role.PPID, Role.VIEWER])
def test_only_province_admins_and_superusers_manage_users(province, role):
    actor = make_user(f"{role}@uji.go.id", province["province"], role)
    target = make_user("t@uji.go.id")
    with pytest.raises(PermissionDenied):
        services.user_create(actor=actor, email="x@uji.go.id", full_name="X")
    with pytest.raises(PermissionDenied):
        services.membership_grant(actor=actor, user=target, organisation=province["province"], role=Role.PPID)


def test_anonymous_actor_is_refused(province):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.user_create(actor=AnonymousUser(), email="x@uji.go.id", full_name="X")


def test_superuser_manages_users(province):
    root = make_user("root@uji.go.id", is_superuser=True, is_staff=True)
    user = services.user_create(actor=root, email="x@uji.go.id", full_name="X", send_invitation=False)
    services.membership_grant(actor=root, user=user, organisation=province["kabupaten"], role=Role.PPID)
    assert Membership.objects.filter(user=user).count() == 1


def test_admin_of_a_kabupaten_cannot_exist(admin_user, province):
    target = make_user("t@uji.go.id")
    for org in ("kabupaten", "kabupaten_opd", "kota"):
        with pytest.raises(ValidationError):
            services.membership_grant(actor=admin_user, user=target, organisation=province[org], role=Role.ADMIN)
    assert not Membership.objects.filter(user=target).exists()
    services.membership_grant(actor=admin_user, user=target, organisation=province["province"], role=Role.ADMIN)


def test_only_superuser_creates_superusers(admin_user):
    with pytest.raises(PermissionDenied):
        services.user_create(actor=admin_user, email="x@uji.go.id", full_name="X", is_superuser=True)


def test_grant_is_idempotent_and_audited(admin_user, province):
    target = make_user("t@uji.go.id")
    first = services.membership_grant(actor=admin_user, user=target, organisation=province["kabupaten"], role=Role.PPID)
    again = services.membership_grant(actor=admin_user, user=target, organisation=province["kabupaten"], role=Role.PPID)
    assert first.pk == again.pk
    assert AuditEvent.objects.filter(action="accounts.membership.granted").count() == 1


def test_revoke_is_audited_and_own_admin_role_is_kept(admin_user, province):
    target = make_user("t@uji.go.id")
    m = services.membership_grant(actor=admin_user, user=target, organisation=province["kabupaten"], role=Role.PPID)
    services.membership_revoke(actor=admin_user, membership=m)
    assert not Membership.objects.filter(pk=m.pk).exists()
    assert AuditEvent.objects.filter(action="accounts.membership.revoked").count() == 1
    own = Membership.objects.get(user=admin_user, role=Role.ADMIN)
    with pytest.raises(ValidationError):
        services.membership_revoke(actor=admin_user, membership=own)


# --- pages ----------------------------------------------------------------------------------


def test_pages_are_for_province_admins_only(login, province):
    assert Client().get("/akun/pengguna/")["Location"].startswith("/akun/masuk/")
    for role in (Role.TIM_KOORDINASI, Role.WALIDATA, Role.VIEWER):
        client, _ = login(province["province"], role)
        assert client.get("/akun/pengguna/").status_code == 403
        assert client.post("/akun/pengguna/baru/", {"email": "x@uji.go.id", "full_name": "X"}).status_code == 403
    assert not User.objects.filter(email="x@uji.go.id").exists()


def test_admin_lists_creates_grants_and_revokes_through_pages(login, province, django_capture_on_commit_callbacks):
    client, _ = login(province["province"], Role.ADMIN)
    listing = client.get("/akun/pengguna/")
    assert listing.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/akun/pengguna/baru/", {"email": "baru@uji.go.id", "full_name": "Pengguna Baru"})
    user = User.objects.get(email="baru@uji.go.id")
    assert created["Location"] == f"/akun/pengguna/{user.pk}/"
    assert len(mail.outbox) == 1
    granted = client.post(
        f"/akun/pengguna/{user.pk}/peran/", {"organisation": province["kabupaten"].pk, "role": Role.WALIDATA}
    )
    assert granted.status_code == 302
    m = Membership.objects.get(user=user)
    detail = client.get(f"/akun/pengguna/{user.pk}/").content.decode()
    assert "Walidata" in detail and province["kabupaten"].name in detail
    assert "baru@uji.go.id" in client.get("/akun/pengguna/?q=baru").content.decode()
    assert client.get(f"/akun/pengguna/{user.pk}/peran/{m.pk}/cabut/").status_code == 200
    assert client.post(f"/akun/pengguna/{user.pk}/peran/{m.pk}/cabut/").status_code == 302
    assert not Membership.objects.filter(user=user).exists()


def test_page_errors_are_shown_next_to_fields(login, province):
    client, _ = login(province["province"], Role.ADMIN)
    target = make_user("t@uji.go.id")
    response = client.post(
        f"/akun/pengguna/{target.pk}/peran/", {"organisation": province["kabupaten"].pk, "role": Role.ADMIN}
    )
    assert response.status_code == 400
    assert "Peran admin hanya ada di pemerintah provinsi" in response.content.decode()
    bad = client.post(f"/akun/pengguna/{target.pk}/peran/", {"organisation": "99999999999", "role": "raja"})
    assert bad.status_code == 400
    dup = client.post("/akun/pengguna/baru/", {"email": "t@uji.go.id", "full_name": "X"})
    assert dup.status_code == 400
    assert "sudah ada" in dup.content.decode()


def test_unknown_ids_are_404(login, province):
    client, _ = login(province["province"], Role.ADMIN)
    assert client.get("/akun/pengguna/999999/").status_code == 404
    assert client.get("/akun/pengguna/99999999999999999999/").status_code == 404
    other = make_user("o@uji.go.id", province["province"], Role.PPID)
    m = Membership.objects.get(user=other)
    assert client.get(f"/akun/pengguna/{m.user_id + 1000}/peran/{m.pk}/cabut/").status_code == 404


def test_hostile_search_is_harmless(login, province):
    client, _ = login(province["province"], Role.ADMIN)
    for q in ("' OR 1=1--", "<script>alert(1)</script>", "%", "\x00", "x" * 10_000):
        response = client.get("/akun/pengguna/", {"q": q})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_two_factor_reset(login, province):
    client, _ = login(province["province"], Role.ADMIN)
    target = make_user("t@uji.go.id", province["province"], Role.PPID, device=True)
    assert client.get(f"/akun/pengguna/{target.pk}/2fa/reset/").status_code == 200
    assert client.post(f"/akun/pengguna/{target.pk}/2fa/reset/").status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert AuditEvent.objects.filter(action="accounts.two_factor.reset").count() == 1
