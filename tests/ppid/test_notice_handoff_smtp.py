"""The written notice is a hand-off too: the other officers of the request are told (real SMTP, aiosmtpd)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.ppid import services
from lontar.ppid.choices import Decision
from lontar.ppid.services import NoticeData
from tests.ppid import test_reminders_smtp
from tests.ppid.test_handoffs_smtp import PERSONAL

pytestmark = pytest.mark.django_db

smtp = test_reminders_smtp.smtp  # the real SMTP server fixture
NOTICE = NoticeData(decision=Decision.NOT_HELD, holder="Badan Pusat Statistik", explanation="Tidak dikuasai.")


def test_notice_issued_by_the_pelaksana_mails_the_ppid_not_the_issuer(
    submit, bodies, login, smtp, django_capture_on_commit_callbacks
):
    req, _token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    _, pelaksana = login(bodies["province_opd"].organisation, Role.PPID_PELAKSANA)
    req = services.information_request_assign(actor=ppid, request=req, to=bodies["province_opd"])
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.information_request_issue_notice(actor=pelaksana, request=req, data=NOTICE)
    req.refresh_from_db()
    staff = [m for _f, rcpt, m in smtp.messages if rcpt == [ppid.email]]
    assert len(staff) == 1
    mail = staff[0]
    assert req.number in mail["Subject"] and req.notice.number in mail["Subject"]
    assert mail["Subject"].startswith("Pemberitahuan tertulis")  # Indonesian
    body = mail.get_content()
    assert reverse("ppid:staff_detail", args=[req.pk]) in body
    assert "Informasi tidak dikuasai" in body or req.notice.get_decision_display() in body
    for personal in PERSONAL:
        assert personal not in body and personal not in mail["Subject"]
    recipients = [r for _f, r, _m in smtp.messages]
    assert [pelaksana.email] not in recipients  # the issuer is not told what they just did
    assert ["pemohon@contoh.id"] in recipients  # the requester gets the notice itself


def test_notice_issued_by_the_ppid_mails_the_pelaksana_it_was_disposed_to(
    submit, bodies, login, smtp, django_capture_on_commit_callbacks
):
    req, _token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    _, pelaksana = login(bodies["province_opd"].organisation, Role.PPID_PELAKSANA)
    req = services.information_request_assign(actor=ppid, request=req, to=bodies["province_opd"])
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.information_request_issue_notice(actor=ppid, request=req, data=NOTICE)
    recipients = [r for _f, r, _m in smtp.messages]
    assert [pelaksana.email] in recipients and [ppid.email] not in recipients


def test_a_refused_notice_mails_nobody(submit, bodies, login, smtp, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    req, _token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    login(bodies["province_opd"].organisation, Role.PPID_PELAKSANA)
    smtp.messages.clear()
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        services.information_request_issue_notice(
            actor=ppid, request=req, data=NoticeData(decision=Decision.NOT_HELD, holder="", explanation="")
        )
    assert smtp.messages == []
