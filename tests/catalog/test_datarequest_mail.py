"""Data-request e-mails go to an address nobody has verified: fixed text with the tracking code,
never the submitter's name, title or details."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache

from lontar.catalog.models import DataRequest
from tests.catalog.conftest import DB

pytestmark = DB
STRANGER_TEXT = "Selamat! Anda menang undian, hubungi http://penipu.example"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def test_requester_mail_repeats_no_text_of_the_submitter(client, province, django_capture_on_commit_callbacks):
    data = {
        "title": STRANGER_TEXT[:200],
        "description": STRANGER_TEXT,
        "purpose": STRANGER_TEXT[:300],
        "organisation": province["province"].pk,
        "requester_name": STRANGER_TEXT[:120],
        "requester_email": "korban@contoh.id",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/permintaan-data/baru/", data).status_code == 302
    req = DataRequest.objects.get()
    [message] = [m for m in mail.outbox if m.to == ["korban@contoh.id"]]
    assert req.tracking_code in message.subject and req.tracking_code in message.body
    for text in (message.subject, message.body):
        assert "menang undian" not in text and "penipu" not in text
    assert message.body.startswith("Yth. Pemohon,")
