"""The UI shell in a real browser: accessibility, language switch, small screens, no-JS use."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = {"home": "/", "about": "/tentang/", "patterns": "/pola/", "not-found": "/halaman-yang-tidak-ada/"}


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_pages_have_no_serious_accessibility_violations(page: Page, name: str):
    response = page.goto(PUBLIC_PAGES[name])
    assert response is not None
    assert response.status == (404 if name == "not-found" else 200)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert_accessible(page)
    screenshot(page, f"shell-{name}-desktop")


def test_language_switch_to_english_and_back(page: Page):
    page.goto("/pola/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == "Pustaka pola"
    page.locator(".lang-switch button[value=en]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/pola/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Pattern library"
    assert page.locator(".lang-switch button[value=en]").get_attribute("aria-pressed") == "true"
    screenshot(page, "shell-patterns-english", full_page=False)
    page.locator(".lang-switch button[value=id]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == "Pustaka pola"


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_nothing_overflows_at_320_pixels(page: Page, name: str):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(PUBLIC_PAGES[name])
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 320, f"{PUBLIC_PAGES[name]} is {width}px wide at a 320px viewport"
    screenshot(page, f"shell-{name}-320px")


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_work_without_javascript(browser: Browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/pola/?wilayah=53.05#peta")
        assert "Kabupaten Alor" in page.locator("#peta").inner_text()
        page.locator(".lang-switch button[value=en]").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Pattern library"
        page.locator("nav.tabs a", has_text="History").click()
        page.wait_for_load_state()
        assert page.locator("nav.tabs a[aria-current=page]").inner_text() == "History"
    finally:
        context.close()


def test_chart_table_opens_and_map_region_links_select_a_region(page: Page):
    page.goto("/pola/")
    figure = page.locator("#peta figure").nth(1)
    figure.locator("summary").click()
    assert figure.locator("table tbody tr").count() == 22
    figure.locator('a[href*="wilayah=53.05"]').click()
    page.wait_for_load_state()
    assert "wilayah=53.05" in page.url
    assert "Kabupaten Alor" in page.locator("#peta > p").last.inner_text()


def test_sign_in_helper_passes_two_factor(page: Page, e2e_login, province):
    user = e2e_login(province["kota"], "admin")
    page.goto("/akun/")
    assert user.full_name in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, "shell-workspace-signed-in")
