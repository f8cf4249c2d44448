"""Indonesian is the default: pages, messages and e-mails of the PPID service speak it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from lontar.core import i18n_check
from lontar.ppid.services import information_request_extend
from tests.ppid.conftest import checked_pdf, request_data

pytestmark = pytest.mark.django_db


def test_catalogue_is_complete():
    ppid = [c for c in i18n_check.catalogues() if "lontar/ppid/" in str(c)]
    assert ppid and i18n_check.problems(ppid[0]) == []


def test_public_pages_in_indonesian(client, bodies):
    html = client.get(reverse("ppid:request_new")).content.decode()
    assert "Pemberitahuan privasi" in html and "Kirim permohonan" in html
    response = client.post(
        reverse("ppid:request_new"), {"public_body": bodies["province"].pk, "identity_number": "123"}
    )
    assert "NIK terdiri atas tepat 16 angka" in response.content.decode()


def test_service_messages_and_email_in_indonesian(bodies, login, django_capture_on_commit_callbacks):
    from lontar.accounts.models import Role
    from lontar.ppid.services import information_request_submit

    with django_capture_on_commit_callbacks(execute=True):
        req, _token = information_request_submit(
            body=bodies["province"], data=request_data(), identity_document=checked_pdf()
        )
    assert "Permohonan informasi" in mail.outbox[0].subject
    assert "Token pelacakan" in mail.outbox[0].body
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    with pytest.raises(ValidationError) as exc:
        information_request_extend(actor=ppid, request=req, reason="x")
    assert "Tuliskan alasannya" in str(exc.value)
