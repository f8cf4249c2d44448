"""The Laporan Hasil Evaluasi (LHE) as PDF: number, content digest, QR code to the verification page.

The SHA-256 *of the PDF* cannot be printed inside that same PDF, so the document carries its
number, a QR code to ``/evaluasi/verifikasi/<number>/`` and the SHA-256 of the reported result
(a canonical JSON of instansi, cycle, indices and levels); the verification page shows the
SHA-256 of the PDF file as issued and checks any copy against it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lontar.evaluations.models import Submission
from lontar.evaluations.selectors.results import SubmissionResult

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_number(submission: Submission) -> str:
    """``LHE-<year>-<submission id>-<6 random characters>``: unique and not guessable."""
    token = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"LHE-{submission.cycle.year}-{submission.pk:05d}-{token}"


def verify_url(number: str) -> str:
    return settings.BASE_URL.rstrip("/") + reverse("evaluations:verify", args=[number])


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
    data = json.dumps(canonical_result(result, number), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, border=2, title=url, svgclass="qr", omitsize=False)


def render_pdf(result: SubmissionResult, *, number: str, digest: str, issued_by: str) -> bytes:
    """The PDF bytes (WeasyPrint), in Indonesian: the LHE is an official document of the province."""
    from weasyprint import HTML

    url = verify_url(number)
    with translation.override("id"):
        html = render_to_string(
            "evaluations/lhe_pdf.html",
            {
                "result": result,
                "submission": result.submission,
                "number": number,
                "digest": digest,
                "verify_url": url,
                "qr": qr_svg(url),
                "issued_at": timezone.localtime(),
                "issued_by": issued_by,
            },
        )
    return HTML(string=html).write_pdf()
