"""Penilaian mandiri: saving an answer, submitting, and the instansi's response (sanggah)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.assessments import scoring
from lontar.audit.services import audit_record
from lontar.evaluations import handoffs
from lontar.evaluations.choices import SubmissionState
from lontar.evaluations.errors import EditConflict
from lontar.evaluations.models import Answer, AnswerEvidence, Evidence, Submission
from lontar.evaluations.scoring_inputs import tree_of, values_of
from lontar.evaluations.services._common import clean_value, lock_submission, require_team

MAX_TEXT = 10_000


def _check_text(text: str, label: str) -> str:
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("%(field)s is longer than %(max)d characters.") % {"field": label, "max": MAX_TEXT}, code="too_long"
        )
    return text.strip()


def _check_evidence(answer: Answer, evidence_ids: Iterable[int]) -> set[int]:
    wanted = set(evidence_ids)
    found = set(
        Evidence.objects.filter(pk__in=wanted, organisation_id=answer.submission.organisation_id).values_list(
            "pk", flat=True
        )
    )
    if wanted - found:
        raise ValidationError(_("Choose evidence from this instansi's own library."), code="foreign_evidence")
    return found


def set_answer_evidence(answer: Answer, evidence_ids: set[int]) -> None:
    current = set(AnswerEvidence.objects.filter(answer=answer).values_list("evidence_id", flat=True))
    AnswerEvidence.objects.filter(answer=answer, evidence_id__in=current - evidence_ids).delete()
    AnswerEvidence.objects.bulk_create([AnswerEvidence(answer=answer, evidence_id=pk) for pk in evidence_ids - current])


def answer_save(
    *,
    actor: Any,
    answer: Answer,
    value: Any,
    explanation: str,
    version: int,
    evidence_ids: Iterable[int] = (),
    value_source: str = "",
) -> Answer:
    """Save one answer of a draft penilaian mandiri (own team only).

    ``version`` is the version the editor started from; if the answer changed since, nothing is
    written and :class:`EditConflict` carries the answer as it is now.
    """
    submission = answer.submission
    require_team(actor, submission.organisation)
    tree = tree_of(submission.cycle.framework)
    level = clean_value(tree, answer.number, value)
    explanation = _check_text(explanation, _("The explanation"))
    value_source = _check_text(value_source, _("The source"))[:300]
    with transaction.atomic():
        submission = lock_submission(submission)
        if submission.state != SubmissionState.DRAFT or submission.cycle.is_final:
            raise ValidationError(
                _("This penilaian mandiri has been submitted and can no longer change."), code="locked"
            )
        ids = _check_evidence(answer, evidence_ids)
        updated = Answer.objects.filter(pk=answer.pk, version=version).update(
            self_value=level,
            explanation=explanation,
            value_source=value_source,
            version=F("version") + 1,
            updated_by=actor if getattr(actor, "is_authenticated", False) else None,
            updated_at=timezone.now(),
        )
        if not updated:
            raise EditConflict(Answer.objects.select_related("updated_by").get(pk=answer.pk))
        fresh = Answer.objects.get(pk=answer.pk)
        set_answer_evidence(fresh, ids)
        audit_record(
            action="evaluations.answer.saved",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"indicator": answer.number, "level": level, "evidence": sorted(ids), "version": fresh.version},
        )
    return fresh


def submission_submit(*, actor: Any, submission: Submission) -> tuple[Submission, bool]:
    """Submit (and lock) a penilaian mandiri once every indicator is answered.

    Returns (submission, changed); submitting again is harmless and changes nothing.
    """
    require_team(actor, submission.organisation)
    with transaction.atomic():
        submission = lock_submission(submission)
        if submission.state != SubmissionState.DRAFT:
            return submission, False
        if submission.cycle.is_final:
            raise ValidationError(_("This cycle is final."), code="final")
        missing = list(submission.answers.filter(self_value__isnull=True).values_list("number", flat=True))
        if missing:
            raise ValidationError(
                _("Answer every indicator before submitting; still open: %(numbers)s.")
                % {"numbers": ", ".join(missing[:15]) + (" …" if len(missing) > 15 else "")},
                code="incomplete",
            )
        tree = tree_of(submission.cycle.framework)
        result = scoring.score(tree, values_of(submission.answers.values_list("number", "self_value")))
        submission.state = SubmissionState.SUBMITTED
        submission.submitted_at = timezone.now()
        submission.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        submission.self_index = result.index
        submission.save(update_fields=["state", "submitted_at", "submitted_by", "self_index", "updated_at"])
        audit_record(
            action="evaluations.submission.submitted",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"self_index": result.index},
        )
        handoffs.submission_submitted(submission)
    return submission, True


def response_save(*, actor: Any, answer: Answer, text: str, version: int) -> Answer:
    """The instansi's response (sanggah) to the validated level, during penilaian interviu."""
    submission = answer.submission
    require_team(actor, submission.organisation)
    text = _check_text(text, _("The response"))
    with transaction.atomic():
        submission = lock_submission(submission)
        if submission.state != SubmissionState.INTERVIU:
            raise ValidationError(_("A response can be given during penilaian interviu only."), code="stage")
        updated = Answer.objects.filter(pk=answer.pk, version=version).update(
            response=text,
            response_at=timezone.now(),
            response_by=actor if getattr(actor, "is_authenticated", False) else None,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        if not updated:
            raise EditConflict(Answer.objects.select_related("response_by").get(pk=answer.pk))
        audit_record(
            action="evaluations.answer.response_saved",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"indicator": answer.number, "length": len(text)},
        )
    return Answer.objects.get(pk=answer.pk)
