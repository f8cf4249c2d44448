"""The shell's public pages: home, about, pattern library, error pages, language switch."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client, override_settings
from django.urls import path

from config import urls as project_urls
from lontar.core import views

pytestmark = pytest.mark.django_db


def test_home_is_a_start_page_with_links_and_a_map(client: Client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/organisasi/"' in html
    assert 'href="/api/v1/docs"' in html
    assert html.count("<path d=") >= 22
    assert '<a class="skip-link" href="#main">' in html


@pytest.mark.parametrize("url", ["/", "/tentang/", "/pola/"])
def test_landmarks_and_language(client: Client, url: str):
    html = client.get(url).content.decode()
    assert '<html lang="id">' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert html.count("<h1") == 1
    assert 'name="language" value="en"' in html
    assert 'aria-pressed="true"' in html


def test_language_switch_without_javascript(client: Client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/pola/"})
    assert response.status_code == 302
    assert response["Location"] == "/pola/"
    html = client.get("/pola/").content.decode()
    assert '<html lang="en">' in html
    assert "Pattern library" in html
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    html = client.get("/pola/").content.decode()
    assert '<html lang="id">' in html
    assert "Pustaka pola" in html


def test_pattern_library_shows_every_component(client: Client):
    response = client.get("/pola/")
    html = response.content.decode()
    assert response.status_code == 200
    for marker in (
        'class="button"',
        'class="field field-error"',
        'aria-invalid="true"',
        'class="filter-bar"',
        'class="table-wrap"',
        'class="card"',
        'class="badge badge-sample"',
        'class="alert alert-warning"',
        'class="breadcrumbs"',
        'class="pagination"',
        'class="tabs"',
        'class="kv"',
        "<progress",
        'class="chart"',
        "<details",
    ):
        assert marker in html, marker
    assert html.count('<figure class="chart">') == 4
    assert "data contoh" in html


def test_pattern_library_selects_a_region_and_tab(client: Client):
    html = client.get("/pola/?wilayah=53.05&tab=history&page=3").content.decode()
    assert "Kabupaten Alor" in html
    assert 'href="?tab=history#navigasi" aria-current="page"' in html
    assert 'aria-current="page"><span class="visually-hidden">Halaman </span>3</a>' in html


@pytest.mark.parametrize(
    "query",
    ["wilayah=<script>alert(1)</script>", "wilayah=53.99", "tab=%00", "page=-1", "page=99999999999999999999", "page=x"],
)
def test_pattern_library_ignores_hostile_parameters(client: Client, query: str):
    response = client.get(f"/pola/?{query}")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_charts_on_pattern_page_are_well_formed_svg(client: Client):
    html = client.get("/pola/").content.decode()
    start = 0
    count = 0
    while (i := html.find("<svg ", start)) != -1:
        j = html.index("</svg>", i) + len("</svg>")
        root = ET.fromstring(html[i:j])
        start, count = j, count + 1
        assert root.get("class") in {"chart-svg", "chart-swatch"}
    assert html.count('class="chart-svg"') == 4
    assert count > 4


def test_404_is_styled_and_indonesian(client: Client):
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan (404)" in html
    assert "lontar.css" in html


def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("uji-403/", _forbidden), path("uji-500/", _broken), *project_urls.urlpatterns]
handler403 = views.error_403
handler404 = views.error_404
handler500 = views.error_500


@override_settings(ROOT_URLCONF=__name__)
def test_403_page(client: Client):
    response = client.get("/uji-403/")
    assert response.status_code == 403
    assert "Akses ditolak (403)" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_500_page_is_self_contained():
    client = Client(raise_request_exception=False)
    response = client.get("/uji-500/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Kesalahan server (500)" in html
    assert "<link" not in html and "<script" not in html


def test_pages_stay_indonesian_for_english_browsers(client: Client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in html
    assert "Direktori" in html


@pytest.mark.parametrize("path", ["/", "/organisasi/", "/ppid/", "/dataset/"])
def test_page_titles_name_the_page_then_lontar(client: Client, path):
    html = client.get(path).content.decode()
    title = html[html.index("<title>") + 7 : html.index("</title>")]
    page, _sep, site = title.rpartition(" · ")
    assert site == "Lontar" and page.strip() and not page.endswith("Lontar")
