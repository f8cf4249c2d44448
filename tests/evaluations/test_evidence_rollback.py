"""An evidence file is stored inside ``atomic_with_files()``: a failure after it is saved (here: the
audit write) leaves neither the row nor the file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.evaluations import services
from lontar.evaluations.models import Evidence
from lontar.evaluations.services import evidence as evidence_services
from tests.evaluations.test_evidence import PDF
from tests.stored import private_files

pytestmark = pytest.mark.django_db


def _stored() -> list[str]:
    return private_files()  # on local disk or in the bucket (make test-s3)


def test_evidence_not_recorded_leaves_no_file(province, people, monkeypatch):
    before = _stored()

    def audit_fails(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(evidence_services, "audit_record", audit_fails)
    with pytest.raises(RuntimeError):
        services.evidence_add(
            actor=people["team_user"],
            organisation=province["kabupaten"],
            title="SK Tim SPBE",
            kind="report",
            upload=SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf"),
        )
    assert _stored() == before
    assert not Evidence.objects.filter(title="SK Tim SPBE").exists()
