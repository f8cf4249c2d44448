"""What an evidence file may be: a PDF, an image or an office document, checked by its content
(:mod:`lontar.core.uploads`), never by its name or the browser's word."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from lontar.core.uploads import (
    DOCX,
    GIF,
    JPEG,
    ODP,
    ODS,
    ODT,
    OLE,
    PDF,
    PNG,
    PPTX,
    WEBP,
    XLSX,
    CheckedUpload,
    check_upload,
)

MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_TYPES = (PDF, JPEG, PNG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE)


def check_evidence_file(upload: UploadedFile, *, max_bytes: int = MAX_BYTES) -> CheckedUpload:
    """Validate size and content type; ValidationError with a clear message otherwise."""
    return check_upload(
        upload,
        allowed=EVIDENCE_TYPES,
        max_bytes=max_bytes,
        refusal=_(
            "The file's content is not a PDF, an image (JPEG, PNG, GIF, WebP) or an office document "
            "(Word, Excel, PowerPoint, OpenDocument), whatever its name says."
        ),
    )
