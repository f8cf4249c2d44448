"""The report of a final questionnaire result (Indeks KAMI, Monev KIP) as an issued document.

The LHE's machinery (:mod:`lontar.core.documents`, the letterhead and signature of
:mod:`lontar.evaluations.lhe`): a number that cannot be guessed (``LHK-<year>-<id>-<random>``),
the SHA-256 of the canonical JSON of the reported result printed inside, a QR code to the public
verification page ``/evaluasi/kuesioner/verifikasi/<number>/``, the PDF stored once as issued.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from lontar.core import documents
from lontar.evaluations.models import QuestionnaireSubmission
from lontar.evaluations.questionnaire_results import QuestionnaireResult
from lontar.organisations.models import Organisation, OrganisationKind
from lontar.organisations.selectors import region_instansi


def new_number(submission: QuestionnaireSubmission) -> str:
    return f"LHK-{submission.cycle.year}-{submission.pk:05d}-{documents.random_code(6)}"


def verify_url(number: str) -> str:
    return documents.absolute_url("evaluations:q_report_verify", number)


def canonical_result(result: QuestionnaireResult, number: str) -> dict[str, Any]:
    sub = result.submission
    return {
        "number": number,
        "subject": [sub.subject_kind, sub.subject_ref, sub.subject_name],
        "owner": sub.organisation.slug,
        "cycle": {"id": sub.cycle_id, "framework": sub.cycle.framework.code, "version": sub.cycle.framework.version},
        "score": str(sub.final_score),
        "status": sub.final_status,
        "category": sub.final_category,
        "presentation": str(sub.presentation) if sub.presentation is not None else None,
        "answers": sorted(result.counted.items()),
    }


def issuing_body(submission: QuestionnaireSubmission) -> Organisation | None:
    """The province evaluates the systems and badan publik of the province and the kab/kota: it issues."""
    org = submission.organisation
    instansi = org if org.kind == OrganisationKind.INSTANSI or org.parent is None else org.parent
    if instansi.is_province:
        return instansi
    province = instansi.region.parent
    return region_instansi(province) if province is not None else None


def render_pdf(
    result: QuestionnaireResult, *, number: str, digest: str, issued_by: str, context: dict[str, Any]
) -> documents.RenderedPdf:
    full = {
        **context,
        "result": result,
        "sub": result.submission,
        "number": number,
        "digest": digest,
        "issued_at": timezone.localtime(),
        "issued_by": issued_by,
        "issuer": issuing_body(result.submission),
    }
    return documents.render_pdf("evaluations/q_report_pdf.html", full, number=number, verify_url=verify_url(number))
