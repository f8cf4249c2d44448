"""The PPID report page and the public keberatan register in a real browser; axe-core on each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def requests_with_notice(province: dict, settings: Any, tmp_path: Path) -> dict:
    from django.core.cache import cache

    from lontar.accounts.models import Membership, User
    from lontar.ppid import services
    from lontar.ppid.choices import BodyKind, Decision
    from lontar.ppid.models import PublicBody
    from lontar.ppid.services import NoticeData
    from tests.ppid.conftest import checked_pdf, request_data

    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    cache.clear()
    body = PublicBody.objects.create(organisation=province["province"], kind=BodyKind.UTAMA, code="ntt")
    ppid = User.objects.create_user(email="ppid.laporan@e2e.uji.go.id", password="x" * 20, full_name="PPID")
    Membership.objects.create(user=ppid, organisation=province["province"], role="ppid")
    made = []
    for _ in range(3):
        req, _token = services.information_request_submit(
            body=body, data=request_data(), identity_document=checked_pdf()
        )
        made.append(req)
    services.information_request_issue_notice(
        actor=ppid,
        request=made[0],
        data=NoticeData(decision=Decision.GRANTED, material="DPA", delivery="E-mail", cost=5000),
    )
    return {"body": body, "requests": made}


def test_report_page_is_accessible_and_filters_by_semester(page: Page, requests_with_notice: dict) -> None:
    page.goto("/ppid/")
    page.get_by_role("link", name="Laporan layanan informasi publik").first.click()
    expect(page.locator("h1")).to_have_text("Laporan layanan informasi publik")
    expect(page.locator("main")).to_contain_text("Permohonan diterima")
    assert page.locator("main svg.chart-svg").count() >= 3
    assert_accessible(page)
    page.get_by_label("Periode", exact=True).select_option(label="Semester II (Juli–Desember)")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    assert "semester=2" in page.url
    page.locator("details.chart-table summary").first.click()
    assert_accessible(page)
    screenshot(page, "ppid-report")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    assert info.value.suggested_filename.startswith("laporan-ppid-")


def test_public_objection_register_is_accessible(page: Page, requests_with_notice: dict) -> None:
    page.goto("/ppid/register/keberatan/")
    expect(page.locator("h1")).to_contain_text("Register keberatan")
    assert_accessible(page)
