"""Public verification of a written notice (QR code target) and PDF downloads."""

from __future__ import annotations

import hashlib

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core.views import signature_response
from lontar.ppid import links, ratelimit, selectors, services, uploads
from lontar.ppid.models import Notice
from lontar.ppid.views._helpers import too_many
from lontar.ppid.views.staff import staff_page

MAX_CODE_LENGTH = 16


def _pdf_name(notice: Notice) -> str:
    return notice.number.replace("/", "-") + ".pdf"


def _pdf_response(notice: Notice) -> FileResponse:
    notice = services.notice_pdf_ensure(notice=notice)
    return FileResponse(
        notice.pdf.open("rb"), as_attachment=True, filename=_pdf_name(notice), content_type="application/pdf"
    )


def _copy_matches(request: HttpRequest, notice: Notice) -> bool | None:
    upload = request.FILES.get("copy")
    if upload is None or not upload.size or upload.size > uploads.DELIVERY_MAX_BYTES:
        return None
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest() == notice.pdf_sha256


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """What the notice with this code decided, its SHA-256, and a check of an uploaded copy."""
    notice = selectors.notice_by_code(code[:MAX_CODE_LENGTH])
    context: dict[str, object] = {"notice": notice, "pdf_name": _pdf_name(notice)}
    status = 200
    if request.method == "POST":
        if not ratelimit.hit_request(ratelimit.TRACKING, request):
            return too_many(request, ratelimit.TRACKING)
        result = _copy_matches(request, notice)
        if result is None:
            context["check_error"] = _("Choose the PDF file to check (at most 20 MB).")
            status = 400
        context["check_result"] = result
    return render(request, "ppid/verify.html", context, status=status)


@require_GET
def verify_signature(request: HttpRequest, code: str) -> HttpResponse:
    """Public: the detached Ed25519 signature of the notice PDF with this verification code."""
    notice = services.notice_pdf_ensure(notice=selectors.notice_by_code(code[:MAX_CODE_LENGTH]))
    with notice.pdf.open("rb") as handle:
        data = handle.read()
    return signature_response(data, _pdf_name(notice)[:-4] + ".sig")


@never_cache
@require_GET
def track_pdf(request: HttpRequest, signed: str) -> FileResponse:
    """The notice PDF for the requester, through a link signed on the tracking page."""
    pk = links.unsign(signed, salt=links.PDF_SALT)
    if pk is None:
        raise Http404
    notice = Notice.objects.select_related("request__public_body__organisation").filter(pk=pk).first()
    if notice is None:
        raise Http404
    return _pdf_response(notice)


@staff_page
@require_GET
def staff_pdf(request: HttpRequest, pk: int) -> FileResponse:
    req = selectors.information_request_get_for_actor(actor=request.user, pk=pk)
    notice = getattr(req, "notice", None)
    if notice is None:
        raise Http404
    return _pdf_response(notice)
