"""Lock-out after LONTAR_LOGIN_FAILURE_LIMIT failed sign-ins (django-axes)."""

from __future__ import annotations

import pytest
from django.test import Client

from lontar.accounts.models import Role
from tests.accounts.helpers import PASSWORD, make_user, post_password

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 0.25  # hours = 15 minutes
    return 3


def test_lock_out_after_the_limit_says_so_in_indonesian(province, limit):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    client = Client()
    statuses = [post_password(client, "pembaca@uji.go.id", "salah-sandi-1").status_code for _ in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    response = post_password(client, "pembaca@uji.go.id", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Masuk dikunci selama 15 menit" in body
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_lock_out_in_english_too(province, limit):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    from django.conf import settings as django_settings

    client = Client()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(limit):
        response = post_password(client, "pembaca@uji.go.id", "salah-sandi-1")
    assert "Sign-in is locked for 15 minutes" in response.content.decode()


def test_successful_login_resets_the_counter(province, limit):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    client = Client()
    for _ in range(limit - 1):
        assert post_password(client, "pembaca@uji.go.id", "salah-sandi-1").status_code == 200
    assert post_password(client, "pembaca@uji.go.id", PASSWORD).status_code == 302
    client.post("/akun/keluar/")
    for _ in range(limit - 1):
        assert post_password(client, "pembaca@uji.go.id", "salah-sandi-1").status_code == 200
    assert post_password(client, "pembaca@uji.go.id", PASSWORD).status_code == 302


def test_lock_out_is_per_account(province, limit):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    make_user("lain@uji.go.id", province["province"], Role.VIEWER)
    client = Client()
    for _ in range(limit):
        post_password(client, "pembaca@uji.go.id", "salah-sandi-1")
    assert post_password(Client(), "lain@uji.go.id", PASSWORD).status_code == 302


def test_password_step_of_staff_does_not_reset_the_counter(province, limit, settings):
    """Knowing the password must not buy fresh guesses at the TOTP code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.helpers import wrong_code

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    device = TOTPDevice.objects.get(user=user)
    statuses = []
    for _ in range(limit):
        client = Client()
        assert post_password(client, "walidata@uji.go.id").status_code == 302
        statuses.append(
            client.post("/akun/2fa/", {"otp_token": wrong_code(device)}, REMOTE_ADDR="10.0.0.1").status_code
        )
    assert statuses == [200] * (limit - 1) + [429]


def test_lockout_callable_is_configured(settings):
    from axes.helpers import get_lockout_response
    from django.test import RequestFactory

    request = RequestFactory().post("/akun/masuk/")
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    response = get_lockout_response(request, None, {"username": "x@uji.go.id"})
    assert response.status_code == 429
