"""Issued verifiable documents: one way for the LHE of an evaluation and the PPID written notice.

Each issued document has

- a number or verification code that cannot be guessed (:func:`random_code`);
- the SHA-256 of a canonical JSON of what it says, printed inside it (:func:`content_digest`;
  the SHA-256 of a PDF cannot be printed inside that same PDF);
- a QR code to its public verification page (:func:`qr_svg`);
- its PDF, rendered in Indonesian by WeasyPrint **before** the transaction that records it, so no
  row is locked while it renders (:func:`render_pdf`), and stored once, at issue time, as a file
  in private storage (:func:`store_pdf`), with the SHA-256 of the PDF as issued; every read checks
  the stored bytes against that SHA-256 (:func:`read_pdf`), so a file altered or damaged in
  storage is never served or signed as the document;
- the detached Ed25519 signature of the stored bytes, computed on request (ADR 0011,
  :func:`signature_response`), and a check of an uploaded copy against the stored SHA-256
  (:func:`upload_sha256`).

Pages that serve a document only read (:func:`pdf_download`, :func:`signature_download`): a
document without its PDF (written before PDFs were stored at issue) answers
:func:`missing_pdf_response` until a command stores it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header

from lontar.core import signing
from lontar.core.files import delete_on_rollback

logger = logging.getLogger(__name__)

#: unambiguous characters (no 0/O, 1/I)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def random_code(length: int) -> str:
    """``length`` unambiguous characters, not guessable (5 bits each)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def absolute_url(view_name: str, *args: Any) -> str:
    """The public address of a page (the QR code target), from ``settings.BASE_URL``."""
    return settings.BASE_URL.rstrip("/") + reverse(view_name, args=args)


def content_digest(canonical: Mapping[str, Any]) -> str:
    """The SHA-256 of a canonical JSON (sorted keys, no spaces, UTF-8) of what a document says."""
    data = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, border=2, title=url, svgclass="qr", omitsize=False)


@dataclass(frozen=True)
class RenderedPdf:
    """A document's PDF as issued."""

    content: bytes

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


def render_pdf(template: str, context: Mapping[str, Any], *, number: str, verify_url: str) -> RenderedPdf:
    """The PDF (WeasyPrint), in Indonesian: issued documents are official documents of the province.

    Call it before the transaction that records the document: rendering takes long, and a row
    locked meanwhile (on SQLite: every writer) would wait for it. The template extends
    ``core/document_pdf.html`` and receives ``document_number``, ``verify_url`` and ``qr`` besides
    ``context``.
    """
    from weasyprint import HTML

    with translation.override("id"):
        extra = {"document_number": number, "verify_url": verify_url, "qr": qr_svg(verify_url)}
        html = render_to_string(template, {**context, **extra})
    return RenderedPdf(HTML(string=html).write_pdf())


def store_pdf(field: FieldFile, pdf: RenderedPdf) -> None:
    """Store the PDF under a random name in ``field`` (not saving the row), inside ``atomic_with_files()``:
    the file is deleted again if the transaction rolls back."""
    field.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf.content), save=False)
    delete_on_rollback(field.storage, str(field.name))  # set by save() just above


class PdfUnavailable(Exception):
    """The document has no stored PDF, its file is gone, or the file is not the PDF as issued."""


def read_pdf(field: FieldFile, *, sha256: str) -> bytes:
    """The stored PDF, checked against the SHA-256 recorded when it was issued."""
    if not field:
        raise PdfUnavailable("no PDF is stored for this document")
    try:
        with field.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as exc:
        raise PdfUnavailable(f"the stored PDF {field.name} is missing") from exc
    if hashlib.sha256(content).hexdigest() != sha256:
        raise PdfUnavailable(f"the stored PDF {field.name} is not the PDF as issued (SHA-256 differs)")
    return content


def _checked(field: FieldFile, *, number: str, sha256: str) -> bytes | None:
    """The stored PDF, or None (logged when a stored file is gone or altered: an operator must act)."""
    try:
        return read_pdf(field, sha256=sha256)
    except PdfUnavailable as exc:
        if field:
            logger.error("Document %s cannot be served: %s.", number, exc)
        return None


def pdf_download(request: HttpRequest, field: FieldFile, *, number: str, filename: str, sha256: str) -> HttpResponse:
    """The stored PDF exactly as issued, or the "document not available" page (503)."""
    content = _checked(field, number=number, sha256=sha256)
    if content is None:
        return missing_pdf_response(request, number)
    return pdf_response(content, filename=filename, sha256=sha256)


def signature_download(
    request: HttpRequest, field: FieldFile, *, number: str, filename: str, sha256: str
) -> HttpResponse:
    """The detached signature of the stored PDF (only of the bytes as issued), or the 503 page."""
    content = _checked(field, number=number, sha256=sha256)
    if content is None:
        return missing_pdf_response(request, number)
    return signature_response(content, filename)


def upload_sha256(upload: UploadedFile) -> str:
    """The SHA-256 of an uploaded copy, to compare with the document's as issued."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def pdf_response(content: bytes, *, filename: str, sha256: str) -> HttpResponse:
    """The PDF exactly as issued, as a download."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["X-Content-SHA256"] = sha256
    return response


def signature_response(data: bytes, filename: str) -> HttpResponse:
    """A detached Ed25519 signature of a document's bytes, as a download; 404 when signing is off."""
    if not signing.available():
        raise Http404
    response = HttpResponse(signing.sign(data), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["X-Signing-Key-Id"] = signing.key_id()
    return response


def missing_pdf_response(request: HttpRequest, number: str) -> HttpResponse:
    """A document recorded without its PDF (older data): a clear page, never a PDF made on a GET."""
    return render(request, "core/document_missing.html", {"number": number}, status=503)
