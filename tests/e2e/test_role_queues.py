"""Work queues of the Satu Data roles and of the PPID in a real browser: the hand-off mails the
receiver, the line appears in their queue (/ruang-kerja/), its link opens the page of the action,
and it leaves the queue once the action is done. axe-core on every queue.

* Walidata — a dataset submitted to them (gone once verified);
* Produsen Data — a dataset returned to them, with the reviewer's note (gone once resubmitted);
* Pembina Data — a verified Data Prioritas to approve (gone once approved);
* PPID — a request reopened by an upheld keberatan (gone once the order is carried out).

The PPID Pelaksana, atasan PPID, asesor, admin and tim koordinasi are in test_work_queues.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, databases=["default", "datastore"])]

NOTE = "Satuan kolom jumlah_penduduk belum diisi (data contoh)."


def _staff(email: str, organisation: Any, role: str) -> Any:
    from lontar.accounts.models import Membership, User

    user = User.objects.create_user(email=email, password="x-Uji-12345", full_name=email.split("@")[0])
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def satudata(province: dict, settings: Any, tmp_path: Path) -> dict:
    """Topics loaded; make(slug, title, by, **fields) creates a complete draft with a loaded CSV."""
    from django.core.cache import cache

    from lontar.catalog import services
    from lontar.catalog.models import Topic
    from lontar.catalog.reference import urusan_list
    from tests.catalog.conftest import COLUMNS, base_data, csv_upload

    cache.clear()
    for u in urusan_list():
        Topic.objects.update_or_create(code=u.code, defaults={"slug": u.slug, "name": u.name, "group": u.group})

    def make(slug: str, title: str, by: Any, **fields: Any) -> Any:
        org = province["province_opd"]
        dataset = services.dataset_create(actor=by, organisation=org, data=base_data(slug, title, **fields))
        resource = services.resource_add(
            actor=by, dataset=dataset, data={"name": "Tabel penduduk", "format": "CSV"}, upload=csv_upload()
        )
        services.columns_set(actor=by, resource=resource, columns=COLUMNS)
        dataset.refresh_from_db()
        return dataset

    return {"make": make, "orgs": province}


def _line(page: Page, title: str, action_path: str) -> None:
    """The queue shows the line; axe passes; its link opens the action page."""
    page.goto("/ruang-kerja/")
    expect(page.get_by_role("heading", name="Antrean kerja")).to_be_visible()
    link = page.get_by_role("link", name=title)
    expect(link).to_have_count(1)
    assert_accessible(page)
    link.click()
    page.wait_for_url(f"**{action_path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _gone(page: Page, title: str) -> None:
    page.goto("/ruang-kerja/")
    expect(page.get_by_role("link", name=title)).to_have_count(0)


def _mail_to(user: Any, title: str) -> Any:
    mine = [m for m in mail.outbox if m.to == [user.email]]
    assert mine, [m.to for m in mail.outbox]
    assert title in mine[-1].subject
    return mine[-1]


def test_walidata_queue(page: Page, e2e_login, satudata: dict) -> None:
    from lontar.accounts.models import Role
    from lontar.catalog import services

    orgs = satudata["orgs"]
    walidata = e2e_login(orgs["province_opd"], Role.WALIDATA)
    produsen = _staff("produsen.antrean@e2e.uji.go.id", orgs["province_opd"], Role.PRODUSEN_DATA)
    dataset = satudata["make"]("penduduk-antrean-walidata", "Penduduk antrean Walidata (data contoh)", produsen)
    mail.outbox.clear()
    dataset = services.dataset_submit(actor=produsen, dataset=dataset, note="Siap diperiksa.")
    assert "Diajukan ke Walidata" in _mail_to(walidata, dataset.title).subject
    title = f"{dataset.title} — {orgs['province_opd'].name}"
    _line(page, title, f"/kelola/data/{dataset.pk}/")
    dataset = services.dataset_review_start(actor=walidata, dataset=dataset, note="Mulai diperiksa.")
    page.goto("/ruang-kerja/")
    expect(page.get_by_role("link", name=title)).to_have_count(1)  # under review: still theirs
    services.dataset_verify(actor=walidata, dataset=dataset, note="Sesuai prinsip Satu Data.")
    _gone(page, title)


def test_produsen_queue_shows_the_reviewers_note(page: Page, e2e_login, satudata: dict) -> None:
    from lontar.accounts.models import Role
    from lontar.catalog import services

    orgs = satudata["orgs"]
    produsen = e2e_login(orgs["province_opd"], Role.PRODUSEN_DATA)
    walidata = _staff("walidata.antrean@e2e.uji.go.id", orgs["province_opd"], Role.WALIDATA)
    dataset = satudata["make"]("penduduk-antrean-produsen", "Penduduk antrean Produsen (data contoh)", produsen)
    dataset = services.dataset_submit(actor=produsen, dataset=dataset, note="Siap diperiksa.")
    dataset = services.dataset_review_start(actor=walidata, dataset=dataset, note="Mulai diperiksa.")
    mail.outbox.clear()
    dataset = services.dataset_return(actor=walidata, dataset=dataset, note=NOTE)
    message = _mail_to(produsen, dataset.title)
    assert "Dikembalikan untuk diperbaiki" in message.subject and NOTE in message.body
    title = f"{dataset.title} — {orgs['province_opd'].name}"
    page.goto("/ruang-kerja/")
    row = page.locator("tr", has=page.get_by_role("link", name=title))
    expect(row).to_contain_text("Catatan pemeriksa")
    expect(row).to_contain_text(NOTE)
    _line(page, title, f"/kelola/data/{dataset.pk}/")
    expect(page.get_by_text(NOTE).first).to_be_visible()  # the action page shows the note too
    services.dataset_submit(actor=produsen, dataset=dataset, note="Satuan sudah diisi.")
    _gone(page, title)


def test_pembina_queue(page: Page, e2e_login, satudata: dict) -> None:
    from lontar.accounts.models import Role
    from lontar.catalog import roles, services
    from lontar.catalog.models import ActivityMetadata, Topic
    from lontar.catalog.models.choices import DatasetState

    orgs = satudata["orgs"]
    pembina = e2e_login(orgs["province"], roles.PEMBINA)
    produsen = _staff("produsen.prioritas@e2e.uji.go.id", orgs["province_opd"], Role.PRODUSEN_DATA)
    walidata = _staff("walidata.prioritas@e2e.uji.go.id", orgs["province_opd"], Role.WALIDATA)
    activity = ActivityMetadata.objects.create(
        organisation=orgs["province_opd"],
        title="Registrasi penduduk (data contoh)",
        year=2024,
        collection_method="kompilasi_administrasi",
        sector=Topic.objects.get(slug="administrasi-kependudukan"),
        unit_name="Bidang Statistik",
        responsible_name="Kepala Bidang",
    )
    dataset = satudata["make"](
        "penduduk-prioritas-antrean", "Data Prioritas antrean (data contoh)", produsen, is_prioritas=True
    )
    dataset.activity = activity
    dataset.save(update_fields=["activity"])
    dataset = services.dataset_submit(actor=produsen, dataset=dataset, note="Siap.")
    dataset = services.dataset_review_start(actor=walidata, dataset=dataset, note="Periksa.")
    mail.outbox.clear()
    dataset = services.dataset_verify(actor=walidata, dataset=dataset, note="Sesuai.")
    assert "Diverifikasi Walidata" in _mail_to(pembina, dataset.title).subject
    title = f"{dataset.title} — {orgs['province_opd'].name}"
    _line(page, title, f"/kelola/data/{dataset.pk}/")
    dataset = services.dataset_approve(actor=pembina, dataset=dataset, note="Disetujui.")
    assert dataset.state == DatasetState.PUBLISHED
    _gone(page, title)


def test_ppid_queue_of_an_upheld_keberatan(
    page: Page, e2e_login, province: dict, settings: Any, tmp_path: Path
) -> None:
    from django.core.cache import cache

    from lontar.accounts.models import Role
    from lontar.ppid import services
    from lontar.ppid.choices import BodyKind, Decision, ObjectionDecision
    from lontar.ppid.models import PublicBody
    from lontar.ppid.services import AnswerData, NoticeData
    from tests.ppid.conftest import checked_pdf, request_data

    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    cache.clear()
    body = PublicBody.objects.create(organisation=province["province"], kind=BodyKind.UTAMA, code="ntt")
    ppid = e2e_login(province["province"], Role.PPID)
    atasan = _staff("atasan.antrean@e2e.uji.go.id", province["province"], Role.ATASAN_PPID)
    req, token = services.information_request_submit(body=body, data=request_data(), identity_document=checked_pdf())
    notice = NoticeData(decision=Decision.NOT_HELD, holder="Badan Pusat Statistik", explanation="Tidak dikuasai.")
    services.information_request_issue_notice(actor=ppid, request=req, data=notice)
    objection = services.objection_file(
        request=req, grounds=["d"], explanation="Jawaban tidak sesuai dengan yang diminta.", token=token
    )
    mail.outbox.clear()
    services.objection_answer(
        actor=atasan,
        objection=objection,
        data=AnswerData(
            decision=ObjectionDecision.UPHELD, answer="PPID wajib memberikan informasi.", atasan_name="Sekda"
        ),
    )
    message = _mail_to(ppid, objection.number)
    assert "Contoh Pemohon Satu" not in message.body and "pemohon@contoh.id" not in message.body
    title = f"{req.number} — {province['province'].name}"
    page.goto("/ruang-kerja/")
    row = page.locator("tr", has=page.get_by_role("link", name=title))
    expect(row).to_contain_text("keberatan")
    _line(page, title, f"/ppid/kelola/permohonan/{req.pk}/#putusan-keberatan")
    req.refresh_from_db()
    services.information_request_carry_out_order(actor=ppid, request=req, note="Salinan diberikan.")
    _gone(page, title)
