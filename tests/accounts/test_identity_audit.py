"""Identity changes go through services and onto the audit chain: profile, activation,
superuser status (also from the Django admin), TOTP confirmation, password change and reset
(which revoke the user's API tokens)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts import services, tokens
from lontar.accounts.models import ApiToken, Role, User
from lontar.audit.models import AuditEvent
from tests.accounts.helpers import PASSWORD, code_for, make_user, post_password

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "sandi-baru-yang-kuat-2026"


def events(action: str, user=None):
    qs = AuditEvent.objects.filter(action=action)
    if user is not None:
        qs = qs.filter(target_id=str(user.pk))
    return list(qs)


@pytest.fixture
def root(db):
    return make_user("root@uji.go.id", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(login, root):
    client, _ = login(None, None, email=root.email)
    return client


def _admin_form(user: User, **changes) -> dict:
    data = {"email": user.email, "full_name": user.full_name, "password": user.password}
    if user.is_active:
        data["is_active"] = "on"
    if user.is_superuser:
        data["is_superuser"] = "on"
    for key, value in changes.items():
        if value is False:
            data.pop(key, None)
        else:
            data[key] = value
    data.update({"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    return data


def test_user_update_is_audited_with_old_and_new(root, province):
    user = make_user("lama@uji.go.id", province["province"], Role.VIEWER, full_name="Nama Lama")
    services.user_update(actor=root, user=user, email="Baru@uji.go.id", full_name="Nama  Baru")
    user.refresh_from_db()
    assert (user.email, user.full_name) == ("baru@uji.go.id", "Nama Baru")
    [event] = events("accounts.user.updated", user)
    assert event.data["changes"] == {
        "email": ["lama@uji.go.id", "baru@uji.go.id"],
        "full_name": ["Nama Lama", "Nama Baru"],
    }
    make_user("lain@uji.go.id")
    with pytest.raises(ValidationError):
        services.user_update(actor=root, user=user, email="LAIN@uji.go.id", full_name="x")


def test_province_admin_cannot_change_a_superuser(root, province):
    admin = make_user("admin@uji.go.id", province["province"], Role.ADMIN)
    with pytest.raises(PermissionDenied):
        services.user_update(actor=admin, user=root, email="x@uji.go.id", full_name="x")
    with pytest.raises(PermissionDenied):
        services.user_set_active(actor=admin, user=root, active=False)
    with pytest.raises(PermissionDenied):
        services.user_set_superuser(actor=admin, user=admin, superuser=True)
    with pytest.raises(PermissionDenied):
        services.password_change(actor=admin, user=root, password=NEW_PASSWORD, via="admin")
    assert User.objects.get(pk=admin.pk).is_superuser is False


def test_set_active_and_superuser_are_audited_and_guarded(root, province):
    user = make_user("orang@uji.go.id", province["province"], Role.VIEWER)
    services.user_set_active(actor=root, user=user, active=False)
    services.user_set_active(actor=root, user=user, active=False)  # no change, no event
    services.user_set_superuser(actor=root, user=user, superuser=True)
    user.refresh_from_db()
    assert user.is_active is False and user.is_superuser is True and user.is_staff is True
    assert len(events("accounts.user.deactivated", user)) == 1
    assert len(events("accounts.user.superuser_granted", user)) == 1
    with pytest.raises(ValidationError):
        services.user_set_active(actor=root, user=root, active=False)
    with pytest.raises(ValidationError):
        services.user_set_superuser(actor=root, user=root, superuser=False)


def test_granting_superuser_in_the_django_admin_is_audited(admin_client, root, province):
    user = make_user("calon@uji.go.id", province["province"], Role.VIEWER)
    url = f"/django-admin/accounts/user/{user.pk}/change/"
    response = admin_client.post(url, _admin_form(user, is_superuser="on", full_name="Calon Super"))
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert user.is_superuser and user.is_staff and user.full_name == "Calon Super"
    [granted] = events("accounts.user.superuser_granted", user)
    assert granted.actor_id == root.pk
    assert len(events("accounts.user.updated", user)) == 1
    response = admin_client.post(url, _admin_form(user, is_active=False))
    assert response.status_code == 302
    assert len(events("accounts.user.deactivated", user)) == 1


def test_admin_cannot_take_away_own_superuser_status(admin_client, root):
    url = f"/django-admin/accounts/user/{root.pk}/change/"
    response = admin_client.post(url, _admin_form(root, is_superuser=False))
    assert response.status_code == 200
    root.refresh_from_db()
    assert root.is_superuser and not events("accounts.user.superuser_revoked")


def test_admin_sets_a_password_through_the_service(admin_client, root, province):
    user = make_user("lupa@uji.go.id", province["province"], Role.WALIDATA)
    _token, raw = tokens.api_token_create(actor=user, name="skrip", days=5)
    url = f"/django-admin/accounts/user/{user.pk}/password/"
    response = admin_client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    [event] = events("accounts.password.changed", user)
    assert event.actor_id == root.pk and event.data == {"via": "admin", "api_tokens_revoked": 1}
    assert tokens.api_token_authenticate(raw=raw) is None


def test_confirming_totp_is_audited(province):
    user = make_user("ppid@uji.go.id", province["province"], Role.PPID)
    client = Client()
    post_password(client, "ppid@uji.go.id")
    client.get("/akun/2fa/daftar/")
    device = TOTPDevice.objects.get(user=user)
    assert client.post("/akun/2fa/daftar/", {"otp_token": code_for(device)}).status_code == 302
    [event] = events("accounts.two_factor.confirmed", user)
    assert event.actor_id == user.pk
    other = make_user("lain@uji.go.id")
    with pytest.raises(PermissionDenied):
        services.two_factor_confirm(actor=other, device=device)


def test_password_change_revokes_api_tokens_and_is_audited(login, province):
    client, user = login(province["province"], Role.WALIDATA)
    _token, raw = tokens.api_token_create(actor=user, name="skrip", days=5)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    before = api.get("/api/v1/me")
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post("/akun/sandi/ubah/", data).status_code == 302
    assert tokens.api_token_authenticate(raw=raw) is None
    assert api.get("/api/v1/me").status_code == 401 and before.status_code == 200  # a revoked token is no credential
    assert ApiToken.objects.get().revoked_at is not None
    [event] = events("accounts.password.changed", user)
    assert event.actor_id == user.pk and event.data == {"via": "change", "api_tokens_revoked": 1}
    [revoked] = events("accounts.api_token.revoked")
    assert revoked.data == {"reason": "password_change"}


def test_password_reset_revokes_api_tokens_and_is_audited(province):
    user = make_user("pembaca@uji.go.id", province["province"], Role.WALIDATA)
    _token, raw = tokens.api_token_create(actor=user, name="skrip", days=5)
    Client().post("/akun/sandi/lupa/", {"email": "pembaca@uji.go.id"})
    link = re.search(r"https?://\S+/akun/sandi/atur/\S+/", mail.outbox[0].body).group(0)
    client = Client()
    page = client.get(link.split("testserver", 1)[1], follow=True)
    done = client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert tokens.api_token_authenticate(raw=raw) is None
    [event] = events("accounts.password.reset", user)
    assert event.actor_id == user.pk and event.data == {"via": "reset", "api_tokens_revoked": 1}


def test_weak_password_is_refused_and_nothing_changes(root, province):
    user = make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    tokens.api_token_create(actor=user, name="skrip", days=5)
    with pytest.raises(ValidationError):
        services.password_change(actor=root, user=user, password="123", via="admin")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert ApiToken.objects.get().revoked_at is None and not events("accounts.password.changed")


def test_only_the_account_holder_changes_or_resets_their_own_password(root, province):
    user = make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.password_change(actor=root, user=user, password=NEW_PASSWORD, via="change")
    with pytest.raises(PermissionDenied):
        services.password_change(actor=None, user=user, password=NEW_PASSWORD, via="reset")
