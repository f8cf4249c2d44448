"""The annual report from the database: selector, public page, PDF, XLSX, API, bad parameters, cache."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lontar.accounts.models import Role
from lontar.calendar.models import Holiday
from lontar.organisations.models import Organisation
from lontar.ppid import services
from lontar.ppid.choices import Decision
from lontar.ppid.models import InformationRequest, Objection
from lontar.ppid.report import render as report_render
from lontar.ppid.report.data import annual_report
from lontar.ppid.report.render import report_pdf
from lontar.ppid.report.xlsx import report_xlsx
from lontar.ppid.services import AnswerData, NoticeData

pytestmark = pytest.mark.django_db

API = "/api/v1/ppid/report"
DAYS_OFF = ("2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24", "2026-04-03")
EXPLANATION = "Permohonan kami ditolak tanpa alasan yang jelas, mohon ditinjau kembali oleh atasan PPID."


def _dates(req: InformationRequest, start: str, notice: str | None = None, **extra: object) -> None:
    day = dt.date.fromisoformat(start)
    values = {"received_on": day, "clock_start_on": day, "due_on": day + dt.timedelta(days=30), **extra}
    if notice:
        values["notice_issued_on"] = dt.date.fromisoformat(notice)
    InformationRequest.objects.filter(pk=req.pk).update(**values)


@pytest.fixture
def world(submit, bodies, login):
    """2026: a grant (10 working days over Idul Fitri), a refusal (11, extended) with a keberatan, an
    overdue open request; 2025: one request."""
    for day in DAYS_OFF:
        Holiday.objects.create(date=dt.date.fromisoformat(day), name="Libur", kind="cuti_bersama", source="admin")
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    _, kab_ppid = login(bodies["kabupaten"].organisation, Role.PPID)
    _, kab_atasan = login(bodies["kabupaten"].organisation, Role.ATASAN_PPID)
    granted, _ = submit()
    services.information_request_issue_notice(
        actor=ppid,
        request=granted,
        data=NoticeData(
            decision=Decision.GRANTED, material="DPA 2025", delivery="E-mail", cost=5000, payment_method="Transfer"
        ),
    )
    refused, _ = submit("kabupaten")
    test = services.consequence_test_create(
        actor=kab_ppid,
        body=bodies["kabupaten"],
        data=services.ConsequenceTestData(
            information="Rekam medis", exempted_parts="Diagnosis", ground="h", legal_basis="UU 14/2008 Pasal 17 h",
            harm="Rahasia pribadi", public_interest="Tidak ada", closed_period="Selamanya", decided_by="PPID",
            decided_on=timezone.localdate(),
        ),
    )  # fmt: skip
    services.information_request_issue_notice(
        actor=kab_ppid,
        request=refused,
        data=NoticeData(decision=Decision.REFUSED, exemption_ground="h", consequence_test=test, explanation="x"),
    )
    refused.refresh_from_db()
    objection = services.objection_file(
        request=refused, grounds=["a"], explanation=EXPLANATION, actor=kab_ppid, channel="walk_in"
    )
    services.objection_answer(
        actor=kab_atasan, objection=objection, data=AnswerData("rejected", "Tetap dikecualikan.", "Sekda Kupang")
    )
    Objection.objects.filter(pk=objection.pk).update(
        filed_on=dt.date(2026, 5, 4), answer_due_on=dt.date(2026, 6, 15), answered_on=dt.date(2026, 5, 20)
    )
    waiting, _ = submit()
    old, _ = submit()
    _dates(granted, "2026-03-17", "2026-04-08")
    _dates(refused, "2026-03-17", "2026-04-09", extended_due_on=dt.date(2026, 5, 1))
    _dates(waiting, "2026-08-03", due_on=dt.date(2026, 8, 17))
    _dates(old, "2025-06-02")
    return {"granted": granted, "refused": refused, "waiting": waiting, "old": old, "objection": objection}


def test_selector_over_the_year_and_semesters(world, bodies, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        report = annual_report(year=2026)
    assert report.total == 3 and report.answered == 2
    assert (report.working_days.minimum, report.working_days.maximum) == (10, 11)
    assert dict(report.working_days.buckets) == {"le10": 1, "11to17": 1, "gt17": 0}
    assert report.extended == 1 and report.open_overdue == 1 and report.refused == 1 and report.granted == 1
    assert dict(report.refusals_by_ground)["h"] == 1 and report.fees.total == 5000 and report.fees.charged == 1
    assert report.objections.received == 1 and dict(report.objections.by_decision)["rejected"] == 1
    assert {b.code for b in report.bodies} == {"ntt", "kab-kupang"}
    first = annual_report(year=2026, semester=1)
    assert first.total == 2 and annual_report(year=2026, semester=2).total == 1
    kab = annual_report(year=2026, body=bodies["kabupaten"])
    assert kab.total == 1 and kab.bodies == () and kab.body_name == bodies["kabupaten"].organisation.name
    assert annual_report(year=2026, body=bodies["province"]).total == 2
    assert annual_report(year=2025).total == 1 and annual_report(year=2025).objections.received == 0


def test_report_pdf_and_html_carry_the_figures(world):
    report = annual_report(year=2026)
    html = report_render.report_html(report)
    for text in ("LAPORAN", "Pasal 17", "Keberatan", "Rp 5.000", "<svg"):
        assert text in html
    pdf = report_pdf(report)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000


def test_report_xlsx_one_sheet_per_section_and_formulas_escaped(world, bodies):
    Organisation.objects.filter(pk=bodies["kabupaten"].organisation_id).update(name='=HYPERLINK("http://x")')
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(report_xlsx(annual_report(year=2026))))
    assert len(book.sheetnames) >= 9
    cells = [c for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r if c is not None]
    hyperlinks = [c for c in cells if isinstance(c, str) and "HYPERLINK" in c]
    assert hyperlinks and all(c.startswith("'=") for c in hyperlinks)
    assert 10.5 in cells or 10.5 in [round(c, 1) for c in cells if isinstance(c, float)]


def test_public_page_downloads_and_links(client, world):
    page = client.get(reverse("ppid:report"), {"tahun": "2026"})
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "unduh.pdf?tahun=2026" in html
    assert world["granted"].name not in html
    default = client.get(reverse("ppid:report"))
    assert default.status_code == 200 and 'value="2026" selected' in default.content.decode()
    pdf = client.get(reverse("ppid:report_pdf"), {"tahun": "2026", "semester": "1"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert "laporan-ppid-2026-s1.pdf" in pdf["Content-Disposition"]
    xlsx = client.get(reverse("ppid:report_xlsx"), {"tahun": "2026", "badan": world["refused"].public_body.slug})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert reverse("ppid:report") in client.get(reverse("ppid:index")).content.decode()
    assert reverse("ppid:report") in client.get(reverse("ppid:statistics")).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"tahun": "1999"},
        {"tahun": "abc"},
        {"tahun": "9" * 400},
        {"tahun": "2026", "semester": "3"},
        {"tahun": "2026", "semester": "<script>"},
        {"tahun": "2026", "badan": "tidak-ada"},
        {"tahun": "2026", "badan": "'; DROP TABLE x; --"},
    ],
)
def test_bad_parameters_answer_400_in_indonesian(client, world, params):
    for name in ("ppid:report", "ppid:report_pdf", "ppid:report_xlsx"):
        response = client.get(reverse(name), params, HTTP_ACCEPT_LANGUAGE="id")
        assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
        assert "Pilih" in response.content.decode() or "pilihan" in response.content.decode()


def test_new_requests_show_despite_the_cache(client, world, submit):
    before = client.get(API, {"year": 2026}).json()["total"]
    fresh, _ = submit()
    _dates(fresh, "2026-09-01")
    assert client.get(API, {"year": 2026}).json()["total"] == before + 1


def test_api_report(client, world, bodies):
    data = client.get(API, {"year": 2026}).json()
    assert data["total"] == 3 and data["working_days"]["median"] == 10.5
    assert data["working_days"]["buckets"] == {"le10": 1, "11to17": 1, "gt17": 0}
    assert data["refusals_by_ground"]["h"] == 1 and data["objections"]["received"] == 1
    assert data["by_outcome"]["open"] == 1 and len(data["bodies"]) == 2 and data["body_code"] is None
    assert client.get(API).json()["year"] == 2026  # the latest year with requests
    one = client.get(API, {"year": 2026, "semester": 1, "body": bodies["kabupaten"].slug}).json()
    assert one["total"] == 1 and one["bodies"] == [] and one["body_code"] == "kab-kupang"
    for params in ({"year": 1999}, {"year": "abc"}, {"year": 2026, "semester": 3}):
        bad = client.get(API, params)
        assert bad.status_code == 422 and bad["Content-Type"] == "application/problem+json"
    unknown = client.get(API, {"year": 2026, "body": "x"})  # a well-formed slug of no public body
    assert unknown.status_code == 404 and unknown["Content-Type"] == "application/problem+json"


def test_file_builds_are_rate_limited_cached_files_are_not(client, world, monkeypatch):
    from lontar.ppid.ratelimit import Limit
    from lontar.ppid.views import report as views

    monkeypatch.setattr(views, "FILE_BUILDS", Limit("ppid-report-file-test", max_hits=2, window_seconds=600))
    url = reverse("ppid:report_xlsx")
    assert client.get(url, {"tahun": "2026"}).status_code == 200
    assert client.get(url, {"tahun": "2026", "semester": "1"}).status_code == 200
    refused = client.get(url, {"tahun": "2026", "semester": "2"})
    assert refused.status_code == 429 and refused["Retry-After"] == "600"
    assert client.get(url, {"tahun": "2026"}).status_code == 200  # served from the cache
