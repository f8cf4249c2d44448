"""Konektivitas in a real browser: a pengelola TIK registers a site, runs Cek koneksi (with the
device's location), then sees the site's status on the map and the measurement on the site's page.
Axe-clean on every page."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: a point in Kota Kupang (the site) and the device "at" the site, 30 m away
SITE_LAT, SITE_LNG = -10.1630, 123.5950
DEVICE = {"latitude": -10.16327, "longitude": 123.5950}


@pytest.fixture
def ntt(transactional_db):
    from lontar.organisations.services import regions_load

    regions_load()


def _desa_code() -> str:
    from lontar.organisations.selectors import region_places

    return next(code for code, _n, level, _b in region_places() if code.startswith("53.71.") and level == "kelurahan")


def register_site(page: Page, user, organisation):
    """Through the staff form (konektivitas:staff_site_create; the service if that page is gone)."""
    from lontar.konektivitas.models import Site

    try:
        url = reverse("konektivitas:staff_site_create")
    except NoReverseMatch:
        url = ""
    if url:
        page.goto(url)
        assert_accessible(page)
        form = page.locator("main form[method=post]").first
        form.locator("[name=code]").fill("E2E-001")
        form.locator("[name=name]").fill("Kantor Kelurahan Uji E2E")
        form.locator("[name=kind]").select_option("kantor_desa")
        form.locator("[name=desa_code]").fill(_desa_code())
        form.locator("[name=lat]").fill(str(SITE_LAT))
        form.locator("[name=lng]").fill(str(SITE_LNG))
        if form.locator("[name=organisation]").count():
            form.locator("[name=organisation]").select_option(str(organisation.pk))
        form.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
        return Site.objects.get(code="E2E-001")
    from lontar.konektivitas.models import SiteKind
    from lontar.konektivitas.services.sites import site_create

    return site_create(
        actor=user,
        organisation=organisation,
        code="E2E-001",
        desa_code=_desa_code(),
        name="Kantor Kelurahan Uji E2E",
        kind=SiteKind.KANTOR_DESA,
        lat=SITE_LAT,
        lng=SITE_LNG,
    )


def test_pengelola_tik_measures_a_site_and_sees_it_on_the_map(
    page: Page, browser_context: BrowserContext, e2e_login, province, ntt
):
    from lontar.konektivitas.models import Measurement

    browser_context.grant_permissions(["geolocation"])
    browser_context.set_geolocation(DEVICE)
    organisation = province["kota"]
    user = e2e_login(organisation, "pengelola_tik")
    site = register_site(page, user, organisation)

    page.goto("/konektivitas/cek/")
    expect(page.locator("h1")).to_have_text("Cek koneksi")
    expect(page.locator("#cek-auto")).to_be_visible()
    expect(page.locator("#cek-status")).to_contain_text("MB")  # the data the test will use, before it runs
    assert_accessible(page)
    page.get_by_label("Titik layanan", exact=True).select_option(str(site.pk))
    page.locator("#cek-size-kecil").check()
    page.locator("#cek-geo").check()
    page.get_by_role("button", name="Mulai tes").click()
    expect(page.locator("#cek-saved")).to_be_visible(timeout=60_000)
    expect(page.locator("#cek-status")).to_contain_text("Tercatat")
    expect(page.locator("#cek-data")).to_contain_text("MB terpakai")
    expect(page.locator("#cek-up")).to_contain_text("Mbps")
    assert_accessible(page)
    screenshot(page, "konektivitas-cek")

    measurement = Measurement.objects.get(site=site)
    assert measurement.download_mbps and measurement.download_mbps > 0
    assert measurement.upload_mbps and measurement.upload_mbps > 0  # 0.5 MB up (not "0,5" read as 0)
    assert measurement.latency_ms is not None
    assert measurement.distance_to_site_m is not None and measurement.distance_to_site_m < 100
    assert not measurement.flagged and measurement.data_used_mb and measurement.data_used_mb > 1.4

    # the weekly status (H-status's recompute) turns the measurement into the site's status
    from django.utils import timezone

    from lontar.konektivitas.services.status import status_recompute, week_monday

    status_recompute(week=week_monday(timezone.localdate()), kabupaten="53.71")
    site.refresh_from_db()
    label = site.get_status_display()

    page.goto("/konektivitas/")
    point = page.locator("figure.chart svg title", has_text=f"{site.code} {site.name}")
    expect(point).to_have_count(1)
    assert label in point.text_content()
    assert_accessible(page)
    screenshot(page, "konektivitas-map")

    page.goto(f"/konektivitas/titik/{site.code}/")
    expect(page.locator("h1")).to_have_text(site.name)
    expect(page.locator("main")).to_contain_text(label)
    rows = page.locator("#meas-caption").locator("xpath=..").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Cek koneksi")
    assert_accessible(page)
    screenshot(page, "konektivitas-site")
