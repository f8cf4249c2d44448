"""Evidence files are checked by their content, never by their name or the browser's word.

PDF, JPEG, PNG, GIF and WebP by their magic bytes; Office Open XML (DOCX, XLSX, PPTX) and
OpenDocument (ODT, ODS, ODP) by the structure of the ZIP container (only the central directory
is read: nothing is decompressed except ODF's short ``mimetype`` entry); Office 97–2003
documents by the OLE2 compound-file signature.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
#: more entries than this is not an office document anyone writes by hand
MAX_ZIP_ENTRIES = 5000
_HEAD_BYTES = 16


@dataclass(frozen=True)
class FileType:
    code: str
    extension: str
    content_type: str
    label: str


PDF = FileType("pdf", "pdf", "application/pdf", "PDF")
JPEG = FileType("jpeg", "jpg", "image/jpeg", "JPEG")
PNG = FileType("png", "png", "image/png", "PNG")
GIF = FileType("gif", "gif", "image/gif", "GIF")
WEBP = FileType("webp", "webp", "image/webp", "WebP")
DOCX = FileType(
    "docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"
)
XLSX = FileType("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)")
PPTX = FileType(
    "pptx", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint (PPTX)"
)
ODT = FileType("odt", "odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)")
ODS = FileType("ods", "ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet (ODS)")
ODP = FileType("odp", "odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument presentation (ODP)")
OLE = FileType("ole", "doc", "application/octet-stream", "Office 97–2003 (DOC, XLS, PPT)")

ALL_TYPES = (PDF, JPEG, PNG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE)
BY_CODE = {t.code: t for t in ALL_TYPES}

_MAGIC = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
)
_OOXML_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX), ("ppt/presentation.xml", PPTX))
_ODF_MIMETYPES = {t.content_type.encode(): t for t in (ODT, ODS, ODP)}


def _zip_type(stream: IO[bytes]) -> FileType | None:
    """OOXML by its parts, ODF by its ``mimetype`` entry; None for any other or a broken ZIP."""
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            names = {info.filename for info in infos}
            if "[Content_Types].xml" in names:
                return next((kind for part, kind in _OOXML_PARTS if part in names), None)
            first = infos[0] if infos else None
            if first is not None and first.filename == "mimetype" and first.file_size <= 100:
                return _ODF_MIMETYPES.get(archive.read(first).strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    return None


def sniff(stream: IO[bytes]) -> FileType | None:
    """The type of the content in ``stream`` (any position; left at 0), or None when not allowed."""
    stream.seek(0)
    head = stream.read(_HEAD_BYTES)
    stream.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_type(stream)
        stream.seek(0)
        return kind
    return None


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    type: FileType
    size: int
    sha256: str

    @property
    def storage_name(self) -> str:
        """A generated name: the uploader's file name never becomes a path."""
        return f"{uuid.uuid4().hex}.{self.type.extension}"


def check_evidence_file(upload: UploadedFile, *, max_bytes: int = MAX_BYTES) -> CheckedFile:
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
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            _(
                "The file's content is not a PDF, an image (JPEG, PNG, GIF, WebP) or an office document "
                "(Word, Excel, PowerPoint, OpenDocument), whatever its name says."
            ),
            code="bad_type",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(upload=upload, type=kind, size=size, sha256=digest.hexdigest())
