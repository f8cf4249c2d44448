"""The home page in Chromium, as a first visitor on a phone and on a desktop: the three modules
lead to their main actions (the PPID request form, the dataset search, the evaluation dashboard)
and the map opens a kabupaten's page. axe-core on the page."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MINI = Path(__file__).resolve().parents[1] / "evaluations" / "data" / "mini.json"


def _final_province_result(province) -> int:
    from lontar.evaluations import services
    from lontar.evaluations.models import Cycle, Submission
    from tests.evaluations.conftest import load_definition

    framework = load_definition(json.loads(MINI.read_text(encoding="utf-8")))
    cycle = services.cycle_open(
        actor=None, framework=framework, year=2025, name="Evaluasi uji 2025", participants=[province["province"]]
    )
    Submission.objects.filter(cycle=cycle).update(
        state="final", final_index=Decimal("3.35"), final_predikat="Baik", finalised_at=timezone.now()
    )
    Cycle.objects.filter(pk=cycle.pk).update(state="final", finalised_at=timezone.now())
    return cycle.pk


@pytest.mark.parametrize("width", [375, 1280])
def test_a_first_visit_leads_to_the_three_modules(browser: Browser, live_server, province, width: int) -> None:
    cycle_pk = _final_province_result(province)
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900}, locale="id-ID")
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/")
        assert_accessible(page)
        screenshot(page, f"home-{width}px")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"

        page.get_by_role("link", name="Ajukan permohonan informasi").click()
        expect(page).to_have_url(f"{live_server.url}/ppid/permohonan/baru/")

        page.goto("/")
        page.get_by_label("Cari dataset").fill("penduduk")
        page.get_by_label("Cari dataset").press("Enter")
        expect(page).to_have_url(f"{live_server.url}/dataset/?q=penduduk")

        page.goto("/")
        headline = page.locator("#modul-evaluasi")
        expect(headline).to_contain_text("2025")
        expect(headline).to_contain_text("3,35")
        expect(headline).to_contain_text("Baik")
        headline.get_by_role("link", name="Lihat dasbor").click()
        expect(page).to_have_url(f"{live_server.url}/evaluasi/dasbor/{cycle_pk}/")

        page.goto("/")
        page.get_by_role("link", name="Kabupaten Kupang", exact=True).click()
        expect(page).to_have_url(f"{live_server.url}/organisasi/wilayah/53.01/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Kabupaten Kupang")
    finally:
        context.close()
