"""Reads of the answers Lontar suggests for a questionnaire, and of what the respondent decided."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lontar.assessments.models import Framework
from lontar.assessments.questionnaire import Questionnaire
from lontar.assessments.selectors import framework_questionnaire
from lontar.evaluations.answer_sources import AnswerSuggestion, answer_suggestions
from lontar.evaluations.models import QuestionnaireSubmission, SuggestedAnswer
from lontar.evaluations.subjects import Subject


def subject_of(submission: QuestionnaireSubmission) -> Subject:
    """The subject of a questionnaire submission, as the answer sources are asked about it."""
    return Subject(
        kind=submission.subject_kind,
        ref=submission.subject_ref,
        name=submission.subject_name,
        organisation=submission.organisation,
    )


def suggestions_for(
    subject: Subject | QuestionnaireSubmission,
    framework: Framework | Questionnaire,
    year: int,
    *,
    today: dt.date | None = None,
) -> dict[str, AnswerSuggestion]:
    """Question id → what Lontar's records suggest now for ``subject`` in ``year``."""
    if isinstance(subject, QuestionnaireSubmission):
        subject = subject_of(subject)
    q = framework if isinstance(framework, Questionnaire) else framework_questionnaire(framework)
    return answer_suggestions(subject, q, year, today=today)


@dataclass(frozen=True)
class SuggestionRow:
    """One question's suggestion as the self-assessment shows it."""

    question_id: str
    live: AnswerSuggestion | None  # what the records suggest now
    stored: SuggestedAnswer | None  # what was suggested when the respondent decided, and the decision
    option_label: str  # the label of the suggested option now ("" for evidence only)
    stored_label: str  # the label of the option suggested then
    chosen_label: str  # the label of the answer kept then
    answer_option: str  # the answer now

    @property
    def source(self) -> str:
        """The registry key of the source, now or when the respondent decided."""
        if self.live:
            return self.live.source
        return self.stored.source if self.stored else ""

    @property
    def changed_since(self) -> bool:
        """The records suggest something else now than when the respondent decided."""
        return bool(
            self.live
            and self.stored
            and (self.live.option, self.live.figure) != (self.stored.suggested_option, self.stored.figure)
        )


def suggestion_rows(submission: QuestionnaireSubmission, q: Questionnaire | None = None) -> dict[str, SuggestionRow]:
    """Question id → row, for every question with a suggestion now or a decision kept."""
    q = q or framework_questionnaire(submission.cycle.framework)
    live = suggestions_for(submission, q, submission.cycle.year)
    answers = {a.question: a.option for a in submission.answers.all()}
    stored = {
        s.answer.question: s
        for s in SuggestedAnswer.objects.filter(answer__submission=submission).select_related("answer")
    }
    rows = {}
    for question in q.questions:
        found, kept = live.get(question.id), stored.get(question.id)
        if found is None and kept is None:
            continue
        labels = {o.code: o.label for o in q.allowed(question)}
        rows[question.id] = SuggestionRow(
            question_id=question.id,
            live=found,
            stored=kept,
            option_label=labels.get(found.option, found.option) if found else "",
            stored_label=labels.get(kept.suggested_option, kept.suggested_option) if kept else "",
            chosen_label=labels.get(kept.chosen_option, kept.chosen_option) if kept else "",
            answer_option=answers.get(question.id, ""),
        )
    return rows
