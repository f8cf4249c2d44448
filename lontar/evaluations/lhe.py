"""The Laporan Hasil Evaluasi (LHE) as an issued document (:mod:`lontar.core.documents`).

What is LHE-specific: its number (``LHE-<year>-<submission>-<random>``), the canonical JSON of the
reported result (instansi, cycle, indices and levels) whose SHA-256 is printed inside, its
template and its verification page ``/evaluasi/verifikasi/<number>/``.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from lontar.core import documents
from lontar.evaluations.models import Submission
from lontar.evaluations.selectors.results import SubmissionResult


def new_number(submission: Submission) -> str:
    """``LHE-<year>-<submission id>-<6 random characters>``: unique and not guessable."""
    return f"LHE-{submission.cycle.year}-{submission.pk:05d}-{documents.random_code(6)}"


def verify_url(number: str) -> str:
    return documents.absolute_url("evaluations:verify", number)


def canonical_result(result: SubmissionResult, number: str) -> dict[str, Any]:
    sub = result.submission
    return {
        "number": number,
        "instansi": sub.organisation.slug,
        "cycle": {
            "id": sub.cycle_id,
            "framework": sub.cycle.framework.code,
            "version": sub.cycle.framework.version,
            "year": sub.cycle.year,
        },
        "index": str(result.validated.index),
        "predikat": sub.final_predikat,
        "nodes": [[n.kind, n.number, str(n.validated.index)] for n in result.nodes],
        "levels": [[row.number, str(row.validated)] for row in result.rows],
    }


def content_digest(result: SubmissionResult, number: str) -> str:
    return documents.content_digest(canonical_result(result, number))


def render_pdf(result: SubmissionResult, *, number: str, digest: str, issued_by: str) -> documents.RenderedPdf:
    """The LHE as PDF (rendered before the transaction that records it)."""
    context = {
        "result": result,
        "submission": result.submission,
        "number": number,
        "digest": digest,
        "issued_at": timezone.localtime(),
        "issued_by": issued_by,
    }
    return documents.render_pdf("evaluations/lhe_pdf.html", context, number=number, verify_url=verify_url(number))
