"""The public directory /organisasi/: search, filters, paging, bad input, query counts."""

from __future__ import annotations

import re

import pytest

from lontar.organisations.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ntt")]

URL = "/organisasi/"


def slugs(response) -> list[str]:
    body = response.content.decode()
    section = body[body.index('id="directory-results"') :]
    return re.findall(r'<th scope="row"><a href="/organisasi/([a-z0-9-]+)/"', section)


def test_directory_lists_the_first_page_with_counts_and_sample_badges(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    total = Organisation.objects.filter(is_active=True).count()
    body = response.content.decode()
    assert f"{total} " in body
    rows = slugs(response)
    assert len(rows) == 50
    assert rows[0] == "pemprov-ntt"  # the province first, the instansi before its OPD
    assert '<span class="badge badge-sample">' in body
    assert 'method="get"' in body and 'role="search"' in body
    assert "<caption" in body and 'scope="col"' in body


def test_search_is_case_insensitive_on_name_and_short_name(client):
    found = slugs(client.get(URL, {"q": "KOMINFO kupang"}))
    assert set(found) == {"pemkab-kupang-diskominfo", "pemkot-kupang-diskominfo"}
    found = slugs(client.get(URL, {"q": "rote"}))
    assert "pemkab-rote-ndao" in found and "pemkab-rote-ndao-dinkes" in found
    assert slugs(client.get(URL, {"q": "dinas komunikasi nusa tenggara"})) == ["pemprov-ntt-diskominfo"]


def test_filter_by_region_kind_and_type(client):
    found = slugs(client.get(URL, {"wilayah": "53.01"}))
    assert found and all(s.startswith("pemkab-kupang") for s in found)
    assert set(slugs(client.get(URL, {"jenis": "instansi"}))) == set(
        Organisation.objects.filter(kind="instansi").values_list("slug", flat=True)
    )
    biro = slugs(client.get(URL, {"tipe": "biro"}))
    assert len(biro) == 7 and all(s.startswith("pemprov-ntt-biro-") for s in biro)
    assert slugs(client.get(URL, {"wilayah": "53.71", "jenis": "opd", "tipe": "rsud"})) == []


def test_repeat_visits_use_the_fragment_cache_but_searches_do_not(client, django_assert_num_queries):
    first = client.get(URL, {"jenis": "opd", "page": "2"})
    with django_assert_num_queries(1):  # the data version
        second = client.get(URL, {"jenis": "opd", "page": "2"})
    assert slugs(first) == slugs(second)
    client.get(URL, {"q": "dinas"})
    with django_assert_num_queries(2):  # counts and rows: no cache, no version
        client.get(URL, {"q": "dinas"})


def test_an_organisation_saved_elsewhere_changes_the_cached_list(client, login, province):
    from lontar.organisations.services import organisation_update

    client.get(URL, {"jenis": "instansi"})
    _, admin = login(province["province"], "admin")
    organisation_update(
        actor=admin, organisation=Organisation.objects.get(slug="pemkab-alor"), name="Pemkab Alor (baru)"
    )
    assert "Pemkab Alor (baru)" in client.get(URL, {"jenis": "instansi"}).content.decode()


def test_no_match_says_so(client):
    response = client.get(URL, {"q": "tidak-ada-yang-cocok"})
    assert response.status_code == 200 and slugs(response) == []
    assert 'id="directory-results"' in response.content.decode()


def test_pages_are_disjoint_and_keep_filters_in_links(client):
    first = slugs(client.get(URL, {"jenis": "opd"}))
    second_response = client.get(URL, {"jenis": "opd", "page": "2"})
    second = slugs(second_response)
    assert len(first) == len(second) == 50 and not set(first) & set(second)
    body = second_response.content.decode()
    assert 'aria-current="page"' in body and "jenis=opd" in body and 'rel="prev"' in body
    assert 'aria-label="Pagination"' in body or 'class="pagination"' in body


@pytest.mark.parametrize("page", ["999", "0", "-1", "abc", "1e3", "9" * 400, "２", "1 OR 1=1"])
def test_a_page_that_does_not_exist_is_a_404_with_a_way_back(client, page):
    response = client.get(URL, {"page": page, "jenis": "instansi"})
    assert response.status_code == 404
    body = response.content.decode()
    assert 'role="alert"' in body
    assert 'href="/organisasi/?jenis=instansi"' in body
    assert slugs(response) == []


def test_last_page_exists(client):
    total = Organisation.objects.filter(is_active=True).count()
    last = (total + 49) // 50
    response = client.get(URL, {"page": str(last)})
    assert response.status_code == 200 and len(slugs(response)) == total - (last - 1) * 50


@pytest.mark.parametrize(
    "params",
    [
        {"wilayah": "99.99"},
        {"wilayah": "53.01.04"},  # a kecamatan is not a directory filter
        {"wilayah": "x" * 10_000},
        {"jenis": "<script>alert(1)</script>"},
        {"tipe": "dinas' OR '1'='1"},
        {"q": "x" * 10_000},
        {"q": "a\x00b"},
    ],
)
def test_invalid_filters_are_ignored_with_a_notice(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="alert alert-warning" role="alert"' in body
    assert 'class="field field-error"' in body
    assert len(slugs(response)) == 50  # the invalid filter did not apply
    assert "<script>alert(1)" not in body


def test_hostile_search_strings_are_plain_text(client):
    for q in ("' OR 1=1 --", "%", "_", "<b>dinas</b>", "\\"):
        response = client.get(URL, {"q": q})
        assert response.status_code == 200
        assert "<b>dinas</b>" not in response.content.decode()
    assert slugs(client.get(URL, {"q": "%"})) == []


def test_htmx_request_gets_the_results_partial(client):
    response = client.get(URL, {"q": "kominfo"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="directory-results"') and "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(URL, {"q": "kominfo"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_filter_form_offers_the_province_and_22_kabkota(client):
    body = client.get(URL).content.decode()
    options = re.findall(r'<option value="(53[0-9.]*)"', body)
    assert options[0] == "53" and len(options) == 23
    assert re.search(r'<option value="53">[^<]*Nusa Tenggara Timur</option>', body)
    assert '<option value="53.71">Kota Kupang</option>' in body


def test_only_active_organisations_are_listed(client):
    Organisation.objects.filter(slug="pemkab-kupang-dinkes").update(is_active=False)
    assert "pemkab-kupang-dinkes" not in slugs(client.get(URL, {"q": "dinkes kupang"}))
    assert client.get("/organisasi/pemkab-kupang-dinkes/").status_code == 404


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405
