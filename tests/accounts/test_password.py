"""Password reset by e-mail (no enumeration) and password change."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from lontar.accounts.models import Role
from tests.accounts.helpers import PASSWORD, make_user, post_password

pytestmark = pytest.mark.django_db


def _reset(email: str, client: Client | None = None):
    return (client or Client()).post("/akun/sandi/lupa/", {"email": email})


def test_reset_sends_indonesian_email_with_working_link(province):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER, full_name="Maria Bere")
    response = _reset("Pembaca@uji.go.id")
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/lupa/terkirim/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["pembaca@uji.go.id"]
    assert message.subject == "Atur ulang kata sandi Lontar Anda"
    assert "Halo Maria Bere" in message.body
    link = re.search(r"https?://\S+/akun/sandi/atur/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[1]
    client = Client()
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert "Pilih kata sandi baru" in form_page.content.decode()
    new_password = "sandi-baru-yang-kuat-2026"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302 and done["Location"] == "/akun/sandi/atur/selesai/"
    assert post_password(Client(), "pembaca@uji.go.id", new_password).status_code == 302
    # the link works once
    assert "tidak valid" in Client().get(path, follow=True).content.decode()


def test_unknown_email_gets_the_same_response_and_no_mail(province):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    known = _reset("pembaca@uji.go.id")
    unknown = _reset("tidak-ada@uji.go.id")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_inactive_user_gets_no_mail(province):
    make_user("nonaktif@uji.go.id", province["province"], Role.VIEWER, is_active=False)
    assert _reset("nonaktif@uji.go.id").status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["a" * 10_000 + "@uji.go.id", "' OR 1=1--", "<script>x</script>", "\x00"])
def test_hostile_reset_input_is_a_form_error(email):
    response = _reset(email)
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert mail.outbox == []


def test_invalid_link_is_explained():
    response = Client().get("/akun/sandi/atur/MQ/bukan-token/")
    assert response.status_code == 200
    assert "tidak valid" in response.content.decode()


def test_reset_link_lifetime_matches_the_text():
    # templates and e-mails say "three days"
    assert dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT) == dt.timedelta(days=3)


def test_password_change_for_signed_in_user(login, province):
    client, user = login(province["province"], Role.WALIDATA)
    assert client.get("/akun/sandi/ubah/").status_code == 200
    new = "sandi-baru-yang-kuat-2026"
    response = client.post(
        "/akun/sandi/ubah/", {"old_password": "kata-sandi-uji-123", "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/ubah/selesai/"
    # still signed in and verified after the change
    assert client.get("/akun/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_change_requires_sign_in():
    assert Client().get("/akun/sandi/ubah/")["Location"].startswith("/akun/masuk/")


def test_password_change_wrong_old_password(login, province):
    client, user = login(province["province"], Role.WALIDATA)
    response = client.post("/akun/sandi/ubah/", {"old_password": "salah", "new_password1": "x", "new_password2": "x"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_repeated_requests_send_one_mail_in_five_minutes(province):
    make_user("pembaca@uji.go.id", province["province"], Role.VIEWER)
    first = _reset("pembaca@uji.go.id")
    second = _reset("PEMBACA@uji.go.id")
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert len(mail.outbox) == 1
