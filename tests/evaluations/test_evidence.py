"""The evidence library: uploads checked by content, size limit, links, reuse of last cycle's evidence."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lontar.evaluations import services
from lontar.evaluations.models import AnswerEvidence, Evidence
from lontar.evaluations.storage import evidence_storage
from lontar.evaluations.uploads import MAX_BYTES, check_evidence_file
from tests.evaluations.conftest import LEVELS, answer_all
from tests.stored import private_files

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def zipped(entries: dict[str, bytes], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first, entries.pop(first), compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "uji"
    book.save(buffer)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, first="mimetype")


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("sk.pdf", PDF, "pdf"),
        ("layar.png", PNG, "png"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        ("laporan.docx", DOCX, "docx"),
        ("data.xlsx", xlsx(), "xlsx"),
        ("catatan.odt", ODT, "odt"),
        ("tanpa-nama", PDF, "pdf"),  # the name does not matter
        ("laporan.pdf", DOCX, "docx"),  # nor does a wrong extension: the content decides
    ],
)
def test_accepted_types_by_content(name, data, code):
    assert check_evidence_file(SimpleUploadedFile(name, data)).type.code == code


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("sk.pdf", b"<html><script>alert(1)</script></html>"),
        ("program.docx", b"MZ\x90\x00" + b"\x00" * 64),
        ("arsip.docx", zipped({"readme.txt": b"bukan dokumen"})),
        ("buku.xlsx", zipped({"[Content_Types].xml": b"<Types/>", "other.xml": b"<x/>"})),
        ("rusak.xlsx", b"PK\x03\x04 not really a zip"),
        ("kosong.pdf", b""),
        ("skrip.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"),
    ],
)
def test_uploads_that_lie_about_their_type_are_refused(name, data):
    with pytest.raises(ValidationError):
        check_evidence_file(SimpleUploadedFile(name, data))


def test_oversized_file_is_refused_with_the_limit_named():
    with pytest.raises(ValidationError) as info:
        check_evidence_file(SimpleUploadedFile("besar.pdf", PDF), max_bytes=len(PDF) - 1)
    assert info.value.code == "too_large"


def test_upload_through_the_page(people, submission, province, settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    client = people["team"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = submission.answers.get(number="1")
    data = {
        "title": "SK Tim SPBE",
        "kind": "regulation",
        "issuer": "Bupati",
        "issued_on": "2024-02-01",
        "link_to": answer.pk,
        "file": SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf"),
    }
    response = client.post(f"/evaluasi/bukti/{province['kabupaten'].slug}/", data)
    assert response.status_code == 302 and response["Location"].endswith(f"/penilaian/{submission.pk}/indikator/1/")
    item = Evidence.objects.get()
    assert item.file_type == "pdf" and item.original_name == "sk.pdf" and item.file.name.endswith(".pdf")
    assert "sk" not in item.file.name.rsplit("/", 1)[-1]  # a generated name, never the uploader's
    assert AnswerEvidence.objects.filter(answer=answer, evidence=item).exists()
    download = client.get(f"/evaluasi/bukti/{province['kabupaten'].slug}/{item.pk}/unduh/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    # a lying file: clear message, 422, nothing stored
    lying = dict(
        data, title="Palsu", file=SimpleUploadedFile("palsu.pdf", b"<html></html>", content_type="application/pdf")
    )
    response = client.post(f"/evaluasi/bukti/{province['kabupaten'].slug}/", lying)
    assert response.status_code == 422 and "whatever its name says" in response.content.decode()
    assert Evidence.objects.count() == 1
    assert private_files() == [f"evaluasi/{item.file.name}"]  # on disk or in the bucket (make test-s3)


def test_oversized_upload_through_the_page(people, province, settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    client = people["team"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * MAX_BYTES, content_type="application/pdf")
    response = client.post(
        f"/evaluasi/bukti/{province['kabupaten'].slug}/", {"title": "Besar", "kind": "report", "file": big}
    )
    assert response.status_code == 422 and "the limit is 20.0" in response.content.decode()
    assert not Evidence.objects.exists()


def test_file_or_link_exactly_one(province, people):
    with pytest.raises(ValidationError):
        services.evidence_add(actor=people["team_user"], organisation=province["kabupaten"], title="x", kind="report")
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=people["team_user"],
            organisation=province["kabupaten"],
            title="x",
            kind="report",
            url="javascript:alert(1)",
        )


def test_evidence_of_another_instansi_cannot_be_cited(submission, province, people):
    foreign = services.evidence_add(
        actor=None, organisation=province["kota"], title="Milik kota", kind="report", url="https://example.org/a"
    )
    answer = submission.answers.get(number="1")
    with pytest.raises(ValidationError):
        services.answer_save(
            actor=people["team_user"], answer=answer, value=3, explanation="", version=0, evidence_ids=[foreign.pk]
        )
    assert not AnswerEvidence.objects.exists()


def test_reuse_last_years_evidence_in_one_click(framework, open_cycle, province, people, settings):
    team = people["team_user"]
    last = open_cycle(framework, year=2023).submissions.get(organisation=province["kabupaten"])
    link = services.evidence_add(
        actor=team, organisation=province["kabupaten"], title="SK 2023", kind="regulation", url="https://example.org/sk"
    )
    for number in ("1", "4"):
        answer = last.answers.get(number=number)
        services.answer_save(
            actor=team, answer=answer, value=3, explanation="", version=answer.version, evidence_ids=[link.pk]
        )
    this = open_cycle(framework, year=2024).submissions.get(organisation=province["kabupaten"])
    client = people["team"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/evaluasi/penilaian/{this.pk}/")
    assert "Reuse the evidence of Evaluasi uji 2023" in page.content.decode()
    response = client.post(f"/evaluasi/penilaian/{this.pk}/pakai-ulang-bukti/", follow=True)
    assert "2 evidence links of the previous cycle were added." in response.content.decode()
    assert set(AnswerEvidence.objects.filter(answer__submission=this).values_list("answer__number", flat=True)) == {
        "1",
        "4",
    }
    # again: nothing to add, nothing duplicated
    assert services.evidence_reuse_previous(actor=team, submission=this) == 0
    # the same item now supports two cycles
    assert AnswerEvidence.objects.filter(evidence=link).count() == 4


def test_evidence_cited_by_a_submitted_claim_is_kept(submission, province, people):
    team = people["team_user"]
    answer_all(submission, team, LEVELS)
    item = services.evidence_add(
        actor=team,
        organisation=province["kabupaten"],
        title="SK",
        kind="regulation",
        url="https://example.org/sk",
        link_to=submission.answers.get(number="1"),
    )
    services.submission_submit(actor=team, submission=submission)
    with pytest.raises(ValidationError):
        services.evidence_delete(actor=team, evidence=item)
    assert Evidence.objects.filter(pk=item.pk).exists()


def test_delete_removes_the_stored_file(province, people, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.PRIVATE_FILES_ROOT = tmp_path
    item = services.evidence_add(
        actor=people["team_user"],
        organisation=province["kabupaten"],
        title="Foto",
        kind="photo",
        upload=SimpleUploadedFile("f.png", PNG),
    )
    name = item.file.name
    assert evidence_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(actor=people["team_user"], evidence=item)
    assert not Evidence.objects.filter(pk=item.pk).exists()
    assert not evidence_storage.exists(name)
