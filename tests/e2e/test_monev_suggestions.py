"""Monev KIP answers suggested from the PPID demo data in a real browser (issue 14 §2): the PPID
sample records are written by ``manage.py ppid_demo`` (the demo's own code path) for the bodies
of the test province; the team of Kabupaten Kupang opens its Monev self-assessment, sees on the
area page the suggested answer, the figure and the evidence links (each opens), accepts one
suggestion and keeps its own, different answer on another; the page shows both decisions and the
database keeps both beside the answers. axe-core on the area page: no violation at all."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AREA = "pelayanan"
#: where people look at the area page after the run (besides test-artifacts/)
SHOT_COPY = Path("/tmp/lontar-monev/area.png")


@pytest.fixture
def monev_draft(transactional_db, province):
    """A Monev KIP cycle (data contoh) over the PPID sample bodies; the kabupaten's submission, in draft."""
    from django.core.management import call_command
    from django.utils import timezone

    from lontar.evaluations.choices import SubjectKind
    from lontar.evaluations.models import QuestionnaireSubmission
    from lontar.evaluations.services import questionnaires as svc
    from lontar.evaluations.subjects import subjects
    from tests.evaluations.questionnaire_helpers import load

    call_command("ppid_demo", province=24, per_kabkota=24, notice_pdfs=0, stdout=io.StringIO())
    bodies = subjects(SubjectKind.BODY)
    assert {s.organisation for s in bodies} >= {province["kabupaten"], province["kota"]}
    # the last full year: the sample requests cover the 730 days up to today
    year = timezone.localdate().year - 1
    cycle = svc.questionnaire_cycle_open(
        actor=None, framework=load("monev-kip"), year=year, name=f"Monev KIP {year} (data contoh)",
        subjects=bodies, is_sample=True,
    )  # fmt: skip
    return QuestionnaireSubmission.objects.get(cycle=cycle, organisation=province["kabupaten"])


def _with_option(rows: dict[str, Any], question_ids: list[str]) -> list[str]:
    return [qid for qid in question_ids if qid in rows and rows[qid].live and rows[qid].live.option]


def test_monev_suggestions_from_ppid_demo_data(page: Page, e2e_login: Any, province: dict, monev_draft: Any):
    from lontar.assessments.selectors import framework_questionnaire
    from lontar.evaluations.models import QuestionnaireAnswer, SuggestedAnswer
    from lontar.evaluations.selectors.answer_suggestions import suggestion_rows

    sub = monev_draft
    q = framework_questionnaire(sub.cycle.framework)
    rows = suggestion_rows(sub, q)
    in_area = [question.id for question in q.area_questions[AREA]]
    sourced = _with_option(rows, in_area)
    assert len(sourced) >= 2, f"the PPID demo data suggest too few answers in {AREA}: {sorted(rows)}"
    accepted_id, overridden_id = sourced[0], sourced[1]
    suggested = {qid: rows[qid].live.option for qid in sourced}
    options = {o.code for o in q.allowed(q.by_id[overridden_id]) if not o.not_applicable}
    own = sorted(options - {suggested[overridden_id]})[0]

    e2e_login(province["kabupaten"], "tim_koordinasi")
    area_url = f"/evaluasi/kuesioner/{sub.pk}/area/{AREA}/"
    page.goto(area_url)
    for qid in sourced:
        card = page.locator(f'[id="saran-{qid}"]')
        expect(card).to_contain_text("Disarankan dari catatan Lontar")
        expect(card).to_contain_text("data contoh")
        expect(card.locator(".suggested-option")).to_have_text(rows[qid].option_label)
        expect(card.locator(".suggestion-figure")).to_contain_text(rows[qid].live.figure)
    evidence = [
        link.get_attribute("href") or "" for qid in sourced for link in page.locator(f'[id="saran-{qid}"] a').all()
    ]
    assert evidence and all(href.startswith("/ppid/") for href in evidence), evidence
    violations = assert_accessible(page)
    assert violations == [], [v["id"] for v in violations]
    shot = screenshot(page, "monev-suggestions-area")
    if SHOT_COPY.parent.is_dir():
        shutil.copyfile(shot, SHOT_COPY)

    # every evidence link opens (the team member's browser, signed in)
    for href in sorted(set(evidence)):
        response = page.goto(href)
        assert response is not None and response.status == 200, href
    page.goto(area_url)

    # accept one suggestion; on another, choose a different answer and keep it
    page.locator(f'[name="explanation-{accepted_id}"]').fill("Sesuai register PPID.")
    page.get_by_role("button", name=f"Terima saran untuk pertanyaan {accepted_id}").click()
    expect(page.locator(".messages")).to_contain_text(f"Pertanyaan {accepted_id}")
    page.locator(f'input[name="option-{overridden_id}"][value="{own}"]').check()
    page.get_by_role("button", name=f"Pakai jawaban saya sendiri untuk pertanyaan {overridden_id}").click()
    expect(page.locator(".messages")).to_contain_text(f"Pertanyaan {overridden_id}")

    expect(page.locator(f'[id="saran-{accepted_id}"] .suggestion-decision')).to_contain_text("Saran diterima")
    expect(page.locator(f'[id="saran-{overridden_id}"] .suggestion-decision')).to_contain_text("Saran tidak dipakai")
    expect(page.locator(f'input[name="option-{accepted_id}"][value="{suggested[accepted_id]}"]')).to_be_checked()
    expect(page.locator(f'input[name="option-{overridden_id}"][value="{own}"]')).to_be_checked()
    violations = assert_accessible(page)
    assert violations == [], [v["id"] for v in violations]
    screenshot(page, "monev-suggestions-decided")

    kept = {s.answer.question: s for s in SuggestedAnswer.objects.filter(answer__submission=sub)}
    assert set(kept) == {accepted_id, overridden_id}
    assert (kept[accepted_id].accepted, kept[accepted_id].chosen_option) == (True, suggested[accepted_id])
    assert (kept[overridden_id].accepted, kept[overridden_id].chosen_option) == (False, own)
    assert kept[overridden_id].suggested_option == suggested[overridden_id]
    assert kept[accepted_id].source.startswith("ppid.") and kept[accepted_id].evidence
    answers = {a.question: a for a in QuestionnaireAnswer.objects.filter(submission=sub)}
    assert answers[accepted_id].option == suggested[accepted_id]
    assert answers[accepted_id].explanation == "Sesuai register PPID."
    assert answers[overridden_id].option == own
