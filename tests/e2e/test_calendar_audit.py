"""The working-day calendar and the audit trail in a real browser (axe-clean, and without JavaScript)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def holidays_2026(transactional_db: None) -> None:
    from lontar.calendar.seeding import holidays_seed

    holidays_seed(years=[2025, 2026])


def test_calendar_calculator_works_without_javascript(browser: Browser, live_server: Any, holidays_2026: None) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    try:
        page.goto("/kalender/?year=2026")
        expect(page.locator("h1")).to_have_text("Kalender hari kerja")
        expect(page.locator("table caption")).to_contain_text("2026")
        page.get_by_label("Tanggal diterima (hari ke-0)").fill("2026-03-17")
        page.get_by_label("Jumlah hari kerja yang ditambahkan").fill("10")
        page.get_by_role("button", name="Hitung").click()
        result = page.locator("[role=status]").filter(has_text="Hari kerja ke-10")
        expect(result).to_contain_text("Rabu, 8 April 2026")
        expect(result).to_contain_text("Hari Suci Nyepi")
        assert "add=10" in page.url
    finally:
        context.close()


def test_calendar_public_page_is_accessible(page: Page, holidays_2026: None) -> None:
    page.goto("/kalender/?year=2026&start=2025-12-22&add=10")
    expect(page.get_by_text("Kamis, 8 Januari 2026")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "calendar-public")


def test_admin_adds_and_strikes_a_day_then_sees_it_in_the_audit_trail(
    page: Page, e2e_login: Any, province: dict, holidays_2026: None
) -> None:
    e2e_login(province["province"], "admin")
    page.goto("/kalender/?year=2026")
    assert_accessible(page)
    form = page.locator("form[action='/kalender/tambah/']")
    form.get_by_label("Tanggal").fill("2026-07-07")
    form.get_by_label("Nama hari libur").fill("Libur daerah uji")
    form.get_by_label("Catatan").fill("Pergub uji nomor 1")
    form.get_by_role("button", name="Tambahkan hari libur").click()
    expect(page.locator(".messages")).to_contain_text("kini menjadi hari libur")
    expect(page.locator("table")).to_contain_text("Libur daerah uji")

    page.get_by_role("link", name="Coret 24 Desember 2026").click()
    assert_accessible(page)
    page.get_by_label("Catatan").fill("SKB diubah (uji)")
    page.get_by_role("button", name="Coret", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("kembali menjadi hari kerja")
    expect(page.locator("tr", has_text="Cuti Bersama Hari Raya Natal")).to_contain_text("hari kerja (dicoret)")

    page.goto("/audit/")
    expect(page.locator("h1")).to_have_text("Jejak audit")
    expect(page.locator("tbody")).to_contain_text("Hari libur ditambahkan")
    expect(page.locator("tbody")).to_contain_text("Hari libur dicoret")
    assert_accessible(page)
    screenshot(page, "audit-list")

    page.get_by_label("Tindakan").select_option("calendar.holiday.removed")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    page.locator("tbody tr a").first.click()
    expect(page.locator("h1")).to_contain_text("Peristiwa audit")
    expect(page.get_by_text("cocok dengan hash-nya")).to_be_visible()
    assert_accessible(page)

    page.goto("/audit/")
    page.get_by_role("button", name="Verifikasi rantai sekarang").click()
    expect(page.locator("[role=status]")).to_contain_text("Rantai utuh")
    assert_accessible(page)
    screenshot(page, "audit-verified")
