"""Evaluation hand-offs over real SMTP (aiosmtpd): self-assessment submitted → the province's managers,
asesor assigned → the asesor, cycle finalised → the instansi's tim koordinasi. Subjects name the
instansi and the cycle, in Indonesian even when the actor browses in English."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from lontar.evaluations import services
from tests.evaluations.conftest import LEVELS, answer_all
from tests.ppid import test_reminders_smtp

pytestmark = pytest.mark.django_db

smtp = test_reminders_smtp.smtp  # the real SMTP server fixture


def _to(smtp) -> list[str]:
    return sorted(r[0] for _f, r, _m in smtp.messages)


def _mail(smtp, to: str):
    mails = [m for _f, r, m in smtp.messages if r == [to]]
    assert len(mails) == 1, _to(smtp)
    return mails[0]


def test_submitted_assigned_finalised(submission, cycle, people, smtp, django_capture_on_commit_callbacks):
    team, asesor = people["team_user"], people["asesor_user"]
    managers = sorted([people["manager_user"].email, people["province_team_user"].email])
    org, name = submission.organisation.name, cycle.name
    link = "https://lontar.example" + reverse("evaluations:submission_detail", args=[submission.pk])
    answer_all(submission, team, LEVELS)

    smtp.messages.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(actor=team, submission=submission)
    assert _to(smtp) == managers  # not the team that submitted, not another instansi
    mail = _mail(smtp, people["manager_user"].email)
    assert mail["Subject"] == f"Penilaian mandiri {org} telah dikirim ({name})"
    body = mail.get_content()
    assert link in body and "menunggu pemeriksaan" in body

    smtp.messages.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.assignment_create(actor=None, submission=submission, asesor=asesor)
    assert _to(smtp) == [asesor.email]
    mail = _mail(smtp, asesor.email)
    assert mail["Subject"] == f"Anda ditugaskan menilai {org} ({name})"
    assert link in mail.get_content()

    services.stage_start(actor=asesor, submission=submission, stage="dokumen")
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.stage_start(actor=asesor, submission=submission, stage="interviu")
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.submission_finalise(actor=None, submission=submission)
    cycle.submissions.exclude(pk=submission.pk).delete()
    smtp.messages.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.cycle_finalise(actor=None, cycle=cycle)
    team_mails = sorted(a for a in _to(smtp))
    assert team_mails == sorted([team.email, people["team2_user"].email])  # the kabupaten's team only
    mail = _mail(smtp, team.email)
    assert mail["Subject"] == f"Siklus evaluasi {name} telah final"
    body = mail.get_content()
    assert "https://lontar.example" + reverse("evaluations:cycle_detail", args=[cycle.pk]) in body
    assert "dipublikasikan" in body


def test_a_failed_submit_mails_nobody(submission, people, smtp, django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    smtp.messages.clear()
    with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(actor=people["other_team_user"], submission=submission)
    assert smtp.messages == []
