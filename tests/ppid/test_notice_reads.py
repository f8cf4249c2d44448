"""Issuing renders the notice PDF before the transaction; the pages serving it never write."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.core import documents
from lontar.ppid import services
from lontar.ppid.choices import Decision
from lontar.ppid.models import Notice
from lontar.ppid.services import NoticeData
from tests.ppid.test_notice_pdf import _without_pdf, issued  # noqa: F401  (fixture)
from tests.stored import private_files, write_raw

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")
#: a signed-in page keeps the session's idle clock in the session row: not the document's data
SESSION = "django_session"


def _stored() -> list[str]:
    return private_files()  # on local disk or in the bucket (make test-s3)


def test_the_pdf_is_rendered_before_the_transaction(submit, bodies, login, monkeypatch):
    req, _token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    depth = len(connection.atomic_blocks)  # the test's own transaction
    render = documents.render_pdf
    calls = []

    def outside_the_transaction(*args, **kwargs):
        assert len(connection.atomic_blocks) == depth, "rendered while the request row is locked"
        calls.append(args[0])
        return render(*args, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", outside_the_transaction)
    data = NoticeData(decision=Decision.NOT_DOCUMENTED, explanation="Belum didokumentasikan.")
    req = services.information_request_issue_notice(actor=ppid, request=req, data=data)
    assert calls == ["ppid/notice_pdf.html"]
    notice = Notice.objects.get(request=req)
    assert notice.pdf and documents.read_pdf(notice.pdf, sha256=notice.pdf_sha256).startswith(b"%PDF")


def test_a_refused_issue_leaves_no_file(submit, bodies, login):
    req, _token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    data = NoticeData(decision=Decision.NOT_DOCUMENTED, explanation="Belum didokumentasikan.")
    services.information_request_issue_notice(actor=ppid, request=req, data=data)
    before = _stored()
    with pytest.raises(services.InvalidTransition):
        services.information_request_issue_notice(actor=ppid, request=req, data=data)
    assert _stored() == before


def _gets(client, urls: list[str]) -> tuple[list[int], list[str]]:
    before = _stored()
    with CaptureQueriesContext(connection) as queries:
        statuses = [client.get(url).status_code for url in urls]
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES) and SESSION not in q["sql"]
    ]
    assert _stored() == before
    return statuses, writes


def _pdf_urls(client, req, token) -> list[str]:
    page = client.post(reverse("ppid:track"), {"number": req.number, "token": token}).content.decode()
    track = "/ppid/lacak/surat/" + page.split('href="/ppid/lacak/surat/')[1].split('"')[0]
    return [track, reverse("ppid:staff_notice_pdf", args=[req.pk])]


def test_pages_serving_an_issued_notice_only_read(client, issued, bodies, login):  # noqa: F811
    req, token = issued
    code = req.notice.verification_code
    staff, _ = login(bodies["province"].organisation, Role.PPID)
    urls = [reverse("ppid:verify", args=[code]), reverse("ppid:verify_signature", args=[code])]
    statuses, writes = _gets(client, urls)
    assert statuses == [200, 200] and writes == []
    track, staff_url = _pdf_urls(client, req, token)
    assert _gets(client, [track]) == ([200], [])
    assert _gets(staff, [staff_url]) == ([200], [])


def test_a_notice_without_its_pdf_is_not_written_on_a_get(client, issued, bodies, login):  # noqa: F811
    req, token = issued
    track, staff_url = _pdf_urls(client, req, token)
    _without_pdf(req.notice)
    staff, _ = login(bodies["province"].organisation, Role.PPID)
    statuses, writes = _gets(client, [track])
    assert statuses == [503] and writes == []
    response = staff.get(staff_url)
    assert response.status_code == 503 and "belum tersedia" in response.content.decode()
    assert _gets(staff, [staff_url]) == ([503], [])
    assert not Notice.objects.get(pk=req.notice.pk).pdf


def test_a_notice_pdf_altered_in_storage_is_neither_served_nor_signed(client, issued, bodies, login):  # noqa: F811
    req, _token = issued
    notice = req.notice
    write_raw(notice.pdf.storage, notice.pdf.name, b"%PDF-1.7 altered in storage")
    staff, _ = login(bodies["province"].organisation, Role.PPID)
    assert staff.get(reverse("ppid:staff_notice_pdf", args=[req.pk])).status_code == 503
    assert client.get(reverse("ppid:verify_signature", args=[notice.verification_code])).status_code == 503
