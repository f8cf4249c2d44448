"""Changes of state in an evaluation: one service per change, each with its audit event."""

from lontar.evaluations.services.answers import answer_save, response_save, submission_submit
from lontar.evaluations.services.cycles import (
    assignment_create,
    assignment_remove,
    cycle_finalise,
    cycle_open,
    cycle_set_deadlines,
)
from lontar.evaluations.services.evidence import (
    evidence_add,
    evidence_attach_suggestion,
    evidence_delete,
    evidence_reuse_previous,
    evidence_update,
)
from lontar.evaluations.services.reports import report_issue
from lontar.evaluations.services.reviews import review_accept_remaining, review_save, stage_start, submission_finalise
from lontar.evaluations.services.targets import target_set

__all__ = [
    "answer_save",
    "assignment_create",
    "assignment_remove",
    "cycle_finalise",
    "cycle_open",
    "cycle_set_deadlines",
    "evidence_add",
    "evidence_attach_suggestion",
    "evidence_delete",
    "evidence_reuse_previous",
    "evidence_update",
    "report_issue",
    "response_save",
    "review_accept_remaining",
    "review_save",
    "stage_start",
    "submission_finalise",
    "submission_submit",
    "target_set",
]
