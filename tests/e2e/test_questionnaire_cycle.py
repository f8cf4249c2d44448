"""A Monev KIP cycle in a real browser, each person in their own context: the province admin opens
the cycle pages; the badan publik's team answers every indicator area with the plain forms and
submits (confirmation page); the province asesor verifies, rejecting one "Ya" and entering the
presentation score; the admin finalises (confirmation page); the result shows the predikat and the
fewest answers to the next one; the report PDF is issued. axe-core runs on every page of the flow.
(Suggested answers from PPID records have their own browser test.)"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible
from tests.e2e.test_evaluation_cycle import person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def monev_cycle(transactional_db, province):
    from tests.evaluations.questionnaire_helpers import monev_cycle as make

    return make(province)


def test_monev_cycle_in_the_browser(browser, live_server: Any, province, monev_cycle):
    from lontar.assessments.selectors import framework_questionnaire
    from lontar.evaluations.models import QuestionnaireSubmission

    sub = QuestionnaireSubmission.objects.get(cycle=monev_cycle, organisation=province["kabupaten"])
    q = framework_questionnaire(monev_cycle.framework)
    admin = person(browser, live_server, province["province"], "admin", "admin.e2e@uji.go.id")
    team = person(browser, live_server, province["kabupaten"], "tim_koordinasi", "tim.e2e@uji.go.id")
    asesor = person(browser, live_server, province["province"], "asesor", "asesor.e2e@uji.go.id")

    admin.goto("/evaluasi/kuesioner/")
    assert_accessible(admin)
    admin.get_by_role("link", name="Buka siklus").click()
    expect(admin.locator("h1")).to_have_text("Buka siklus kuesioner")
    assert_accessible(admin)
    admin.goto(f"/evaluasi/kuesioner/siklus/{monev_cycle.pk}/")
    assert_accessible(admin)

    team.goto(f"/evaluasi/kuesioner/{sub.pk}/")
    assert_accessible(team)
    for area in q.areas:
        team.goto(f"/evaluasi/kuesioner/{sub.pk}/area/{area.code}/")
        for question in q.area_questions[area.code]:
            team.locator(f'input[name="option-{question.id}"][value="ya"]').check()
        first = q.area_questions[area.code][0].id
        team.locator(f'[name="explanation-{first}"]').fill("Diumumkan di laman PPID.")
        team.locator(f'[name="links-{first}"]').fill("https://ppid.kupangkab.go.id/dip")
        assert_accessible(team)
        team.get_by_role("button", name="Simpan jawaban").click()
        expect(team.locator(".messages")).to_contain_text("jawaban disimpan")
    team.goto(f"/evaluasi/kuesioner/{sub.pk}/")
    expect(team.locator("progress")).to_have_attribute("value", str(len(q.questions)))
    team.get_by_role("button", name="Kirim penilaian mandiri").click()
    expect(team.get_by_role("button", name="Ya, kirim penilaian mandiri")).to_be_visible()
    assert_accessible(team)
    team.get_by_role("button", name="Ya, kirim penilaian mandiri").click()
    expect(team.locator(".messages")).to_contain_text("sudah dikirim dan dikunci")

    asesor.goto(f"/evaluasi/kuesioner/{sub.pk}/")
    asesor.get_by_role("link", name="Verifikasi jawaban").click()
    assert_accessible(asesor)
    asesor.get_by_label("Jawaban 1.1 diterima").uncheck()
    asesor.get_by_label("Nilai presentasi (0–100)").fill("80")
    asesor.get_by_role("button", name="Simpan dan selesaikan verifikasi").click()
    expect(asesor.locator(".messages")).to_contain_text("Verifikasi sudah disimpan")
    assert_accessible(asesor)

    admin.goto(f"/evaluasi/kuesioner/{sub.pk}/")
    admin.get_by_role("button", name="Finalkan hasil").click()
    assert_accessible(admin)
    admin.locator("form button[type=submit]").last.click()
    expect(admin.locator(".messages")).to_contain_text("Hasilnya sudah final")
    admin.get_by_role("link", name="Hasil").click()
    sub.refresh_from_db()
    expect(admin.locator("main")).to_contain_text(sub.final_status)
    expect(admin.locator("main")).to_contain_text("Kesenjangan menuju predikat berikutnya")
    assert_accessible(admin)
    with admin.expect_download() as download:
        admin.get_by_role("button", name="Terbitkan laporan (PDF)").click()
    assert download.value.suggested_filename.startswith("LHK-")
    admin.goto(f"/evaluasi/kuesioner/dasbor/{monev_cycle.pk}/")
    assert_accessible(admin)
