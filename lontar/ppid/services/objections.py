"""Keberatan: filing (requester with the token, or staff on their behalf), the atasan PPID's
answer, the requester's response, and the dispute record at the Komisi Informasi."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.calendar.selectors import add_working_days_from_db, holiday_dates
from lontar.core.dates import format_date
from lontar.ppid import handoffs
from lontar.ppid.choices import (
    STAFF_CHANNELS,
    Channel,
    DisputeStage,
    ObjectionDecision,
    ObjectionGround,
    ObjectionStatus,
    RequesterResponse,
    Status,
)
from lontar.ppid.models import Dispute, InformationRequest, Objection
from lontar.ppid.permissions import can_answer_objection, can_handle, can_manage_body
from lontar.ppid.privacy import tracking
from lontar.ppid.rules import deadlines
from lontar.ppid.rules import objections as objection_rules
from lontar.ppid.services._common import InvalidTransition, record_event, require, today
from lontar.ppid.validation import single_line_problem, text_problem

NOT_OBJECTABLE = frozenset({Status.WITHDRAWN, Status.INCOMPLETE})


def request_facts(request: InformationRequest) -> objection_rules.RequestFacts:
    notice = getattr(request, "notice", None)
    return objection_rules.RequestFacts(
        received_on=request.received_on,
        effective_due_on=request.effective_due_on,
        notice_issued_on=notice.issued_on if notice else None,
        decision=notice.decision if notice else None,
        cost=notice.cost if notice else 0,  # type: ignore[arg-type]
    )


def ground_options(request: InformationRequest, on: dt.date | None = None) -> list[objection_rules.GroundOption]:
    """Which grounds the requester may raise today, and until when."""
    day = on or today()
    holidays = holiday_dates(request.received_on, max(day, request.effective_due_on) + dt.timedelta(days=120))
    return objection_rules.options(request_facts(request), day, holidays)


def _text(value: str, field: str, low: int, high: int) -> str:
    value = (value or "").strip()
    problem = text_problem(value)
    if problem or not low <= len(value) <= high:
        message = problem or _("Write between %(low)d and %(high)d characters.") % {"low": low, "high": high}
        raise ValidationError({field: [message]})
    return value


def _check_grounds(request: InformationRequest, grounds: list[str]) -> dt.date:
    chosen = sorted(set(grounds))
    if not chosen or any(g not in ObjectionGround.values for g in chosen):
        raise ValidationError({"grounds": [_("Choose at least one ground (a–g).")]})
    by_ground = {o.ground: o for o in ground_options(request)}
    problems = [f"{g}: {by_ground[g].why_not}" for g in chosen if not by_ground[g].available]
    if problems:
        raise ValidationError({"grounds": problems})
    arose = [by_ground[g].arose_on for g in chosen]  # every available ground has its date
    return min(day for day in arose if day is not None)


def _who_files(request: InformationRequest, actor: Any, token: str | None, channel: str) -> Any:
    if token is not None:
        if not tracking.matches(token, request.tracking_digest):
            raise PermissionDenied(_("The tracking token does not match this request."))
        return None
    require(can_manage_body(actor, request.public_body))
    if channel not in STAFF_CHANNELS:
        raise ValidationError({"channel": [_("Choose how the request arrived.")]})
    return actor


def objection_file(
    *,
    request: InformationRequest,
    grounds: list[str],
    explanation: str,
    token: str | None = None,
    actor: Any = None,
    channel: str = Channel.ONLINE,
) -> Objection:
    """File a keberatan: the requester from the tracking page (with the token) or PPID staff on
    their behalf. Each ground must apply and still be within its 30 working days."""
    filer = _who_files(request, actor, token, channel)
    explanation = _text(explanation, "explanation", 10, 5000)
    with transaction.atomic():
        locked = (
            InformationRequest.objects.select_for_update()
            .select_related("public_body__organisation")
            .get(pk=request.pk)
        )
        if locked.status in NOT_OBJECTABLE:
            raise InvalidTransition(
                _("A request that is “%(status)s” cannot be objected to.") % {"status": locked.get_status_display()}
            )
        arose = _check_grounds(locked, grounds)
        objection = Objection.objects.create(
            request=locked,
            number=f"{locked.number}/KEB-{locked.objections.count() + 1}",
            grounds=sorted(set(grounds)),
            explanation=explanation,
            channel=Channel.ONLINE if token is not None else channel,
            filed_on=today(),
            filed_at=timezone.now(),
            ground_arose_on=arose,
            answer_due_on=add_working_days_from_db(today(), deadlines.OBJECTION_ANSWER_DAYS),
            filed_by=filer,
        )
        record_event(
            locked,
            action="objection_filed",
            from_status=locked.status,
            actor=filer,
            note=objection.number,
            note_is_public=True,
        )
        audit_record(
            action="ppid.objection.filed",
            actor=filer,
            organisation=locked.public_body.organisation,
            target=objection,
            data={"request": locked.number, "grounds": objection.grounds, "by": "requester" if token else "staff"},
        )
        handoffs.objection_filed(objection)
    return objection


@dataclass
class AnswerData:
    decision: str
    answer: str
    atasan_name: str


def objection_answer(*, actor: Any, objection: Objection, data: AnswerData) -> Objection:
    """The atasan PPID answers the keberatan (within 30 working days of filing)."""
    require(can_answer_objection(actor, objection.request))
    if data.decision not in ObjectionDecision.values:
        raise ValidationError({"decision": [_("Choose the decision.")]})
    answer = _text(data.answer, "answer", 10, 5000)
    name = (data.atasan_name or "").strip()
    if single_line_problem(name) or not 3 <= len(name) <= 200:
        raise ValidationError({"atasan_name": [_("Write the name and position of the atasan PPID on one line.")]})
    with transaction.atomic():
        locked = (
            Objection.objects.select_for_update()
            .select_related("request__public_body__organisation")
            .get(pk=objection.pk)
        )
        if locked.status != ObjectionStatus.FILED:
            raise InvalidTransition(_("This objection has already been answered."))
        locked.status = ObjectionStatus.ANSWERED
        locked.decision, locked.answer, locked.atasan_name = data.decision, answer, name
        locked.answered_on, locked.answered_by = today(), actor
        locked.dispute_deadline_on = add_working_days_from_db(today(), deadlines.DISPUTE_WINDOW_DAYS)
        locked.save()
        req = locked.request
        record_event(
            req,
            action="objection_answered",
            from_status=req.status,
            actor=actor,
            note=locked.number,
            note_is_public=True,
        )
        if data.decision in (ObjectionDecision.UPHELD, ObjectionDecision.PARTLY_UPHELD):
            _reopen(req, actor, locked)
        audit_record(
            action="ppid.objection.answered",
            actor=actor,
            organisation=req.public_body.organisation,
            target=locked,
            data={"decision": data.decision, "late": locked.answered_late},
        )
        handoffs.objection_answered(locked)
    return locked


def _reopen(req: InformationRequest, actor: Any, objection: Objection) -> None:
    """An upheld keberatan reopens the request: the PPID carries out the order by a new deadline
    (settings.PPID_OBJECTION_ORDER_DAYS working days from the decision), shown on tracking."""
    req = InformationRequest.objects.select_for_update().select_related("public_body__organisation").get(pk=req.pk)
    req.reopened_due_on = add_working_days_from_db(today(), settings.PPID_OBJECTION_ORDER_DAYS)
    req.order_done_on = None
    req.save(update_fields=["reopened_due_on", "order_done_on", "updated_at"])
    objection.request = req
    record_event(
        req,
        action="reopened",
        from_status=req.status,
        actor=actor,
        note=format_date(req.reopened_due_on),
        note_is_public=True,
    )
    audit_record(
        action="ppid.information_request.reopened",
        actor=actor,
        organisation=req.public_body.organisation,
        target=req,
        data={"objection": objection.number, "due": req.reopened_due_on.isoformat()},
    )


def information_request_carry_out_order(
    *, actor: Any, request: InformationRequest, note: str = ""
) -> InformationRequest:
    """The PPID records that the atasan's order on an upheld keberatan is carried out."""
    require(can_manage_body(actor, request.public_body) or can_handle(actor, request))
    with transaction.atomic():
        locked = (
            InformationRequest.objects.select_for_update()
            .select_related("public_body__organisation")
            .get(pk=request.pk)
        )
        if locked.reopened_due_on is None or locked.order_done_on is not None:
            raise InvalidTransition(_("There is no open order of the atasan PPID on this request."))
        locked.order_done_on = today()
        locked.save(update_fields=["order_done_on", "updated_at"])
        record_event(
            locked,
            action="order_carried_out",
            from_status=locked.status,
            actor=actor,
            note=(note or "").strip()[:2000],
            note_is_public=True,
        )
        audit_record(
            action="ppid.information_request.order_carried_out",
            actor=actor,
            organisation=locked.public_body.organisation,
            target=locked,
            data={"late": locked.order_done_on > locked.reopened_due_on},
        )
    return locked


def objection_record_response(*, actor: Any, objection: Objection, response: str) -> Objection:
    """Record the requester's response to the answer (a column of the register)."""
    require(can_manage_body(actor, objection.request.public_body) or can_answer_objection(actor, objection.request))
    if response not in RequesterResponse.values:
        raise ValidationError({"response": [_("Choose one of the options.")]})
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.status != ObjectionStatus.ANSWERED:
            raise InvalidTransition(_("Record the requester's response after the atasan PPID has answered."))
        locked.requester_response = response
        locked.save(update_fields=["requester_response", "updated_at"])
        audit_record(
            action="ppid.objection.response_recorded",
            actor=actor,
            organisation=objection.request.public_body.organisation,
            target=locked,
            data={"response": response},
        )
    return locked


@dataclass
class DisputeData:
    registered_on: dt.date
    register_number: str = ""
    stage: str = DisputeStage.REGISTERED
    outcome: str = ""
    decided_on: dt.date | None = None


def _dispute_errors(objection: Objection, data: DisputeData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not objection.filed_on <= data.registered_on <= today():
        errors["registered_on"] = [_("The date must lie between the objection and today.")]
    if data.stage not in DisputeStage.values:
        errors["stage"] = [_("Choose one of the options.")]
    if single_line_problem(data.register_number) or len(data.register_number) > 100:
        errors["register_number"] = [_("Use a single line without control characters or line breaks.")]
    if text_problem(data.outcome) or len(data.outcome) > 5000:
        errors["outcome"] = [_("The text contains control characters; remove them.")]
    if data.stage == DisputeStage.DECIDED and (not data.outcome.strip() or data.decided_on is None):
        errors["outcome"] = [_("A decided dispute needs its outcome and the date of the decision.")]
    if data.decided_on is not None and not data.registered_on <= data.decided_on <= today():
        errors["decided_on"] = [_("The date must lie between the registration and today.")]
    return errors


def dispute_record(*, actor: Any, objection: Objection, data: DisputeData) -> Dispute:
    """Create or update the record of the dispute at the Komisi Informasi."""
    require(can_manage_body(actor, objection.request.public_body) or can_answer_objection(actor, objection.request))
    errors = _dispute_errors(objection, data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        dispute, created = Dispute.objects.update_or_create(
            objection=locked,
            defaults={
                "registered_on": data.registered_on,
                "register_number": data.register_number.strip(),
                "stage": data.stage,
                "outcome": data.outcome.strip(),
                "decided_on": data.decided_on,
            },
        )
        if locked.status == ObjectionStatus.ANSWERED and locked.requester_response != RequesterResponse.DISPUTE:
            locked.requester_response = RequesterResponse.DISPUTE
            locked.save(update_fields=["requester_response", "updated_at"])
        audit_record(
            action="ppid.dispute.recorded",
            actor=actor,
            organisation=objection.request.public_body.organisation,
            target=dispute,
            data={"objection": locked.number, "stage": data.stage, "created": created},
        )
    return dispute
