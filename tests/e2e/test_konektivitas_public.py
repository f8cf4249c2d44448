"""The public konektivitas pages as an anonymous visitor: filter (GET form), open a kab/kota and a
site; axe-clean on each page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sites(transactional_db, province):
    from lontar.konektivitas.models import ConnectivityStatus, SiteKind, StatusRule
    from lontar.organisations.services import regions_load
    from tests.konektivitas.maps_helpers import make_site

    regions_load()
    statuses = [ConnectivityStatus.BAIK, ConnectivityStatus.SEDANG, ConnectivityStatus.TIDAK_ADA]
    return [
        make_site(
            province["kota"],
            f"PUB-{i:02d}",
            name=f"Sekolah Uji {i}",
            kind=SiteKind.SEKOLAH,
            lat=-10.16 - i * 0.004,
            lng=123.59 + i * 0.004,
            desa_code="53.71.01.1001",
            status=statuses[i % 3],
            status_rule=StatusRule.CONTRACTED,
        )
        for i in range(6)
    ]


def test_public_map_filter_kabupaten_and_site(page: Page, sites):
    page.goto("/konektivitas/")
    expect(page.locator("h1")).to_have_text("Konektivitas titik layanan publik")
    expect(page.locator("figure.chart svg.chart-svg")).to_have_count(3)  # two choropleths and the points (no trend yet)
    assert_accessible(page)
    screenshot(page, "konektivitas-province")

    page.get_by_label("Status", exact=True).select_option("baik")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"status=baik"))
    point_titles = page.locator("figure.chart svg title", has_text="Sekolah Uji")
    expect(point_titles).to_have_count(2)
    assert_accessible(page)

    page.locator("main table").get_by_role("link", name="Kota Kupang").click()
    expect(page.locator("h1")).to_contain_text("Kota Kupang")
    assert_accessible(page)
    page.get_by_role("link", name="Sekolah Uji 0").click()
    expect(page.locator("h1")).to_have_text("Sekolah Uji 0")
    expect(page.locator("main")).to_contain_text("Kecepatan kontrak")
    assert_accessible(page)
