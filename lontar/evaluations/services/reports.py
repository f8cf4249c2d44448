"""Issuing the Laporan Hasil Evaluasi (LHE) of a final result."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.core import documents
from lontar.core.files import atomic_with_files
from lontar.evaluations import lhe, permissions
from lontar.evaluations.models import Report, Submission
from lontar.evaluations.selectors.results import submission_result


def can_issue(actor: Any, submission: Submission) -> bool:
    return actor is None or permissions.is_manager(actor) or permissions.is_team(actor, submission.organisation)


def report_issue(*, actor: Any, submission: Submission) -> tuple[Report, bool]:
    """Issue the LHE once (the instansi's team or a manager); later calls return the same document.

    The PDF is rendered before the transaction and stored in private storage inside it (deleted
    again if the transaction rolls back); if somebody issued it meanwhile, theirs is kept.
    """
    if not can_issue(actor, submission):
        raise PermissionDenied(_("Only the instansi's own team or the province can issue its LHE."))
    submission = Submission.objects.select_related("cycle", "cycle__framework", "organisation").get(pk=submission.pk)
    existing = Report.objects.filter(submission=submission).first()
    if existing is not None:
        return existing, False
    if not submission.is_final:
        raise ValidationError(_("The LHE can be issued once the result is final."), code="not_final")
    result = submission_result(submission)
    number = lhe.new_number(submission)
    digest = lhe.content_digest(result, number)
    issuer = getattr(actor, "full_name", "") or getattr(actor, "email", "") or _("the system")
    pdf = lhe.render_pdf(result, number=number, digest=digest, issued_by=issuer)
    with atomic_with_files():
        Submission.objects.select_for_update().get(pk=submission.pk)
        existing = Report.objects.filter(submission=submission).first()
        if existing is not None:
            return existing, False
        report = Report(
            submission=submission,
            number=number,
            sha256=pdf.sha256,
            content_digest=digest,
            size=pdf.size,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        documents.store_pdf(report.pdf, pdf)
        report.save()
        audit_record(
            action="evaluations.report.issued",
            actor=actor,
            organisation=submission.organisation,
            target=report,
            data={"number": number, "sha256": report.sha256, "content_digest": digest},
        )
    return report, True
