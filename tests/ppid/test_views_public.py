"""Public pages: the request form (bad input, honeypot, uploads, rate limit) and the tracking page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from lontar.ppid.models import IdentityDocument, InformationRequest
from lontar.ppid.privacy import tracking
from tests.ppid.conftest import NIK, PDF_BYTES, PNG_BYTES, pdf_upload

pytestmark = pytest.mark.django_db


def form_data(body, **overrides):
    data = {
        "public_body": body.pk,
        "requester_type": "perorangan",
        "name": "Contoh Pemohon Dua",
        "identity_number": NIK,
        "address": "Jl. Contoh No. 2, Kupang",
        "phone": "",
        "email": "dua@contoh.id",
        "occupation": "Wartawan",
        "information_requested": "Daftar kegiatan pengadaan barang dan jasa tahun 2025.",
        "purpose": "Bahan liputan",
        "obtain_method": "inspect",
        "copy_method": "",
        "website": "",
        "privacy_ack": "on",
        "identity_document": pdf_upload(),
    }
    data.update(overrides)
    return data


def test_start_page_and_form_render(client, bodies):
    assert client.get(reverse("ppid:index")).status_code == 200
    response = client.get(reverse("ppid:request_new") + f"?badan={bodies['province'].slug}")
    assert response.status_code == 200
    assert "Privacy" in response.content.decode() or "Pemberitahuan privasi" in response.content.decode()
    assert client.get(reverse("ppid:body", args=[bodies["province"].slug])).status_code == 200
    assert client.get(reverse("ppid:body", args=["no-such-body"])).status_code == 404


def test_submit_redirects_to_tracking_page_showing_token_once(client, bodies, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ppid:request_new"), form_data(bodies["province"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("ppid:track")
    req = InformationRequest.objects.get()
    page = client.get(reverse("ppid:track"))
    body = page.content.decode()
    assert page.status_code == 200 and req.number in body
    token = re.search(r"<code>([^<]+)</code>", body).group(1)
    assert tracking.matches(token, req.tracking_digest)
    assert token in mail.outbox[0].body
    again = client.get(reverse("ppid:track"))
    assert req.number not in again.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"identity_number": "12345"}, "identity_number"),
        ({"identity_number": "5301019913900001"}, "identity_number"),
        ({"email": "x@y.id\nBcc: victim@contoh.id"}, "email"),
        ({"name": "Budi\r\nTo: victim@contoh.id"}, "name"),
        ({"obtain_method": "hardcopy"}, "copy_method"),
        ({"email": "", "phone": ""}, "email"),
        ({"privacy_ack": ""}, "privacy_ack"),
    ],
)
def test_bad_input_gets_field_message_and_400(client, bodies, overrides, field):
    response = client.post(reverse("ppid:request_new"), form_data(bodies["province"], **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert InformationRequest.objects.count() == 0


def test_hostile_strings_are_stored_as_text_and_escaped(client, bodies, login):
    hostile = "<script>alert(1)</script>'; DROP TABLE ppid_informationrequest; --"
    response = client.post(
        reverse("ppid:request_new"),
        form_data(bodies["province"], information_requested=hostile, purpose=hostile, occupation="<b>x</b>"),
    )
    assert response.status_code == 302
    req = InformationRequest.objects.get()
    assert req.information_requested == hostile
    page = client.get(reverse("ppid:track")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_honeypot_rejects(client, bodies):
    response = client.post(reverse("ppid:request_new"), form_data(bodies["province"], website="http://spam.example"))
    assert response.status_code == 400
    assert InformationRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message_part"),
    [
        (pdf_upload("ktp.pdf", b"MZ\x90\x00 this is an exe"), "PDF"),
        (pdf_upload("ktp.png", b"<html><script>x</script></html>"), "PDF"),
        (pdf_upload("besar.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024)), "2"),
        (pdf_upload("kosong.pdf", b""), ""),
    ],
)
def test_disguised_or_oversized_upload_refused(client, bodies, upload, message_part):
    response = client.post(reverse("ppid:request_new"), form_data(bodies["province"], identity_document=upload))
    assert response.status_code == 400
    errors = response.context["form"].errors["identity_document"]
    assert message_part in " ".join(errors)
    assert IdentityDocument.objects.count() == 0


def test_png_identity_accepted(client, bodies):
    upload = pdf_upload("foto.png", PNG_BYTES)
    response = client.post(reverse("ppid:request_new"), form_data(bodies["province"], identity_document=upload))
    assert response.status_code == 302
    assert IdentityDocument.objects.get().content_type == "image/png"


def test_form_rate_limit_per_ip(client, bodies):
    for _ in range(5):
        assert client.post(reverse("ppid:request_new"), form_data(bodies["province"], name="x")).status_code == 400
    response = client.post(reverse("ppid:request_new"), form_data(bodies["province"]))
    assert response.status_code == 429
    assert "Retry-After" in response
    assert InformationRequest.objects.count() == 0
    other = client.post(reverse("ppid:request_new"), form_data(bodies["province"]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def _normalised(response, number: str) -> str:
    """The page without the number typed and the per-render CSRF token."""
    html = response.content.decode().replace(number, "N")
    return re.sub(r"[A-Za-z0-9]{64}", "CSRF", html)


def test_wrong_token_answers_exactly_like_missing_request(client, submit):
    req, token = submit()
    wrong = client.post(reverse("ppid:track"), {"number": req.number, "token": "salah-token-123"})
    missing = client.post(reverse("ppid:track"), {"number": "PPID-0000-2026-999999", "token": "salah-token-123"})
    assert wrong.status_code == missing.status_code == 404
    assert _normalised(wrong, req.number) == _normalised(missing, "PPID-0000-2026-999999")
    right = client.post(reverse("ppid:track"), {"number": req.number, "token": token})
    assert right.status_code == 200 and req.information_requested in right.content.decode()


def test_tracking_rate_limit(client, submit):
    req, token = submit()
    for _ in range(20):
        client.post(reverse("ppid:track"), {"number": req.number, "token": "x"})
    response = client.post(reverse("ppid:track"), {"number": req.number, "token": token})
    assert response.status_code == 429


def test_requester_withdraws_from_tracking_page(client, submit):
    req, token = submit()
    response = client.post(
        reverse("ppid:track_withdraw"), {"number": req.number, "token": token, "confirm": "on", "confirmed": "1"}
    )
    assert response.status_code == 200
    req.refresh_from_db()
    assert req.status == "withdrawn"
    again = client.post(
        reverse("ppid:track_withdraw"), {"number": req.number, "token": token, "confirm": "on", "confirmed": "1"}
    )
    assert again.status_code == 409
    bad = client.post(
        reverse("ppid:track_withdraw"), {"number": req.number, "token": "nope", "confirm": "on", "confirmed": "1"}
    )
    assert bad.status_code == 404


def test_a_direct_withdraw_without_confirmation_only_shows_the_summary(client, submit):
    """Enforced on the server: a POST that skips the review step (no confirmed=1) withdraws nothing."""
    req, token = submit()
    page = client.post(reverse("ppid:track_withdraw"), {"number": req.number, "token": token, "confirm": "on"})
    assert page.status_code == 200
    assert 'name="confirmed" value="1"' in page.content.decode() and req.number in page.content.decode()
    req.refresh_from_db()
    assert req.status != "withdrawn"


def test_withdraw_shows_a_summary_first_and_changes_nothing_until_confirmed(client, submit):
    req, token = submit()
    data = {
        "number": req.number,
        "token": token,
        "confirm": "on",
        "reason": "Sudah dapat dari tempat lain",
    }
    page = client.post(reverse("ppid:track_withdraw"), data)
    assert page.status_code == 200
    body = page.content.decode()
    assert req.number in body and "Sudah dapat dari tempat lain" in body
    assert 'name="confirmed" value="1"' in body and "button-danger" in body
    req.refresh_from_db()
    assert req.status != "withdrawn"
    done = client.post(reverse("ppid:track_withdraw"), {**data, "confirmed": "1"})
    assert done.status_code == 200
    req.refresh_from_db()
    assert req.status == "withdrawn"
