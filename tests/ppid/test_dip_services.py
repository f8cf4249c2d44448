"""DIP services: who may manage entries, audit events, validation (Indonesian messages), files."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.ppid.models import DipCategory, DipEntry
from lontar.ppid.services.dip import dip_entry_create, dip_entry_delete, dip_entry_update
from tests.ppid.conftest import PDF_BYTES
from tests.ppid.dip_fixtures import entry_data, make_dataset, make_test
from tests.stored import exists_raw, is_private

pytestmark = pytest.mark.django_db


def _errors(exc: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_ppid_of_the_body_and_province_admin_manage_it(bodies, login):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    _, admin = login(bodies["kabupaten"].organisation, Role.ADMIN)
    _, province_admin = login(bodies["province"].organisation, Role.ADMIN)
    _, kab_ppid = login(bodies["kabupaten"].organisation, Role.PPID)
    _, atasan = login(bodies["province"].organisation, Role.ATASAN_PPID)
    entry = dip_entry_create(actor=ppid, body=bodies["province_opd"], data=entry_data())
    assert entry.created_by == ppid
    assert dip_entry_create(actor=province_admin, body=bodies["kabupaten"], data=entry_data()).pk
    for outsider in (admin, kab_ppid, atasan, None):
        with pytest.raises(PermissionDenied):
            dip_entry_create(actor=outsider, body=bodies["province"], data=entry_data(number="009"))
        with pytest.raises(PermissionDenied):
            dip_entry_update(actor=outsider, entry=entry, data=entry_data(summary="x"))
        with pytest.raises(PermissionDenied):
            dip_entry_delete(actor=outsider, entry=entry)
    assert DipEntry.objects.count() == 2


def test_every_change_is_audited(bodies, login):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    entry = dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data())
    entry = dip_entry_update(actor=ppid, entry=entry, data=entry_data(summary="Laporan keuangan 2025", year=2024))
    assert entry.summary == "Laporan keuangan 2025"
    pk = entry.pk
    dip_entry_delete(actor=ppid, entry=entry)
    assert not DipEntry.objects.filter(pk=pk).exists()
    events = AuditEvent.objects.filter(target_id=str(pk), action__startswith="ppid.dip.").order_by("id")
    assert [e.action for e in events] == ["ppid.dip.created", "ppid.dip.updated", "ppid.dip.deleted"]
    assert sorted(events[1].data["changed"]) == ["summary", "year"]
    assert events[2].data["number"] == "001"


def test_exempt_entry_needs_a_consequence_test_of_the_same_body(bodies, login):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    exempt_test = make_test(bodies["province"])
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(category=DipCategory.DIKECUALIKAN))
    assert "uji konsekuensi" in _errors(exc)["consequence_test"][0]
    other = make_test(bodies["kabupaten"])
    with pytest.raises(ValidationError) as exc:
        dip_entry_create(
            actor=ppid,
            body=bodies["province"],
            data=entry_data(category=DipCategory.DIKECUALIKAN, consequence_test=other),
        )
    assert "consequence_test" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(consequence_test=exempt_test))
    assert "consequence_test" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        dip_entry_create(
            actor=ppid,
            body=bodies["province"],
            data=entry_data(
                category=DipCategory.DIKECUALIKAN, consequence_test=exempt_test, document_url="https://contoh.id/a.pdf"
            ),
        )
    assert "category" in _errors(exc)
    entry = dip_entry_create(
        actor=ppid,
        body=bodies["province"],
        data=entry_data(category=DipCategory.DIKECUALIKAN, consequence_test=exempt_test),
    )
    assert entry.is_exempt and entry.consequence_test == exempt_test


def test_duplicate_number_is_refused_per_body(bodies, login):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(number="A-1"))
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(number=" A-1 "))
    assert "nomor" in _errors(exc)["number"][0].lower()
    assert dip_entry_create(actor=ppid, body=bodies["province_opd"], data=entry_data(number="A-1")).pk
    second = dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(number="A-2"))
    with pytest.raises(ValidationError):
        dip_entry_update(actor=ppid, entry=second, data=entry_data(number="A-1"))
    assert dip_entry_update(actor=ppid, entry=second, data=entry_data(number="A-2", summary="baru")).summary == "baru"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("number", ""),
        ("number", "x" * 51),
        ("number", "a\nb"),
        ("summary", "  "),
        ("summary", "a\x00b"),
        ("summary", "x" * 2001),
        ("holder", "a\u2028b"),
        ("responsible", ""),
        ("made_when", "x" * 201),
        ("retention", ""),
        ("form", "pdf"),
        ("category", "rahasia"),
        ("year", 1800),
        ("year", "2024"),
        ("year", True),
        ("document_url", "http://contoh.id/x.pdf"),
        ("document_url", "javascript:alert(1)"),
        ("document_url", "https://contoh.id/" + "x" * 600),
        ("number", 12),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(bodies, login, field, value):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(**{field: value}))
    assert field in _errors(exc)
    assert not DipEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="ppid.dip.created").exists()


def test_document_upload_is_checked_stored_privately_and_replaced(bodies, login):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(), document=fake)
    assert "document" in _errors(exc)
    upload = SimpleUploadedFile("laporan.pdf", PDF_BYTES, content_type="application/pdf")
    entry = dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(), document=upload)
    assert entry.document_name == "laporan.pdf" and entry.document_content_type == "application/pdf"
    assert exists_raw(entry.document.storage, entry.document.name) and "laporan" not in entry.document.name
    assert is_private(entry.document.storage, entry.document.name)
    entry = dip_entry_update(actor=ppid, entry=entry, data=entry_data(), remove_document=True)
    assert not entry.document
    # exempting an entry that has a document is refused while the document stays
    upload = SimpleUploadedFile("b.pdf", PDF_BYTES, content_type="application/pdf")
    entry = dip_entry_update(actor=ppid, entry=entry, data=entry_data(), document=upload)
    test = make_test(bodies["province"])
    with pytest.raises(ValidationError):
        dip_entry_update(
            actor=ppid, entry=entry, data=entry_data(category=DipCategory.DIKECUALIKAN, consequence_test=test)
        )


def test_dataset_link_is_kept(bodies, login, province):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    dataset = make_dataset(province["province_opd"], "data-uji", public=False)
    entry = dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(dataset=dataset))
    assert entry.dataset == dataset


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=320)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    number=_TEXT, summary=_TEXT, holder=_TEXT, url=_TEXT, year=st.one_of(st.none(), st.integers(), st.text(max_size=5))
)
def test_any_input_is_saved_whole_or_refused_cleanly(bodies, login, number, summary, holder, url, year):
    """Whatever is typed, the service either writes the entry (stripped) or raises ValidationError
    with nothing written; it never fails in the database."""
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    before = DipEntry.objects.count()
    data = entry_data(number=number, summary=summary, holder=holder, document_url=url, year=year)
    try:
        entry = dip_entry_create(actor=ppid, body=bodies["province"], data=data)
    except ValidationError as exc:
        assert exc.message_dict and DipEntry.objects.count() == before
    else:
        entry.refresh_from_db()
        assert entry.number == number.strip() and entry.summary == summary.strip()
        DipEntry.objects.filter(pk=entry.pk).delete()
