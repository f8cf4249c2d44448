"""The questionnaire workflow (Indeks KAMI, Monev KIP): permissions, audit, bad input, hand-offs, results."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.assessments.selectors import framework_questionnaire
from lontar.audit.models import AuditEvent
from lontar.evaluations.choices import QuestionnaireState
from lontar.evaluations.demo.questionnaires import kami_answers, kse_answers, monev_answers
from lontar.evaluations.models import QuestionnaireSubmission
from lontar.evaluations.selectors.questionnaires import dashboard, questionnaire_history, questionnaire_result
from lontar.evaluations.services import questionnaires as svc
from tests.evaluations.questionnaire_helpers import answers_payload, kami_cycle, monev_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def monev(province):
    cycle = monev_cycle(province)
    return cycle, cycle.questionnaires.get(organisation=province["kabupaten"])


def run_monev(sub, team, verifier, manager, saq=70, presentation="72"):
    q = framework_questionnaire(sub.cycle.framework)
    svc.questionnaire_answers_save(actor=team, submission=sub, answers=answers_payload(monev_answers(q, saq)))
    svc.questionnaire_submit(actor=team, submission=sub)
    decisions = {r.question: (True, "") for r in sub.answers.all()}
    svc.questionnaire_verify_save(
        actor=verifier, submission=sub, decisions=decisions, presentation=presentation, done=True
    )
    return svc.questionnaire_finalise(actor=manager, submission=sub)[0]


def test_open_creates_one_empty_answer_per_question(monev, province):
    cycle, sub = monev
    assert cycle.questionnaires.count() == 3
    assert sub.answers.count() == 25 and not sub.answers.exclude(option="").exists()
    assert AuditEvent.objects.filter(action="evaluations.cycle.opened").exists()


def test_answer_outside_the_options_is_refused_and_nothing_saved(monev, people):
    _cycle, sub = monev
    with pytest.raises(ValidationError) as exc:
        svc.questionnaire_answers_save(
            actor=people["team_user"],
            submission=sub,
            answers=answers_payload({"1.1": "ya", "1.2": "mungkin"}),
        )
    assert "“mungkin” bukan salah satu pilihan pertanyaan 1.2" in exc.value.messages[0]
    assert not sub.answers.exclude(option="").exists()
    assert not AuditEvent.objects.filter(action="evaluations.questionnaire.answers_saved").exists()


def test_unknown_question_and_bad_link_are_refused(monev, people):
    _cycle, sub = monev
    with pytest.raises(ValidationError, match=r"9\.9"):
        svc.questionnaire_answers_save(
            actor=people["team_user"], submission=sub, answers=answers_payload({"9.9": "ya"})
        )
    with pytest.raises(ValidationError, match="alamat web"):
        svc.questionnaire_answers_save(
            actor=people["team_user"],
            submission=sub,
            answers={"1.1": {"option": "ya", "links": "https://contoh.go.id/a\njavascript:alert(1)"}},
        )
    assert not sub.answers.exclude(option="").exists()


def test_only_the_owner_team_answers(monev, people):
    _cycle, sub = monev
    for key in ("other_team_user", "asesor_user", "manager_user"):
        with pytest.raises(PermissionDenied):
            svc.questionnaire_answers_save(actor=people[key], submission=sub, answers=answers_payload({"1.1": "ya"}))


def test_submit_needs_every_answer_and_notifies_verifiers(monev, people, django_capture_on_commit_callbacks):
    _cycle, sub = monev
    with pytest.raises(ValidationError, match="belum dijawab"):
        svc.questionnaire_submit(actor=people["team_user"], submission=sub)
    q = framework_questionnaire(sub.cycle.framework)
    svc.questionnaire_answers_save(
        actor=people["team_user"], submission=sub, answers=answers_payload(monev_answers(q, 50))
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sub, changed = svc.questionnaire_submit(actor=people["team_user"], submission=sub)
    assert changed and sub.state == QuestionnaireState.SUBMITTED
    recipients = {address for m in mail.outbox for address in m.to}
    assert people["asesor_user"].email in recipients and people["team_user"].email not in recipients
    with pytest.raises(ValidationError):
        svc.questionnaire_answers_save(
            actor=people["team_user"], submission=sub, answers=answers_payload({"1.1": "ya"})
        )


def test_verifier_rules_presentation_and_final(monev, people, django_capture_on_commit_callbacks):
    _cycle, sub = monev
    q = framework_questionnaire(sub.cycle.framework)
    svc.questionnaire_answers_save(
        actor=people["team_user"], submission=sub, answers=answers_payload(monev_answers(q, 100))
    )
    svc.questionnaire_submit(actor=people["team_user"], submission=sub)
    decisions = {r.question: (True, "") for r in sub.answers.all()}
    with pytest.raises(PermissionDenied):
        svc.questionnaire_verify_save(actor=people["team_user"], submission=sub, decisions=decisions)
    with pytest.raises(ValidationError, match=r"0 sampai 100"):
        svc.questionnaire_verify_save(
            actor=people["asesor_user"], submission=sub, decisions=decisions, presentation="120"
        )
    with pytest.raises(ValidationError):
        svc.questionnaire_verify_save(actor=people["asesor_user"], submission=sub, decisions=decisions, done=True)
    sub.refresh_from_db()
    assert sub.state == QuestionnaireState.SUBMITTED and sub.presentation is None
    assert not sub.answers.exclude(accepted=None).exists()  # the refused save wrote no decision
    decisions["1.1"] = (False, "")  # a rejected "Ya" counts as "Tidak"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.questionnaire_verify_save(
            actor=people["asesor_user"], submission=sub, decisions=decisions, presentation="80", done=True
        )
    assert {a for m in mail.outbox for a in m.to} >= {people["team_user"].email}
    with pytest.raises(PermissionDenied):
        svc.questionnaire_finalise(actor=people["asesor_user"], submission=sub)
    sub, changed = svc.questionnaire_finalise(actor=people["manager_user"], submission=sub)
    assert changed and sub.state == QuestionnaireState.FINAL
    result = questionnaire_result(sub)
    assert result.claimed.saq == 100 and result.verified.saq < 100
    assert sub.final_score == Decimal(str(round(float(result.verified.final), 2)))
    assert sub.final_status == result.verified.predikat.name
    assert AuditEvent.objects.filter(action="evaluations.questionnaire.finalised", target_id=str(sub.pk)).exists()
    assert svc.questionnaire_finalise(actor=people["manager_user"], submission=sub)[1] is False


def test_monev_plan_and_dashboard_by_predikat(monev, people, province):
    cycle, sub = monev
    final = run_monev(
        sub, people["team_user"], people["asesor_user"], people["manager_user"], saq=65, presentation="70"
    )
    assert final.final_status == "Cukup Informatif"
    plan = questionnaire_result(final).plan()
    assert plan is not None and plan.reached and plan.target.name == "Menuju Informatif"
    board = dashboard(cycle)
    assert board.totals == {"Cukup Informatif": 1} and board.pending == 2
    assert board.statuses[0] == "Tidak Informatif" and board.statuses[-1] == "Informatif"
    with pytest.raises(ValidationError):
        svc.questionnaire_cycle_finalise(actor=None, cycle=cycle)


def test_history_across_years(province, people):
    rows = []
    for year, saq in ((2024, 45), (2025, 85)):
        cycle = monev_cycle(province, year=year)
        sub = cycle.questionnaires.get(organisation=province["kabupaten"])
        rows.append(run_monev(sub, people["team_user"], people["asesor_user"], people["manager_user"], saq, "90"))
    history = questionnaire_history(rows[-1])
    assert [h.year for h in history] == [2024, 2025]


@pytest.mark.parametrize(
    ("kse_total", "status"),
    [(35, "Baik"), (25, "Cukup Baik"), (12, "Pemenuhan Kerangka Kerja Dasar"), (25, "Tidak Layak")],
)
def test_kami_flow_status_category_and_rejection(province, people, kse_total, status):
    cycle = kami_cycle(province)
    sub = cycle.questionnaires.get(subject_name="SIMPEG Kabupaten")
    q = framework_questionnaire(cycle.framework)
    kse = kse_answers(q, kse_total)
    answers = kami_answers(q, kse, status)
    team = people["team_user"]  # the kabupaten's team owns its OPD's system
    svc.questionnaire_answers_save(actor=team, submission=sub, answers=answers_payload(answers), category_answers=kse)
    svc.questionnaire_submit(actor=team, submission=sub)
    decisions = {r.question: (True, "") for r in sub.answers.all()}
    svc.questionnaire_verify_save(actor=people["asesor_user"], submission=sub, decisions=decisions, done=True)
    sub, _ = svc.questionnaire_finalise(actor=people["manager_user"], submission=sub)
    assert sub.final_status == status
    result = questionnaire_result(sub)
    assert len(result.current.radar) == 6 and sub.final_category == result.current.score.category.name


def test_kami_rejected_answer_counts_as_lowest_or_verifier_choice(province, people):
    cycle = kami_cycle(province)
    sub = cycle.questionnaires.get(subject_name="SIMPEG Kabupaten")
    q = framework_questionnaire(cycle.framework)
    kse = kse_answers(q, 35)
    svc.questionnaire_answers_save(
        actor=people["team_user"],
        submission=sub,
        answers=answers_payload({qu.id: "menyeluruh" for qu in q.questions}),
        category_answers=kse,
    )
    svc.questionnaire_submit(actor=people["team_user"], submission=sub)
    first, second = q.questions[0].id, q.questions[1].id
    decisions = {r.question: (True, "") for r in sub.answers.all()}
    decisions[first] = (False, "")
    decisions[second] = (False, "sebagian")
    with pytest.raises(ValidationError):
        svc.questionnaire_verify_save(
            actor=people["asesor_user"], submission=sub, decisions={**decisions, first: (False, "nanti")}
        )
    svc.questionnaire_verify_save(actor=people["asesor_user"], submission=sub, decisions=decisions)
    result = questionnaire_result(QuestionnaireSubmission.objects.get(pk=sub.pk))
    assert result.counted[first] == "tidak" and result.counted[second] == "sebagian"
    assert result.verified.total < result.claimed.total == 918


def test_queue_lines_follow_the_hand_offs(monev, people, django_capture_on_commit_callbacks):
    from lontar.evaluations.qqueues import questionnaire_queues

    def items(user, code):
        return [i.title for q in questionnaire_queues(user) if q.key == code for i in q.items]

    _cycle, sub = monev
    assert any(sub.subject_name in t for t in items(people["team_user"], "kuesioner-mandiri"))
    assert not items(people["asesor_user"], "kuesioner-verifikasi")
    q = framework_questionnaire(sub.cycle.framework)
    svc.questionnaire_answers_save(
        actor=people["team_user"], submission=sub, answers=answers_payload(monev_answers(q, 70))
    )
    svc.questionnaire_submit(actor=people["team_user"], submission=sub)
    assert any(sub.subject_name in t for t in items(people["asesor_user"], "kuesioner-verifikasi"))
    decisions = {r.question: (True, "") for r in sub.answers.all()}
    svc.questionnaire_verify_save(
        actor=people["asesor_user"], submission=sub, decisions=decisions, presentation="70", done=True
    )
    assert any(sub.subject_name in t for t in items(people["manager_user"], "kuesioner-final"))
    assert any(sub.subject_name in t for t in items(people["team_user"], "kuesioner-hasil"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.questionnaire_finalise(actor=people["manager_user"], submission=sub)
    assert people["team_user"].email in {a for m in mail.outbox for a in m.to}
    assert not items(people["manager_user"], "kuesioner-final")
