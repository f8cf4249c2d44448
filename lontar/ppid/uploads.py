"""Checking uploaded files by their content (magic bytes), never by the name or the browser's word."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: identity documents and powers of attorney
IDENTITY_MAX_BYTES = 2 * 1024 * 1024
#: files delivered with a written notice
DELIVERY_MAX_BYTES = 20 * 1024 * 1024
_HEAD_BYTES = 16


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str
    magic: tuple[bytes, ...]


PDF = FileType("pdf", "application/pdf", "PDF", (b"%PDF-",))
JPEG = FileType("jpg", "image/jpeg", "JPEG", (b"\xff\xd8\xff",))
PNG = FileType("png", "image/png", "PNG", (b"\x89PNG\r\n\x1a\n",))
#: XLSX, DOCX, ODS, ODT are ZIP containers
ZIP = FileType("zip", "application/zip", "ZIP (XLSX, DOCX, ODS, ODT)", (b"PK\x03\x04",))

IDENTITY_TYPES = (PDF, JPEG, PNG)
DELIVERY_TYPES = (PDF, JPEG, PNG, ZIP)


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    type: FileType
    size: int
    sha256: str

    @property
    def storage_name(self) -> str:
        """A generated name: never the uploader's file name in a path."""
        return f"{uuid.uuid4().hex}.{self.type.extension}"


def detect(head: bytes, allowed: tuple[FileType, ...]) -> FileType | None:
    """The first allowed type whose magic bytes start ``head``."""
    for file_type in allowed:
        if any(head.startswith(m) for m in file_type.magic):
            return file_type
    return None


def check_upload(upload: UploadedFile, *, allowed: tuple[FileType, ...], max_bytes: int) -> CheckedUpload:
    """Validate size and content type; ValidationError with a clear message otherwise."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    file_type = detect(head, allowed)
    if file_type is None:
        raise ValidationError(
            _("The file's content is not %(types)s, whatever its name says.")
            % {"types": ", ".join(t.label for t in allowed)},
            code="bad_type",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(file=upload, type=file_type, size=size, sha256=digest.hexdigest())
