"""The questionnaire workflow (Indeks KAMI, Monev KIP): open a cycle, self-assess, submit, verify, finalise.

The same cycle as the SPBE evaluation (:class:`~lontar.evaluations.models.Cycle` of a
questionnaire framework); one submission per subject. Every change is one service with its audit
event in the same transaction; bad input raises ``ValidationError`` with an Indonesian message and
writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.assessments.models import Framework, FrameworkKind
from lontar.assessments.questionnaire import Questionnaire
from lontar.assessments.questionnaire_scoring import check_answers
from lontar.assessments.selectors import framework_questionnaire
from lontar.assessments.services import framework_lock
from lontar.audit.services import audit_record
from lontar.core import documents
from lontar.core.files import atomic_with_files
from lontar.evaluations import permissions, qhandoffs, qreport
from lontar.evaluations.choices import CycleScope, QuestionnaireState
from lontar.evaluations.models import Cycle, QuestionnaireAnswer, QuestionnaireReport, QuestionnaireSubmission
from lontar.evaluations.questionnaire_results import build_result, headline
from lontar.evaluations.selectors.questionnaires import questionnaire_result, result_context
from lontar.evaluations.services._common import require_manager, require_team
from lontar.evaluations.subjects import Subject, subject_kind_for

MAX_TEXT = 10_000
MAX_LINKS = 10


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def questionnaire_cycle_open(
    *,
    actor: Any,
    framework: Framework,
    year: int,
    name: str,
    subjects: Sequence[Subject],
    self_assessment_due: dt.date | None = None,
    result_due: dt.date | None = None,
    is_sample: bool = False,
) -> Cycle:
    """Open a questionnaire cycle: one submission per subject, one empty answer per question."""
    require_manager(actor)
    if framework.kind != FrameworkKind.QUESTIONNAIRE:
        raise ValidationError(_("This framework is not a questionnaire."), code="kind")
    if not 2000 <= year <= 2100:
        raise ValidationError(_("The year must lie between 2000 and 2100."), code="year")
    if not name.strip():
        raise ValidationError(_("The cycle needs a name."), code="name")
    if self_assessment_due and result_due and result_due < self_assessment_due:
        raise ValidationError(
            _("Stage deadlines must follow the order of the stages (each on or after the one before)."),
            code="deadline_order",
        )
    kind = subject_kind_for(framework.code)
    unique = list({(s.kind, s.name.strip()): s for s in subjects if s.name.strip()}.values())
    if not unique:
        raise ValidationError(_("Choose at least one subject to assess."), code="no_subjects")
    wrong = [s.name for s in unique if s.kind != kind or s.organisation is None]
    if wrong:
        raise ValidationError(
            _("These subjects cannot take part in this cycle: %(names)s.") % {"names": ", ".join(wrong[:5])},
            code="subjects",
        )
    q = framework_questionnaire(framework)
    try:
        with transaction.atomic():
            cycle = Cycle.objects.create(
                framework=framework,
                year=year,
                name=name.strip()[:200],
                scope=CycleScope.INSTANSI,
                is_sample=is_sample,
                opened_by=_actor(actor),
                self_assessment_due=self_assessment_due,
                result_due=result_due,
            )
            subs = [
                QuestionnaireSubmission.objects.create(
                    cycle=cycle,
                    organisation=s.organisation,
                    subject_kind=s.kind,
                    subject_ref=s.ref[:60],
                    subject_name=s.name.strip()[:200],
                )
                for s in unique
            ]
            QuestionnaireAnswer.objects.bulk_create(
                [QuestionnaireAnswer(submission=sub, question=qu.id) for sub in subs for qu in q.questions],
                batch_size=2000,
            )
            audit_record(
                action="evaluations.cycle.opened",
                actor=actor,
                target=cycle,
                data={
                    "framework": framework.code,
                    "version": framework.version,
                    "year": year,
                    "subjects": len(subs),
                    "sample": is_sample,
                },
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("A cycle with this name already exists for this framework and year."), code="duplicate"
        ) from exc
    return cycle


def _lock(submission: QuestionnaireSubmission) -> QuestionnaireSubmission:
    return (
        QuestionnaireSubmission.objects.select_for_update()
        .select_related("cycle", "cycle__framework", "organisation")
        .get(pk=submission.pk)
    )


def _questionnaire(submission: QuestionnaireSubmission) -> Questionnaire:
    return framework_questionnaire(submission.cycle.framework)


def _check_options(q: Questionnaire, answers: Mapping[str, str], category: Mapping[str, str]) -> None:
    problems = check_answers(q, answers, category)
    if not problems:
        return
    qid, problem = problems[0]
    if problem == "unknown":
        raise ValidationError(
            _("Question %(id)s is not part of this questionnaire.") % {"id": qid}, code="unknown_question"
        )
    code = answers.get(qid, category.get(qid, ""))
    raise ValidationError(
        _("The answer “%(answer)s” is not one of the options of question %(id)s.") % {"answer": code, "id": qid},
        code="option",
    )


def _clean_links(qid: str, raw: str) -> str:
    links = [line.strip() for line in (raw or "").splitlines() if line.strip()]
    if len(links) > MAX_LINKS:
        raise ValidationError(
            _("Question %(id)s: at most %(max)d evidence links.") % {"id": qid, "max": MAX_LINKS}, code="links"
        )
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError as exc:
            raise ValidationError(
                _("Question %(id)s: “%(link)s” is not a web address (http:// or https://).")
                % {"id": qid, "link": link[:80]},
                code="link",
            ) from exc
    return "\n".join(links)


def questionnaire_answers_save(
    *,
    actor: Any,
    submission: QuestionnaireSubmission,
    answers: Mapping[str, Mapping[str, str]],
    category_answers: Mapping[str, str] | None = None,
) -> int:
    """Save the owner team's answers (``{question: {"option", "explanation", "links"}}``) of a draft.

    An empty option clears an answer. Every answer is checked first; one bad answer saves nothing.
    Returns how many answers changed.
    """
    require_team(actor, submission.organisation)
    q = _questionnaire(submission)
    chosen = {qid: a.get("option", "") for qid, a in answers.items() if a.get("option")}
    category = {k: v for k, v in (category_answers or {}).items() if v}
    unknown = [qid for qid in answers if qid not in q.by_id]
    if unknown:
        raise ValidationError(
            _("Question %(id)s is not part of this questionnaire.") % {"id": unknown[0]}, code="unknown_question"
        )
    _check_options(q, chosen, category)
    cleaned = {}
    for qid, a in answers.items():
        text = (a.get("explanation") or "").strip()
        if len(text) > MAX_TEXT:
            raise ValidationError(
                _("Question %(id)s: the explanation is longer than %(max)d characters.") % {"id": qid, "max": MAX_TEXT},
                code="too_long",
            )
        cleaned[qid] = (a.get("option", ""), text, _clean_links(qid, a.get("links", "")))
    with transaction.atomic():
        submission = _lock(submission)
        if submission.state != QuestionnaireState.DRAFT:
            raise ValidationError(_("The self-assessment is submitted and can no longer change."), code="locked")
        rows = {r.question: r for r in submission.answers.filter(question__in=list(cleaned))}
        changed = []
        for qid, (option, text, links) in cleaned.items():
            row = rows[qid]
            if (row.option, row.explanation, row.links) != (option, text, links):
                row.option, row.explanation, row.links = option, text, links
                row.updated_by = _actor(actor)
                row.updated_at = timezone.now()
                changed.append(row)
        QuestionnaireAnswer.objects.bulk_update(changed, ["option", "explanation", "links", "updated_by", "updated_at"])
        category_changed = category_answers is not None and category != submission.category_answers
        if category_changed:
            submission.category_answers = category
            submission.save(update_fields=["category_answers", "updated_at"])
        if changed or category_changed:
            audit_record(
                action="evaluations.questionnaire.answers_saved",
                actor=actor,
                organisation=submission.organisation,
                target=submission,
                data={
                    "questions": sorted(r.question for r in changed),
                    "answers": {r.question: r.option for r in changed},
                    "category": category if category_changed else None,
                },
            )
    return len(changed)


def missing_answers(submission: QuestionnaireSubmission, q: Questionnaire) -> list[str]:
    """Question ids (categorisation questions first) still without an answer."""
    missing = []
    if q.categorisation is not None:
        missing += [c.id for c in q.categorisation.questions if c.id not in submission.category_answers]
    missing += list(submission.answers.filter(option="").values_list("question", flat=True))
    return missing


def questionnaire_submit(*, actor: Any, submission: QuestionnaireSubmission) -> tuple[QuestionnaireSubmission, bool]:
    """Lock the self-assessment (every question answered) and tell the verifiers. Twice is harmless."""
    require_team(actor, submission.organisation)
    with transaction.atomic():
        submission = _lock(submission)
        if submission.state != QuestionnaireState.DRAFT:
            return submission, False
        missing = missing_answers(submission, _questionnaire(submission))
        if missing:
            raise ValidationError(
                _("Questions without an answer: %(ids)s.") % {"ids": ", ".join(missing[:15])}, code="unanswered"
            )
        submission.state = QuestionnaireState.SUBMITTED
        submission.submitted_at = timezone.now()
        submission.submitted_by = _actor(actor)
        submission.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
        audit_record(
            action="evaluations.questionnaire.submitted",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"cycle": submission.cycle_id},
        )
        qhandoffs.submitted(submission)
    return submission, True


def require_verifier(actor: Any, submission: QuestionnaireSubmission) -> None:
    if actor is not None and not permissions.is_verifier(actor, submission.organisation):
        raise PermissionDenied(_("Only a verifier of the province who is not the owner's team can verify this."))


def _clean_presentation(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("The presentation score must be a number from 0 to 100."), code="presentation") from exc
    if not number.is_finite() or not 0 <= number <= 100 or number.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError(_("The presentation score must be a number from 0 to 100."), code="presentation")
    return number


def questionnaire_verify_save(
    *,
    actor: Any,
    submission: QuestionnaireSubmission,
    decisions: Mapping[str, tuple[bool, str]],
    presentation: Any = None,
    note: str = "",
    done: bool = False,
) -> QuestionnaireSubmission:
    """The verifier's decision per answer (accepted, or rejected with the answer that counts instead),
    the presentation score (Monev KIP) and a note. ``done`` marks the verification complete and tells
    the owner's team."""
    require_verifier(actor, submission)
    q = _questionnaire(submission)
    overrides = {qid: opt for qid, (ok, opt) in decisions.items() if not ok and opt}
    _check_options(q, overrides, {})
    unknown = [qid for qid in decisions if qid not in q.by_id]
    if unknown:
        raise ValidationError(
            _("Question %(id)s is not part of this questionnaire.") % {"id": unknown[0]}, code="unknown_question"
        )
    score = _clean_presentation(presentation)
    if len(note) > MAX_TEXT:
        raise ValidationError(_("The note is longer than %(max)d characters.") % {"max": MAX_TEXT}, code="too_long")
    with transaction.atomic():
        submission = _lock(submission)
        if submission.state not in (QuestionnaireState.SUBMITTED, QuestionnaireState.VERIFIED):
            raise ValidationError(_("This questionnaire is not waiting for verification."), code="state")
        rows = list(submission.answers.filter(question__in=list(decisions)))
        for row in rows:
            ok, opt = decisions[row.question]
            row.accepted, row.verified_option = ok, ("" if ok else opt)
        QuestionnaireAnswer.objects.bulk_update(rows, ["accepted", "verified_option"])
        submission.presentation = score
        submission.verifier_note = note.strip()
        fields = ["presentation", "verifier_note", "updated_at"]
        became_verified = done and submission.state == QuestionnaireState.SUBMITTED
        if became_verified:
            if q.parts and score is None and any(p.code != "questionnaire" for p in q.parts):
                raise ValidationError(
                    _("Enter the presentation score before completing the verification."), code="presentation"
                )
            submission.state = QuestionnaireState.VERIFIED
            submission.verified_at = timezone.now()
            submission.verified_by = _actor(actor)
            fields += ["state", "verified_at", "verified_by"]
        submission.save(update_fields=fields)
        audit_record(
            action="evaluations.questionnaire.verified"
            if became_verified
            else "evaluations.questionnaire.verification_saved",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={
                "rejected": sorted(r.question for r in rows if r.accepted is False),
                "accepted": sum(1 for r in rows if r.accepted),
                "presentation": score,
            },
        )
        if became_verified:
            qhandoffs.verified(submission)
    return submission


def questionnaire_finalise(*, actor: Any, submission: QuestionnaireSubmission) -> tuple[QuestionnaireSubmission, bool]:
    """Freeze the verified result (score, status or predikat, category); twice is harmless."""
    require_manager(actor)
    with transaction.atomic():
        submission = _lock(submission)
        if submission.state == QuestionnaireState.FINAL:
            return submission, False
        if submission.state != QuestionnaireState.VERIFIED:
            raise ValidationError(_("A result can be finalised once it is verified."), code="state")
        q = _questionnaire(submission)
        result = build_result(submission, q, list(submission.answers.all()))
        value, status, category = headline(result.current)
        if value is None or not status:
            raise ValidationError(
                _("The result is not complete: every part of the score is needed."), code="incomplete"
            )
        submission.state = QuestionnaireState.FINAL
        submission.final_score, submission.final_status, submission.final_category = value, status, category
        submission.finalised_at = timezone.now()
        submission.finalised_by = _actor(actor)
        submission.save()
        framework_lock(actor=None, framework=submission.cycle.framework)
        audit_record(
            action="evaluations.questionnaire.finalised",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"score": value, "status": status, "category": category},
        )
        qhandoffs.finalised(submission)
    return submission, True


def questionnaire_cycle_finalise(*, actor: Any, cycle: Cycle) -> tuple[Cycle, bool]:
    """Publish a questionnaire cycle once every result in it is final; twice is harmless."""
    require_manager(actor)
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().select_related("framework").get(pk=cycle.pk)
        if cycle.is_final:
            return cycle, False
        pending = list(
            QuestionnaireSubmission.objects.filter(cycle=cycle)
            .exclude(state=QuestionnaireState.FINAL)
            .values_list("subject_name", flat=True)[:6]
        )
        if pending:
            raise ValidationError(
                _("Results not final yet: %(names)s.") % {"names": ", ".join(pending)}, code="pending"
            )
        cycle.state = "final"
        cycle.finalised_at = timezone.now()
        cycle.save(update_fields=["state", "finalised_at", "updated_at"])
        audit_record(
            action="evaluations.cycle.finalised",
            actor=actor,
            target=cycle,
            data={"questionnaires": QuestionnaireSubmission.objects.filter(cycle=cycle).count()},
        )
    return cycle, True


def questionnaire_report_issue(*, actor: Any, submission: QuestionnaireSubmission) -> tuple[QuestionnaireReport, bool]:
    """Issue the report of a final result once (the owner's team or a manager); later calls return it."""
    if actor is not None and not (permissions.is_manager(actor) or permissions.is_team(actor, submission.organisation)):
        raise PermissionDenied(_("Only the owner's team or the province can issue this report."))
    existing = QuestionnaireReport.objects.filter(submission=submission).first()
    if existing is not None:
        return existing, False
    if not submission.is_final:
        raise ValidationError(_("The report can be issued once the result is final."), code="not_final")
    result = questionnaire_result(submission)
    number = qreport.new_number(submission)
    digest = documents.content_digest(qreport.canonical_result(result, number))
    issuer = getattr(actor, "full_name", "") or getattr(actor, "email", "") or _("the system")
    pdf = qreport.render_pdf(result, number=number, digest=digest, issued_by=issuer, context=result_context(result))
    with atomic_with_files():
        QuestionnaireSubmission.objects.select_for_update().get(pk=submission.pk)
        existing = QuestionnaireReport.objects.filter(submission=submission).first()
        if existing is not None:
            return existing, False
        report = QuestionnaireReport(
            submission=submission,
            number=number,
            sha256=pdf.sha256,
            content_digest=digest,
            size=pdf.size,
            issued_by=_actor(actor),
        )
        documents.store_pdf(report.pdf, pdf)
        report.save()
        audit_record(
            action="evaluations.questionnaire.report_issued",
            actor=actor,
            organisation=submission.organisation,
            target=report,
            data={"number": number, "sha256": report.sha256, "content_digest": digest},
        )
    return report, True
