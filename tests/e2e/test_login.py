"""Sign-in in a real browser: password, TOTP (computed with pyotp), enrolment, tokens; axe-core checks."""

from __future__ import annotations

import base64

import pyotp
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from lontar.accounts.models import ApiToken, Membership, Role, User
from tests.e2e.helpers import E2E_PASSWORD, assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _staff_user(organisation, role: str, *, device: bool) -> User:
    user = User.objects.create_user(email=f"{role}@e2e.uji.go.id", password=E2E_PASSWORD, full_name="Maria Bere")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    if device:
        TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
    return user


def _password_step(page: Page, email: str, password: str = E2E_PASSWORD) -> None:
    form = page.locator("main form[method=post]").first
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _enter_code(page: Page, code: str) -> None:
    form = page.locator("main form[method=post]").first
    form.get_by_label("Kode enam digit").fill(code)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_staff_signs_in_with_totp_and_reaches_the_workspace(page: Page, province):
    user = _staff_user(province["province"], Role.WALIDATA, device=True)
    device = TOTPDevice.objects.get(user=user)
    page.goto("/akun/")
    assert "/akun/masuk/" in page.url
    assert page.locator("h1").inner_text() == "Masuk ke Lontar"
    assert_accessible(page)
    screenshot(page, "accounts-login")

    _password_step(page, user.email)
    assert "/akun/2fa/" in page.url
    assert page.locator("h1").inner_text() == "Autentikasi dua faktor"
    assert_accessible(page)
    screenshot(page, "accounts-2fa")

    secret = base64.b32encode(device.bin_key).decode()
    _enter_code(page, pyotp.TOTP(secret).now())
    assert page.url.endswith("/akun/")
    assert page.locator("h1").inner_text() == "Ruang kerja"
    assert "Walidata" in page.locator("main").inner_text()


def test_wrong_password_and_wrong_code_show_messages(page: Page, province):
    user = _staff_user(province["province"], Role.PPID, device=True)
    page.goto("/akun/masuk/")
    _password_step(page, user.email, "bukan-sandinya")
    assert "E-mail atau kata sandi salah" in page.locator("main").inner_text()
    assert_accessible(page)
    _password_step(page, user.email)
    _enter_code(page, "12ab")
    assert "Masukkan enam digit" in page.locator("main").inner_text()
    assert_accessible(page)


def test_first_sign_in_enrols_an_authenticator_from_the_page(page: Page, province):
    user = _staff_user(province["province_opd"], Role.PRODUSEN_DATA, device=False)
    page.goto("/akun/masuk/?next=/akun/token/")
    _password_step(page, user.email)
    assert "/akun/2fa/daftar/" in page.url
    assert page.locator("figure.qr svg").count() == 1
    assert_accessible(page)
    screenshot(page, "accounts-2fa-enrol")
    # what a person would type into the authenticator app
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    _enter_code(page, pyotp.TOTP(secret).now())
    assert page.url.endswith("/akun/token/")
    assert TOTPDevice.objects.get(user=user).confirmed


def test_token_pages_create_show_once_and_revoke(page: Page, e2e_login, province):
    user = e2e_login(province["province"], Role.WALIDATA)
    page.goto("/akun/token/")
    assert_accessible(page)
    form = page.locator("main form[method=post]").first
    form.get_by_label("Nama token").fill("Skrip panen data")
    form.get_by_label("Berlaku selama (hari)").fill("30")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    secret = page.locator("#token-secret").input_value()
    assert secret.startswith("lontar_")
    assert_accessible(page)
    screenshot(page, "accounts-token-created")

    page.get_by_role("link", name="Kembali ke daftar token Anda").click()
    page.wait_for_load_state()
    assert secret not in page.content()
    assert "Skrip panen data" in page.locator("table").inner_text()
    assert_accessible(page)
    screenshot(page, "accounts-token-list")

    page.locator("table a", has_text="Cabut").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "dicabut" in page.locator("main").inner_text()
    assert ApiToken.objects.get(user=user).revoked_at is not None


def test_user_management_page_is_accessible(page: Page, e2e_login, province):
    e2e_login(province["province"], Role.ADMIN)
    page.goto("/akun/pengguna/")
    assert_accessible(page)
    page.get_by_role("link", name="Buat pengguna").click()
    page.wait_for_load_state()
    assert_accessible(page)
