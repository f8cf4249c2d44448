"""The LHE's detached Ed25519 signature: served on its verification page, checkable offline."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.test import Client

from lontar.core import documents, signing
from lontar.evaluations import services
from tests.evaluations.conftest import LEVELS, run_to_interviu

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(people, submission):
    asesor = people["asesor_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.submission_finalise(actor=None, submission=submission)
    report, _created = services.report_issue(actor=people["team_user"], submission=submission)
    return report


def test_signature_of_the_issued_pdf(report, client: Client, tmp_path):
    page = client.get(f"/evaluasi/verifikasi/{report.number}/").content.decode()
    url = f"/evaluasi/verifikasi/{report.number}/tanda-tangan.sig"
    assert url in page and signing.key_id() in page and "Tanda tangan elektronik" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{report.number}.sig"'
    pdf = documents.read_pdf(report.pdf, sha256=report.sha256)
    assert signing.verify(pdf, response.content)
    assert not signing.verify(pdf + b"\n", response.content)
    if shutil.which("openssl"):
        (tmp_path / "lhe.pdf").write_bytes(pdf)
        (tmp_path / "lhe.sig").write_bytes(response.content)
        (tmp_path / "key.pem").write_text(client.get("/.well-known/lontar-signing-key.pem").content.decode())
        check = subprocess.run(
            [
                "openssl",
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                "key.pem",
                "-rawin",
                "-in",
                "lhe.pdf",
                "-sigfile",
                "lhe.sig",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0 and "Signature Verified Successfully" in check.stdout


def test_unknown_or_malformed_numbers_are_404(client: Client):
    assert client.get("/evaluasi/verifikasi/LHE-2099-999/tanda-tangan.sig").status_code == 404
    assert client.get("/evaluasi/verifikasi/%3Cscript%3E/tanda-tangan.sig").status_code == 404


def test_without_a_key_the_page_says_so(report, client: Client, settings):
    settings.SIGNING_KEY = ""
    page = client.get(f"/evaluasi/verifikasi/{report.number}/").content.decode()
    assert "tanda-tangan.sig" not in page
    assert client.get(f"/evaluasi/verifikasi/{report.number}/tanda-tangan.sig").status_code == 404
