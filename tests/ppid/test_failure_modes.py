"""Failures leave nothing half-written: no rows, no orphan files; e-mail headers never break."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from lontar.ppid.models import IdentityDocument, InformationRequest
from lontar.ppid.services import information_request_submit
from lontar.ppid.services import intake as intake_module
from tests.ppid.conftest import checked_pdf, request_data
from tests.stored import private_files

pytestmark = pytest.mark.django_db


def _files(settings) -> list[str]:
    return private_files()  # on local disk or in the bucket (make test-s3)


def test_failure_after_saving_the_document_removes_the_file(bodies, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(intake_module, "audit_record", broken)
    with pytest.raises(RuntimeError):
        information_request_submit(body=bodies["province"], data=request_data(), identity_document=checked_pdf())
    assert InformationRequest.objects.count() == 0
    assert IdentityDocument.objects.count() == 0
    assert _files(settings) == []


def test_numbering_collision_is_a_clear_error_and_writes_nothing(bodies, submit):
    for key in ("province", "kabupaten"):
        bodies[key].number_format = "PPID-{year}-{seq:04d}"
        bodies[key].save()
    submit("province")
    with pytest.raises(ValidationError) as exc:
        submit("kabupaten")
    assert "already in use" in str(exc.value) or "sudah dipakai" in str(exc.value)
    assert InformationRequest.objects.count() == 1


def test_header_like_text_in_a_name_stays_in_the_body(bodies, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        information_request_submit(
            body=bodies["province"],
            data=request_data(name="Budi Bcc: korban@contoh.id To: lain@contoh.id"),
            identity_document=checked_pdf(),
        )
    message = mail.outbox[0]
    assert message.to == ["pemohon@contoh.id"] and message.bcc == [] and message.cc == []
    raw = message.message()
    assert raw["Bcc"] is None and raw["To"] == "pemohon@contoh.id"
    assert "\n" not in raw["Subject"]
