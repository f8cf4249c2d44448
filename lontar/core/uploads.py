"""Uploaded files are checked by their content, never by their name or the browser's word.

One check for every upload in Lontar; each caller names the types it accepts (data, below) and its
size limit. PDF, JPEG, PNG, GIF, WebP and Office 97–2003 (OLE2) by their magic bytes; Office Open
XML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) by the structure of the ZIP container (only
the central directory is read: nothing is decompressed except ODF's short ``mimetype`` entry); any
ZIP container when the caller accepts :data:`ZIP`; JSON by its first non-blank character.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
#: any ZIP container (XLSX, DOCX, ODS, ODT are ZIP containers too)
ZIP = FileType("zip", "zip", "application/zip", "ZIP (XLSX, DOCX, ODS, ODT)")
JSON = FileType("json", "json", "application/json", "JSON")

ALL_TYPES = (PDF, JPEG, PNG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE, ZIP, JSON)
BY_CODE = {t.code: t for t in ALL_TYPES}

_MAGIC = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
)
#: a ZIP with entries, and an empty ZIP (end of central directory only)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OOXML_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX), ("ppt/presentation.xml", PPTX))
_ODF_MIMETYPES = {t.content_type.encode(): t for t in (ODT, ODS, ODP)}
_OFFICE = frozenset((DOCX, XLSX, PPTX, ODT, ODS, ODP))
_JSON_BLANK = b"\xef\xbb\xbf \t\r\n"


def _office_type(stream: IO[bytes]) -> FileType | None:
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


def _zip_type(stream: IO[bytes], allowed: Collection[FileType]) -> FileType | None:
    if _OFFICE & set(allowed):
        kind = _office_type(stream)
        stream.seek(0)
        if kind in allowed:
            return kind
    return ZIP if ZIP in allowed else None


def sniff(stream: IO[bytes], allowed: Collection[FileType]) -> FileType | None:
    """The allowed type of the content in ``stream`` (any position; left at 0), or None."""
    stream.seek(0)
    head = stream.read(_HEAD_BYTES)
    stream.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind if kind in allowed else None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP if WEBP in allowed else None
    if head.startswith(_ZIP_MAGIC):
        return _zip_type(stream, allowed)
    if JSON in allowed and head.lstrip(_JSON_BLANK)[:1] in (b"{", b"["):
        return JSON
    return None


def check_size(upload: UploadedFile, *, max_bytes: int) -> int:
    """The upload's size; ValidationError (``empty``, ``too_large``) with the limit named otherwise."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    return size


def sha256_of(upload: UploadedFile) -> str:
    """Hex SHA-256 of the whole upload (read in chunks; left at 0)."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    type: FileType
    size: int
    sha256: str

    @property
    def storage_name(self) -> str:
        """A generated name: the uploader's file name never becomes a path."""
        return f"{uuid.uuid4().hex}.{self.type.extension}"


def check_upload(
    upload: UploadedFile, *, allowed: Collection[FileType], max_bytes: int, refusal: str | None = None
) -> CheckedUpload:
    """Validate size and content; ValidationError with a clear message otherwise.

    ``refusal`` replaces the generic message for content of another type ("not PDF, JPEG, …").
    """
    size = check_size(upload, max_bytes=max_bytes)
    kind = sniff(upload, allowed)
    if kind is None:
        raise ValidationError(
            refusal
            or _("The file's content is not %(types)s, whatever its name says.")
            % {"types": ", ".join(t.label for t in allowed)},
            code="bad_type",
        )
    return CheckedUpload(file=upload, type=kind, size=size, sha256=sha256_of(upload))
