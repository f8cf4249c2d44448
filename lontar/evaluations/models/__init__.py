from lontar.evaluations.models.answers import Answer, Review
from lontar.evaluations.models.cycles import Assignment, Cycle, Submission
from lontar.evaluations.models.evidence import AnswerEvidence, Evidence
from lontar.evaluations.models.questionnaires import QuestionnaireAnswer, QuestionnaireReport, QuestionnaireSubmission
from lontar.evaluations.models.results import Report, Target
from lontar.evaluations.models.suggested_answers import SuggestedAnswer

__all__ = [
    "Answer",
    "AnswerEvidence",
    "Assignment",
    "Cycle",
    "Evidence",
    "QuestionnaireAnswer",
    "QuestionnaireReport",
    "QuestionnaireSubmission",
    "Report",
    "Review",
    "Submission",
    "SuggestedAnswer",
    "Target",
]
