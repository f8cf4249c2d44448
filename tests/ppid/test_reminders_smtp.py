"""Reminders and requester e-mails through a real SMTP server (aiosmtpd on 127.0.0.1) started by the tests."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command

from lontar.accounts.models import Membership, Role, User
from lontar.audit.models import AuditEvent
from lontar.calendar.seeding import holidays_seed
from lontar.core.uploads import check_upload
from lontar.ppid import services, tasks
from lontar.ppid.choices import Decision, Status
from lontar.ppid.models import InformationRequest
from lontar.ppid.services import NoticeData
from lontar.ppid.services.reminders import send_due_reminders
from lontar.ppid.uploads import DELIVERY_MAX_BYTES, DELIVERY_TYPES
from tests.ppid.conftest import NIK, pdf_upload

pytestmark = pytest.mark.django_db

#: a deadline just after Nyepi and Idul Fitri 2026 (days off Wed 18 – Tue 24 March)
DEADLINE = dt.date(2026, 3, 25)
PERSONAL = (NIK, "Oelamasi", "0812 3456 7890", "pemohon@contoh.id", "Contoh Pemohon Satu", "Penelitian kebijakan")


class Collector:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], EmailMessage]] = []
        self.controller: Controller | None = None

    def start(self, port: int) -> None:
        """Serve on ``port`` (a stopped Controller cannot start again: its event loop is closed)."""
        self.controller = Controller(self, hostname="127.0.0.1", port=port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port of 127.0.0.1; Django's SMTP backend pointed at it."""
    handler = Collector()
    handler.start(_free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = handler.controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.BASE_URL = "https://lontar.example"
    yield handler
    handler.stop()


def _user(email_address: str, organisation, role: str) -> User:
    user = User.objects.create_user(email_address, "kata-sandi-uji-123", full_name=email_address.split("@")[0])
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def officers(bodies):
    """Two PPID Pelaksana of the provincial Dinas Kominfo, the province's PPID, an inactive Pelaksana."""
    opd = bodies["province_opd"].organisation
    _user("pelaksana.b@uji.go.id", opd, Role.PPID_PELAKSANA)
    _user("pelaksana.a@uji.go.id", opd, Role.PPID_PELAKSANA)
    gone = _user("pelaksana.lama@uji.go.id", opd, Role.PPID_PELAKSANA)
    gone.is_active = False
    gone.save()
    _user("ppid@uji.go.id", bodies["province"].organisation, Role.PPID)
    return ["pelaksana.a@uji.go.id", "pelaksana.b@uji.go.id"]


@pytest.fixture
def pending(submit, bodies, smtp, django_capture_on_commit_callbacks):
    """A request filed online (its confirmation goes through SMTP), due Wed 25 March 2026, assigned."""
    holidays_seed(years=[2026])
    with django_capture_on_commit_callbacks(execute=True):
        req, token = submit()
    InformationRequest.objects.filter(pk=req.pk).update(
        received_on=dt.date(2026, 3, 6),
        clock_start_on=dt.date(2026, 3, 6),
        due_on=DEADLINE,
        status=Status.ASSIGNED,
        assigned_to=bodies["province_opd"],
    )
    req.refresh_from_db()
    return req, token


def _reminders(smtp):
    return [m for m in smtp.messages if "pemberitahuan tertulis untuk" in m[2]["Subject"]]


def test_confirmation_on_filing_goes_through_smtp(pending, smtp):
    req, token = pending
    assert len(smtp.messages) == 1
    _, to, message = smtp.messages[0]
    assert to == ["pemohon@contoh.id"]
    assert message["Subject"] == f"Permohonan informasi {req.number} telah diterima"
    body = message.get_content()
    assert token in body and req.number in body and "Token pelacakan" in body


def test_due_soon_reminder_three_working_days_before_a_deadline_after_lebaran(pending, officers, smtp):
    req, _ = pending
    assert send_due_reminders(today=dt.date(2026, 3, 12)).total_sent == 0  # 4 working days left
    summary = send_due_reminders(today=dt.date(2026, 3, 13))  # Fri: 16, 17 and 25 March left
    assert summary.sent == {"due_soon": 1, "overdue": 0} and not summary.failed
    ((_, to, message),) = _reminders(smtp)
    assert to == officers  # the Pelaksana holding the role, not the inactive one nor the PPID
    assert message["Subject"] == f"Pengingat: pemberitahuan tertulis untuk {req.number} jatuh tempo 25 Maret 2026"
    body = message.get_content()
    assert "Tenggat pemberitahuan tertulis untuk permohonan informasi ini sudah dekat." in body
    assert "Sisa hari kerja: 3" in body and "Dinas Kominfo Provinsi NTT (uji)" in body
    assert f"https://lontar.example/ppid/kelola/permohonan/{req.pk}/" in body
    for personal in PERSONAL:
        assert personal not in body and personal not in message["Subject"]
    event = AuditEvent.objects.get(action="ppid.reminder.sent")
    assert event.target_id == str(req.pk)
    assert event.data["kind"] == "due_soon" and event.data["deadline"] == "2026-03-25"
    # a second run the same day, and the following (holi)days until the deadline: nothing more
    for day in (13, 16, 17, 23, 25):
        assert send_due_reminders(today=dt.date(2026, 3, day)).total_sent == 0
    assert len(_reminders(smtp)) == 1


def test_overdue_reminder_then_weekly(pending, officers, smtp):
    req, _ = pending
    sent = {
        day: send_due_reminders(today=day).sent["overdue"]
        for day in (
            dt.date(2026, 3, 26),
            dt.date(2026, 3, 26),
            dt.date(2026, 3, 27),
            dt.date(2026, 4, 1),
            dt.date(2026, 4, 2),
        )
    }
    assert sent == {dt.date(2026, 3, 26): 0, dt.date(2026, 3, 27): 0, dt.date(2026, 4, 1): 0, dt.date(2026, 4, 2): 1}
    first, again = _reminders(smtp)
    assert first[2]["Subject"] == f"Terlambat: pemberitahuan tertulis untuk {req.number} jatuh tempo 25 Maret 2026"
    assert "Terlambat (hari kerja): 1" in first[2].get_content()
    assert "Terlambat (hari kerja): 6" in again[2].get_content()
    assert AuditEvent.objects.filter(action="ppid.reminder.sent", data__kind="overdue").count() == 2


def test_unassigned_or_nobody_there_goes_to_the_ppid(pending, officers, smtp, bodies):
    req, _ = pending
    InformationRequest.objects.filter(pk=req.pk).update(assigned_to=None, status=Status.RECEIVED)
    send_due_reminders(today=dt.date(2026, 3, 13))
    InformationRequest.objects.filter(pk=req.pk).update(assigned_to=bodies["kabupaten_opd"], status=Status.ASSIGNED)
    send_due_reminders(today=dt.date(2026, 3, 26))  # overdue; nobody at the kabupaten's OPD
    assert [m[1] for m in _reminders(smtp)] == [["ppid@uji.go.id"], ["ppid@uji.go.id"]]


def test_no_reminder_when_the_clock_stops(pending, officers, smtp):
    req, _ = pending
    for status in (Status.INCOMPLETE, Status.NOTICE_ISSUED, Status.CLOSED, Status.WITHDRAWN):
        InformationRequest.objects.filter(pk=req.pk).update(status=status)
        assert send_due_reminders(today=dt.date(2026, 3, 13)).checked == 0
    assert _reminders(smtp) == []


def test_command_prints_counts_and_task_runs(pending, officers, smtp, capsys):
    call_command("ppid_send_reminders", "--date=2026-03-13")
    out = capsys.readouterr().out
    assert "1 requests checked, 1 due-soon and 0 overdue reminders sent" in out
    result = tasks.send_reminders.enqueue("2026-04-02")
    assert result.return_value["sent"] == {"due_soon": 0, "overdue": 1} and result.return_value["failed"] == []
    purge = tasks.purge_identity_documents.enqueue()
    assert purge.return_value == {"documents": 0, "requests": 0}
    with pytest.raises(CommandError):
        call_command("ppid_send_reminders", "--date=13-03-2026")


def test_smtp_failure_is_reported_and_nothing_recorded(pending, officers, smtp, settings):
    smtp.stop()
    summary = send_due_reminders(today=dt.date(2026, 3, 13))
    assert summary.total_sent == 0 and len(summary.failed) == 1
    assert summary.failed[0][0] == pending[0].number
    assert not AuditEvent.objects.filter(action="ppid.reminder.sent").exists()
    with pytest.raises(CommandError, match="1 reminders could not be sent"):
        call_command("ppid_send_reminders", "--date=2026-03-13")
    with pytest.raises(RuntimeError):
        tasks.send_reminders.call("2026-03-13")  # the task fails too
    smtp.start(settings.EMAIL_PORT)
    assert send_due_reminders(today=dt.date(2026, 3, 13)).sent["due_soon"] == 1  # retried next run


def test_notice_email_with_its_pdf_and_files_through_smtp(
    pending, smtp, bodies, login, django_capture_on_commit_callbacks
):
    req, _ = pending
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    upload = check_upload(pdf_upload("dpa.pdf"), allowed=DELIVERY_TYPES, max_bytes=DELIVERY_MAX_BYTES)
    data = NoticeData(decision=Decision.GRANTED, material="DPA 2025", delivery="Softcopy", files=[("dpa.pdf", upload)])
    with django_capture_on_commit_callbacks(execute=True):
        req = services.information_request_issue_notice(actor=ppid, request=req, data=data)
    _, to, message = smtp.messages[-1]
    assert to == ["pemohon@contoh.id"]
    assert message["Subject"] == f"Pemberitahuan tertulis atas permohonan informasi {req.number}"
    attachments = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert list(attachments) == [req.notice.number.replace("/", "-") + ".pdf", "dpa.pdf"]
    pdf = attachments[req.notice.number.replace("/", "-") + ".pdf"]
    assert pdf.startswith(b"%PDF") and pdf == req.notice.pdf.open("rb").read()
    assert req.notice.pdf_sha256 in message.get_body(preferencelist=("plain",)).get_content()


def test_mail_server_down_at_filing_keeps_the_request_and_logs_the_error(
    submit, smtp, caplog, django_capture_on_commit_callbacks
):
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=True):
        req, _ = submit()
    assert InformationRequest.objects.filter(pk=req.pk).exists()
    assert any("send_confirmation not sent" in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)
