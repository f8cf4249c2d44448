"""Accepting or overriding the answer Lontar suggests for a questionnaire question (issue 14 §2)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lontar.assessments.selectors import framework_questionnaire
from lontar.audit.services import audit_record
from lontar.evaluations.answer_sources import ACCEPTED, OVERRIDDEN, AnswerSuggestion, links
from lontar.evaluations.choices import QuestionnaireState
from lontar.evaluations.models import QuestionnaireAnswer, QuestionnaireSubmission, SuggestedAnswer
from lontar.evaluations.selectors.answer_suggestions import suggestions_for
from lontar.evaluations.services._common import require_team

#: as many evidence links as an answer takes (the questionnaire form's limit)
MAX_LINKS = 10


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.BASE_URL.rstrip("/") + url


def _with_links(existing: str, suggestion: AnswerSuggestion) -> str:
    lines = [line.strip() for line in existing.splitlines() if line.strip()]
    for link in suggestion.evidence:
        url = _absolute(link.url)
        if url not in lines and len(lines) < MAX_LINKS:
            lines.append(url)
    return "\n".join(lines)


def answer_suggestion_decide(
    *, actor: Any, submission: QuestionnaireSubmission, question_id: str, accept: bool
) -> SuggestedAnswer:
    """Keep Lontar's suggestion for ``question_id`` beside its answer, accepted or overridden.

    Accepting sets the answer to the suggested option (when the source suggests one) and adds the
    evidence links to the answer; overriding keeps the answer the respondent chose. Either way the
    suggestion as shown (option, figure, evidence, as of) and the decision are stored, replacing an
    earlier decision, with one audit event. The sources are asked again, so only what is suggested
    now can be kept. Only the owner team of a draft self-assessment may decide.
    """
    require_team(actor, submission.organisation)
    q = framework_questionnaire(submission.cycle.framework)
    question = q.by_id.get(str(question_id)[:20])
    if question is None:
        raise ValidationError(
            _("Question %(id)s is not part of this questionnaire.") % {"id": str(question_id)[:20]},
            code="unknown_question",
        )
    with translation.override(settings.LANGUAGE_CODE):  # stored in the site's language
        suggestion = suggestions_for(submission, q, submission.cycle.year).get(question.id)
    if suggestion is None:
        raise ValidationError(
            _("Lontar has no suggestion for question %(id)s (any more).") % {"id": question.id}, code="not_suggested"
        )
    with transaction.atomic():
        submission = QuestionnaireSubmission.objects.select_for_update().get(pk=submission.pk)
        if submission.state != QuestionnaireState.DRAFT:
            raise ValidationError(_("The self-assessment is submitted and can no longer change."), code="locked")
        answer, _created = QuestionnaireAnswer.objects.get_or_create(submission=submission, question=question.id)
        if accept:
            answer.option = suggestion.option or answer.option
            answer.links = _with_links(answer.links, suggestion)
            answer.updated_by = actor if getattr(actor, "is_authenticated", False) else None
            answer.updated_at = timezone.now()
            answer.save(update_fields=["option", "links", "updated_by", "updated_at"])
        kept, _created = SuggestedAnswer.objects.update_or_create(
            answer=answer,
            defaults={
                "source": suggestion.source,
                "suggested_option": suggestion.option,
                "figure": suggestion.figure,
                "evidence": links(suggestion.evidence),
                "as_of": suggestion.as_of,
                "accepted": accept,
                "chosen_option": answer.option,
                "decided_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        audit_record(
            action=ACCEPTED if accept else OVERRIDDEN,
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={
                "question": question.id,
                "source": suggestion.source,
                "suggested": suggestion.option,
                "kept": answer.option,
                "figure": suggestion.figure,
                "as_of": suggestion.as_of.isoformat(),
            },
        )
    return kept
