"""Katalog TIK suggestions on an SPBE indicator in a real browser (issue 13 §4): the team types a
level and an explanation, presses Lampirkan on the suggested data centre, and finds its input
kept, the record cited and the suggestion marked as attached; axe-core on the page before and
after."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def spbe_submission(transactional_db, province):
    from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
    from lontar.assessments.models import Framework
    from lontar.assessments.services import framework_load
    from lontar.evaluations import services

    path = FRAMEWORKS_DIR / "spbe-2020.json"
    framework_load(definition=read_definition(path), source_file=path.name)
    framework = Framework.objects.get(code="spbe-2020", is_current=True)
    cycle = services.cycle_open(
        actor=None, framework=framework, year=2026, name="Evaluasi SPBE e2e", participants=[province["kabupaten"]]
    )
    return cycle.submissions.get()


def test_attach_a_suggested_data_centre(page: Page, e2e_login: Any, province: dict, spbe_submission: Any):
    from tests.katalog.helpers import make_asset

    make_asset(province["kabupaten"], "Pusat Data Kabupaten Kupang")
    make_asset(province["kota"], "Pusat Data Kota Kupang")  # another kabupaten's: never suggested
    e2e_login(province["kabupaten"], "tim_koordinasi")
    page.goto(f"/evaluasi/penilaian/{spbe_submission.pk}/indikator/16/")
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("Saran bukti dari Katalog TIK")
    expect(suggestions).to_contain_text("Pusat Data Kabupaten Kupang")
    expect(suggestions).not_to_contain_text("Pusat Data Kota Kupang")
    assert_accessible(page)

    page.locator("label[for=claim-3]").click()
    page.get_by_label("Penjelasan").fill("Pusat data dikelola Diskominfo sejak 2023.")
    page.get_by_role("button", name=re.compile("Lampirkan Infrastruktur di Katalog TIK: Pusat Data Kabupaten")).click()

    expect(page.locator(".messages")).to_contain_text("telah dilampirkan sebagai bukti")
    expect(page.get_by_label("Penjelasan")).to_have_value("Pusat data dikelola Diskominfo sejak 2023.")
    expect(page.locator("#claim-3")).to_be_checked()
    expect(suggestions).to_contain_text("Terlampir")
    # cited: ticked in the library list of the claim form
    expect(
        page.get_by_role("checkbox", name=re.compile("Infrastruktur di Katalog TIK: Pusat Data Kabupaten"))
    ).to_be_checked()
    assert_accessible(page)
