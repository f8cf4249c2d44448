"""Organisation pages /organisasi/<slug>/: facts, OPD list, map, query counts."""

from __future__ import annotations

import re

import pytest

from lontar.organisations.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ntt")]


def page(client, slug: str) -> str:
    response = client.get(f"/organisasi/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_kabupaten_instansi_page(client, django_assert_max_num_queries):
    # cold cache: data version, organisation, its OPD, region counts, kab/kota names, populations,
    # instansi slugs for the map links; a warm cache needs only the data version (test below)
    with django_assert_max_num_queries(7):
        response = client.get("/organisasi/pemkab-kupang/")
    body = response.content.decode()
    assert "<h1>Pemerintah Kabupaten Kupang</h1>" in body
    assert "<code>53.01</code>" in body and "<code>5303</code>" in body
    assert "Oelamasi" in body
    assert "391.539" in body or "391,539" in body  # population, grouped in the active locale
    assert "5.130,66" in body or "5,130.66" in body  # area
    assert 'href="/organisasi/pemkab-kupang-diskominfo/"' in body  # its OPD list
    assert 'href="/organisasi/pemkab-kupang-rsud/"' in body
    assert body.count('<span class="badge badge-sample">') >= 20
    assert "badge-sample" not in body[: body.index("</header>", body.index("<h1>"))]  # the instansi is real


def test_map_outlines_the_region_and_links_every_kabkota(client):
    body = page(client, "pemkab-kupang")
    assert "<svg" in body and 'stroke="#c2410c"' in body  # the highlighted outline
    links = set(re.findall(r'<a href="(/organisasi/[a-z0-9-]+/)" aria-label', body))
    assert len(links) == 22 and "/organisasi/pemkot-kupang/" in links
    assert "<caption>" in body  # the map's table alternative, with the Dukcapil population per kab/kota
    assert "404.120" in body and "Jumlah penduduk (Dukcapil, semester II 2024)" in body


def test_province_page_shows_the_whole_map_without_highlight(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        body = page(client, "pemprov-ntt")
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in body
    assert 'stroke="#c2410c"' not in body
    links = set(re.findall(r'<a href="(/organisasi/[a-z0-9-]+/)" aria-label', body))
    assert "/organisasi/pemkab-timor-tengah-selatan/" in links and len(links) == 22
    assert 'href="/organisasi/pemprov-ntt-biro-hukum/"' in body
    assert "<code>53</code>" in body


def test_opd_page_shows_parent_sample_label_and_source(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        body = page(client, "pemkot-kupang-diskominfo")
    assert "Dinas Komunikasi dan Informatika Kota Kupang" in body
    assert 'href="/organisasi/pemkot-kupang/"' in body
    assert '<span class="badge badge-sample">' in body
    assert "Daftar contoh, belum diverifikasi terhadap Perda SOTK" in body
    assert "<code>5371</code>" in body
    assert 'stroke="#c2410c"' in body


def test_contacts_are_shown_and_escaped(client):
    Organisation.objects.filter(slug="pemkab-alor").update(
        phone="<script>alert(1)</script>", website="https://alorkab.example", email="info@alor.example"
    )
    body = page(client, "pemkab-alor")
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert 'href="mailto:info@alor.example"' in body


@pytest.mark.parametrize("slug", ["tidak-ada", "x" * 300, "pemkab-kupang-", "%3Cscript%3E", "pemkab_kupang"])
def test_unknown_slugs_are_404(client, slug):
    assert client.get(f"/organisasi/{slug}/").status_code == 404


def test_second_visit_is_served_from_the_fragment_cache(client, django_assert_num_queries):
    first = page(client, "pemkab-kupang")
    with django_assert_num_queries(1):  # only the data version
        second = page(client, "pemkab-kupang")
    strip = lambda html: re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", html)  # noqa: E731
    assert strip(first) == strip(second)


def test_a_change_through_the_service_shows_at_once(client, login, province):
    from lontar.organisations.services import organisation_update

    page(client, "pemkab-alor")
    _, admin = login(province["province"], "admin")
    organisation_update(actor=admin, organisation=Organisation.objects.get(slug="pemkab-alor"), phone="0386-21000")
    assert "0386-21000" in page(client, "pemkab-alor")


def test_names_are_escaped_in_the_title(client):
    Organisation.objects.filter(slug="pemkab-ende").update(name="Pemkab <Ende> & co")
    body = page(client, "pemkab-ende")
    assert "<title>Pemkab &lt;Ende&gt; &amp; co" in body


def test_region_page_of_a_kabupaten(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get("/organisasi/wilayah/53.01/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Kabupaten Kupang</h1>" in body and "<code>5303</code>" in body and "Oelamasi" in body
    assert 'href="/organisasi/pemkab-kupang/"' in body  # its instansi
    assert 'href="/organisasi/?wilayah=53.01"' in body
    kecamatan = re.findall(r'<th scope="row"><a href="/organisasi/wilayah/(53\.01\.[0-9]{2})/">', body)
    assert len(kecamatan) == 24
    assert 'stroke="#c2410c"' in body
    assert 'href="/organisasi/wilayah/53.71/"' in body  # the map links to region pages


def test_region_page_of_a_kecamatan_lists_its_desa(client):
    body = page(client, "wilayah/53.01.12")
    assert "Oh&#x27;aem" in body or "Oh'aem" in body
    assert 'href="/organisasi/wilayah/53.01/"' in body  # breadcrumb to the kabupaten
    assert 'stroke="#c2410c"' in body  # its kabupaten outlined


def test_province_region_page_counts_everything(client):
    body = page(client, "wilayah/53")
    assert "Provinsi" in body and 'href="/organisasi/pemprov-ntt/"' in body
    assert ">315<" in body and ">3.137<" in body and ">305<" in body and ">21<" in body


def test_desa_page_and_bad_codes(client):
    assert "Oh" in page(client, "wilayah/53.01.12.2005")
    for code in ("99", "53.99", "abc", "53.01.12.2005.1", "x" * 500, "53%2001"):
        assert client.get(f"/organisasi/wilayah/{code}/").status_code == 404, code


def test_organisation_page_links_to_its_region_page(client):
    assert 'href="/organisasi/wilayah/53.71/"' in page(client, "pemkot-kupang-dinkes")
