"""The daily digest is a django-tasks task (``lontar.notifications.tasks.send_digest``); the command
``notifications_send_digest`` that cron runs daily is a thin wrapper of it. Real SMTP (aiosmtpd)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from lontar.accounts.models import User
from lontar.audit.models import AuditEvent
from lontar.notifications import tasks
from lontar.notifications.models import Delivery, DigestItem
from lontar.notifications.services import DigestNotSent, notify, preference_set
from tests.ppid import test_reminders_smtp

pytestmark = pytest.mark.django_db

smtp = test_reminders_smtp.smtp  # the real SMTP server fixture


def _digest_users() -> list[User]:
    users = []
    for name in ("walidata.ringkasan", "asesor.ringkasan"):
        user = User.objects.create_user(f"{name}@uji.go.id", "kata-sandi-uji-123", full_name=name)
        preference_set(actor=user, delivery=Delivery.DIGEST)
        users.append(user)
    return users


def _hand_off(users: list[User], django_capture_on_commit_callbacks, n: int = 2) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(n):
            notify(users, event="uji.handoff", subject=f"Dataset contoh {i + 1} diajukan", context={"url": "/x/"})


def test_command_runs_the_task_one_digest_per_user(smtp, django_capture_on_commit_callbacks):
    users = _digest_users()
    _hand_off(users, django_capture_on_commit_callbacks)
    assert smtp.messages == []  # digest users get no single mails
    out = io.StringIO()
    call_command("notifications_send_digest", stdout=out)
    assert "2 digest(s) sent" in out.getvalue()
    assert sorted(r for _f, r, _m in smtp.messages) == [[u.email] for u in sorted(users, key=lambda u: u.email)]
    mail = smtp.messages[0][2]
    assert mail["Subject"] == "Lontar: 2 notifikasi hari ini"
    body = mail.get_content()
    assert "Dataset contoh 1 diajukan" in body and "Dataset contoh 2 diajukan" in body and "Selamat pagi" in body
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="notifications.digest.sent").count() == 2
    # nothing pending: the next day's run sends nothing
    smtp.messages.clear()
    assert tasks.send_digest.enqueue().return_value == 0
    assert smtp.messages == []


def test_task_enqueued_returns_the_count(smtp, django_capture_on_commit_callbacks):
    users = _digest_users()
    _hand_off(users[:1], django_capture_on_commit_callbacks, n=1)
    result = tasks.send_digest.enqueue()  # the test settings run tasks at once (ImmediateBackend)
    assert result.return_value == 1 and len(smtp.messages) == 1


def test_command_can_hand_the_task_to_the_worker(smtp, django_capture_on_commit_callbacks):
    _hand_off(_digest_users(), django_capture_on_commit_callbacks, n=1)
    out = io.StringIO()
    call_command("notifications_send_digest", "--enqueue", stdout=out)
    assert "enqueued" in out.getvalue()
    assert len(smtp.messages) == 2  # the immediate backend of the tests ran it


def test_a_mail_server_down_keeps_the_items_and_fails_the_run(smtp, settings, django_capture_on_commit_callbacks):
    users = _digest_users()
    _hand_off(users, django_capture_on_commit_callbacks)
    smtp.stop()
    with pytest.raises(CommandError, match="2 digest"):
        call_command("notifications_send_digest", stdout=io.StringIO())
    with pytest.raises(DigestNotSent):
        tasks.send_digest.call()
    assert DigestItem.objects.filter(sent_at__isnull=True).count() == 4
    assert not AuditEvent.objects.filter(action="notifications.digest.sent").exists()
    smtp.start(settings.EMAIL_PORT)
    assert tasks.send_digest.call() == 2  # retried by the next run
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()
