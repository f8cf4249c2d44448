"""The written notice's detached Ed25519 signature on its public verification page."""

from __future__ import annotations

import pytest
from django.test import Client

from lontar.core import signing
from tests.ppid.test_notice_pdf import issued  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_signature_of_the_notice_pdf(client: Client, issued):  # noqa: F811
    req, _token = issued
    notice = req.notice
    page = client.get(f"/ppid/verifikasi/{notice.verification_code}/").content.decode()
    url = f"/ppid/verifikasi/{notice.verification_code}/tanda-tangan.sig"
    assert url in page and signing.key_id() in page
    response = client.get(url)
    assert response.status_code == 200
    with notice.pdf.open("rb") as handle:
        assert signing.verify(handle.read(), response.content)


def test_unknown_code_is_404(client: Client):
    assert client.get("/ppid/verifikasi/ZZZZZZZZ/tanda-tangan.sig").status_code == 404
