"""A whole evaluation cycle in a real browser, each person in their own browser context:
the admin opens the cycle and assigns the asesor; the instansi's team fills its penilaian mandiri
(with htmx autosave), adds evidence and submits; the asesor reviews; the team responds; the admin
finalises; the LHE PDF downloads and the verification page its QR code points to confirms it.
axe-core runs on every page of the flow (and of the public dashboard, result and targets pages);
a context without JavaScript saves a claim with the plain button (axe needs JavaScript, so the
same pages are checked in the JavaScript contexts)."""

from __future__ import annotations

import hashlib
import re
import zlib
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import E2E_PASSWORD, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def framework(transactional_db):
    import json

    from tests.evaluations.conftest import DATA, load_definition

    return load_definition(json.loads((DATA / "mini.json").read_text(encoding="utf-8")))


def person(browser: Browser, live_server: Any, organisation: Any, role: str, email: str) -> Page:
    """A user with ``role`` in ``organisation``, signed in (with TOTP) in a fresh browser context."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lontar.accounts.models import Membership, User

    user = User.objects.create_user(email=email, password=E2E_PASSWORD, full_name=email.split("@")[0])
    Membership.objects.create(user=user, organisation=organisation, role=role)
    device = TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, email, device=device)
    return page


def pdf_links(data: bytes) -> list[str]:
    """The link targets (/URI) of a PDF, including those inside compressed object streams."""
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return [uri.decode() for chunk in chunks for uri in re.findall(rb"/URI ?\(([^)]*)\)", chunk)]


def open_cycle(admin: Page, framework: Any, kabupaten: Any, asesor_name: str) -> None:
    admin.goto("/evaluasi/siklus/")
    assert_accessible(admin)
    admin.get_by_role("link", name="Buka siklus").first.click()
    expect(admin.locator("h1")).to_have_text("Buka siklus evaluasi")
    assert_accessible(admin)
    admin.get_by_label("Kerangka").select_option(str(framework.pk))
    admin.get_by_label("Tahun evaluasi").fill("2026")
    admin.get_by_label("Nama").fill("Evaluasi uji e2e 2026")
    for checkbox in admin.locator("input[name=participants]").all():
        checkbox.uncheck()
    admin.get_by_label(kabupaten.name).check()
    admin.get_by_label("Tenggat penilaian mandiri").fill("2026-04-30")
    admin.get_by_role("button", name="Buka siklus").click()
    expect(admin.locator(".messages")).to_contain_text("Siklus telah dibuka")
    assert_accessible(admin)
    admin.locator("#id_asesor").select_option(label=asesor_name)
    admin.locator("#asesor ~ form input[name=submissions]").first.check()
    admin.get_by_role("button", name="Tugaskan").click()
    expect(admin.locator(".messages")).to_contain_text("Asesor telah ditugaskan")
    screenshot(admin, "evaluation-cycle-detail", full_page=False)


def fill_claims(team: Page) -> None:
    team.goto("/evaluasi/penilaian/")
    assert_accessible(team)
    team.get_by_role("link", name=re.compile("Pemerintah Kabupaten Kupang")).first.click()
    expect(team.locator("body")).to_contain_text("0 dari 5 terjawab")
    assert_accessible(team)
    team.get_by_role("link", name=re.compile(r"^1\. Indikator satu")).click()
    expect(team.locator("h1")).to_contain_text("Indikator satu")
    expect(team.locator(".level-choices")).to_contain_text("Kriteria 1/2")  # criteria next to each level
    assert_accessible(team)
    # htmx: choosing a level saves the draft without pressing a button
    team.locator("label[for=claim-3]").click()
    expect(team.locator("#save-status")).to_contain_text("Tersimpan pukul")
    team.get_by_label("Penjelasan").fill("SK Tim SPBE sudah terbit.")
    team.get_by_role("button", name="Simpan dan lanjut ke indikator berikutnya").click()
    for level in ("2", "4", "3"):
        team.locator(f"label[for=claim-{level}]").click()
        team.get_by_role("button", name="Simpan dan lanjut ke indikator berikutnya").click()
    expect(team.locator("h1")).to_contain_text("Indikator lima")
    team.get_by_label("Tingkat yang diajukan").fill("3,25")  # a figure from another index
    team.get_by_label("Sumber nilai").fill("Indeks lain 2025")
    team.get_by_role("button", name="Simpan", exact=True).click()
    expect(team.locator(".messages")).to_contain_text("Indikator 5 telah disimpan")
    assert_accessible(team)


def add_evidence(team: Page, tmp_path: Any) -> None:
    # lost input: a level and an explanation typed just before going to the library survive the trip
    team.get_by_label("Tingkat yang diajukan").fill("3,25")
    team.get_by_label("Penjelasan").fill("Diambil dari indeks lain, lihat SK.")
    team.get_by_role("button", name=re.compile("Simpan draf, lalu tambahkan berkas atau tautan")).click()
    expect(team.locator("h1")).to_contain_text("Pustaka bukti dukung")
    assert_accessible(team)
    path = tmp_path / "sk-tim-spbe.pdf"
    path.write_bytes(PDF)
    team.locator("#id_title").fill("SK Tim SPBE 2026")
    team.locator("#id_kind").select_option("regulation")
    team.locator("#id_file").set_input_files(str(path))
    team.get_by_role("button", name="Tambahkan ke pustaka").click()
    expect(team.locator("h1")).to_contain_text("Indikator lima")  # back at the indicator, the item cited
    expect(team.locator("main")).to_contain_text("SK Tim SPBE 2026")
    expect(team.get_by_label("Penjelasan")).to_have_value("Diambil dari indeks lain, lihat SK.")
    expect(team.get_by_label("Tingkat yang diajukan")).to_have_value("3,25")


def submit(team: Page) -> None:
    team.get_by_role("link", name="Semua indikator").click()
    expect(team.locator("body")).to_contain_text("5 dari 5 terjawab")
    team.get_by_role("button", name="Kirim penilaian mandiri").click()
    # the confirmation step: a summary first, nothing sent yet
    expect(team.locator("main")).to_contain_text("Indikator belum dijawab")
    assert_accessible(team)
    team.get_by_role("button", name="Ya, kirim penilaian mandiri").click()
    expect(team.locator(".messages")).to_contain_text("Penilaian mandiri telah dikirim")
    assert_accessible(team)


def review(asesor: Page) -> None:
    asesor.goto("/evaluasi/penilaian/")
    asesor.get_by_role("link", name=re.compile("Pemerintah Kabupaten Kupang")).first.click()
    asesor.get_by_role("button", name="Mulai Penilaian dokumen").click()
    expect(asesor.locator(".messages")).to_contain_text("Tahap penilaian berikutnya telah dimulai")
    asesor.get_by_role("button", name=re.compile("Terima tingkat sebelumnya")).click()
    asesor.get_by_role("button", name="Ya, terima semua").click()
    asesor.get_by_role("button", name="Mulai Penilaian interviu").click()
    assert_accessible(asesor)
    asesor.get_by_role("link", name=re.compile(r"^4\. Indikator empat")).click()
    expect(asesor.locator("main")).to_contain_text("Penilaian Anda pada Penilaian interviu")
    asesor.locator("label[for=review-2]").click()
    asesor.get_by_label("Catatan asesor").fill("SK belum ditandatangani.")
    asesor.get_by_role("button", name="Simpan tingkat tervalidasi").click()
    expect(asesor.locator(".messages")).to_contain_text("Tingkat tervalidasi indikator 4 telah disimpan")
    assert_accessible(asesor)
    screenshot(asesor, "evaluation-review", full_page=False)
    asesor.get_by_role("link", name="Semua indikator").click()
    asesor.get_by_role("button", name=re.compile("Terima tingkat sebelumnya")).click()
    asesor.get_by_role("button", name="Ya, terima semua").click()


def respond(team: Page) -> None:
    team.reload()
    team.get_by_role("link", name=re.compile(r"^4\. Indikator empat")).click()
    team.locator("#id_response").fill("SK ditandatangani bulan depan.")
    team.get_by_role("button", name="Simpan tanggapan").click()
    expect(team.locator(".messages")).to_contain_text("Tanggapan telah disimpan")
    assert_accessible(team)


def finalise_and_verify(admin: Page, settings: Any, live_server: Any) -> None:
    admin.goto("/evaluasi/penilaian/")
    admin.get_by_role("link", name=re.compile("Pemerintah Kabupaten Kupang")).first.click()
    admin.get_by_role("button", name="Finalkan hasil").click()
    expect(admin.locator("main")).to_contain_text("Indikator tanpa tingkat tervalidasi")
    admin.get_by_role("button", name="Ya, finalkan hasil").click()
    expect(admin.locator(".messages")).to_contain_text("Hasilnya sudah final")
    admin.get_by_role("link", name="Hasil dan laporan").click()
    # (40/3·(3+2+4) + 35·2 + 25·3.25) / 100 = 2.7125 → 2,71 Baik
    expect(admin.locator(".card-grid").first).to_contain_text("2,71")
    assert_accessible(admin)
    screenshot(admin, "evaluation-result", full_page=False)
    with admin.expect_download() as info:
        admin.get_by_role("button", name="Terbitkan LHE (PDF)").click()
    data = info.value.path().read_bytes()
    assert data.startswith(b"%PDF-")
    digest = hashlib.sha256(data).hexdigest()
    links = [link for link in pdf_links(data) if "/evaluasi/verifikasi/" in link]
    assert links and links[0].startswith(live_server.url), links
    # the QR code and the link in the PDF open the verification page in Lontar
    anonymous = admin.context.browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    anonymous.goto(links[0])
    expect(anonymous.locator("h1")).to_have_text("Verifikasi dokumen")
    expect(anonymous.locator("main")).to_contain_text(digest)
    expect(anonymous.locator("main")).to_contain_text("Pemerintah Kabupaten Kupang")
    assert_accessible(anonymous)
    pdf_path = info.value.path()
    anonymous.locator("#id_document").set_input_files(str(pdf_path))
    anonymous.get_by_role("button", name="Periksa berkas").click()
    expect(anonymous.locator(".alert-success")).to_contain_text("Sah")
    assert_accessible(anonymous)
    screenshot(anonymous, "evaluation-verify", full_page=False)


def test_whole_cycle(browser: Browser, live_server: Any, province: dict, framework: Any, settings: Any, tmp_path):
    settings.BASE_URL = live_server.url
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    admin = person(browser, live_server, province["province"], "admin", "admin.e2e@uji.go.id")
    asesor = person(browser, live_server, province["province"], "asesor", "asesor.e2e@uji.go.id")
    team = person(browser, live_server, province["kabupaten"], "tim_koordinasi", "tim.e2e@uji.go.id")
    open_cycle(admin, framework, province["kabupaten"], "asesor.e2e")
    fill_claims(team)
    add_evidence(team, tmp_path)
    submit(team)
    review(asesor)
    respond(team)
    finalise_and_verify(admin, settings, live_server)


@pytest.fixture
def published(framework, province):
    """A final cycle of the test framework with results for the province and both kab/kota, and a target."""
    from lontar.accounts.models import Membership, User
    from lontar.evaluations import services
    from tests.evaluations.conftest import run_to_interviu

    team = User.objects.create_user(email="tim.pub@uji.go.id", password=E2E_PASSWORD, full_name="Tim")
    asesor = User.objects.create_user(email="asesor.pub@uji.go.id", password=E2E_PASSWORD, full_name="Asesor")
    cycle = services.cycle_open(
        actor=None,
        framework=framework,
        year=2025,
        name="Evaluasi uji terbit 2025",
        participants=[province["province"], province["kabupaten"], province["kota"]],
    )
    Membership.objects.create(user=asesor, organisation=province["province"], role="asesor")
    for key in ("province", "kabupaten", "kota"):
        Membership.objects.create(user=team, organisation=province[key], role="tim_koordinasi")
    team = User.objects.get(pk=team.pk)  # memberships are cached per user object
    for i, submission in enumerate(cycle.submissions.select_related("organisation")):
        levels = {"1": 1 + i, "2": 2, "3": 3, "4": 2 + i, "5": "2.5"}
        run_to_interviu(submission, team, asesor, levels)
        services.review_accept_remaining(actor=asesor, submission=submission)
        services.submission_finalise(actor=None, submission=submission)
    services.cycle_finalise(actor=None, cycle=cycle)
    services.target_set(
        actor=None, organisation=province["kabupaten"], framework_code=framework.code, year=2025, target_index="3.5"
    )
    return cycle


def test_public_dashboard_and_result_are_accessible(page: Page, published: Any, province: dict):
    page.goto("/evaluasi/dasbor/")
    assert_accessible(page)
    page.get_by_role("link", name="Evaluasi uji terbit 2025").click()
    expect(page.locator("h1")).to_contain_text("Evaluasi uji terbit 2025")
    expect(page.locator("#ranking-caption")).to_be_visible()
    expect(page.locator("table.heatmap")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "evaluation-dashboard")
    page.locator("#ranking ~ .table-wrap").get_by_role("link", name=province["kabupaten"].name).click()
    expect(page.locator("main")).to_contain_text("Target dan rencana")
    expect(page.locator("main")).to_contain_text("perubahan paling sedikit")  # the plan towards 3.50
    assert_accessible(page)


def test_claim_without_javascript(browser: Browser, live_server: Any, province: dict, framework):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lontar.accounts.models import Membership, User
    from lontar.evaluations import services

    cycle = services.cycle_open(
        actor=None, framework=framework, year=2026, name="Evaluasi tanpa JS", participants=[province["kabupaten"]]
    )
    user = User.objects.create_user(email="tim.nojs@uji.go.id", password=E2E_PASSWORD, full_name="Tim")
    Membership.objects.create(user=user, organisation=province["kabupaten"], role="tim_koordinasi")
    device = TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    sign_in(page, user.email, device=device)
    submission = cycle.submissions.get()
    page.goto(f"/evaluasi/penilaian/{submission.pk}/indikator/2/")
    page.locator("label[for=claim-4]").click()
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Indikator 2 telah disimpan")
    expect(page.locator("#claim-4")).to_be_checked()
    context.close()


def test_targets_page(page: Page, e2e_login: Any, province: dict, framework: Any):
    e2e_login(province["kabupaten"], "tim_koordinasi")
    page.goto(f"/evaluasi/target/{province['kabupaten'].slug}/")
    assert_accessible(page)
    page.locator("#id_framework_code").select_option(framework.code)
    page.locator("#id_year").fill("2026")
    page.locator("#id_target_index").fill("2,75")
    page.get_by_role("button", name="Simpan target").click()
    expect(page.locator(".messages")).to_contain_text("Target telah disimpan")
    expect(page.locator("main table")).to_contain_text("2,75")
    assert_accessible(page)
