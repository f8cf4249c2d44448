"""PPID in a real browser: a citizen files a request, the PPID assigns it, the PPID Pelaksana issues
a notice with a file, the citizen reads it on the tracking page and files a keberatan, the atasan
PPID answers. axe-core on every page on the way."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.helpers import E2E_PASSWORD, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def ppid_bodies(province: dict, settings: Any, tmp_path: Path) -> dict:
    from django.core.cache import cache

    from lontar.ppid.choices import BodyKind
    from lontar.ppid.models import PublicBody

    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    cache.clear()
    utama = PublicBody.objects.create(organisation=province["province"], kind=BodyKind.UTAMA, code="ntt")
    pelaksana = PublicBody.objects.create(
        organisation=province["province_opd"], kind=BodyKind.PELAKSANA, code="ntt-kominfo", parent=utama
    )
    return {"utama": utama, "pelaksana": pelaksana, "orgs": province}


def _staff(browser: Browser, live_server: Any, organisation: Any, role: str) -> tuple[BrowserContext, Page]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lontar.accounts.models import Membership, User

    email = f"{role}.{organisation.slug}@e2e.uji.go.id"
    user = User.objects.create_user(email=email, password=E2E_PASSWORD, full_name=f"Petugas {role}")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    device = TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, email, device=device)
    return context, page


def _file_request(page: Page, tmp_path: Path, *, axe: bool = True) -> tuple[str, str]:
    """File the request on the public form; axe needs JavaScript, so it is skipped without it."""
    page.goto("/ppid/permohonan/baru/")
    if axe:
        assert_accessible(page)
    page.get_by_label("Badan publik yang dituju").select_option(label="Pemerintah Provinsi NTT (uji)")
    page.get_by_label("Nama lengkap").fill("Warga Contoh E2E")
    page.get_by_label("NIK (atau nomor SK badan hukum)").fill("5301011501900001")
    page.locator("textarea[name=address]").fill("Jl. Contoh No. 9, Kupang")
    page.locator("input[name=email]").fill("warga@contoh.id")
    page.locator("textarea[name=information_requested]").fill("Dokumen pelaksanaan anggaran Diskominfo 2025")
    page.locator("textarea[name=purpose]").fill("Penelitian")
    page.get_by_label("Mendapatkan salinan informasi: softcopy").check()
    page.locator("input[name=copy_method][value=email]").check()
    ktp = tmp_path / "ktp.pdf"
    ktp.write_bytes(PDF)
    page.locator("input[name=identity_document]").set_input_files(str(ktp))
    page.get_by_label("Saya telah membaca pemberitahuan privasi di atas.").check()
    page.get_by_role("button", name="Kirim permohonan informasi").click()
    expect(page.locator("h1")).to_contain_text("Permohonan")
    if axe:
        assert_accessible(page)
        screenshot(page, "ppid-filed")
    number = page.locator(".alert-success dd strong").first.inner_text()
    token = page.locator(".alert-success code").first.inner_text()
    assert re.fullmatch(r"PPID-5300-\d{4}-000001", number)
    return number, token


def _track(page: Page, number: str, token: str, *, axe: bool = True) -> None:
    page.goto("/ppid/lacak/")
    if axe:
        assert_accessible(page)
    page.get_by_label("Nomor pendaftaran").fill(number)
    page.get_by_label("Token pelacakan").fill(token)
    page.get_by_role("button", name="Tampilkan permohonan saya").click()
    expect(page.locator("h1")).to_contain_text(number)


def test_request_notice_keberatan_flow(browser: Browser, live_server: Any, ppid_bodies: dict, tmp_path: Path) -> None:
    from lontar.ppid.models import InformationRequest

    citizen_ctx = browser.new_context(base_url=live_server.url, locale="id-ID")
    citizen = citizen_ctx.new_page()
    contexts = [citizen_ctx]
    try:
        for url in ("/ppid/", f"/ppid/badan/{ppid_bodies['utama'].slug}/", "/ppid/statistik/"):
            citizen.goto(url)
            assert_accessible(citizen)
        number, token = _file_request(citizen, tmp_path)
        req = InformationRequest.objects.get(number=number)

        ppid_ctx, ppid = _staff(browser, live_server, ppid_bodies["orgs"]["province"], "ppid")
        contexts.append(ppid_ctx)
        ppid.goto("/ppid/kelola/")
        expect(ppid.locator("table")).to_contain_text(number)
        assert_accessible(ppid)
        ppid.get_by_role("link", name=number).click()
        assert_accessible(ppid)
        ppid.get_by_label("PPID Pelaksana").select_option(label=ppid_bodies["orgs"]["province_opd"].name)
        ppid.get_by_role("button", name="Disposisikan", exact=True).click()
        expect(ppid.locator(".messages")).to_contain_text("didisposisikan")

        pel_ctx, pelaksana = _staff(browser, live_server, ppid_bodies["orgs"]["province_opd"], "ppid_pelaksana")
        contexts.append(pel_ctx)
        pelaksana.goto(f"/ppid/kelola/permohonan/{req.pk}/")
        pelaksana.get_by_role("link", name="Terbitkan pemberitahuan tertulis").click()
        assert_accessible(pelaksana)
        pelaksana.get_by_label("Diterima seluruhnya").check()
        pelaksana.get_by_label("Informasi yang diberikan").fill("DPA Diskominfo 2025 (PDF)")
        pelaksana.get_by_label("Cara dan format penyampaian").fill("Softcopy lewat e-mail")
        dpa = tmp_path / "dpa.pdf"
        dpa.write_bytes(PDF)
        pelaksana.locator("input[name=file_0]").set_input_files(str(dpa))
        pelaksana.get_by_role("button", name="Terbitkan pemberitahuan").click()
        expect(pelaksana.locator(".messages")).to_contain_text("Pemberitahuan tertulis telah diterbitkan")
        assert_accessible(pelaksana)

        _track(citizen, number, token)
        expect(citizen.locator("main")).to_contain_text("DPA Diskominfo 2025 (PDF)")
        expect(citizen.get_by_role("link", name="dpa.pdf")).to_be_visible()
        assert_accessible(citizen)
        citizen.get_by_text("Ajukan keberatan kepada atasan PPID").click()
        citizen.locator("input[name=grounds][value=d]").check()
        citizen.get_by_label("Alasan dan kasus posisi").fill("Dokumen yang diberikan bukan DPA yang saya minta.")
        citizen.get_by_role("button", name="Ajukan keberatan").click()
        expect(citizen.locator("main")).to_contain_text("Keberatan Anda telah diajukan")
        assert_accessible(citizen)
        screenshot(citizen, "ppid-keberatan-filed")

        atasan_ctx, atasan = _staff(browser, live_server, ppid_bodies["orgs"]["province"], "atasan_ppid")
        contexts.append(atasan_ctx)
        atasan.goto(f"/ppid/kelola/permohonan/{req.pk}/")
        assert_accessible(atasan)
        atasan.get_by_label("Keberatan diterima", exact=True).check()
        atasan.get_by_label("Jawaban").fill("PPID Pelaksana diperintahkan menyerahkan DPA yang benar.")
        atasan.get_by_label("Atasan PPID (nama dan jabatan)").fill("Sekretaris Daerah Provinsi NTT")
        atasan.get_by_role("button", name="Jawab keberatan").click()
        expect(atasan.locator(".messages")).to_contain_text("Keberatan telah diperbarui")
        atasan.goto("/ppid/kelola/keberatan/")
        expect(atasan.locator("table")).to_contain_text("Sekretaris Daerah Provinsi NTT")
        assert_accessible(atasan)

        _track(citizen, number, token)
        expect(citizen.locator("main")).to_contain_text("PPID Pelaksana diperintahkan menyerahkan DPA yang benar.")
        screenshot(citizen, "ppid-keberatan-answered")
        req.refresh_from_db()
        code = req.notice.verification_code
        citizen.goto(f"/ppid/verifikasi/{code}/")
        expect(citizen.locator("main")).to_contain_text(req.notice.pdf_sha256)
        assert_accessible(citizen)
    finally:
        for context in contexts:
            context.close()


def test_request_form_and_tracking_work_without_javascript(
    browser: Browser, live_server: Any, ppid_bodies: dict, tmp_path: Path
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    try:
        number, token = _file_request(page, tmp_path, axe=False)
        _track(page, number, token, axe=False)
        expect(page.locator("main")).to_contain_text("Diterima")
    finally:
        context.close()


def test_receipt_bookmark_link_and_confirmed_withdrawal(
    browser: Browser, live_server: Any, ppid_bodies: dict, tmp_path: Path
) -> None:
    """After filing: the receipt PDF downloads; the bookmarkable link opens the page without the token;
    withdrawing asks for the token, shows a summary first and changes nothing until confirmed."""
    from lontar.ppid.models import InformationRequest

    ctx = browser.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 375, "height": 800})
    page = ctx.new_page()
    try:
        number, token = _file_request(page, tmp_path, axe=False)
        with page.expect_download() as info:
            page.get_by_role("button", name=re.compile("Unduh tanda bukti permohonan")).click()
        assert info.value.path().read_bytes().startswith(b"%PDF-")
        link = page.get_by_role("link", name="tautan pelacakan").get_attribute("href")
        assert link and token not in link
        page.goto(link)
        expect(page.locator("h1")).to_contain_text(number)
        assert token not in page.content()
        assert_accessible(page)
        page.locator("#withdraw_token").fill(token)
        page.locator("#withdraw_confirm").check()
        page.get_by_role("button", name="Tarik", exact=True).click()
        expect(page.locator("main")).to_contain_text("Sebelum Anda mengonfirmasi")
        assert_accessible(page)
        screenshot(page, "ppid-withdraw-confirm-375")
        assert InformationRequest.objects.get(number=number).status != "withdrawn"
        page.get_by_role("button", name="Ya, tarik permohonan").click()
        expect(page.locator(".alert-success")).to_contain_text("ditarik")
        assert InformationRequest.objects.get(number=number).status == "withdrawn"
    finally:
        ctx.close()
