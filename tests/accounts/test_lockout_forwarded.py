"""Lock-out per (account, client) behind the reverse proxy, and wrong TOTP codes during
django-otp's back-off counted by django-axes."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts.models import Role
from tests.accounts.helpers import PASSWORD, code_for, make_user, wrong_code

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


def via_proxy(i: int, forged: str = "") -> dict[str, str]:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged}203.0.113.{i}"}


def sign_in(client: Client, password: str, **headers):
    return client.post("/akun/masuk/", {"username": "pembaca@uji.go.id", "password": password}, **headers)


@pytest.fixture
def viewer(province, settings):
    settings.LONTAR_TRUSTED_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 5
    return make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)


def test_five_wrong_passwords_from_five_clients_do_not_lock_out_a_sixth(viewer):
    for i in range(1, 6):
        assert sign_in(Client(), "salah-sandi-1", **via_proxy(i)).status_code == 200
    assert sign_in(Client(), PASSWORD, **via_proxy(6)).status_code == 302


def test_one_client_is_locked_whatever_it_forges_in_the_header(viewer):
    statuses = [
        sign_in(Client(), "salah-sandi-1", **via_proxy(7, forged=f"10.0.{i}.1, ")).status_code for i in range(5)
    ]
    assert statuses == [200] * 4 + [429]
    assert sign_in(Client(), PASSWORD, **via_proxy(7, forged="10.9.9.9, ")).status_code == 429
    assert sign_in(Client(), PASSWORD, **via_proxy(8)).status_code == 302


def test_ipv6_clients_are_told_apart(viewer):
    for i in range(5):
        headers = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"2001:db8::{i + 1}"}
        assert sign_in(Client(), "salah-sandi-1", **headers).status_code == 200
    headers = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "[2001:db8::99]:4431"}
    assert sign_in(Client(), PASSWORD, **headers).status_code == 302


def test_wrong_codes_during_the_otp_back_off_count_for_the_lock_out(province, settings):
    """django-otp refuses codes for a while after a wrong one; those refused wrong codes count too."""
    settings.AXES_FAILURE_LIMIT = 3
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a long back-off after the first wrong code
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    client.post("/akun/masuk/", {"username": "walidata@uji.go.id", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    wrong = wrong_code(device)
    statuses = [client.post("/akun/2fa/", {"otp_token": wrong}, REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_right_code_during_the_back_off_is_refused_but_not_counted(province, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    client.post("/akun/masuk/", {"username": "walidata@uji.go.id", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert client.post("/akun/2fa/", {"otp_token": wrong_code(device)}, REMOTE_ADDR="10.0.0.1").status_code == 200
    for _ in range(3):
        response = client.post("/akun/2fa/", {"otp_token": code_for(device)}, REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 200 and "Tunggu" in response.content.decode()


def test_account_back_off_numbers():
    from lontar.accounts.backoff import delay_seconds

    assert [delay_seconds(n, 20) for n in (0, 19, 20, 29, 30, 40, 50, 60, 1000)] == [
        0,
        0,
        60,
        60,
        120,
        240,
        480,
        900,
        900,
    ]


def test_many_clients_trip_the_slower_per_account_back_off(viewer, settings, monkeypatch):
    from lontar.accounts import backoff

    settings.LONTAR_ACCOUNT_BACKOFF_THRESHOLD = 8
    for i in range(1, 9):
        assert sign_in(Client(), "salah-sandi-1", **via_proxy(i)).status_code == 200
    refused = sign_in(Client(), PASSWORD, **via_proxy(9))
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Masuk dikunci selama 1 menit" in refused.content.decode()
    # Refused attempts are not checked, so they do not lengthen the back-off.
    sign_in(Client(), "salah-sandi-1", **via_proxy(10))
    assert backoff.record_failure("pembaca@uji.go.id") == 9
    real_now = backoff._now
    monkeypatch.setattr(backoff, "_now", lambda: real_now() + 61)
    assert sign_in(Client(), PASSWORD, **via_proxy(9)).status_code == 302
    assert backoff.seconds_left("pembaca@uji.go.id") == 0 and backoff.record_failure("pembaca@uji.go.id") == 1


def test_wrong_codes_count_for_the_account_back_off(province, settings):
    from lontar.accounts import backoff

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    client.post("/akun/masuk/", {"username": "walidata@uji.go.id", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    client.post("/akun/2fa/", {"otp_token": wrong_code(device)}, REMOTE_ADDR="10.0.0.1")
    assert backoff.record_failure("walidata@uji.go.id") == 2
