"""PPID services store files inside ``atomic_with_files()``: a failure after a file is saved (here:
the audit write) rolls the rows back and deletes the file, so nothing is orphaned in storage."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.accounts.models import Role
from lontar.ppid.models import DipEntry, IdentityDocument, InformationRequest
from lontar.ppid.services import dip, intake
from lontar.ppid.services.dip import dip_entry_create, dip_entry_update
from tests.ppid.conftest import PDF_BYTES
from tests.ppid.dip_fixtures import entry_data
from tests.stored import private_files

pytestmark = pytest.mark.django_db


class AuditDown(RuntimeError):
    pass


def _audit_fails(**kwargs):
    raise AuditDown("audit store unavailable")


def _stored() -> list[str]:
    return private_files()  # on local disk or in the bucket (make test-s3)


def _document(name: str = "laporan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_a_request_not_recorded_leaves_no_identity_document(submit, monkeypatch):
    monkeypatch.setattr(intake, "audit_record", _audit_fails)
    with pytest.raises(AuditDown):
        submit()
    assert _stored() == []
    assert not InformationRequest.objects.exists() and not IdentityDocument.objects.exists()


def test_a_dip_entry_not_recorded_leaves_no_document(bodies, login, monkeypatch):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    monkeypatch.setattr(dip, "audit_record", _audit_fails)
    with pytest.raises(AuditDown):
        dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(), document=_document())
    assert _stored() == []
    assert not DipEntry.objects.exists()


def test_a_dip_update_not_recorded_keeps_the_old_document_only(bodies, login, monkeypatch):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    entry = dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(), document=_document())
    before = _stored()
    assert len(before) == 1
    monkeypatch.setattr(dip, "audit_record", _audit_fails)
    with pytest.raises(AuditDown):
        dip_entry_update(actor=ppid, entry=entry, data=entry_data(), document=_document("baru.pdf"))
    assert _stored() == before
    assert DipEntry.objects.get(pk=entry.pk).document.name == entry.document.name
