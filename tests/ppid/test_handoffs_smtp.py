"""Hand-offs of the PPID reach the receiver's work queue and inbox (real SMTP, aiosmtpd)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.notifications.models import Delivery, DigestItem
from lontar.notifications.services import preference_set
from lontar.ppid import services
from lontar.ppid.choices import Decision, ObjectionDecision
from lontar.ppid.services import AnswerData, NoticeData
from tests.ppid import test_reminders_smtp
from tests.ppid.conftest import NIK

pytestmark = pytest.mark.django_db

PERSONAL = (NIK, "Contoh Pemohon Satu", "pemohon@contoh.id", "0812 3456 7890", "Oelamasi")
QUEUE = reverse("notifications:queue")
smtp = test_reminders_smtp.smtp  # the real SMTP server fixture


def _staff_mail(smtp, to: str):
    mails = [m for _f, rcpt, m in smtp.messages if rcpt == [to]]
    assert mails, f"no mail to {to}: {[r for _f, r, _m in smtp.messages]}"
    return mails[-1]


def test_disposition_mails_the_pelaksana_and_fills_then_leaves_their_queue(
    submit, bodies, login, smtp, django_capture_on_commit_callbacks
):
    req, _token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    client, pelaksana = login(bodies["province_opd"].organisation, Role.PPID_PELAKSANA)
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.information_request_assign(actor=ppid, request=req, to=bodies["province_opd"])
    mail = _staff_mail(smtp, pelaksana.email)
    assert req.number in mail["Subject"]
    body = mail.get_content()
    assert reverse("ppid:staff_detail", args=[req.pk]) in body
    for personal in PERSONAL:
        assert personal not in body and personal not in mail["Subject"]
    page = client.get(QUEUE)
    assert page.status_code == 200
    html = page.content.decode()
    assert req.number in html and reverse("ppid:staff_detail", args=[req.pk]) in html
    services.information_request_issue_notice(
        actor=ppid,
        request=req,
        data=NoticeData(decision=Decision.NOT_HELD, holder="Badan Pusat Statistik", explanation="Tidak dikuasai."),
    )
    assert req.number not in client.get(QUEUE).content.decode()


def test_keberatan_goes_to_the_atasan_then_the_answer_to_requester_and_ppid(
    submit, bodies, login, smtp, django_capture_on_commit_callbacks
):
    req, token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    client, atasan = login(bodies["province"].organisation, Role.ATASAN_PPID)
    services.information_request_issue_notice(
        actor=ppid,
        request=req,
        data=NoticeData(decision=Decision.NOT_HELD, holder="Badan Pusat Statistik", explanation="Tidak dikuasai."),
    )
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        objection = services.objection_file(
            request=req, grounds=["d"], explanation="Jawaban tidak sesuai dengan yang diminta.", token=token
        )
    mail = _staff_mail(smtp, atasan.email)
    assert objection.number in mail["Subject"]
    for personal in PERSONAL:
        assert personal not in mail.get_content()
    html = client.get(QUEUE).content.decode()
    assert objection.number in html
    assert objection.answer_due_on.strftime("%Y-%m-%d") in html
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.objection_answer(
            actor=atasan,
            objection=objection,
            data=AnswerData(
                decision=ObjectionDecision.REJECTED, answer="Jawaban PPID sudah sesuai.", atasan_name="Sekda"
            ),
        )
    assert objection.number not in client.get(QUEUE).content.decode()
    to = sorted(r[0] for _f, r, _m in smtp.messages)
    assert "pemohon@contoh.id" in to and ppid.email in to


def test_digest_instead_of_single_mails(submit, bodies, login, smtp, django_capture_on_commit_callbacks):
    from lontar.notifications.services import digest_send

    req, _token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    _, pelaksana = login(bodies["province_opd"].organisation, Role.PPID_PELAKSANA)
    preference_set(actor=pelaksana, delivery=Delivery.DIGEST)
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.information_request_assign(actor=ppid, request=req, to=bodies["province_opd"])
    assert not smtp.messages
    assert DigestItem.objects.filter(user=pelaksana, sent_at__isnull=True).count() == 1
    assert digest_send() == 1
    mail = _staff_mail(smtp, pelaksana.email)
    assert req.number in mail.get_content()
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()
    assert digest_send() == 0


def test_upheld_keberatan_reopens_the_request_with_a_new_deadline(
    submit, bodies, login, smtp, settings, django_capture_on_commit_callbacks
):
    from lontar.calendar.selectors import add_working_days_from_db
    from lontar.ppid.services._common import today

    settings.PPID_OBJECTION_ORDER_DAYS = 10
    req, token = submit()
    ppid_client, ppid = login(bodies["province"].organisation, Role.PPID)
    _, atasan = login(bodies["province"].organisation, Role.ATASAN_PPID)
    services.information_request_issue_notice(
        actor=ppid,
        request=req,
        data=NoticeData(decision=Decision.NOT_HELD, holder="Badan Pusat Statistik", explanation="Tidak dikuasai."),
    )
    objection = services.objection_file(
        request=req, grounds=["d"], explanation="Jawaban tidak sesuai dengan yang diminta.", token=token
    )
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.objection_answer(
            actor=atasan,
            objection=objection,
            data=AnswerData(
                decision=ObjectionDecision.UPHELD, answer="PPID wajib memberikan informasi.", atasan_name="Sekda"
            ),
        )
    req.refresh_from_db()
    due = add_working_days_from_db(today(), 10)
    assert req.reopened_due_on == due and req.order_done_on is None
    assert req.events.filter(action="reopened", note_is_public=True).exists()
    requester_mail = next(m for _f, r, m in smtp.messages if r == ["pemohon@contoh.id"])
    assert due.strftime("%Y") in requester_mail.get_content()
    html = ppid_client.get(QUEUE).content.decode()
    assert req.number in html and due.strftime("%Y-%m-%d") in html
    detail = ppid_client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert "laksanakan-putusan" in detail
    response = ppid_client.post(
        reverse("ppid:staff_action", args=[req.pk, "laksanakan-putusan"]), {"reason": "Salinan diberikan."}
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.order_done_on == today()
    assert req.number not in ppid_client.get(QUEUE).content.decode()
    again = ppid_client.post(reverse("ppid:staff_action", args=[req.pk, "laksanakan-putusan"]), {"reason": ""})
    assert again.status_code == 409  # nothing left to carry out: a clear message, no 500


def test_keberatan_register_filters_by_status_open_first_by_deadline(submit, bodies, login):
    req, token = submit()
    client, ppid = login(bodies["province"].organisation, Role.PPID)
    services.information_request_issue_notice(
        actor=ppid,
        request=req,
        data=NoticeData(decision=Decision.NOT_HELD, holder="Badan Pusat Statistik", explanation="Tidak dikuasai."),
    )
    objection = services.objection_file(
        request=req, grounds=["d"], explanation="Jawaban tidak sesuai dengan yang diminta.", token=token
    )
    url = reverse("ppid:staff_objections")
    assert objection.number in client.get(url, {"status": "filed"}).content.decode()
    assert objection.number not in client.get(url, {"status": "answered"}).content.decode()
    bad = client.get(url, {"status": "lain"})
    assert bad.status_code == 400 and "pilihan yang valid" in bad.content.decode()
