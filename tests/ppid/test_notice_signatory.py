"""The written notice PDF: letterhead (organisation contact details) and signatory (name, NIP, position)."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from lontar.accounts.models import Role
from lontar.ppid import services
from lontar.ppid.choices import Decision
from lontar.ppid.models import Notice
from lontar.ppid.services import NoticeData

pytestmark = pytest.mark.django_db


def test_notice_pdf_has_letterhead_and_signatory(submit, bodies, login, django_capture_on_commit_callbacks):
    org = bodies["province"].organisation
    org.phone = "(0380) 833012"
    org.signatory_name = "Yohanes Bere, S.Kom."
    org.signatory_nip = "198001012005011001"
    org.signatory_position = "Kepala Dinas Kominfo selaku PPID Utama"
    org.save()
    req, _token = submit()
    _, ppid = login(org, Role.PPID)
    data = NoticeData(decision=Decision.NOT_HELD, holder="BPS Provinsi NTT", explanation="Data dikuasai BPS.")
    with django_capture_on_commit_callbacks(execute=True):
        services.information_request_issue_notice(actor=ppid, request=req, data=data)
    notice = Notice.objects.get(request=req)
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(notice.pdf.open("rb").read())).pages)
    assert org.name in text and "(0380) 833012" in text
    assert "Yohanes Bere, S.Kom." in text and "NIP 198001012005011001" in text
    assert "Kepala Dinas Kominfo selaku PPID Utama" in text
