"""Work queues in a real browser: a hand-off mails the receiver, the item appears in their queue
(/ruang-kerja/), its link opens the page of the action, and it leaves the queue once done.
axe-core on the queue and on the notification settings page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ppid_case(province: dict, settings: Any, tmp_path: Path) -> dict:
    from django.core.cache import cache

    from lontar.accounts.models import Membership, Role, User
    from lontar.ppid.choices import BodyKind
    from lontar.ppid.models import PublicBody
    from lontar.ppid.services import information_request_submit
    from tests.ppid.conftest import checked_pdf, request_data

    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    cache.clear()
    utama = PublicBody.objects.create(organisation=province["province"], kind=BodyKind.UTAMA, code="ntt")
    pelaksana = PublicBody.objects.create(
        organisation=province["province_opd"], kind=BodyKind.PELAKSANA, code="ntt-kominfo", parent=utama
    )
    ppid = User.objects.create_user(email="ppid.antrean@e2e.uji.go.id", password="x-Uji-12345", full_name="PPID Uji")
    Membership.objects.create(user=ppid, organisation=province["province"], role=Role.PPID)
    req, token = information_request_submit(body=utama, data=request_data(), identity_document=checked_pdf())
    return {"req": req, "token": token, "ppid": ppid, "pelaksana": pelaksana, "orgs": province}


def _hand_off(role: str, case: dict) -> tuple[str, str, Any]:
    """Do the hand-off to ``role``; returns (the text of the queue line, the action's URL part, done())."""
    from lontar.ppid import services
    from lontar.ppid.choices import Decision, ObjectionDecision
    from lontar.ppid.services import AnswerData, NoticeData

    req, ppid = case["req"], case["ppid"]
    notice = NoticeData(decision=Decision.NOT_HELD, holder="Badan Pusat Statistik", explanation="Tidak dikuasai.")
    if role == "ppid_pelaksana":
        services.information_request_assign(actor=ppid, request=req, to=case["pelaksana"])
        return (
            req.number,
            f"/ppid/kelola/permohonan/{req.pk}/",
            lambda user: services.information_request_issue_notice(actor=ppid, request=req, data=notice),
        )
    services.information_request_issue_notice(actor=ppid, request=req, data=notice)
    objection = services.objection_file(
        request=req, grounds=["d"], explanation="Jawaban tidak sesuai dengan yang diminta.", token=case["token"]
    )
    answer = AnswerData(decision=ObjectionDecision.REJECTED, answer="Jawaban PPID sudah sesuai.", atasan_name="Sekda")
    return (
        objection.number,
        f"/ppid/kelola/permohonan/{req.pk}/",
        lambda user: services.objection_answer(actor=user, objection=objection, data=answer),
    )


@pytest.mark.parametrize("role", ["ppid_pelaksana", "atasan_ppid"])
def test_queue_of_each_role(role: str, page: Page, e2e_login, ppid_case: dict) -> None:
    from lontar.accounts.models import Role

    org = ppid_case["pelaksana"].organisation if role == "ppid_pelaksana" else ppid_case["orgs"]["province"]
    user = e2e_login(org, Role.PPID_PELAKSANA if role == "ppid_pelaksana" else Role.ATASAN_PPID)
    mail.outbox.clear()
    title, action_url, done = _hand_off(role, ppid_case)
    mine = [m for m in mail.outbox if m.to == [user.email]]
    assert mine and title in mine[0].subject and "Contoh Pemohon Satu" not in mine[0].body

    page.goto("/ruang-kerja/")
    expect(page.get_by_role("heading", name="Antrean kerja")).to_be_visible()
    line = page.get_by_role("link", name=title)
    expect(line.first).to_be_visible()
    assert_accessible(page)
    line.first.click()
    page.wait_for_url(f"**{action_url}**")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    done(user)
    page.goto("/ruang-kerja/")
    expect(page.get_by_role("link", name=title)).to_have_count(0)


def test_notification_settings_page(page: Page, e2e_login, province: dict) -> None:
    from lontar.accounts.models import Role
    from lontar.notifications.services import delivery_of

    user = e2e_login(province["province"], Role.WALIDATA)
    page.goto("/ruang-kerja/notifikasi/")
    assert_accessible(page)
    page.get_by_label("Satu ringkasan harian").check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Pengaturan notifikasi Anda tersimpan.")).to_be_visible()
    assert delivery_of(user) == "digest"


@pytest.fixture
def evaluation_case(province: dict, transactional_db: None) -> dict:
    import json

    from lontar.accounts.models import Membership, Role, User
    from lontar.evaluations import services
    from tests.evaluations.conftest import DATA, LEVELS, answer_all, load_definition

    framework = load_definition(json.loads((DATA / "mini.json").read_text(encoding="utf-8")))
    cycle = services.cycle_open(
        actor=None, framework=framework, year=2024, name="Evaluasi antrean 2024", participants=[province["kabupaten"]]
    )
    submission = cycle.submissions.get(organisation=province["kabupaten"])
    team = User.objects.create_user(email="tim.antrean@e2e.uji.go.id", password="x-Uji-12345", full_name="Tim Uji")
    Membership.objects.create(user=team, organisation=province["kabupaten"], role=Role.TIM_KOORDINASI)
    answer_all(submission, team, LEVELS)
    return {"submission": submission, "team": team, "orgs": province}


@pytest.mark.parametrize("role", ["asesor", "admin", "tim_koordinasi"])
def test_evaluation_queue_of_each_role(role: str, page: Page, e2e_login, evaluation_case: dict) -> None:
    from lontar.accounts.models import Role, User
    from lontar.evaluations import services

    submission = evaluation_case["submission"]
    if role == "tim_koordinasi":
        user = e2e_login(evaluation_case["orgs"]["kabupaten"], Role.TIM_KOORDINASI)
    else:
        user = e2e_login(evaluation_case["orgs"]["province"], Role.ASESOR if role == "asesor" else Role.ADMIN)
    mail.outbox.clear()
    if role == "tim_koordinasi":
        action_url = f"/evaluasi/penilaian/{submission.pk}/"  # the draft waits for the team: no hand-off mail
    elif role == "asesor":
        services.submission_submit(actor=evaluation_case["team"], submission=submission)
        mail.outbox.clear()
        services.assignment_create(actor=None, submission=submission, asesor=user)
        action_url = f"/evaluasi/penilaian/{submission.pk}/"
    else:
        services.submission_submit(actor=evaluation_case["team"], submission=submission)
        action_url = f"/evaluasi/siklus/{submission.cycle_id}/"
    mine = [m for m in mail.outbox if m.to == [user.email]]
    assert role == "tim_koordinasi" or (mine and submission.organisation.name in mine[0].subject)
    title = f"{submission.cycle.name} — {submission.organisation.name}"

    page.goto("/ruang-kerja/")
    line = page.get_by_role("link", name=title)
    expect(line.first).to_be_visible()
    assert_accessible(page)
    line.first.click()
    page.wait_for_url(f"**{action_url}**")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    if role == "tim_koordinasi":
        services.submission_submit(actor=user, submission=submission)
        page.goto("/ruang-kerja/")
        expect(page.get_by_role("link", name=title)).to_have_count(0)
    elif role == "asesor":
        services.stage_start(actor=user, submission=submission, stage="dokumen")
        services.review_accept_remaining(actor=user, submission=submission)
        # still assigned: the line stays with its new stage until the result is final
        page.goto("/ruang-kerja/")
        expect(page.get_by_text("Penilaian dokumen").first).to_be_visible()
    else:
        other = User.objects.create_user(email="asesor.lain@e2e.uji.go.id", password="x-Uji-12345", full_name="Asesor")
        from lontar.accounts.models import Membership

        Membership.objects.create(user=other, organisation=evaluation_case["orgs"]["province"], role=Role.ASESOR)
        services.assignment_create(actor=None, submission=submission, asesor=other)
        page.goto("/ruang-kerja/")
        expect(page.get_by_role("link", name=title)).to_have_count(0)
