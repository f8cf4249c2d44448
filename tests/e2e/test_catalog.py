"""Satu Data in a real browser: a Produsen Data uploads an XLSX, reviews the inferred types in the
data dictionary and submits; the Walidata returns it with a note, then verifies it; the public
finds it by search, sees the chart and the map, and downloads the CSV. axe-core on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.helpers import E2E_PASSWORD, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, databases=["default", "datastore"])]

ROWS = [
    ("53.01", "Kabupaten Kupang", 2023, 385000),
    ("53.01", "Kabupaten Kupang", 2024, 391539),
    ("53.71", "Kota Kupang", 2023, 440000),
    ("53.71", "Kota Kupang", 2024, 446000),
]


@pytest.fixture
def topics() -> None:
    from django.core.cache import cache

    from lontar.catalog.models import Topic

    cache.clear()
    from lontar.catalog.reference import urusan_list

    for u in urusan_list():
        Topic.objects.update_or_create(code=u.code, defaults={"slug": u.slug, "name": u.name, "group": u.group})


def _xlsx(tmp_path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Penduduk"
    ws.append(["Jumlah penduduk menurut kabupaten/kota (uji)"])  # a title row above the header
    ws.append(["kode_wilayah", "nama_wilayah", "tahun", "jumlah_penduduk"])
    for row in ROWS:
        ws.append(list(row))
    path = tmp_path / "penduduk-uji.xlsx"
    wb.save(path)
    return path


def _staff(browser: Browser, live_server: Any, organisation: Any, role: str) -> tuple[BrowserContext, Page]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lontar.accounts.models import Membership, User

    email = f"{role}.{organisation.slug}@e2e.uji.go.id"
    user = User.objects.create_user(email=email, password=E2E_PASSWORD, full_name=f"Petugas {role}")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    device = TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in(page, email, device=device)
    return context, page


def _step(page: Page, button: str, note: str) -> None:
    form = page.locator("form", has=page.get_by_role("button", name=button))
    form.locator("textarea[name=note]").fill(note)
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def _create_and_upload(page: Page, tmp_path: Path) -> str:
    page.goto("/kelola/data/")
    assert_accessible(page)
    page.get_by_role("link", name="Dataset baru").click()
    assert_accessible(page)
    page.get_by_label("Judul").fill("Penduduk kabupaten/kota uji E2E")
    page.get_by_label("Nama singkat (URL)").fill("penduduk-uji-e2e")
    page.get_by_label("Deskripsi").fill("Jumlah penduduk menurut kabupaten/kota, untuk uji di peramban.")
    page.get_by_label("Administrasi Kependudukan dan Pencatatan Sipil").check()
    page.get_by_label("Kata kunci").fill("penduduk, uji")
    page.get_by_label("Tahun awal cakupan").fill("2023")
    page.get_by_label("Tahun akhir cakupan").fill("2024")
    page.get_by_label("Surel narahubung").fill("data@uji.go.id")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Penduduk kabupaten/kota uji E2E")
    assert_accessible(page)
    page.get_by_role("link", name="Tambah sumber data").click()
    assert_accessible(page)
    page.locator("input[name=name]").fill("Tabel penduduk")
    page.get_by_label("Format").select_option("XLSX")
    page.get_by_label("Berkas").set_input_files(str(_xlsx(tmp_path)))
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    assert "/kamus/" in page.url  # the types the datastore inferred, for review
    assert_accessible(page)
    expect(page.locator("input[name='form-0-name']")).to_have_value("kode_wilayah")
    expect(page.locator("select[name='form-0-type']")).to_have_value("region_code")
    expect(page.locator("select[name='form-3-type']")).to_have_value("integer")
    page.locator("input[name='form-3-label']").fill("Jumlah penduduk")
    page.locator("input[name='form-3-unit']").fill("jiwa")
    page.get_by_role("button", name="Simpan kamus data").click()
    page.wait_for_load_state()
    return page.url


def test_produsen_walidata_public(browser: Browser, live_server: Any, province: dict, topics: None, tmp_path: Path):
    produsen_context, produsen = _staff(browser, live_server, province["province_opd"], "produsen_data")
    detail_url = _create_and_upload(produsen, tmp_path)
    _step(produsen, "Ajukan ke Walidata", "Mohon diperiksa.")
    expect(produsen.locator("main")).to_contain_text("Diajukan")
    screenshot(produsen, "catalog-submitted")

    walidata_context, walidata = _staff(browser, live_server, province["province"], "walidata")
    walidata.goto("/kelola/data/")
    assert_accessible(walidata)
    walidata.get_by_role("link", name="Penduduk kabupaten/kota uji E2E").first.click()
    assert_accessible(walidata)
    _step(walidata, "Mulai pemeriksaan", "Mulai diperiksa.")
    _step(walidata, "Kembalikan dengan catatan", "Kolom nama wilayah belum berlabel jelas.")
    expect(walidata.locator("main")).to_contain_text("Dikembalikan untuk diperbaiki")

    produsen.goto(detail_url.split("sumber")[0] if "sumber" in detail_url else detail_url)
    expect(produsen.locator("main")).to_contain_text("Kolom nama wilayah belum berlabel jelas.")
    assert_accessible(produsen)
    _step(produsen, "Ajukan ke Walidata", "Label sudah diperbaiki.")

    walidata.reload()
    _step(walidata, "Mulai pemeriksaan", "Diperiksa ulang.")
    _step(walidata, "Verifikasi", "Sesuai prinsip Satu Data.")
    expect(walidata.locator("main")).to_contain_text("Terbit")
    screenshot(walidata, "catalog-published")

    public_context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900}
    )
    public = public_context.new_page()
    public.goto("/dataset/")
    assert_accessible(public)
    public.get_by_label("Cari", exact=True).fill("penduduk uji")
    public.get_by_role("button", name="Cari").click()
    public.wait_for_load_state()
    assert_accessible(public)
    public.get_by_role("link", name="Penduduk kabupaten/kota uji E2E").click()
    public.wait_for_load_state()
    assert_accessible(public)
    charts = public.locator("figure.chart")
    expect(charts).to_have_count(2)  # the map of NTT and the line over the years
    expect(charts.first.locator("svg.chart-svg")).to_be_visible()
    expect(public.get_by_role("img", name="Jumlah penduduk menurut kabupaten/kota, 2024")).to_be_visible()
    expect(public.locator("main")).to_contain_text("Kota Kupang")
    screenshot(public, "catalog-dataset-page")
    with public.expect_download() as download_info:
        public.get_by_role("link", name="Data dalam CSV").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert content.splitlines()[0].endswith("kode_wilayah,nama_wilayah,tahun,jumlah_penduduk")
    assert "391539" in content
    for context in (produsen_context, walidata_context, public_context):
        context.close()


def test_public_pages_are_accessible(page: Page, province: dict, topics: None):
    for path in ("/dataset/", "/organization/", "/permintaan-data/", "/permintaan-data/baru/", "/dataset/?q=tidakada"):
        page.goto(path)
        assert_accessible(page)
