"""Personal API tokens: the page, the services, and token_auth through /api/v1/me."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from lontar.accounts import tokens
from lontar.accounts.models import ApiToken, Role
from lontar.audit.models import AuditEvent
from tests.accounts.helpers import make_user

pytestmark = pytest.mark.django_db


def _me(raw: str):
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_page_requires_sign_in_and_second_step(province):
    assert Client().get("/akun/token/")["Location"].startswith("/akun/masuk/")
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client()
    client.force_login(user)
    assert client.get("/akun/token/")["Location"].startswith("/akun/2fa/")


def test_create_shows_secret_once_then_lists_without_it(login, province):
    client, user = login(province["province"], Role.WALIDATA)
    response = client.post("/akun/token/", {"name": "Skrip harvest", "days": "30"})
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=user)
    body = response.content.decode()
    secret = body.split('id="token-secret"')[1].split('value="')[1].split('"')[0]
    assert secret.startswith(f"lontar_{token.prefix}_")
    assert token.digest not in body and secret != token.digest
    listing = client.get("/akun/token/").content.decode()
    assert "Skrip harvest" in listing and secret not in listing and "aktif" in listing
    assert _me(secret).json()["email"] == user.email
    assert AuditEvent.objects.filter(action="accounts.api_token.created").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"name": "x", "days": "0"},
        {"name": "x", "days": "367"},
        {"name": "x", "days": "99999999999999999999999"},
        {"name": "x", "days": "-1"},
        {"name": "x", "days": "abc"},
        {"name": "x", "days": "1.5"},
        {"name": "", "days": "30"},
        {"name": "   ", "days": "30"},
        {"name": "a" * 81, "days": "30"},
        {"name": "baris\nbaru", "days": "30"},
    ],
)
def test_bad_input_is_a_form_error(login, province, data):
    client, user = login(province["province"], Role.WALIDATA)
    response = client.post("/akun/token/", data)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not ApiToken.objects.filter(user=user).exists()


def test_revoke_needs_confirmation_and_post(login, province):
    client, user = login(province["province"], Role.WALIDATA)
    token, raw = tokens.api_token_create(actor=user, name="uji", days=10)
    confirm = client.get(f"/akun/token/{token.pk}/cabut/")
    assert confirm.status_code == 200 and "<form" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(f"/akun/token/{token.pk}/cabut/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _me(raw).status_code == 401
    assert AuditEvent.objects.filter(action="accounts.api_token.revoked").count() == 1


def test_cannot_revoke_someone_elses_token(login, province):
    owner = make_user("owner@uji.go.id", province["province"], Role.WALIDATA)
    token, _ = tokens.api_token_create(actor=owner, name="milik orang", days=10)
    client, user = login(province["province"], Role.WALIDATA)
    assert client.get(f"/akun/token/{token.pk}/cabut/").status_code == 404
    assert client.post(f"/akun/token/{token.pk}/cabut/").status_code == 404
    with pytest.raises(PermissionDenied):
        tokens.api_token_revoke(actor=user, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_token_is_refused(province):
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA)
    token, raw = tokens.api_token_create(actor=user, name="lama", days=1)
    assert _me(raw).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = _me(raw)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")


def test_token_of_inactive_user_is_refused(province):
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA)
    _, raw = tokens.api_token_create(actor=user, name="x", days=1)
    user.is_active = False
    user.save()
    assert _me(raw).status_code == 401


def test_last_used_is_recorded(province):
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA)
    token, raw = tokens.api_token_create(actor=user, name="x", days=1)
    _me(raw)
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "raw",
    [
        "x" * 10_000,
        "lontar_" + "a" * 5000,
        "lontar_abcd1234_' OR 1=1--",
        "lontar_<script>alert(1)</script>",
        "lontar_ñandú_✓",
        "lontar_",
        "Bearer",
        "%00%00",
    ],
)
def test_garbage_tokens_get_401_problem_json(raw):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")


def test_no_header_and_wrong_scheme_get_401():
    assert Client().get("/api/v1/me").status_code == 401
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz").status_code == 401


def test_service_validates_lifetime_and_name(province):
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA)
    for days in (0, 367, -5):
        with pytest.raises(ValidationError):
            tokens.api_token_create(actor=user, name="x", days=days)
    with pytest.raises(ValidationError):
        tokens.api_token_create(actor=user, name="  ", days=5)
    assert not ApiToken.objects.exists()


def test_revoking_twice_records_one_event(province):
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA)
    token, _ = tokens.api_token_create(actor=user, name="x", days=5)
    tokens.api_token_revoke(actor=user, token=token)
    tokens.api_token_revoke(actor=user, token=token)
    assert AuditEvent.objects.filter(action="accounts.api_token.revoked").count() == 1


def test_unverified_session_is_refused_by_api(province):
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client()
    client.force_login(user)
    assert client.get("/api/v1/me").status_code == 401
