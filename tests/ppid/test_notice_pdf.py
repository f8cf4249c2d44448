"""The written notice as PDF: generated at issue with its digests, verification page, downloads, e-mail."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.core.uploads import check_upload
from lontar.ppid import notice_pdf, services
from lontar.ppid.choices import Decision
from lontar.ppid.models import Notice
from lontar.ppid.services import NoticeData, RedactionData
from lontar.ppid.uploads import DELIVERY_MAX_BYTES, DELIVERY_TYPES
from tests.ppid.conftest import NIK, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(submit, bodies, login, django_capture_on_commit_callbacks):
    req, token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    upload = check_upload(pdf_upload("dpa.pdf"), allowed=DELIVERY_TYPES, max_bytes=DELIVERY_MAX_BYTES)
    data = NoticeData(
        decision=Decision.PARTIAL,
        material="DPA 2025",
        delivery="Softcopy lewat e-mail",
        cost=5000,
        payment_method="Transfer ke kas daerah",
        redactions=[RedactionData(part="Nomor rekening pihak ketiga", reason="Data pribadi", ground="h")],
        files=[("dpa.pdf", upload)],
    )
    with django_capture_on_commit_callbacks(execute=True):
        req = services.information_request_issue_notice(actor=ppid, request=req, data=data)
    return req, token


def test_pdf_is_generated_with_its_digests(issued):
    req, _ = issued
    notice = Notice.objects.get(request=req)
    content = notice.pdf.open("rb").read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == notice.pdf_sha256
    assert len(notice.verification_code) == notice_pdf.CODE_LENGTH
    parts = notice_pdf.saved_parts(notice)
    assert notice.content_sha256 == notice_pdf.content_digest(notice, notice.verification_code, *parts)
    with pytest.raises(ValueError):
        notice.pdf.url


def test_verification_page_and_copy_check(client, issued):
    req, _ = issued
    notice = req.notice
    url = reverse("ppid:verify", args=[notice.verification_code])
    page = client.get(url).content.decode()
    assert notice.number in page and notice.pdf_sha256 in page
    assert req.name not in page and NIK not in page and "Oelamasi" not in page
    assert client.get(reverse("ppid:verify", args=["TIDAKADA00"])).status_code == 404
    original = notice.pdf.open("rb").read()
    same = client.post(url, {"copy": SimpleUploadedFile("a.pdf", original, "application/pdf")})
    assert same.status_code == 200 and same.context["check_result"] is True
    forged = client.post(url, {"copy": SimpleUploadedFile("a.pdf", original + b"x", "application/pdf")})
    assert forged.context["check_result"] is False
    assert client.post(url, {}).status_code == 400


def test_requester_and_staff_download_the_pdf(client, issued, bodies, login):
    req, token = issued
    page = client.post(reverse("ppid:track"), {"number": req.number, "token": token}).content.decode()
    link = page.split('href="/ppid/lacak/surat/')[1].split('"')[0]
    response = client.get(f"/ppid/lacak/surat/{link}")
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF")
    assert client.get("/ppid/lacak/surat/1:palsu/").status_code == 404
    staff, _ = login(bodies["province"].organisation, Role.PPID)
    assert staff.get(reverse("ppid:staff_notice_pdf", args=[req.pk])).status_code == 200
    other, _ = login(bodies["kabupaten"].organisation, Role.PPID)
    assert other.get(reverse("ppid:staff_notice_pdf", args=[req.pk])).status_code == 404


def test_notice_email_carries_the_pdf_and_the_files(issued):
    req, _ = issued
    message = mail.outbox[-1]
    assert req.number in message.subject
    names = [a[0] for a in message.attachments]
    assert names == [req.notice.number.replace("/", "-") + ".pdf", "dpa.pdf"]
    assert req.notice.pdf_sha256 in message.body


def _without_pdf(notice: Notice) -> Notice:
    """A notice as sample data wrote it before PDFs were stored at issue."""
    notice.pdf.delete(save=False)
    Notice.objects.filter(pk=notice.pk).update(pdf="", pdf_sha256="", content_sha256="", verification_code=None)
    notice.refresh_from_db()
    return notice


def test_command_stores_the_pdf_of_a_notice_without_one(issued):
    req, _ = issued
    notice = _without_pdf(req.notice)
    out = StringIO()
    call_command("ppid_notice_pdfs", stdout=out)
    assert "notice PDFs stored: 1; still without a PDF: 0" in out.getvalue()
    notice.refresh_from_db()
    assert notice.pdf and notice.verification_code and notice.pdf_sha256
    assert hashlib.sha256(notice.pdf.open("rb").read()).hexdigest() == notice.pdf_sha256
    assert services.notice_pdf_backfill(notice=notice).pdf_sha256 == notice.pdf_sha256
    assert AuditEvent.objects.filter(action="ppid.notice.pdf_generated").count() == 1


def test_pdf_content_is_indonesian_and_complete(issued):
    req, _ = issued
    with translation.override("id"):
        html = render_to_string(
            "ppid/notice_pdf.html",
            {
                "notice": req.notice,
                "req": req,
                "code": "X",
                "digest": "D",
                "verify_url": "u",
                "qr": "",
                "redactions": list(req.notice.redactions.all()),
                "files": list(req.notice.files.all()),
            },
        )
    assert "PEMBERITAHUAN TERTULIS" in html and "Diterima sebagian" in html
    assert "Nomor rekening pihak ketiga" in html and "Transfer ke kas daerah" in html
    assert req.number in html and NIK not in html
