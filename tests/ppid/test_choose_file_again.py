"""A request form shown again with errors says, next to the file field, that the file must be chosen again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.ppid.models import IdentityDocument, InformationRequest
from tests.ppid.conftest import pdf_upload
from tests.ppid.test_views_public import form_data

pytestmark = pytest.mark.django_db

HINT = "Berkas perlu dipilih lagi"


def _field_block(body: str, name: str) -> str:
    """The markup of one field's wrapper (label, help, input, its errors)."""
    start = body.rindex('<div class="field', 0, body.index(f'name="{name}"'))
    return body[start : body.index("</div>\n", body.index(f'name="{name}"')) + 6]


def test_a_chosen_identity_document_must_be_chosen_again_after_another_error(client, bodies):
    response = client.post(
        reverse("ppid:request_new"),
        form_data(bodies["province"], email="bukan-surel", power_of_attorney=pdf_upload("kuasa.pdf")),
    )
    assert response.status_code == 400
    body = response.content.decode()
    identity = _field_block(body, "identity_document")
    assert HINT in identity and "field-error" in identity  # next to the field, in Indonesian
    assert HINT in _field_block(body, "power_of_attorney")
    assert HINT not in _field_block(body, "email")
    assert InformationRequest.objects.count() == 0 and IdentityDocument.objects.count() == 0


def test_no_hint_without_a_chosen_file_or_when_the_file_itself_is_wrong(client, bodies):
    response = client.post(reverse("ppid:request_new"), form_data(bodies["province"], email="bukan-surel"))
    assert HINT not in _field_block(response.content.decode(), "power_of_attorney")  # nothing was chosen there
    bad = pdf_upload("ktp.pdf", b"MZ\x90\x00 this is an exe")
    response = client.post(reverse("ppid:request_new"), form_data(bodies["province"], identity_document=bad))
    assert response.status_code == 400
    identity = _field_block(response.content.decode(), "identity_document")
    assert "PDF" in identity and HINT not in identity  # its own error says what to do


def test_a_valid_form_shows_no_hint(client, bodies):
    page = client.get(reverse("ppid:request_new") + f"?badan={bodies['province'].slug}")
    assert HINT not in page.content.decode()
