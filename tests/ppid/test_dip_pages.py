"""DIP and DIK pages: public lists with filters and exports, staff pages, escaping, private data."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lontar.accounts.models import Role
from lontar.ppid.models import DipCategory, DipEntry
from lontar.ppid.services.dip import dip_entry_create
from tests.ppid.conftest import PDF_BYTES
from tests.ppid.dip_fixtures import entry_data, make_dataset, make_test

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def ppid(bodies, login):
    return login(bodies["province"].organisation, Role.PPID)


@pytest.fixture
def entries(bodies, ppid, province):
    _, user = ppid
    test = make_test(bodies["province"])
    public = make_dataset(province["province_opd"], "data-publik", public=True)
    hidden = make_dataset(province["province_opd"], "data-rahasia-draf", public=False)
    return {
        "berkala": dip_entry_create(actor=user, body=bodies["province"], data=entry_data(dataset=public)),
        "hidden": dip_entry_create(
            actor=user,
            body=bodies["province"],
            data=entry_data(
                number="002", summary="Rencana strategis", year=2024, dataset=hidden, category=DipCategory.SETIAP_SAAT
            ),
        ),
        "exempt": dip_entry_create(
            actor=user,
            body=bodies["province"],
            data=entry_data(
                number="003", summary="Rekam medis", category=DipCategory.DIKECUALIKAN, consequence_test=test
            ),
        ),
        "opd": dip_entry_create(
            actor=user,
            body=bodies["province_opd"],
            data=entry_data(
                number="001",
                summary='=HYPERLINK("http://x")',
                year=2023,
                document_url="https://contoh.id/dok.pdf",
                category=DipCategory.SERTA_MERTA,
            ),
        ),
        "test": test,
    }


def test_public_dip_lists_every_body_and_filters(client, entries, bodies):
    html = client.get(reverse("ppid:dip")).content.decode()
    for e in ("Laporan keuangan tahunan", "Rencana strategis", "Rekam medis", "HYPERLINK"):
        assert e in html
    assert "/dataset/data-publik/" in html
    assert "data-rahasia-draf" not in html  # a dataset that is not public is never named
    assert "https://contoh.id/dok.pdf" in html
    html = client.get(reverse("ppid:dip"), {"category": "dikecualikan"}).content.decode()
    assert "Rekam medis" in html and "Rencana strategis" not in html
    assert f"#uji-{entries['test'].pk}" in html
    html = client.get(reverse("ppid:dip"), {"year": "2024"}).content.decode()
    assert "Rencana strategis" in html and "Laporan keuangan" not in html
    html = client.get(reverse("ppid:dip"), {"q": "strategis"}).content.decode()
    assert "Rencana strategis" in html and "Rekam medis" not in html
    html = client.get(reverse("ppid:dip"), {"body": bodies["province_opd"].pk}).content.decode()
    assert "HYPERLINK" in html and "Rencana strategis" not in html


def test_body_dip_page(client, entries, bodies):
    html = client.get(reverse("ppid:body_dip", args=[bodies["province_opd"].slug])).content.decode()
    assert "HYPERLINK" in html and "Rencana strategis" not in html
    assert client.get(reverse("ppid:body_dip", args=["tidak-ada"])).status_code == 404
    detail = client.get(reverse("ppid:body", args=[bodies["province"].slug])).content.decode()
    assert reverse("ppid:body_dip", args=[bodies["province"].slug]) in detail
    assert f"{reverse('ppid:dik')}?body={bodies['province'].pk}" in detail


def test_index_links_every_public_page(client, bodies):
    html = client.get(reverse("ppid:index")).content.decode()
    for name in ("request_new", "track", "dip", "dik", "register", "statistics"):
        assert f'href="{reverse(f"ppid:{name}")}"' in html
    assert reverse("ppid:body", args=[bodies["province"].slug]) in html  # maklumat pelayanan


@pytest.mark.parametrize(
    ("params", "dip", "dik"),
    [
        # the DIK list filters by public body only: its other parameters are not read at all
        ({"category": "rahasia"}, 400, 200),
        ({"year": "abc"}, 400, 200),
        ({"year": "99999999999999999999"}, 400, 200),
        ({"body": "x' OR 1=1"}, 400, 400),
        ({"body": "999999"}, 400, 400),
        ({"q": "x" * 500}, 400, 200),
        ({"q": "\x00"}, 400, 200),
        # a page number out of range shows the nearest page (Paginator.get_page), on both lists
        ({"page": "-1"}, 200, 200),
    ],
)
def test_bad_filters_are_a_clear_400(client, entries, params, dip, dik):
    for name, status in (("ppid:dip", dip), ("ppid:dik", dik)):
        response = client.get(reverse(name), params)
        assert response.status_code == status, name
        if status == 400:
            assert "Perbaiki" in response.content.decode()


def test_exports_are_filtered_and_escape_formulas(client, entries):
    response = client.get(reverse("ppid:dip"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Nomor" and "Kategori" in rows[0]
    assert len(rows) == 5
    summaries = [r[2] for r in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in summaries
    assert all("data-rahasia-draf" not in cell for r in rows for cell in r)
    assert any(cell.endswith("/dataset/data-publik/") for r in rows for cell in r)
    response = client.get(reverse("ppid:dip"), {"format": "xlsx", "category": "berkala"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 2 and values[1][0] == "001"


def test_dik_page_and_export(client, entries, bodies):
    test = entries["test"]
    make_test(bodies["kabupaten"], information="Memorandum internal", ground="i")
    html = client.get(reverse("ppid:dik")).content.decode()
    assert "Rekam medis pegawai" in html and "Memorandum internal" in html
    assert "mengungkap rahasia pribadi" in html.lower()
    assert "2040" in html and "Diagnosis" in html
    html = client.get(reverse("ppid:dik"), {"body": bodies["kabupaten"].pk}).content.decode()
    assert "Memorandum internal" in html and "Rekam medis" not in html
    response = client.get(reverse("ppid:dik"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3 and test.information in [r[1] for r in rows]
    response = client.get(reverse("ppid:dik"), {"format": "xlsx"})
    assert len(list(load_workbook(io.BytesIO(response.content)).active.values)) == 3


def test_hostile_strings_are_escaped_everywhere(client, bodies, ppid):
    staff, user = ppid
    test = make_test(bodies["province"], information=HOSTILE)
    test.exempted_parts = test.harm = HOSTILE
    test.save()
    fields = {
        name: HOSTILE for name in ("number", "summary", "holder", "responsible", "made_when", "made_where", "retention")
    }
    dip_entry_create(actor=user, body=bodies["province"], data=entry_data(**{**fields, "number": "<b>1</b>"}))
    dip_entry_create(
        actor=user,
        body=bodies["province"],
        data=entry_data(**fields, category=DipCategory.DIKECUALIKAN, consequence_test=test),
    )
    pages = [
        client.get(reverse("ppid:dip")),
        client.get(reverse("ppid:body_dip", args=[bodies["province"].slug])),
        client.get(reverse("ppid:dik")),
        staff.get(reverse("ppid:staff_dip")),
        staff.get(reverse("ppid:staff_dip_edit", args=[DipEntry.objects.first().pk])),
        staff.get(reverse("ppid:staff_dip_delete", args=[DipEntry.objects.first().pk])),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert HOSTILE not in html and "<b>1</b>" not in html
        assert "&lt;script&gt;" in html


def test_public_document_download(client, bodies, ppid):
    _, user = ppid
    upload = SimpleUploadedFile("laporan.pdf", PDF_BYTES, content_type="application/pdf")
    entry = dip_entry_create(actor=user, body=bodies["province"], data=entry_data(), document=upload)
    url = reverse("ppid:dip_document", args=[entry.pk])
    assert url in client.get(reverse("ppid:dip")).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert "laporan.pdf" in response["Content-Disposition"]
    assert client.get(reverse("ppid:dip_document", args=[entry.pk + 100])).status_code == 404
    bodies["province"].is_active = False
    bodies["province"].save()
    assert client.get(url).status_code == 404
    assert "Laporan keuangan" not in client.get(reverse("ppid:dip")).content.decode()


def _post(**overrides):
    data = {
        "number": "010",
        "summary": "Laporan kinerja",
        "holder": "Subbagian Program",
        "responsible": "Sekretaris",
        "made_when": "Maret 2025",
        "year": "2025",
        "made_where": "Kupang",
        "form": "softcopy",
        "retention": "5 tahun",
        "category": "berkala",
        "consequence_test": "",
        "dataset": "",
        "document_url": "",
    }
    data.update(overrides)
    return data


def test_staff_pages_create_edit_delete(bodies, ppid):
    staff, _user = ppid
    assert staff.get(reverse("ppid:staff_dip")).status_code == 200
    page = staff.get(reverse("ppid:staff_dip_new")).content.decode()
    assert bodies["province"].organisation.name in page
    assert bodies["kabupaten"].organisation.name not in page
    response = staff.post(reverse("ppid:staff_dip_new"), _post(body=bodies["province"].pk))
    assert response.status_code == 302
    entry = DipEntry.objects.get()
    response = staff.post(reverse("ppid:staff_dip_new"), _post(body=bodies["province"].pk, category="dikecualikan"))
    assert response.status_code == 400 and "uji konsekuensi" in response.content.decode()
    response = staff.post(reverse("ppid:staff_dip_new"), _post(body=bodies["province"].pk))
    assert response.status_code == 400 and "sudah" in response.content.decode()
    response = staff.post(reverse("ppid:staff_dip_new"), _post(body=bodies["kabupaten"].pk, number="011"))
    assert response.status_code == 400
    response = staff.post(
        reverse("ppid:staff_dip_new"),
        {**_post(body=bodies["province"].pk, number="012"), "document": SimpleUploadedFile("x.pdf", b"bukan pdf")},
    )
    assert response.status_code == 400 and DipEntry.objects.count() == 1
    response = staff.post(
        reverse("ppid:staff_dip_edit", args=[entry.pk]),
        _post(body=bodies["province"].pk, summary="Laporan kinerja 2025", year="abc"),
    )
    assert response.status_code == 400
    response = staff.post(
        reverse("ppid:staff_dip_edit", args=[entry.pk]), _post(body=bodies["province"].pk, summary="Laporan 2025")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.summary == "Laporan 2025"
    assert staff.get(reverse("ppid:staff_dip_delete", args=[entry.pk])).status_code == 200
    assert staff.post(reverse("ppid:staff_dip_delete", args=[entry.pk])).status_code == 302
    assert not DipEntry.objects.exists()


def test_staff_of_another_body_gets_404(bodies, login, ppid):
    _, user = ppid
    entry = dip_entry_create(actor=user, body=bodies["province"], data=entry_data())
    other, _ = login(bodies["kabupaten"].organisation, Role.PPID)
    assert entry.summary not in other.get(reverse("ppid:staff_dip")).content.decode()
    for name in ("ppid:staff_dip_edit", "ppid:staff_dip_delete"):
        assert other.get(reverse(name, args=[entry.pk])).status_code == 404
        assert other.post(reverse(name, args=[entry.pk]), _post(body=bodies["province"].pk)).status_code == 404
    atasan, _ = login(bodies["province"].organisation, Role.ATASAN_PPID)
    assert atasan.get(reverse("ppid:staff_dip_new")).status_code == 403
    assert DipEntry.objects.get().summary == "Laporan keuangan tahunan"
