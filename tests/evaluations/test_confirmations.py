"""Irreversible evaluation actions show a summary first; nothing changes until confirmed."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from lontar.audit.models import AuditEvent
from lontar.evaluations.choices import SubmissionState
from lontar.evaluations.models import Review
from tests.evaluations.conftest import LEVELS, answer_all, run_to_interviu

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def people_en(people):
    for key in ("team", "asesor", "manager"):
        people[key].cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return people


def url(submission, suffix: str = "") -> str:
    return f"/evaluasi/penilaian/{submission.pk}/{suffix}"


def test_detail_buttons_post_without_confirmation_so_the_summary_comes_first(people_en, submission):
    body = people_en["team"].get(url(submission)).content.decode()
    assert f'action="{url(submission, "kirim/")}"' in body
    assert 'name="confirmed"' not in body


@pytest.mark.parametrize("data", [{}, {"step": "submit"}, {"confirmed": "0"}, {"confirmed": "yes"}])
def test_a_post_that_skips_the_review_step_never_acts(people_en, submission, data):
    """Enforced on the server: only confirmed=1 (from the confirmation page) acts."""
    answer_all(submission, people_en["team_user"], LEVELS)
    page = people_en["team"].post(url(submission, "kirim/"), data)
    assert page.status_code == 200 and 'name="confirmed" value="1"' in page.content.decode()
    submission.refresh_from_db()
    assert submission.state == SubmissionState.DRAFT
    assert not AuditEvent.objects.filter(action="evaluations.submission.submitted").exists()
    submission = run_to_interviu(submission, people_en["team_user"], people_en["asesor_user"], LEVELS)
    accept = people_en["asesor"].post(url(submission, "terima-sisa/"), data)
    assert accept.status_code == 200 and 'name="confirmed" value="1"' in accept.content.decode()
    assert not Review.objects.filter(answer__submission=submission, stage="interviu", value__isnull=False).exists()
    people_en["asesor"].post(url(submission, "terima-sisa/"), {"confirmed": "1"})
    final = people_en["manager"].post(url(submission, "final/"), data)
    assert final.status_code == 200 and 'name="confirmed" value="1"' in final.content.decode()
    submission.refresh_from_db()
    assert submission.state != SubmissionState.FINAL


def test_submit_summary_then_confirm(people_en, submission):
    answer_all(submission, people_en["team_user"], {"1": 3, "2": 2})
    team = people_en["team"]
    page = team.post(url(submission, "kirim/"), {})
    assert page.status_code == 200
    words = text(page)
    assert "Indicators unanswered 3" in words
    assert "Answered indicators without evidence 2" in words
    assert 'name="confirmed" value="1"' in page.content.decode()
    submission.refresh_from_db()
    assert submission.state == SubmissionState.DRAFT
    assert not AuditEvent.objects.filter(action="evaluations.submission.submitted").exists()
    answer_all(submission, people_en["team_user"], LEVELS)
    done = team.post(url(submission, "kirim/"), {"confirmed": "1"}, follow=True)
    assert "submitted and locked" in text(done)
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED


def test_accept_all_summary_counts_high_levels_without_evidence(people_en, submission):
    submission = run_to_interviu(submission, people_en["team_user"], people_en["asesor_user"], LEVELS)
    asesor = people_en["asesor"]
    page = asesor.post(url(submission, "terima-sisa/"), {})
    assert page.status_code == 200
    words = text(page)
    assert "Indicators that will be set 5" in words
    # indicator 3 was claimed at 4 and has no evidence
    assert "at level 4 or above with no evidence 1" in words
    assert not Review.objects.filter(answer__submission=submission, stage="interviu", value__isnull=False).exists()
    asesor.post(url(submission, "terima-sisa/"), {"confirmed": "1"})
    assert not Review.objects.filter(answer__submission=submission, stage="interviu", value__isnull=True).exists()


def test_finalise_summary_then_confirm(people_en, submission):
    submission = run_to_interviu(submission, people_en["team_user"], people_en["asesor_user"], LEVELS)
    people_en["asesor"].post(url(submission, "terima-sisa/"), {"confirmed": "1"})
    manager = people_en["manager"]
    page = manager.post(url(submission, "final/"), {})
    assert page.status_code == 200
    words = text(page)
    assert "Indicators without a validated level 0" in words and "Validated index" in words
    assert "button button-danger" in page.content.decode()
    submission.refresh_from_db()
    assert submission.state != SubmissionState.FINAL
    manager.post(url(submission, "final/"), {"confirmed": "1"})
    submission.refresh_from_db()
    assert submission.state == SubmissionState.FINAL


def test_going_to_the_evidence_library_saves_the_draft_first(people_en, submission):
    team = people_en["team"]
    response = team.post(
        url(submission, "indikator/1/"),
        {"level": "3", "explanation": "Sedang disusun", "version": "0", "save_evidence": ""},
    )
    assert response.status_code == 302
    assert "/evaluasi/bukti/" in response["Location"] and "jawaban=" in response["Location"]
    assert "kembali=%2Fevaluasi%2Fpenilaian%2F" in response["Location"]
    answer = submission.answers.get(number="1")
    assert answer.self_value == 3 and answer.explanation == "Sedang disusun"
