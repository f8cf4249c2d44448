"""PPID fixtures: public bodies over the test province, request data, uploads, private storage."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.uploads import CheckedUpload, check_upload
from lontar.ppid import uploads
from lontar.ppid.choices import BodyKind, ObtainMethod, RequesterType
from lontar.ppid.models import InformationRequest, PublicBody
from lontar.ppid.services import information_request_submit
from lontar.ppid.validation import RequestData

#: a valid NIK: Kabupaten Kupang (53 01), kecamatan 01, born 15-01-1990, serial 0001
NIK = "5301011501900001"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Private files in a temporary directory; rate-limit counters reset for every test."""
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def bodies(province) -> dict[str, PublicBody]:
    """PPID Utama of the province and of Kabupaten Kupang, each with one PPID Pelaksana."""

    def make(org, kind, code, parent=None):
        return PublicBody.objects.create(organisation=org, kind=kind, code=code, parent=parent)

    prov = make(province["province"], BodyKind.UTAMA, "ntt")
    kab = make(province["kabupaten"], BodyKind.UTAMA, "kab-kupang")
    return {
        "province": prov,
        "province_opd": make(province["province_opd"], BodyKind.PELAKSANA, "ntt-kominfo", prov),
        "kabupaten": kab,
        "kabupaten_opd": make(province["kabupaten_opd"], BodyKind.PELAKSANA, "kab-kupang-kominfo", kab),
    }


def request_data(**overrides: object) -> RequestData:
    values: dict = {
        "requester_type": RequesterType.PERORANGAN,
        "name": "Contoh Pemohon Satu",
        "identity_number": NIK,
        "address": "Jl. Contoh No. 1, Oelamasi",
        "information_requested": "Dokumen anggaran Dinas Kominfo tahun 2025 (DPA).",
        "purpose": "Penelitian kebijakan publik",
        "obtain_method": ObtainMethod.SOFTCOPY,
        "copy_method": "email",
        "phone": "0812 3456 7890",
        "email": "pemohon@contoh.id",
        "occupation": "Peneliti",
    }
    values.update(overrides)
    return RequestData(**values)


def pdf_upload(name: str = "ktp.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def checked_pdf(content: bytes = PDF_BYTES) -> CheckedUpload:
    return check_upload(
        pdf_upload(content=content), allowed=uploads.IDENTITY_TYPES, max_bytes=uploads.IDENTITY_MAX_BYTES
    )


@pytest.fixture
def submit(bodies) -> Callable[..., tuple[InformationRequest, str]]:
    """submit(body_key="province", **data) -> (request, token) through the public service."""

    def _submit(body_key: str = "province", **overrides: object) -> tuple[InformationRequest, str]:
        return information_request_submit(
            body=bodies[body_key], data=request_data(**overrides), identity_document=checked_pdf()
        )

    return _submit
