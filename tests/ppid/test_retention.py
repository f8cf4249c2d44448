"""Identity documents are purged a body's retention period after closing; each purge is audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.ppid import services
from lontar.ppid.models import IdentityDocument, InformationRequest
from lontar.ppid.services.retention import identity_documents_purge
from tests.stored import exists_raw

pytestmark = pytest.mark.django_db(transaction=True)


def test_purge_after_retention_only(submit, bodies, login, settings, django_capture_on_commit_callbacks):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    old, _ = submit()
    fresh, _ = submit()
    still_open, _ = submit()
    for req in (old, fresh):
        services.information_request_withdraw(actor=ppid, request=req, reason="Pemohon membatalkan permohonan.")
    today = timezone.localdate()
    InformationRequest.objects.filter(pk=old.pk).update(closed_on=today - dt.timedelta(days=366))
    InformationRequest.objects.filter(pk=still_open.pk).update(received_on=today - dt.timedelta(days=400))
    scan = old.documents.get().file
    assert exists_raw(scan.storage, scan.name)
    out = io.StringIO()
    call_command("ppid_purge_documents", stdout=out)
    assert "1 identity documents purged from 1 requests" in out.getvalue()
    purged = IdentityDocument.objects.get(request=old)
    assert purged.purged_at is not None and not purged.file
    assert not exists_raw(scan.storage, scan.name)  # gone from disk or from the bucket
    assert IdentityDocument.objects.filter(purged_at__isnull=True).count() == 2
    assert AuditEvent.objects.filter(action="ppid.identity_document.purged", target_id=str(old.pk)).count() == 1
    assert identity_documents_purge().documents == 0
    bodies["province"].retention_days = 30
    bodies["province"].save()
    InformationRequest.objects.filter(pk=fresh.pk).update(closed_on=today - dt.timedelta(days=31))
    assert identity_documents_purge().documents == 1
