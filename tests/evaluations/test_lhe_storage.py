"""The LHE PDF is stored one way with the PPID notice: a file in private storage, checked on read."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from lontar.core import documents
from lontar.evaluations import services
from lontar.evaluations.models import Report, Submission
from lontar.evaluations.services import reports
from tests.evaluations.conftest import LEVELS, run_to_interviu
from tests.evaluations.test_signature import report  # noqa: F401  (fixture)
from tests.stored import acl_is_private, local_mode, private_files, read_raw, remove_raw, write_raw

BEFORE = [("evaluations", "0002_final_results_immutable")]


def _stored() -> list[str]:
    return private_files()  # on local disk or in the bucket (make test-s3)


def _final(people, submission) -> Submission:
    asesor = people["asesor_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.submission_finalise(actor=None, submission=submission)
    return submission


@pytest.mark.django_db
def test_the_issued_pdf_is_a_private_file(report):  # noqa: F811
    # PRIVATE_FILES_ROOT/evaluasi/lhe/ on disk, private/evaluasi/lhe/ in the bucket
    assert report.pdf.name.startswith("lhe/") and f"evaluasi/{report.pdf.name}" in _stored()
    modes = local_mode(report.pdf.storage, report.pdf.name)
    assert modes[0] == 0o600 if modes else acl_is_private(report.pdf.storage, report.pdf.name)
    content = read_raw(report.pdf.storage, report.pdf.name)
    assert content.startswith(b"%PDF-") and hashlib.sha256(content).hexdigest() == report.sha256
    with pytest.raises(ValueError):
        report.pdf.url


@pytest.mark.django_db
def test_a_failure_after_the_pdf_is_stored_leaves_no_file(people, submission, monkeypatch):
    submission = _final(people, submission)
    before = _stored()

    def audit_fails(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(reports, "audit_record", audit_fails)
    with pytest.raises(RuntimeError):
        services.report_issue(actor=people["team_user"], submission=submission)
    assert _stored() == before
    assert not Report.objects.filter(submission=submission).exists()


@pytest.mark.django_db
def test_an_altered_stored_pdf_is_neither_served_nor_signed(report, people, client: Client, caplog):  # noqa: F811
    write_raw(report.pdf.storage, report.pdf.name, b"%PDF-1.7 altered in storage")
    download = people["team"].get(f"/evaluasi/hasil/{report.submission_id}/lhe/")
    assert download.status_code == 503 and "belum tersedia" in download.content.decode()
    signature = client.get(f"/evaluasi/verifikasi/{report.number}/tanda-tangan.sig")
    assert signature.status_code == 503
    assert f"Document {report.number} cannot be served" in caplog.text
    with pytest.raises(documents.PdfUnavailable):
        documents.read_pdf(report.pdf, sha256=report.sha256)


@pytest.mark.django_db
def test_a_stored_pdf_gone_from_storage_answers_503(report, people):  # noqa: F811
    remove_raw(report.pdf.storage, report.pdf.name)
    assert people["team"].get(f"/evaluasi/hasil/{report.submission_id}/lhe/").status_code == 503


@pytest.mark.django_db(transaction=True)
def test_migration_copies_the_bytes_to_storage_and_back(people, submission):
    submission = _final(people, submission)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("evaluations", "Report")
    content = b"%PDF-1.4 issued before the move"
    sha256 = hashlib.sha256(content).hexdigest()
    old.objects.create(
        submission_id=submission.pk,
        number="LHE-2024-00001-OLDPDF",
        sha256=sha256,
        content_digest="0" * 64,
        pdf=content,
        size=len(content),
    )
    before = _stored()
    try:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("evaluations"))
        moved = Report.objects.get(number="LHE-2024-00001-OLDPDF")
        assert moved.pdf.name.startswith("lhe/") and moved.pdf.name.endswith(".pdf")
        assert documents.read_pdf(moved.pdf, sha256=sha256) == content
        assert sorted([*before, f"evaluasi/{moved.pdf.name}"]) == _stored()

        executor.loader.build_graph()
        executor.migrate(BEFORE)
        back = executor.loader.project_state(BEFORE).apps.get_model("evaluations", "Report")
        assert bytes(back.objects.get(number="LHE-2024-00001-OLDPDF").pdf) == content
        assert _stored() == before
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("evaluations"))
