"""The Daftar Informasi Publik, the list of exempt information and the staff DIP form in a real
browser; axe-core on each page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import E2E_PASSWORD, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dip_world(province: dict, settings: Any, tmp_path: Path) -> dict:
    from django.core.cache import cache

    from lontar.accounts.models import Membership, User
    from lontar.ppid.choices import BodyKind
    from lontar.ppid.models import DipCategory, PublicBody
    from lontar.ppid.services.dip import dip_entry_create
    from tests.ppid.dip_fixtures import entry_data, make_test

    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    cache.clear()
    body = PublicBody.objects.create(organisation=province["province"], kind=BodyKind.UTAMA, code="ntt")
    ppid = User.objects.create_user(email="ppid.dip@e2e.uji.go.id", password=E2E_PASSWORD, full_name="PPID")
    Membership.objects.create(user=ppid, organisation=province["province"], role="ppid")
    test = make_test(body)
    dip_entry_create(actor=ppid, body=body, data=entry_data(document_url="https://contoh.id/lkjip.pdf"))
    dip_entry_create(
        actor=ppid,
        body=body,
        data=entry_data(number="002", summary="Rekam medis pegawai", category=DipCategory.DIKECUALIKAN,
                        consequence_test=test),
    )  # fmt: skip
    return {"body": body, "ppid": ppid}


def test_public_dip_and_exempt_list_are_accessible(page: Page, dip_world: dict) -> None:
    page.goto("/ppid/")
    page.get_by_role("link", name="Daftar Informasi Publik (DIP)").first.click()
    expect(page.locator("h1")).to_contain_text("Daftar Informasi Publik")
    expect(page.locator("main table")).to_contain_text("Laporan keuangan tahunan")
    assert_accessible(page)
    screenshot(page, "ppid-dip")
    page.get_by_label("Kategori").select_option(label="Informasi yang dikecualikan")
    page.get_by_role("button", name="Saring").click()
    page.wait_for_load_state()
    assert "category=dikecualikan" in page.url
    expect(page.locator("main table")).not_to_contain_text("Laporan keuangan tahunan")
    page.get_by_role("link", name="Uji konsekuensi").first.click()
    expect(page.locator("h1")).to_contain_text("Daftar Informasi yang Dikecualikan")
    expect(page.locator("main")).to_contain_text("Rekam medis pegawai")
    assert_accessible(page)
    screenshot(page, "ppid-dik")
    page.goto(f"/ppid/badan/{dip_world['body'].slug}/dip/")
    assert_accessible(page)


def test_staff_dip_form_is_accessible(browser: Browser, live_server: Any, dip_world: dict) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=dip_world["ppid"], name="e2e", confirmed=True)
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, dip_world["ppid"].email, device=device)
        page.goto("/ppid/kelola/dip/")
        assert_accessible(page)
        page.get_by_role("link", name="Tambah entri DIP").click()
        assert_accessible(page)
        page.get_by_label("Badan publik").select_option(index=1)
        page.get_by_label("Nomor").fill("003")
        page.get_by_label("Ringkasan isi informasi").fill("Rencana strategis 2025–2029")
        page.get_by_label("Pejabat atau unit yang menguasai informasi").fill("Bidang Perencanaan")
        page.get_by_label("Penanggung jawab pembuatan atau penerbitan informasi").fill("Sekretaris")
        page.get_by_label("Waktu pembuatan").fill("2025")
        page.get_by_label("Jangka waktu penyimpanan").fill("Permanen")
        page.get_by_label("Kategori").select_option(label="Informasi yang dikecualikan")
        page.get_by_role("button", name="Simpan").click()
        expect(page.locator("main")).to_contain_text("uji konsekuensi yang menjadi dasar")
        assert_accessible(page)
        page.get_by_label("Kategori").select_option(label="Informasi tersedia setiap saat")
        page.get_by_role("button", name="Simpan").click()
        expect(page.locator("main table")).to_contain_text("Rencana strategis 2025–2029")
    finally:
        context.close()
