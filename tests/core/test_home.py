"""The home page leads to the three modules (PPID request, dataset search, evaluation headline) and
its map of NTT links every kabupaten/kota to its page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lontar.core.svg.geometry import kabkota_geometry

pytestmark = pytest.mark.django_db


def test_the_three_modules_and_their_main_actions(client) -> None:
    html = client.get("/").content.decode()
    request_link = re.search(r'<a class="button" href="([^"]+)">Ajukan permohonan informasi</a>', html)
    assert request_link and request_link[1] == reverse("ppid:request_new")
    form = re.search(r'<form method="get" action="([^"]+)" role="search"[^>]*>(.*?)</form>', html, re.S)
    assert form and form[1] == reverse("catalog:search") == "/dataset/"
    assert 'name="q"' in form[2] and '<label for="home-q">Cari dataset</label>' in form[2]
    assert 'id="modul-evaluasi"' in html


def test_the_search_box_leads_to_the_catalogue_results(client) -> None:
    response = client.get("/dataset/", {"q": "penduduk"})
    assert response.status_code == 200


def test_the_map_links_every_kabupaten_and_kota_to_its_page(client) -> None:
    html = client.get("/").content.decode()
    links = dict(re.findall(r'<a href="(/organisasi/wilayah/[0-9.]+/)" aria-label="([^"]+)">', html))
    regions = kabkota_geometry().regions
    assert len(regions) == 22
    for region in regions:
        url = reverse("organisations:region", args=[region.code])
        assert url in links, region.code
        assert links[url].startswith(region.name)


def test_a_kabupaten_link_on_the_map_opens_its_page(client, province) -> None:
    html = client.get("/").content.decode()
    assert 'href="/organisasi/wilayah/53.01/"' in html
    page = client.get("/organisasi/wilayah/53.01/")
    assert page.status_code == 200
    assert "Kabupaten Kupang" in page.content.decode()
