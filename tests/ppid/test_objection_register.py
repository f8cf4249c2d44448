"""Register keberatan: staff page with period/body filters and audited CSV/XLSX; the public one hides personal data."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.ppid import services
from lontar.ppid.choices import Decision
from lontar.ppid.models import Objection
from lontar.ppid.services import AnswerData, DisputeData, NoticeData
from tests.ppid.conftest import NIK

pytestmark = pytest.mark.django_db

EXPLANATION = '=HYPERLINK("http://evil.example") Rahasia: permohonan kami dijawab lain dari yang diminta.'
SECRETS = ("Contoh Pemohon Satu", NIK, "Jl. Contoh", "pemohon@contoh.id", "0812 3456", "HYPERLINK", "Dokumen anggaran")


@pytest.fixture
def objection(submit, bodies, login):
    """A province request answered, objected to with ground d, answered by the atasan, taken to the KI."""
    req, token = submit()
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    _, atasan = login(bodies["province"].organisation, Role.ATASAN_PPID)
    services.information_request_issue_notice(
        actor=ppid,
        request=req,
        data=NoticeData(decision=Decision.NOT_HELD, holder="BPS Provinsi NTT", explanation="Data ada di BPS."),
    )
    req.refresh_from_db()
    obj = services.objection_file(request=req, grounds=["d"], explanation=EXPLANATION, token=token)
    obj = services.objection_answer(
        actor=atasan, objection=obj, data=AnswerData("rejected", "Jawaban rahasia atasan.", "Sekretaris Daerah NTT")
    )
    services.dispute_record(
        actor=ppid,
        objection=obj,
        data=DisputeData(registered_on=timezone.localdate(), register_number="KI-NTT/7/2026", stage="mediation"),
    )
    other, other_token = submit("kabupaten")
    services.objection_file(
        request=other, grounds=["b"], explanation="Informasi berkala tidak diumumkan sama sekali.", token=other_token
    )
    return obj


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_staff_register_filters_and_exports(objection, bodies, login):
    client, _ = login(bodies["province"].organisation, Role.PPID)
    url = reverse("ppid:staff_objections")
    page = client.get(url).content.decode()
    assert objection.number in page and "Contoh Pemohon Satu" in page and "KI-NTT/7/2026" in page
    assert "/KEB-1" in page and page.count("/KEB-") == 1  # the kabupaten's keberatan is not the province's
    rows = _csv(client.get(url, {"format": "csv"}))
    header, first = rows[0], rows[1]
    assert len(rows) == 2 and first[0] == objection.number and "Contoh Pemohon Satu" in first
    assert "Sekretaris Daerah NTT" in first and "d" in first and "KI-NTT/7/2026" in first
    formula = next(cell for cell in first if "HYPERLINK" in cell)
    assert formula.startswith("'=") and len(header) == len(first)
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [c for r in sheet.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert objection.number in values and all(v.startswith("'=") for v in values if "HYPERLINK" in v)
    assert AuditEvent.objects.filter(action="ppid.objection_register.exported").count() == 2
    later = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert objection.number not in client.get(url, {"date_from": later}).content.decode()
    assert len(_csv(client.get(url, {"date_from": later, "format": "csv"}))) == 1
    assert objection.number in client.get(url, {"body": bodies["province"].pk}).content.decode()
    assert client.get(url, {"body": bodies["kabupaten"].pk}).status_code == 400  # not one of the actor's bodies
    for bad in ({"date_from": "bukan"}, {"date_from": "2026-12-31", "date_to": "2026-01-01"}, {"body": "x' OR 1=1"}):
        response = client.get(url, {**bad, "format": "csv"})
        assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert AuditEvent.objects.filter(action="ppid.objection_register.exported").count() == 3


def test_atasan_and_other_bodies(objection, bodies, login):
    atasan, _ = login(bodies["province"].organisation, Role.ATASAN_PPID)
    assert objection.number in atasan.get(reverse("ppid:staff_objections")).content.decode()
    kab, _ = login(bodies["kabupaten"].organisation, Role.PPID)
    rows = _csv(kab.get(reverse("ppid:staff_objections"), {"format": "csv"}))
    assert all(objection.number not in r for r in rows) and len(rows) == 2


def test_public_register_never_shows_personal_data(client, objection):
    url = reverse("ppid:objection_register")
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and objection.number in html and "KI-NTT/7/2026" in html
    for secret in (*SECRETS, "Jawaban rahasia atasan"):
        assert secret not in html
    for fmt in ("csv", "xlsx"):
        response = client.get(url, {"format": fmt})
        assert response.status_code == 200
    flat = " ".join(" ".join(r) for r in _csv(client.get(url, {"format": "csv"})))
    assert objection.number in flat and Objection.objects.count() == 2
    for secret in (*SECRETS, "Jawaban rahasia atasan", "Informasi berkala tidak"):
        assert secret not in flat
    assert client.get(url, {"date_from": "bukan"}).status_code == 400
    assert client.get(url, {"body": "9" * 300}).status_code == 400
    assert reverse("ppid:objection_register") in client.get(reverse("ppid:index")).content.decode()
