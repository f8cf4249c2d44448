"""The receipt goes to an address nobody has verified: fixed text, the number and the token, and
nothing the requester typed (no name, no request text)."""

from __future__ import annotations

import pytest
from django.core import mail

from lontar.ppid.services import information_request_submit
from tests.ppid.conftest import checked_pdf, request_data

pytestmark = pytest.mark.django_db

STRANGER_TEXT = "Selamat! Anda menang undian, hubungi 0812-0000-0000 http://penipu.example"


def test_confirmation_repeats_no_text_of_the_requester(bodies, django_capture_on_commit_callbacks):
    data = request_data(name=STRANGER_TEXT, information_requested=STRANGER_TEXT, purpose=STRANGER_TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        req, token = information_request_submit(body=bodies["province"], data=data, identity_document=checked_pdf())
    [message] = mail.outbox
    assert req.number in message.subject and req.number in message.body and token in message.body
    for text in (message.subject, message.body):
        assert "menang undian" not in text and "penipu" not in text and "0812" not in text
    assert message.body.startswith("Yth. Pemohon,")
