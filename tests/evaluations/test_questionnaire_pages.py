"""Questionnaire pages: forms without JavaScript, confirmation steps, results, dashboard, report PDF."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from lontar.assessments.selectors import framework_questionnaire
from lontar.evaluations.choices import QuestionnaireState
from lontar.evaluations.demo.questionnaires import kami_answers, kse_answers, monev_answers
from lontar.evaluations.models import QuestionnaireReport, QuestionnaireSubmission
from lontar.evaluations.services import questionnaires as svc
from lontar.organisations.services import organisation_set_signatory
from tests.evaluations.questionnaire_helpers import answers_payload, kami_cycle, load, monev_cycle

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def _final_monev(province, people, saq=65, presentation="70"):
    cycle = monev_cycle(province)
    sub = QuestionnaireSubmission.objects.get(cycle=cycle, organisation=province["kabupaten"])
    q = framework_questionnaire(cycle.framework)
    svc.questionnaire_answers_save(actor=None, submission=sub, answers=answers_payload(monev_answers(q, saq)))
    svc.questionnaire_submit(actor=None, submission=sub)
    decisions = {r.question: (True, "") for r in sub.answers.all()}
    svc.questionnaire_verify_save(actor=None, submission=sub, decisions=decisions, presentation=presentation, done=True)
    return svc.questionnaire_finalise(actor=None, submission=sub)[0]


def test_area_form_saves_without_javascript_and_refuses_bad_options(province, people):
    cycle = monev_cycle(province)
    sub = QuestionnaireSubmission.objects.get(cycle=cycle, organisation=province["kabupaten"])
    url = reverse("evaluations:q_area", args=[sub.pk, "jenis-informasi"])
    page = people["team"].get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="radio" name="option-1.1" value="ya"' in html and "Tidak Berlaku" in html
    bad = people["team"].post(url, {"option-1.1": "ya", "option-1.2": "mungkin", "explanation-1.1": "ketik"})
    assert bad.status_code == 422
    assert "bukan salah satu pilihan pertanyaan 1.2" in bad.content.decode()
    assert "ketik" in bad.content.decode()  # what was typed stays in the form
    assert not sub.answers.exclude(option="").exists()
    ok = people["team"].post(url, {"option-1.1": "ya", "links-1.1": "https://ppid.example.go.id/dip"})
    assert ok.status_code == 302
    assert sub.answers.get(question="1.1").link_list() == ["https://ppid.example.go.id/dip"]
    assert people["other_team"].get(url).status_code == 404
    assert people["other_team"].post(url, {"option-1.1": "tidak"}).status_code == 404


def test_submit_and_finalise_ask_for_confirmation_first(province, people):
    cycle = monev_cycle(province)
    sub = QuestionnaireSubmission.objects.get(cycle=cycle, organisation=province["kabupaten"])
    q = framework_questionnaire(cycle.framework)
    svc.questionnaire_answers_save(
        actor=people["team_user"], submission=sub, answers=answers_payload(monev_answers(q, 80))
    )
    url = reverse("evaluations:q_submit", args=[sub.pk])
    summary = people["team"].post(url)
    assert summary.status_code == 200 and "Ya, kirim penilaian mandiri" in summary.content.decode()
    sub.refresh_from_db()
    assert sub.state == QuestionnaireState.DRAFT
    people["team"].post(url, {"confirmed": "1"})
    sub.refresh_from_db()
    assert sub.state == QuestionnaireState.SUBMITTED
    verify = reverse("evaluations:q_verify", args=[sub.pk])
    assert people["team"].get(verify).status_code == 404
    page = people["asesor"].get(verify)
    assert page.status_code == 200 and 'name="presentation"' in page.content.decode()
    data = {f"accept-{r.question}": "1" for r in sub.answers.all()}
    refused = people["asesor"].post(verify, {**data, "presentation": "abc", "done": "1"})
    assert refused.status_code == 422 and "0 sampai 100" in refused.content.decode()
    people["asesor"].post(verify, {**data, "presentation": "75", "done": "1"})
    sub.refresh_from_db()
    assert sub.state == QuestionnaireState.VERIFIED
    final = reverse("evaluations:q_finalise", args=[sub.pk])
    assert people["manager"].post(final).status_code == 200  # the summary page; nothing changes
    sub.refresh_from_db()
    assert sub.state == QuestionnaireState.VERIFIED
    people["manager"].post(final, {"confirmed": "1"})
    sub.refresh_from_db()
    assert sub.state == QuestionnaireState.FINAL


def test_monev_result_report_pdf_and_verification(province, people):
    organisation_set_signatory(
        organisation_id=province["province"].pk,
        name="Yohanes Bria, S.Kom.",
        nip="198001012005011001",
        position="Kepala Dinas Kominfo Provinsi NTT",
    )
    sub = _final_monev(province, people)
    result = people["team"].get(reverse("evaluations:q_result", args=[sub.pk]))
    html = result.content.decode()
    assert result.status_code == 200
    assert "Cukup Informatif" in html and "Menuju Informatif" in html  # predikat and the next one
    issue = people["team"].post(reverse("evaluations:q_report_issue", args=[sub.pk]))
    assert issue.status_code == 302
    report = QuestionnaireReport.objects.get(submission=sub)
    pdf = people["team"].get(reverse("evaluations:q_report_download", args=[sub.pk]))
    content = b"".join(pdf.streaming_content) if hasattr(pdf, "streaming_content") else pdf.content
    text = _text(content)
    assert "Laporan Hasil Monev Keterbukaan Informasi Publik" in text
    assert report.number in text and "Cukup Informatif" in text
    assert "Yohanes Bria" in text and "198001012005011001" in text
    verify = people["viewer"].get(reverse("evaluations:q_report_verify", args=[report.number]))
    assert verify.status_code == 200 and report.sha256 in verify.content.decode()
    # not public before the cycle is published
    assert Client().get(reverse("evaluations:q_result", args=[sub.pk])).status_code == 404


def test_kami_result_radar_maturity_gaps_and_pdf(province, people):
    cycle = kami_cycle(province)
    sub = QuestionnaireSubmission.objects.get(cycle=cycle, subject_name="SIMPEG Kabupaten")
    q = framework_questionnaire(cycle.framework)
    kse = kse_answers(q, 25)
    svc.questionnaire_answers_save(
        actor=None, submission=sub, answers=answers_payload(kami_answers(q, kse, "Cukup Baik")), category_answers=kse
    )
    page = people["team"].get(reverse("evaluations:q_result", args=[sub.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "Ambang batas kategori Tinggi" in html and "Tingkat kematangan" in html
    assert "Kesenjangan tahap 1" in html and "Cukup Baik" in html
    category = people["team"].get(reverse("evaluations:q_category", args=[sub.pk]))
    assert category.status_code == 200 and 'name="option-1.1"' in category.content.decode()
    svc.questionnaire_submit(actor=None, submission=sub)
    decisions = {r.question: (True, "") for r in sub.answers.all()}
    svc.questionnaire_verify_save(actor=None, submission=sub, decisions=decisions, done=True)
    sub, _ = svc.questionnaire_finalise(actor=None, submission=sub)
    report, _ = svc.questionnaire_report_issue(actor=None, submission=sub)
    text = _text(report.pdf.read())
    assert "Laporan Hasil Indeks KAMI" in text and "Cukup Baik" in text and "Tinggi" in text


def test_dashboard_counts_one_framework_and_is_public_once_final(province, people):
    sub = _final_monev(province, people)
    kami_cycle(province)  # another framework's cycle never appears in this dashboard
    url = reverse("evaluations:q_dashboard", args=[sub.cycle_id])
    assert Client().get(url).status_code == 404
    preview = people["manager"].get(url)
    assert preview.status_code == 200 and "pratinjau" in preview.content.decode()
    for other in QuestionnaireSubmission.objects.filter(cycle=sub.cycle).exclude(pk=sub.pk):
        q = framework_questionnaire(sub.cycle.framework)
        svc.questionnaire_answers_save(actor=None, submission=other, answers=answers_payload(monev_answers(q, 95)))
        svc.questionnaire_submit(actor=None, submission=other)
        decisions = {r.question: (True, "") for r in other.answers.all()}
        svc.questionnaire_verify_save(actor=None, submission=other, decisions=decisions, presentation="95", done=True)
        svc.questionnaire_finalise(actor=None, submission=other)
    svc.questionnaire_cycle_finalise(actor=None, cycle=sub.cycle)
    public = Client().get(url)
    html = public.content.decode()
    assert public.status_code == 200
    assert "Informatif" in html and "Cukup Informatif" in html and "SIMPEG" not in html
    assert Client().get(reverse("evaluations:q_cycle_list")).status_code == 200


def test_open_cycle_page_for_managers_only(province, people):
    load("monev-kip")
    url = reverse("evaluations:q_cycle_open")
    assert people["team"].get(url).status_code == 404
    page = people["manager"].get(url)
    assert page.status_code == 200
    framework = page.context["form"].fields["framework"].queryset.get(code="monev-kip")
    refused = people["manager"].post(url, {"framework": framework.pk, "year": 2026, "name": "Monev 2026"})
    assert refused.status_code == 422 and "Pilih sedikitnya satu" in refused.content.decode()
    named = people["manager"].post(
        url, {"framework": framework.pk, "year": 2026, "name": "Monev 2026", "named_systems": "Portal"}
    )
    assert named.status_code == 422


def test_spbe_pages_never_show_a_questionnaire_cycle(province, people):
    from lontar.evaluations.selectors.submissions import cycles_for, cycles_public

    cycle = monev_cycle(province)
    assert cycle not in cycles_for(people["manager_user"]) and cycle not in cycles_public()
    assert people["manager"].get(reverse("evaluations:cycle_detail", args=[cycle.pk])).status_code == 404
    assert people["manager"].get(reverse("evaluations:q_cycle", args=[cycle.pk])).status_code == 200
