"""lontar.core.uploads: content decides, the caller's list of types is the only policy."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core import uploads

PDF = b"%PDF-1.4\n%%EOF\n"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


@pytest.mark.parametrize(
    ("data", "allowed", "expected"),
    [
        (PDF, (uploads.PDF,), uploads.PDF),
        (PDF, (uploads.PNG,), None),
        (XLSX, (uploads.XLSX,), uploads.XLSX),
        (XLSX, (uploads.ZIP,), uploads.ZIP),  # any ZIP container when the caller takes ZIP
        (_zip({"a.txt": b"x"}), (uploads.XLSX,), None),
        (_zip({"a.txt": b"x"}), (uploads.XLSX, uploads.ZIP), uploads.ZIP),
        (b"PK\x05\x06" + b"\x00" * 18, (uploads.ZIP,), uploads.ZIP),  # an empty archive
        (b'\xef\xbb\xbf  {"a": 1}', (uploads.JSON,), uploads.JSON),
        (b'{"a": 1}', (uploads.PDF,), None),
        (b"<html></html>", uploads.ALL_TYPES, None),
    ],
)
def test_sniff_answers_only_with_an_allowed_type(data, allowed, expected):
    stream = io.BytesIO(data)
    stream.seek(3)
    assert uploads.sniff(stream, allowed) == expected
    assert stream.tell() == 0


def test_check_upload_names_the_problem():
    with pytest.raises(ValidationError) as empty:
        uploads.check_upload(SimpleUploadedFile("a.pdf", b""), allowed=(uploads.PDF,), max_bytes=10)
    assert empty.value.code == "empty"
    with pytest.raises(ValidationError) as large:
        uploads.check_upload(SimpleUploadedFile("a.pdf", PDF), allowed=(uploads.PDF,), max_bytes=3)
    assert large.value.code == "too_large"
    with pytest.raises(ValidationError) as lying:
        uploads.check_upload(SimpleUploadedFile("a.pdf", b"MZ" * 8), allowed=(uploads.PDF,), max_bytes=100)
    assert lying.value.code == "bad_type"
    checked = uploads.check_upload(SimpleUploadedFile("ktp.pdf", PDF), allowed=(uploads.PDF,), max_bytes=100)
    assert checked.type is uploads.PDF and checked.size == len(PDF) and len(checked.sha256) == 64
    assert checked.storage_name.endswith(".pdf") and "ktp" not in checked.storage_name
