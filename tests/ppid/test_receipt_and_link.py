"""The receipt PDF after filing and the bookmarkable tracking link (no token in the address)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lontar.ppid.privacy import links

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def link_of(req) -> str:
    return reverse("ppid:track_link", args=[links.track_link_value(req.pk, req.tracking_digest)])


def test_receipt_pdf_has_number_date_deadline_and_token(client, submit):
    req, token = submit()
    response = client.post(reverse("ppid:track_receipt"), {"number": req.number, "token": token})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "TANDA BUKTI PERMOHONAN INFORMASI" in text
    assert req.number in text and token in text
    assert req.received_on.strftime("%Y") in text
    assert "Batas pemberitahuan tertulis" in text


def test_receipt_refuses_a_wrong_token(client, submit):
    req, _token = submit()
    response = client.post(reverse("ppid:track_receipt"), {"number": req.number, "token": "salah"})
    assert response.status_code == 404


def test_tracking_link_opens_without_the_token_and_hides_it(client, submit):
    req, token = submit()
    url = link_of(req)
    assert token not in url
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert req.number in body and token not in body
    # acting still needs the token: the withdraw form asks for it
    assert 'id="withdraw_token"' in body and 'type="hidden" name="token"' not in body


def test_tracking_link_forged_or_after_a_new_token_is_refused(client, submit):
    req, _token = submit()
    assert client.get(reverse("ppid:track_link", args=["1.abc:forged"])).status_code == 404
    url = link_of(req)
    req.tracking_digest = "0" * 64
    req.save(update_fields=["tracking_digest"])
    assert client.get(url).status_code == 404


def test_number_in_any_case(client, submit):
    req, token = submit()
    response = client.post(reverse("ppid:track"), {"number": req.number.lower(), "token": token})
    assert response.status_code == 200 and req.information_requested in response.content.decode()


def test_withdrawn_request_hides_withdraw(client, submit):
    req, token = submit()
    client.post(
        reverse("ppid:track_withdraw"), {"number": req.number, "token": token, "confirm": "on", "confirmed": "1"}
    )
    body = client.get(link_of(req)).content.decode()
    assert reverse("ppid:track_withdraw") not in body
