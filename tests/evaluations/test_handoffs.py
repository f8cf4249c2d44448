"""Evaluation hand-offs: the receiver's queue and e-mail (self-assessment submitted, asesor assigned)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from lontar.evaluations import services
from tests.evaluations.conftest import LEVELS, answer_all

pytestmark = pytest.mark.django_db
QUEUE = reverse("notifications:queue")


def test_team_manager_and_asesor_queues_follow_the_hand_offs(submission, people, django_capture_on_commit_callbacks):
    detail = reverse("evaluations:submission_detail", args=[submission.pk])
    team_page = people["team"].get(QUEUE).content.decode()
    assert detail in team_page  # the draft with its unanswered indicators
    answer_all(submission, people["team_user"], LEVELS)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(actor=people["team_user"], submission=submission)
    to = {m.to[0] for m in mail.outbox}
    assert people["manager_user"].email in to
    assert submission.organisation.name in mail.outbox[0].subject
    assert detail not in people["team"].get(QUEUE).content.decode()
    cycle_link = reverse("evaluations:cycle_detail", args=[submission.cycle_id])
    assert cycle_link in people["manager"].get(QUEUE).content.decode()  # submitted, no asesor yet
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_create(actor=None, submission=submission, asesor=people["asesor_user"])
    assert [m.to for m in mail.outbox] == [[people["asesor_user"].email]]
    assert detail in mail.outbox[0].body
    assert detail in people["asesor"].get(QUEUE).content.decode()
    assert cycle_link not in people["manager"].get(QUEUE).content.decode()
