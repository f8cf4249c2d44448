"""The workflow through its services: claim, submit, review stages, finalise; every step audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from lontar.assessments.models import Framework
from lontar.audit.models import AuditEvent
from lontar.evaluations import services
from lontar.evaluations.errors import EditConflict
from lontar.evaluations.models import Answer, Review, Submission
from tests.evaluations.conftest import LEVELS, answer_all, run_to_interviu

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_opening_a_cycle_creates_a_submission_and_answers_per_participant(cycle):
    assert cycle.submissions.count() == 3
    assert Answer.objects.filter(submission__cycle=cycle).count() == 15
    assert actions().count("evaluations.cycle.opened") == 1


def test_opening_refuses_bad_input_and_writes_nothing(framework, open_cycle, province):
    with pytest.raises(ValidationError):
        open_cycle(framework, participants=[province["kabupaten_opd"]])  # an OPD in an instansi round
    with pytest.raises(ValidationError):
        open_cycle(framework, year=1999)
    with pytest.raises(ValidationError):
        open_cycle(framework, deadlines={"self_assessment_due": "2024-05-01", "document_review_due": "2024-04-01"})
    open_cycle(framework)
    with pytest.raises(ValidationError):
        open_cycle(framework)  # same name, framework and year
    assert Submission.objects.count() == 3


def test_only_managers_open_cycles(framework, province, people):
    with pytest.raises(PermissionDenied):
        services.cycle_open(
            actor=people["team_user"], framework=framework, year=2024, name="x", participants=[province["kabupaten"]]
        )


def test_full_cycle_to_final(submission, people):
    team, asesor, manager = people["team_user"], people["asesor_user"], people["manager_user"]
    submission = run_to_interviu(submission, team, asesor, LEVELS)
    # (40/3·(3+2+4) + 35·3 + 25·3.25) / 100 = 3.0625 → 3.06 (half up)
    assert submission.self_index == Decimal("3.06")
    answer = submission.answers.get(number="4")
    review = answer.reviews.get(stage="interviu")
    services.review_save(actor=asesor, answer=answer, value=2, note="Belum ada SK", version=review.version)
    services.response_save(actor=team, answer=answer, text="SK terbit Desember", version=answer.version)
    services.review_accept_remaining(actor=asesor, submission=submission)
    submission, changed = services.submission_finalise(actor=manager, submission=submission)
    assert changed and submission.state == "final"
    # 120 + 35·2 + 81.25 = 271.25 → 2.71 Baik
    assert submission.final_index == Decimal("2.71") and submission.final_predikat == "Baik"
    assert submission.answers.get(number="4").final_value == 2
    assert Framework.objects.get(pk=submission.cycle.framework_id).locked_at is not None
    for action in (
        "evaluations.answer.saved",
        "evaluations.submission.submitted",
        "evaluations.assignment.created",
        "evaluations.submission.stage_started",
        "evaluations.review.remaining_accepted",
        "evaluations.review.saved",
        "evaluations.answer.response_saved",
        "evaluations.submission.finalised",
    ):
        assert action in actions(), action


def test_submitting_twice_is_harmless(submission, people):
    team = people["team_user"]
    answer_all(submission, team, LEVELS)
    first, changed = services.submission_submit(actor=team, submission=submission)
    assert changed and first.state == "submitted"
    again, changed = services.submission_submit(actor=team, submission=submission)
    assert not changed and again.state == "submitted" and again.submitted_at == first.submitted_at
    assert actions().count("evaluations.submission.submitted") == 1


def test_submit_needs_every_indicator(submission, people):
    answer_all(submission, people["team_user"], {"1": 3})
    with pytest.raises(ValidationError) as info:
        services.submission_submit(actor=people["team_user"], submission=submission)
    assert "2, 3, 4, 5" in str(info.value)
    submission.refresh_from_db()
    assert submission.state == "draft"


def test_submit_locks_the_claims(submission, people):
    team = people["team_user"]
    answer_all(submission, team, LEVELS)
    services.submission_submit(actor=team, submission=submission)
    answer = submission.answers.get(number="1")
    with pytest.raises(ValidationError):
        services.answer_save(actor=team, answer=answer, value=5, explanation="", version=answer.version)
    assert submission.answers.get(number="1").self_value == 3


@pytest.mark.parametrize("value", [0, 6, "7", "-1", "2.5", "abc", "NaN", "Infinity"])
def test_levels_outside_the_scale_are_refused(submission, people, value):
    answer = submission.answers.get(number="1")
    with pytest.raises(ValidationError):
        services.answer_save(actor=people["team_user"], answer=answer, value=value, explanation="", version=0)
    answer.refresh_from_db()
    assert answer.self_value is None and answer.version == 0


def test_external_indicator_takes_a_figure(submission, people):
    answer = submission.answers.get(number="5")
    saved = services.answer_save(
        actor=people["team_user"], answer=answer, value="3.125", explanation="", version=0, value_source="Indeks lain"
    )
    assert saved.self_value == Decimal("3.125") and saved.value_source == "Indeks lain"
    with pytest.raises(ValidationError):
        services.answer_save(actor=people["team_user"], answer=saved, value="3.1255", explanation="", version=1)


def test_only_the_own_team_edits_the_claims(submission, people):
    answer = submission.answers.get(number="1")
    for key in ("other_team_user", "province_team_user", "manager_user", "asesor_user", "viewer_user"):
        with pytest.raises(PermissionDenied):
            services.answer_save(actor=people[key], answer=answer, value=3, explanation="", version=0)


def test_concurrent_claims_the_later_save_is_told(submission, people):
    answer = submission.answers.get(number="1")
    services.answer_save(actor=people["team_user"], answer=answer, value=3, explanation="A", version=0)
    with pytest.raises(EditConflict) as info:
        services.answer_save(actor=people["team2_user"], answer=answer, value=4, explanation="B", version=0)
    assert info.value.current.self_value == 3 and info.value.current.explanation == "A"
    answer.refresh_from_db()
    assert answer.self_value == 3 and answer.version == 1


def test_two_asesor_editing_the_same_indicator(submission, people):
    asesor, asesor2 = people["asesor_user"], people["asesor2_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.assignment_create(actor=None, submission=submission, asesor=asesor2)
    answer = submission.answers.get(number="2")
    version = answer.reviews.get(stage="interviu").version
    services.review_save(actor=asesor, answer=answer, value=1, note="pertama", version=version)
    with pytest.raises(EditConflict) as info:
        services.review_save(actor=asesor2, answer=answer, value=3, note="kedua", version=version)
    assert info.value.current.value == 1 and info.value.current.note == "pertama"
    assert info.value.current.asesor == asesor
    review = answer.reviews.get(stage="interviu")
    assert (review.value, review.note) == (1, "pertama")
    # told, the second asesor saves again from the current version and wins knowingly
    services.review_save(actor=asesor2, answer=answer, value=3, note="kedua", version=review.version)
    assert answer.reviews.get(stage="interviu").value == 3


def test_only_assigned_asesor_review(submission, people):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    answer = submission.answers.get(number="1")
    for key in ("asesor2_user", "manager_user", "team_user"):
        with pytest.raises(PermissionDenied):
            services.review_save(actor=people[key], answer=answer, value=2, note="", version=1)


def test_asesor_of_the_own_team_cannot_be_assigned(submission, province, login):
    _client, user = login(province["kabupaten"], "asesor")
    _client, user2 = login(province["kabupaten"], "tim_koordinasi", email=user.email)
    with pytest.raises(ValidationError):
        services.assignment_create(actor=None, submission=submission, asesor=user2)


def test_stages_run_in_order(submission, people):
    team, asesor = people["team_user"], people["asesor_user"]
    answer_all(submission, team, LEVELS)
    services.submission_submit(actor=team, submission=submission)
    services.assignment_create(actor=None, submission=submission, asesor=asesor)
    with pytest.raises(ValidationError):
        services.stage_start(actor=asesor, submission=submission, stage="interviu")
    services.stage_start(actor=asesor, submission=submission, stage="dokumen")
    with pytest.raises(ValidationError):
        services.submission_finalise(actor=None, submission=submission)  # interviu not held


def test_finalise_needs_every_indicator_validated(submission, people):
    asesor = people["asesor_user"]
    answer_all(submission, people["team_user"], LEVELS)
    services.submission_submit(actor=people["team_user"], submission=submission)
    services.assignment_create(actor=None, submission=submission, asesor=asesor)
    services.stage_start(actor=asesor, submission=submission, stage="dokumen")
    services.stage_start(actor=asesor, submission=submission, stage="interviu")
    with pytest.raises(ValidationError) as info:
        services.submission_finalise(actor=None, submission=submission)
    assert "1, 2, 3, 4, 5" in str(info.value)
    submission.refresh_from_db()
    assert submission.state == "interviu" and submission.final_index is None


def test_validated_level_is_the_latest_stage_that_set_one(submission, people):
    asesor = people["asesor_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.stage_start(actor=asesor, submission=submission, stage="visitasi")
    answer = submission.answers.get(number="3")
    review = answer.reviews.get(stage="visitasi")
    services.review_save(actor=asesor, answer=answer, value=1, note="", version=review.version)
    # interviu keeps the dokumen levels (accepted), visitasi sets only indicator 3
    submission, _changed = services.submission_finalise(actor=None, submission=submission)
    finals = dict(submission.answers.values_list("number", "final_value"))
    assert finals["3"] == 1 and finals["1"] == 3 and finals["5"] == Decimal("3.25")


def test_final_result_is_immutable(submission, people):
    asesor = people["asesor_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.review_accept_remaining(actor=asesor, submission=submission)
    submission, _ = services.submission_finalise(actor=None, submission=submission)
    _again, changed = services.submission_finalise(actor=None, submission=submission)
    assert not changed
    answer = submission.answers.get(number="1")
    with pytest.raises((ValidationError, PermissionDenied)):
        services.review_save(actor=asesor, answer=answer, value=1, note="", version=99)
    with pytest.raises(ValidationError):
        services.response_save(actor=people["team_user"], answer=answer, text="x", version=answer.version)
    # the database refuses too, whatever code path tries
    for attempt in (
        lambda: Answer.objects.filter(pk=answer.pk).update(final_value=1),
        lambda: Review.objects.filter(answer=answer).update(value=1),
        lambda: Submission.objects.filter(pk=submission.pk).update(final_index=Decimal("4.99")),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    submission.refresh_from_db()
    assert submission.final_index == Decimal("3.06")


def test_cycle_finalise_waits_for_every_result(cycle, submission, people):
    with pytest.raises(ValidationError):
        services.cycle_finalise(actor=people["manager_user"], cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.state == "open"


def test_targets(province, framework, people):
    target = services.target_set(
        actor=people["team_user"],
        organisation=province["kabupaten"],
        framework_code="uji-2024",
        year=2025,
        target_index="2.6",
    )
    assert target.target_index == Decimal("2.60")
    with pytest.raises(ValidationError):
        services.target_set(
            actor=people["team_user"],
            organisation=province["kabupaten"],
            framework_code="uji-2024",
            year=2025,
            target_index="7",
        )
    with pytest.raises(PermissionDenied):
        services.target_set(
            actor=people["other_team_user"],
            organisation=province["kabupaten"],
            framework_code="uji-2024",
            year=2025,
            target_index="3",
        )


def test_recompute_confirms_stored_results_and_finds_differences(submission, people):
    from lontar.evaluations.recompute import recompute

    asesor = people["asesor_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.submission_finalise(actor=None, submission=submission)
    report = recompute()
    assert report.cycles == 1 and report.submissions == 3 and not report.mismatches
    assert report.indices == 3 * (1 + 5)  # overall + 2 domains + 3 aspects per submission
    other = submission.cycle.submissions.exclude(pk=submission.pk).first()
    Submission.objects.filter(pk=other.pk).update(state="submitted", self_index=Decimal("4.44"))
    mismatches = recompute().mismatches
    assert [(m.submission_id, m.field, m.stored) for m in mismatches] == [(other.pk, "self_index", Decimal("4.44"))]
