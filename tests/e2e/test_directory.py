"""The public directory in a real browser: browse, search, filter, open an organisation, its map; axe-clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ntt_data(transactional_db):
    from lontar.organisations.services import organisations_load, regions_load

    regions_load()
    organisations_load()


def result_links(page: Page) -> list[str]:
    return page.locator("#directory-results tbody th a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def open_all_details(page: Page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def test_browse_search_filter_and_open_an_organisation(page: Page, ntt_data):
    page.goto("/organisasi/")
    expect(page.locator("h1")).to_have_text("Direktori instansi dan perangkat daerah")
    assert len(result_links(page)) == 50
    expect(page.locator("#directory-results .badge-sample").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "directory-list")

    page.get_by_label("Cari", exact=True).fill("kominfo kupang")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.locator("#directory-results h2")).to_have_text("2 organisasi ditemukan")
    assert sorted(result_links(page)) == [
        "/organisasi/pemkab-kupang-diskominfo/",
        "/organisasi/pemkot-kupang-diskominfo/",
    ]

    page.get_by_label("Cari", exact=True).fill("")
    page.get_by_label("Provinsi atau kabupaten/kota").select_option("53.01")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"wilayah=53\.01"))
    links = result_links(page)
    assert links and all(link.startswith("/organisasi/pemkab-kupang") for link in links)
    assert_accessible(page)

    page.locator("#directory-results").get_by_role("link", name="Pemerintah Kabupaten Kupang", exact=True).click()
    expect(page.locator("h1")).to_have_text("Pemerintah Kabupaten Kupang")
    expect(page.locator("main")).to_contain_text("5303")
    svg = page.locator("figure.chart svg.chart-svg")
    expect(svg).to_have_count(1)
    expect(svg.locator('path[stroke="#c2410c"]')).to_have_count(1)  # Kabupaten Kupang outlined
    open_all_details(page)
    assert_accessible(page)
    screenshot(page, "directory-detail-kabupaten")

    svg.locator('a[href="/organisasi/pemkot-kupang/"]').click()
    expect(page.locator("h1")).to_have_text("Pemerintah Kota Kupang")

    page.get_by_role("link", name="Selengkapnya tentang Kota Kupang").click()
    expect(page.locator("h1")).to_have_text("Kota Kupang")
    expect(page.locator("#children-caption")).to_contain_text("Kota Kupang")
    open_all_details(page)
    assert_accessible(page)
    screenshot(page, "directory-region-kota")


def test_province_page_links_every_kabkota_on_its_map(page: Page, ntt_data):
    page.goto("/organisasi/pemprov-ntt/")
    links = page.locator("figure.chart svg.chart-svg a")
    expect(links).to_have_count(22)
    expect(page.locator("#units-heading")).to_contain_text("perangkat daerah")
    open_all_details(page)
    assert_accessible(page)
    screenshot(page, "directory-detail-province")
    page.goto("/organisasi/pemprov-ntt-diskominfo/")
    expect(page.locator(".alert-sample")).to_contain_text("Daftar contoh, belum diverifikasi terhadap Perda SOTK")
    assert_accessible(page)


def test_directory_works_without_javascript(browser: Browser, live_server, ntt_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    try:
        page.goto("/organisasi/")
        page.get_by_label("Jenis", exact=True).select_option("opd")
        page.get_by_role("button", name="Tampilkan").click()
        expect(page).to_have_url(re.compile(r"jenis=opd"))
        first = result_links(page)
        page.locator(".pagination a[rel=next]").click()
        expect(page).to_have_url(re.compile(r"page=2"))
        assert not set(first) & set(result_links(page))
        response = page.goto("/organisasi/?page=9999")
        assert response is not None and response.status == 404
        expect(page.locator("#directory-results [role=alert]")).to_contain_text("tidak ada")
        page.get_by_role("link", name="Ke halaman pertama").click()
        assert len(result_links(page)) == 50
    finally:
        context.close()
