"""Public verification of a written notice (QR code target) and PDF downloads. These pages only read:
the PDF is stored when the notice is issued (``manage.py ppid_notice_pdfs`` for older notices)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core import documents
from lontar.ppid import ratelimit, uploads
from lontar.ppid.models import Notice
from lontar.ppid.privacy import links
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.views._helpers import too_many
from lontar.ppid.views.staff import staff_page

MAX_CODE_LENGTH = 16


def _pdf_name(notice: Notice) -> str:
    return notice.number.replace("/", "-") + ".pdf"


def _pdf_response(request: HttpRequest, notice: Notice) -> HttpResponse:
    return documents.pdf_download(
        request, notice.pdf, number=notice.number, filename=_pdf_name(notice), sha256=notice.pdf_sha256
    )


def _copy_matches(request: HttpRequest, notice: Notice) -> bool | None:
    upload = request.FILES.get("copy")
    if upload is None or not upload.size or upload.size > uploads.DELIVERY_MAX_BYTES:
        return None
    return documents.upload_sha256(upload) == notice.pdf_sha256


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """What the notice with this code decided, its SHA-256, and a check of an uploaded copy."""
    notice = request_selectors.notice_by_code(code[:MAX_CODE_LENGTH])
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
    notice = request_selectors.notice_by_code(code[:MAX_CODE_LENGTH])
    return documents.signature_download(
        request, notice.pdf, number=notice.number, filename=_pdf_name(notice)[:-4] + ".sig", sha256=notice.pdf_sha256
    )


@never_cache
@require_GET
def track_pdf(request: HttpRequest, signed: str) -> HttpResponse:
    """The notice PDF for the requester, through a link signed on the tracking page."""
    pk = links.unsign(signed, salt=links.PDF_SALT)
    if pk is None:
        raise Http404
    notice = Notice.objects.select_related("request__public_body__organisation").filter(pk=pk).first()
    if notice is None:
        raise Http404
    return _pdf_response(request, notice)


@staff_page
@require_GET
def staff_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    req = request_selectors.information_request_get_for_actor(actor=request.user, pk=pk)
    notice = getattr(req, "notice", None)
    if notice is None:
        raise Http404
    return _pdf_response(request, notice)
