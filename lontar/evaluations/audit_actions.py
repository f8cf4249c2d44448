from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("evaluations.cycle.opened", _("Evaluation cycle opened"))
register("evaluations.cycle.deadlines_changed", _("Evaluation cycle deadlines changed"))
register("evaluations.cycle.finalised", _("Evaluation cycle finalised and published"))
register("evaluations.assignment.created", _("Asesor assigned to a submission"))
register("evaluations.assignment.removed", _("Asesor assignment removed"))
register("evaluations.answer.saved", _("Penilaian mandiri answer saved"))
register("evaluations.submission.submitted", _("Penilaian mandiri submitted"))
register("evaluations.submission.stage_started", _("Review stage started"))
register("evaluations.review.saved", _("Validated level saved by an asesor"))
register("evaluations.review.remaining_accepted", _("Remaining indicators accepted by an asesor"))
register("evaluations.answer.response_saved", _("Response (sanggah) of the instansi saved"))
register("evaluations.submission.finalised", _("Evaluation result finalised"))
register("evaluations.evidence.added", _("Evidence added to the library"))
register("evaluations.evidence.updated", _("Evidence description changed"))
register("evaluations.evidence.deleted", _("Evidence deleted from the library"))
register("evaluations.evidence.suggestion_attached", _("Suggested record attached as evidence"))
register("evaluations.evidence.reused", _("Evidence of the previous cycle reused"))
register("evaluations.target.set", _("Target index set"))
register("evaluations.report.issued", _("Evaluation report (LHE) issued"))
