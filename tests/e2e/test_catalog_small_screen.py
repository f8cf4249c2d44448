"""The public catalogue on a 375 px wide phone: the results come before the filters, and the
filters fold away in a <details> that works without JavaScript. axe-core on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.catalog.conftest import _fresh_cache, actors, make_dataset, urusan_topics  # noqa: F401 - fixtures
from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, databases=["default", "datastore"])]

PHONE = {"width": 375, "height": 812}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_results_come_before_the_filters_at_375px(browser: Browser, live_server, request, javascript) -> None:
    create = request.getfixturevalue("make_dataset")
    create("penduduk-kabkota-uji", "Penduduk kabupaten/kota uji")
    create("penduduk-kabkota-uji-2", "Penduduk kabupaten/kota uji kedua")
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="id-ID", java_script_enabled=javascript
    )
    try:
        page = context.new_page()
        page.goto("/dataset/")
        first_result = page.locator("#results-heading ~ ul.stack > li").first
        filters = page.locator("aside#filters")
        expect(first_result).to_be_visible()
        expect(filters).to_be_attached()
        result_box, filters_box = first_result.bounding_box(), filters.bounding_box()
        assert result_box is not None and filters_box is not None
        assert result_box["y"] + result_box["height"] <= filters_box["y"], "the first result must be above the filters"
        assert result_box["width"] <= PHONE["width"], "the result card fits the screen"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"

        # collapsible without JavaScript: the summary folds and unfolds the facet links
        facet = filters.locator("ul a").first
        expect(facet).to_be_visible()
        filters.locator("summary").click()
        expect(facet).to_be_hidden()
        filters.locator("summary").click()
        expect(facet).to_be_visible()

        # the link above the results jumps to the filters
        expect(page.get_by_role("link", name="Saring hasil")).to_have_attribute("href", "#filters")
        if javascript:
            assert_accessible(page)
            screenshot(page, "catalog-375px")
    finally:
        context.close()
