"""A resource or datastore upload form shown again with errors says the file must be chosen again."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.forms import CHOOSE_AGAIN
from lontar.datastore.forms import UploadForm
from tests.catalog.conftest import CSV, DB

pytestmark = DB

HINT = "Berkas perlu dipilih lagi"


def _csv() -> SimpleUploadedFile:
    return SimpleUploadedFile("penduduk.csv", CSV.encode(), content_type="text/csv")


def _upload_block(body: str) -> str:
    at = body.index('name="upload"')
    start = body.rindex('<div class="field', 0, at)
    return body[start : body.index("</div>\n", at)]


def test_resource_upload_with_an_error_elsewhere_asks_for_the_file_again(actors, make_dataset):
    client = actors.clients["produsen"]
    dataset = make_dataset("data-pilih-lagi", "Data pilih lagi", state="draft")
    response = client.post(f"/kelola/data/{dataset.pk}/sumber/baru/", {"name": "", "format": "CSV", "upload": _csv()})
    assert response.status_code == 400
    block = _upload_block(response.content.decode())
    assert HINT in block and "field-error" in block
    assert dataset.resources.count() == 1  # nothing added
    again = client.post(f"/kelola/data/{dataset.pk}/sumber/baru/", {"name": "", "format": "CSV"})
    assert HINT not in again.content.decode()  # no file was chosen: nothing to choose again


def test_resource_upload_whose_file_is_wrong_shows_only_its_own_error(actors, make_dataset):
    client = actors.clients["produsen"]
    dataset = make_dataset("data-salah-berkas", "Data salah berkas", state="draft")
    bad = SimpleUploadedFile("bukan.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(f"/kelola/data/{dataset.pk}/sumber/baru/", {"name": "PDF", "format": "PDF", "upload": bad})
    assert response.status_code == 400
    block = _upload_block(response.content.decode())
    assert "field-error" in block and HINT not in block


def test_datastore_upload_form_marks_the_file_to_choose_again():
    form = UploadForm({"resource_key": "Bukan Kunci!"}, {"file": _csv()})
    assert not form.is_valid()
    assert [str(e) for e in form["file"].errors] == [str(CHOOSE_AGAIN)]
    assert "file" not in form.errors  # a hint next to the field, not a reason to refuse the file
    no_file = UploadForm({"resource_key": "Bukan Kunci!"})["file"].errors
    assert str(CHOOSE_AGAIN) not in no_file and no_file  # no file sent: only its own "required"
