"""Review stages: starting a stage, the asesor's validated levels, finalising a result."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.assessments import scoring
from lontar.assessments.services import framework_lock
from lontar.audit.services import audit_record
from lontar.evaluations import permissions
from lontar.evaluations.choices import FINALISABLE, NEXT_STAGE, REVIEW_STATES, STAGE_ORDER, SubmissionState
from lontar.evaluations.errors import EditConflict
from lontar.evaluations.models import Answer, Review, Submission
from lontar.evaluations.scoring_inputs import effective_value, tree_of, values_of
from lontar.evaluations.services._common import clean_value, lock_submission, require_assigned, require_manager

MAX_NOTE = 10_000


def stage_start(*, actor: Any, submission: Submission, stage: str) -> Submission:
    """Move a submission to the next review stage (assigned asesor or a manager)."""
    if actor is not None and not permissions.is_manager(actor):
        require_assigned(actor, submission)
    with transaction.atomic():
        submission = lock_submission(submission)
        if NEXT_STAGE.get(submission.state) != stage:
            raise ValidationError(
                _("%(stage)s cannot start while the submission is in “%(state)s”.")
                % {"stage": stage, "state": submission.get_state_display()},
                code="stage_order",
            )
        answers = list(submission.answers.values_list("pk", flat=True))
        Review.objects.bulk_create([Review(answer_id=pk, stage=stage) for pk in answers], ignore_conflicts=True)
        previous = submission.state
        submission.state = stage
        submission.save(update_fields=["state", "updated_at"])
        audit_record(
            action="evaluations.submission.stage_started",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"from": previous, "stage": stage},
        )
    return submission


def _open_review(answer: Answer) -> tuple[Submission, Review]:
    submission = lock_submission(answer.submission)
    if submission.state not in REVIEW_STATES:
        raise ValidationError(_("This submission is not in a review stage."), code="stage")
    review = Review.objects.filter(answer=answer, stage=submission.state).first()
    if review is None:
        raise ValidationError(_("This review stage has not started."), code="stage")
    return submission, review


def review_save(*, actor: Any, answer: Answer, value: Any, note: str, version: int) -> Review:
    """The assigned asesor's validated level and note for one indicator in the current stage.

    A save from an older ``version`` than the stored one raises :class:`EditConflict` with the
    review as it is now: the later of two asesor saving the same indicator is told.
    """
    require_assigned(actor, answer.submission)
    level = clean_value(tree_of(answer.submission.cycle.framework), answer.number, value)
    if len(note) > MAX_NOTE:
        raise ValidationError(_("The note is longer than %(max)d characters.") % {"max": MAX_NOTE}, code="too_long")
    with transaction.atomic():
        submission, review = _open_review(answer)
        updated = Review.objects.filter(pk=review.pk, version=version).update(
            value=level,
            note=note.strip(),
            asesor=actor if getattr(actor, "is_authenticated", False) else None,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        if not updated:
            raise EditConflict(Review.objects.select_related("asesor").get(pk=review.pk))
        audit_record(
            action="evaluations.review.saved",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"indicator": answer.number, "stage": review.stage, "level": level, "version": version + 1},
        )
    return Review.objects.select_related("asesor").get(pk=review.pk)


def _carried_value(answer: Answer, stage: str) -> Decimal | None:
    earlier = STAGE_ORDER[: STAGE_ORDER.index(stage)]
    values = {r.stage: r.value for r in answer.reviews.all() if r.stage in earlier}
    carried = effective_value(values)
    return carried if carried is not None else answer.self_value


def review_accept_remaining(*, actor: Any, submission: Submission) -> int:
    """Set every indicator not yet validated in this stage to its earlier level (earlier stage, else the claim)."""
    require_assigned(actor, submission)
    with transaction.atomic():
        submission = lock_submission(submission)
        if submission.state not in REVIEW_STATES:
            raise ValidationError(_("This submission is not in a review stage."), code="stage")
        open_reviews = Review.objects.filter(answer__submission=submission, stage=submission.state, value__isnull=True)
        answers = Answer.objects.filter(pk__in=open_reviews.values("answer_id")).prefetch_related("reviews")
        changed, numbers = [], []
        for answer in answers:
            review = next(r for r in answer.reviews.all() if r.stage == submission.state)
            review.value = _carried_value(answer, submission.state)
            review.asesor = actor if getattr(actor, "is_authenticated", False) else None
            review.version += 1
            review.updated_at = timezone.now()
            changed.append(review)
            numbers.append(answer.number)
        Review.objects.bulk_update(changed, ["value", "asesor", "version", "updated_at"])
        if changed:
            audit_record(
                action="evaluations.review.remaining_accepted",
                actor=actor,
                organisation=submission.organisation,
                target=submission,
                data={"stage": submission.state, "indicators": sorted(numbers)},
            )
    return len(changed)


def submission_finalise(*, actor: Any, submission: Submission) -> tuple[Submission, bool]:
    """Freeze the validated levels as the result; from then on nothing of it changes.

    Needs penilaian interviu held and every indicator validated. Returns (submission, changed);
    finalising twice is harmless.
    """
    require_manager(actor)
    with transaction.atomic():
        submission = lock_submission(submission)
        if submission.state == SubmissionState.FINAL:
            return submission, False
        if submission.state not in FINALISABLE:
            raise ValidationError(
                _("A result can be finalised after penilaian interviu (or visitasi) only."), code="stage"
            )
        answers = list(submission.answers.prefetch_related("reviews"))
        for answer in answers:
            answer.final_value = effective_value({r.stage: r.value for r in answer.reviews.all()})
        missing = [a.number for a in answers if a.final_value is None]
        if missing:
            raise ValidationError(
                _("Indicators without a validated level: %(numbers)s.") % {"numbers": ", ".join(missing[:15])},
                code="unvalidated",
            )
        tree = tree_of(submission.cycle.framework)
        result = scoring.score(tree, values_of((a.number, a.final_value) for a in answers))
        Answer.objects.bulk_update(answers, ["final_value"], batch_size=1000)
        submission.state = SubmissionState.FINAL
        submission.final_index = result.index
        submission.final_predikat = result.predikat.name if result.predikat else ""
        submission.finalised_at = timezone.now()
        submission.finalised_by = actor if getattr(actor, "is_authenticated", False) else None
        submission.save()
        framework_lock(actor=None, framework=submission.cycle.framework)
        audit_record(
            action="evaluations.submission.finalised",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"index": result.index, "predikat": submission.final_predikat},
        )
    return submission, True
