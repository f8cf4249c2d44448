"""Keberatan: grounds a–g and their 30-working-day windows, filing, the atasan's answer, disputes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import holidays as holidays_pkg
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.calendar.workdays import working_days_between
from lontar.ppid import services
from lontar.ppid.choices import Decision, ObjectionStatus, RequesterResponse
from lontar.ppid.models import InformationRequest, Objection
from lontar.ppid.rules import objections as objection_rules
from lontar.ppid.rules.objections import RequestFacts
from lontar.ppid.services import AnswerData, DisputeData, InvalidTransition, NoticeData

D = dt.date
H = frozenset(holidays_pkg.country_holidays("ID", years=[2025, 2026], categories=("public", "government")).keys())
EXPLANATION = "Informasi yang saya minta tidak diberikan tanpa alasan yang jelas."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# ------------------------------------------------------------------ pure rules


def test_grounds_for_a_refusal_vector():
    facts = RequestFacts(
        received_on=D(2026, 3, 2),
        effective_due_on=D(2026, 3, 17),
        notice_issued_on=D(2026, 3, 16),
        decision=Decision.REFUSED,
    )
    by = {o.ground: o for o in objection_rules.options(facts, D(2026, 4, 1), H)}
    assert by["a"].available and by["a"].arose_on == D(2026, 3, 16)
    # 16 Mar 2026 + 30 working days: 17, 25–27, 30, 31 Mar (6); 1, 2, 6–10, 13–17, 20–24, 27–30 Apr (27,
    # 3 Apr off); 4, 5, 6 May (30, 1 May off)
    assert by["a"].window_ends_on == D(2026, 5, 6)
    assert not by["c"].available and not by["e"].available and not by["f"].available and not by["g"].available
    assert by["b"].available and by["d"].available
    assert {o.ground: o for o in objection_rules.options(facts, D(2026, 5, 6), H)}["a"].available
    with translation.override("id"):
        late = {o.ground: o for o in objection_rules.options(facts, D(2026, 5, 7), H)}
    assert not late["a"].available and "6 Mei 2026" in late["a"].why_not


def test_ground_c_only_after_the_deadline_and_g_only_when_late():
    facts = RequestFacts(received_on=D(2026, 3, 2), effective_due_on=D(2026, 3, 17))
    assert not objection_rules.option("c", facts, D(2026, 3, 17), H).available
    c = objection_rules.option("c", facts, D(2026, 3, 25), H)
    assert c.available and c.arose_on == D(2026, 3, 17)
    late_notice = RequestFacts(
        received_on=D(2026, 3, 2), effective_due_on=D(2026, 3, 17), notice_issued_on=D(2026, 3, 26),
        decision=Decision.GRANTED, cost=Decimal(5000),
    )  # fmt: skip
    by = {o.ground: o for o in objection_rules.options(late_notice, D(2026, 3, 27), H)}
    assert by["g"].available and by["f"].available and by["e"].available and not by["c"].available


dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 9, 30))


@given(dates, st.integers(0, 30), st.integers(0, 80), st.sampled_from(list(Decision)))
def test_an_available_ground_is_always_within_its_30_working_days(received, due_in, today_in, decision):
    due = received + dt.timedelta(days=due_in)
    facts = RequestFacts(
        received_on=received, effective_due_on=due, notice_issued_on=due, decision=decision, cost=Decimal(1)
    )
    today = received + dt.timedelta(days=today_in)
    for opt in objection_rules.options(facts, today, H):
        if opt.available:
            assert opt.arose_on is not None and opt.arose_on <= today <= opt.window_ends_on
            assert working_days_between(opt.arose_on, opt.window_ends_on, H) == 30
        else:
            assert opt.why_not


# ------------------------------------------------------------------ services


@pytest.fixture
def refused(submit, bodies, login):
    """A province request refused today, with its token and the actors."""
    req, token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    _, atasan = login(bodies["province"].organisation, Role.ATASAN_PPID)
    test = services.consequence_test_create(
        actor=ppid,
        body=bodies["province"],
        data=services.ConsequenceTestData(
            information="Rekam medis", exempted_parts="Diagnosis", ground="h", legal_basis="UU 14/2008 Pasal 17 h",
            harm="Rahasia pribadi", public_interest="Tidak ada", closed_period="Selamanya", decided_by="PPID",
            decided_on=timezone.localdate(),
        ),
    )  # fmt: skip
    req = services.information_request_issue_notice(
        actor=ppid,
        request=req,
        data=NoticeData(
            decision=Decision.REFUSED, exemption_ground="h", consequence_test=test, explanation="Rahasia pribadi"
        ),
    )
    return {"req": req, "token": token, "ppid": ppid, "atasan": atasan}


def test_requester_files_with_token_and_atasan_answers(refused, login, bodies):
    req, token = refused["req"], refused["token"]
    objection = services.objection_file(request=req, grounds=["a", "d"], explanation=EXPLANATION, token=token)
    assert objection.number == f"{req.number}/KEB-1" and objection.grounds == ["a", "d"]
    assert objection.answer_due_on > objection.filed_on and objection.filed_by is None
    assert req.events.filter(action="objection_filed", note_is_public=True).exists()
    with pytest.raises(PermissionDenied):
        services.objection_answer(
            actor=refused["ppid"],
            objection=objection,
            data=AnswerData("upheld", "Keberatan diterima seluruhnya.", "Sekda"),
        )
    _, kab_atasan = login(bodies["kabupaten"].organisation, Role.ATASAN_PPID)
    with pytest.raises(PermissionDenied):
        services.objection_answer(
            actor=kab_atasan, objection=objection, data=AnswerData("upheld", "Keberatan diterima seluruhnya.", "Sekda")
        )
    with pytest.raises(ValidationError) as exc:
        services.objection_answer(actor=refused["atasan"], objection=objection, data=AnswerData("maybe", "x", ""))
    assert "decision" in exc.value.message_dict
    answered = services.objection_answer(
        actor=refused["atasan"],
        objection=objection,
        data=AnswerData(
            "rejected", "Informasi termasuk rahasia pribadi (Pasal 17 huruf h).", "Sekretaris Daerah Provinsi NTT"
        ),
    )
    assert answered.status == ObjectionStatus.ANSWERED and answered.dispute_deadline_on > answered.answered_on
    with pytest.raises(InvalidTransition):
        services.objection_answer(
            actor=refused["atasan"],
            objection=answered,
            data=AnswerData("upheld", "Keberatan diterima seluruhnya.", "Sekda"),
        )
    assert set(AuditEvent.objects.filter(action__startswith="ppid.objection.").values_list("action", flat=True)) == {
        "ppid.objection.filed",
        "ppid.objection.answered",
    }


def test_filing_rules(refused, submit):
    req, token = refused["req"], refused["token"]
    with pytest.raises(PermissionDenied):
        services.objection_file(request=req, grounds=["a"], explanation=EXPLANATION, token="wrong")
    with pytest.raises(ValidationError) as exc:
        services.objection_file(request=req, grounds=["c", "g"], explanation=EXPLANATION, token=token)
    assert "grounds" in exc.value.message_dict and len(exc.value.message_dict["grounds"]) == 2
    with pytest.raises(ValidationError):
        services.objection_file(request=req, grounds=[], explanation=EXPLANATION, token=token)
    with pytest.raises(ValidationError):
        services.objection_file(request=req, grounds=["z"], explanation=EXPLANATION, token=token)
    with pytest.raises(ValidationError) as exc:
        services.objection_file(request=req, grounds=["a"], explanation="short", token=token)
    assert "explanation" in exc.value.message_dict
    fresh, fresh_token = submit()
    with pytest.raises(ValidationError):  # nothing to object to yet but ground b
        services.objection_file(request=fresh, grounds=["a"], explanation=EXPLANATION, token=fresh_token)
    assert services.objection_file(
        request=fresh, grounds=["b"], explanation=EXPLANATION, token=fresh_token
    ).grounds == ["b"]
    assert Objection.objects.count() == 1


def test_window_passed_is_refused_with_the_date(refused):
    req, token = refused["req"], refused["token"]
    past = timezone.localdate() - dt.timedelta(days=80)
    InformationRequest.objects.filter(pk=req.pk).update(
        received_on=past, clock_start_on=past, due_on=past + dt.timedelta(days=14)
    )
    req.notice.issued_on = past + dt.timedelta(days=10)
    req.notice.save()
    req.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.objection_file(request=req, grounds=["a"], explanation=EXPLANATION, token=token)
    assert "30 working days" in str(exc.value)


def test_staff_files_on_behalf_and_withdrawn_requests_cannot_be_objected(refused, submit):
    objection = services.objection_file(
        request=refused["req"], grounds=["a"], explanation=EXPLANATION, actor=refused["ppid"], channel="walk_in"
    )
    assert objection.channel == "walk_in" and objection.filed_by == refused["ppid"]
    second = services.objection_file(
        request=refused["req"], grounds=["d"], explanation=EXPLANATION, token=refused["token"]
    )
    assert second.number.endswith("/KEB-2")
    other, token = submit()
    services.information_request_withdraw(actor=None, request=other, token=token)
    with pytest.raises(InvalidTransition):
        services.objection_file(request=other, grounds=["b"], explanation=EXPLANATION, token=token)


def test_response_and_dispute_record(refused):
    objection = services.objection_file(
        request=refused["req"], grounds=["a"], explanation=EXPLANATION, token=refused["token"]
    )
    with pytest.raises(InvalidTransition):
        services.objection_record_response(actor=refused["ppid"], objection=objection, response="accepted")
    objection = services.objection_answer(
        actor=refused["atasan"],
        objection=objection,
        data=AnswerData("rejected", "Tetap dikecualikan (Pasal 17 h).", "Sekda NTT"),
    )
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.dispute_record(
            actor=refused["ppid"], objection=objection, data=DisputeData(registered_on=today, stage="decided")
        )
    assert "outcome" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.dispute_record(
            actor=refused["ppid"], objection=objection, data=DisputeData(registered_on=today + dt.timedelta(days=1))
        )
    dispute = services.dispute_record(
        actor=refused["ppid"],
        objection=objection,
        data=DisputeData(registered_on=today, register_number="KI-NTT/01/2026"),
    )
    assert dispute.filed_in_time
    objection.refresh_from_db()
    assert objection.requester_response == RequesterResponse.DISPUTE
    dispute = services.dispute_record(
        actor=refused["atasan"],
        objection=objection,
        data=DisputeData(
            registered_on=today, stage="decided", outcome="Sengketa ditolak; informasi dikecualikan.", decided_on=today
        ),
    )
    assert dispute.stage == "decided" and dispute.objection.dispute == dispute
