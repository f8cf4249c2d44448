from lontar.evaluations.models.answers import Answer, Review
from lontar.evaluations.models.cycles import Assignment, Cycle, Submission
from lontar.evaluations.models.evidence import AnswerEvidence, Evidence
from lontar.evaluations.models.results import Report, Target

__all__ = ["Answer", "AnswerEvidence", "Assignment", "Cycle", "Evidence", "Report", "Review", "Submission", "Target"]
