"""Sign-in by e-mail and password, ?next= safety, hostile inputs."""

from __future__ import annotations

import pytest
from django.test import Client

from lontar.accounts.models import Role
from tests.accounts.helpers import PASSWORD, make_user, post_password

pytestmark = pytest.mark.django_db


def test_login_page_renders_in_indonesian():
    response = Client().get("/akun/masuk/")
    assert response.status_code == 200
    assert "Masuk" in response.content.decode()


def test_viewer_signs_in_without_second_step(province):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    client = Client()
    response = post_password(client, "pembaca@uji.go.id")
    assert response.status_code == 302
    assert response["Location"] == "/akun/"
    assert client.get("/akun/").status_code == 200


def test_email_is_case_insensitive(province):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    response = post_password(Client(), "  PEMBACA@Uji.go.id ")
    assert response.status_code == 302


def test_wrong_password_shows_form_error(province):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    response = post_password(Client(), "pembaca@uji.go.id", "salah-sandi-123")
    assert response.status_code == 200
    assert "E-mail atau kata sandi salah" in response.content.decode()


@pytest.mark.parametrize(
    "next_url, expected",
    [
        ("/organisasi/", "/organisasi/"),
        ("https://evil.example/", "/akun/"),
        ("//evil.example/x", "/akun/"),
        ("/\\evil.example", "/akun/"),
        ("javascript:alert(1)", "/akun/"),
        ("/" + "a" * 5000, "/akun/"),
    ],
)
def test_next_is_honoured_only_for_this_site(province, next_url, expected):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    response = post_password(Client(), "pembaca@uji.go.id", next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    "email",
    [
        "a" * 10_000 + "@uji.go.id",
        "' OR 1=1--",
        "<script>alert(1)</script>@uji.go.id",
        "admin'--@uji.go.id",
        "pengguna@ü.example",
        "\x00@uji.go.id",
        "",
    ],
)
def test_hostile_login_inputs_give_a_form_error(province, email):
    response = Client().post("/akun/masuk/", {"username": email, "password": "' OR 1=1--"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert 'class="error"' in body or "form-errors" in body


def test_huge_password_is_refused_cleanly(province):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    response = Client().post("/akun/masuk/", {"username": "pembaca@uji.go.id", "password": "x" * 100_000})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_signed_in_user_visiting_login_is_sent_on(login, province):
    client, _ = login(province["province"], Role.WALIDATA)
    response = client.get("/akun/masuk/?next=/organisasi/")
    assert response.status_code == 302
    assert response["Location"] == "/organisasi/"


def test_inactive_user_cannot_sign_in(province):
    make_user("nonaktif@uji.go.id", province["province"], Role.VIEWER, is_active=False)
    response = post_password(Client(), "nonaktif@uji.go.id", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session
