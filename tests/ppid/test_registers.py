"""Register permohonan: staff page and exports (audited), public register without personal data."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.ppid import services
from lontar.ppid.choices import Decision
from lontar.ppid.services import NoticeData
from tests.ppid.conftest import NIK

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(submit, bodies, login):
    req, _ = submit(information_requested='=HYPERLINK("http://evil.example") daftar kontrak 2025')
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    services.information_request_issue_notice(
        actor=ppid,
        request=req,
        data=NoticeData(decision=Decision.NOT_HELD, holder="BPS Provinsi NTT", explanation="Data ada di BPS."),
    )
    submit("kabupaten")
    return req


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_staff_register_page_and_exports(answered, bodies, login):
    client, _ = login(bodies["province"].organisation, Role.PPID)
    page = client.get(reverse("ppid:staff_register"))
    html = page.content.decode()
    assert page.status_code == 200 and answered.number in html and "BPS Provinsi NTT" in html
    assert "PPID-5301" not in html  # the kabupaten's request is not in the province's register
    rows = _csv(client.get(reverse("ppid:staff_register"), {"format": "csv"}))
    assert rows[0][0] and rows[1][0] == answered.number and len(rows) == 2
    assert any("Jl. Contoh" in cell for cell in rows[1])
    formula = next(cell for cell in rows[1] if "HYPERLINK" in cell)
    assert formula.startswith("'=")
    xlsx = client.get(reverse("ppid:staff_register"), {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert AuditEvent.objects.filter(action="ppid.register.exported").count() == 2
    bad = client.get(
        reverse("ppid:staff_register"), {"date_from": "2026-12-31", "date_to": "2026-01-01", "format": "csv"}
    )
    assert bad.status_code == 400


def test_register_needs_a_ppid_role(answered, bodies, login):
    atasan, _ = login(bodies["province"].organisation, Role.ATASAN_PPID)
    assert atasan.get(reverse("ppid:staff_register")).status_code == 403


def test_public_register_never_shows_personal_data(client, answered):
    page = client.get(reverse("ppid:register"))
    html = page.content.decode()
    assert page.status_code == 200 and answered.number in html
    for secret in (answered.name, NIK, "Jl. Contoh", "pemohon@contoh.id", "0812", "HYPERLINK", "Peneliti"):
        assert secret not in html
    rows = _csv(client.get(reverse("ppid:register"), {"format": "csv"}))
    flat = " ".join(" ".join(r) for r in rows)
    assert answered.number in flat
    for secret in (answered.name, NIK, "Jl. Contoh", "pemohon@contoh.id", "HYPERLINK"):
        assert secret not in flat
    assert client.get(reverse("ppid:register"), {"date_from": "bukan"}).status_code == 400


def test_register_pages_found_by_ids_from_either_end_equal_plain_slices(submit):
    """The paginator finds a page's ids first (from the nearer end), then its rows: every page,
    including one at the end, equals the plain slice of the same order (ties on the day by id)."""
    import datetime as dt

    from django.core.paginator import Paginator

    from lontar.ppid.models import InformationRequest
    from lontar.ppid.registers import requests as registers
    from lontar.ppid.registers.filters import RegisterFilters
    from lontar.ppid.views.registers import CachedCountPaginator

    made = [submit()[0] for _ in range(7)]
    days = [dt.date(2026, 3, 2), dt.date(2026, 3, 2), dt.date(2026, 1, 5), dt.date(2026, 3, 2)]
    for req, day in zip(made, days * 2, strict=False):
        InformationRequest.objects.filter(pk=req.pk).update(received_on=day)
    qs = registers.register_queryset(InformationRequest.objects.all(), RegisterFilters())
    plain = Paginator(qs, 2)
    fast = CachedCountPaginator(qs, 2)
    assert fast.num_pages == plain.num_pages == 4
    for number in range(1, 5):
        assert [r.pk for r in fast.page(number)] == [r.pk for r in plain.page(number)], number
    assert fast.get_page("99").number == 4 and fast.get_page("x").number == 1
    empty = CachedCountPaginator(qs.filter(pk__in=[]), 2)
    assert list(empty.get_page(1)) == []
