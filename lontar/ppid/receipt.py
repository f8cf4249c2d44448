"""The requester's receipt (tanda bukti permohonan): number, date, deadline and token, as a PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from lontar.core import documents
from lontar.ppid.models import InformationRequest
from lontar.ppid.privacy import links
from lontar.ppid.selectors import requests as request_selectors


def track_url(req: InformationRequest) -> str:
    """The bookmarkable tracking address of ``req`` (carries no token)."""
    return documents.absolute_url("ppid:track_link", links.track_link_value(req.pk, req.tracking_digest))


def receipt_response(req: InformationRequest, token: str) -> HttpResponse:
    url = track_url(req)
    pdf = documents.render_pdf(
        "ppid/receipt_pdf.html",
        {"req": req, "token": token, "deadline": request_selectors.deadline_of(req)},
        number=req.number,
        verify_url=url,
    )
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"tanda-bukti-{req.number}.pdf") or ""
    response["Cache-Control"] = "no-store"
    return response
