"""Two-factor sign-in: enrolment with QR code, verification, replay, lock-out through codes."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts.models import Role
from tests.accounts.helpers import code_for, make_user, post_password, wrong_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_password_step_alone_does_not_sign_in_staff(province):
    make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client()
    response = post_password(client, "walidata@uji.go.id", next_url="/organisasi/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/?next=%2Forganisasi%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/akun/")["Location"].startswith("/akun/masuk/")


def test_code_completes_sign_in_and_honours_next(province):
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    post_password(client, "walidata@uji.go.id", next_url="/organisasi/")
    page = client.get("/akun/2fa/?next=/organisasi/")
    assert page.status_code == 200
    assert "walidata@uji.go.id" in page.content.decode()
    response = client.post("/akun/2fa/", {"otp_token": code_for(device), "next": "/organisasi/"})
    assert response.status_code == 302
    assert response["Location"] == "/organisasi/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get("/akun/").status_code == 200


def test_wrong_code_is_refused(province):
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client()
    post_password(client, "walidata@uji.go.id")
    response = client.post("/akun/2fa/", {"otp_token": wrong_code(TOTPDevice.objects.get(user=user))})
    assert response.status_code == 200
    assert "Kode salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("token", ["12345", "1234567", "abcdef", "１２３４５６", "<script>", "' OR 1=1--", "9" * 5000])
def test_malformed_codes_give_a_form_error(province, token):
    make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client()
    post_password(client, "walidata@uji.go.id")
    response = client.post("/akun/2fa/", {"otp_token": token})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_replayed_code_is_refused(province):
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    device = TOTPDevice.objects.get(user=user)
    code = code_for(device)
    first = Client()
    post_password(first, "walidata@uji.go.id")
    assert first.post("/akun/2fa/", {"otp_token": code}).status_code == 302
    second = Client()
    post_password(second, "walidata@uji.go.id")
    response = second.post("/akun/2fa/", {"otp_token": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in second.session


def test_enrolment_shows_qr_and_secret_then_confirms(province):
    user = make_user("ppid@uji.go.id", province["province"], Role.PPID)
    client = Client()
    response = post_password(client, "ppid@uji.go.id")
    assert response["Location"].startswith("/akun/2fa/daftar/")
    page = client.get("/akun/2fa/daftar/")
    body = page.content.decode()
    assert page.status_code == 200
    figure = body.split('<figure class="qr">')[1].split("</figure>")[0]
    assert "<svg" in figure and "<script" not in figure
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is False
    from lontar.accounts.twofactor import grouped_secret

    assert grouped_secret(device) in body
    # reloading keeps the same secret
    client.get("/akun/2fa/daftar/")
    assert TOTPDevice.objects.filter(user=user).count() == 1
    response = client.post("/akun/2fa/daftar/", {"otp_token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/akun/").status_code == 200


def test_enrolment_with_wrong_code_keeps_device_unconfirmed(province):
    user = make_user("ppid@uji.go.id", province["province"], Role.PPID)
    client = Client()
    post_password(client, "ppid@uji.go.id")
    client.get("/akun/2fa/daftar/")
    device = TOTPDevice.objects.get(user=user)
    wrong = wrong_code(device)
    response = client.post("/akun/2fa/daftar/", {"otp_token": wrong})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is False


def test_user_with_device_cannot_enrol_another(province):
    make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client()
    post_password(client, "walidata@uji.go.id")
    response = client.get("/akun/2fa/daftar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/2fa/?")


def test_second_step_without_password_step_goes_to_login():
    response = Client().get("/akun/2fa/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")
    assert Client().get("/akun/2fa/daftar/")["Location"].startswith("/akun/masuk/")


def test_wrong_codes_lock_out(province, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    post_password(client, "walidata@uji.go.id")
    wrong = wrong_code(device)
    statuses = [client.post("/akun/2fa/", {"otp_token": wrong}, REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    # the right password and code are refused while locked
    again = Client()
    assert post_password(again, "walidata@uji.go.id").status_code == 429


def test_viewer_needs_no_second_step_when_2fa_off(province, settings):
    settings.LONTAR_REQUIRE_2FA = False
    make_user("walidata@uji.go.id", province["province"], Role.WALIDATA)
    client = Client()
    response = post_password(client, "walidata@uji.go.id")
    assert response["Location"] == "/akun/"
    assert client.get("/akun/").status_code == 200


def test_pending_sign_in_expires(province, monkeypatch):
    from lontar.accounts import twofactor

    make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client()
    post_password(client, "walidata@uji.go.id")
    monkeypatch.setattr(twofactor, "PENDING_MAX_AGE", -1)
    assert client.get("/akun/2fa/")["Location"].startswith("/akun/masuk/")


def test_pending_sign_in_ends_when_password_changes(province):
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client()
    post_password(client, "walidata@uji.go.id")
    user.set_password("sandi-baru-yang-panjang")
    user.save()
    assert client.get("/akun/2fa/")["Location"].startswith("/akun/masuk/")
