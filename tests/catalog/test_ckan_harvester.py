# ruff: noqa: UP031, UP032 - the harvester's own string formatting, kept verbatim
"""The ckanext-harvest CKAN harvester pages Lontar's catalogue with its exact query strings.

The requests are built exactly as ``ckanext/harvest/harvesters/ckanharvester.py`` of
github.com/ckan/ckanext-harvest (master, commit 1a9a987d) builds them:

* ``gather_stage``: ``fq_terms`` gets ``' OR '.join('organization:%s' % name ...)`` for
  ``organizations_filter_include``, else one ``'-organization:%s'`` per
  ``organizations_filter_exclude``; the same with ``groups:`` for ``groups_filter_include`` /
  ``groups_filter_exclude``; for a re-harvest, ``'metadata_modified:[{since}Z TO *]'`` where
  ``since`` is ``(last_job.gather_started - timedelta(hours=1)).isoformat()`` (naive UTC).
* ``_search_for_datasets``: ``params = {'rows': '100', 'start': '0'}``, ``params['sort'] =
  'id asc'``, ``params['fq'] = ' '.join(fq_terms)``; GET ``<base>/api/3/action/package_search?`` +
  ``urlencode(params)``; ``result.results`` of each page, ``start += rows`` until a page is empty;
  the same content twice is an error ("The paging doesn't seem to work").

The harvester means "(any included organisation) and (any included group) and modified since";
Lontar's parser binds ``OR`` tighter than the spaces between terms for exactly that reason.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
import requests

from tests.catalog.conftest import DB_COMMITTED

pytestmark = DB_COMMITTED

KAB = "test-diskominfo-kab-kupang"
PROV = "test-diskominfo-ntt"


@pytest.fixture
def site(live_server, make_dataset, province, actors):
    make_dataset("paud-kecamatan", "Data PAUD per kecamatan", topics=["pendidikan"])
    make_dataset("fasilitas-kesehatan", "Fasilitas kesehatan", topics=["kesehatan"], tags=["puskesmas"])
    make_dataset(
        "penduduk-miskin",
        "Penduduk miskin kabupaten",
        topics=["kesehatan"],
        organisation=province["kabupaten_opd"],
        produsen=actors.other_produsen,
        walidata=actors.kab_walidata,
    )
    return live_server.url


def gather_fq_terms(config: dict, since: dt.datetime | None = None) -> list[str]:
    """``CKANHarvester.gather_stage``'s filter terms, line for line."""
    fq_terms = []
    org_filter_include = config.get("organizations_filter_include", [])
    org_filter_exclude = config.get("organizations_filter_exclude", [])
    if org_filter_include:
        fq_terms.append(" OR ".join("organization:%s" % org_name for org_name in org_filter_include))
    elif org_filter_exclude:
        fq_terms.extend("-organization:%s" % org_name for org_name in org_filter_exclude)
    groups_filter_include = config.get("groups_filter_include", [])
    groups_filter_exclude = config.get("groups_filter_exclude", [])
    if groups_filter_include:
        fq_terms.append(" OR ".join("groups:%s" % group_name for group_name in groups_filter_include))
    elif groups_filter_exclude:
        fq_terms.extend("-groups:%s" % group_name for group_name in groups_filter_exclude)
    if since is not None:
        get_changes_since = (since - dt.timedelta(hours=1)).isoformat()
        fq_terms.append("metadata_modified:[{since}Z TO *]".format(since=get_changes_since))
    return fq_terms


def search_for_datasets(base_url: str, fq_terms: list[str], rows: str = "100") -> list[dict]:
    """``CKANHarvester._search_for_datasets`` (``rows`` is '100' there; smaller here to page)."""
    base_search_url = base_url + "/api/%d/action" % 3 + "/package_search"
    params = {"rows": rows, "start": "0"}
    params["sort"] = "id asc"
    if fq_terms:
        params["fq"] = " ".join(fq_terms)
    pkg_dicts: list[dict] = []
    pkg_ids: set[str] = set()
    previous_content = None
    while True:
        url = base_search_url + "?" + urlencode(params)
        response = requests.get(url, timeout=30)
        assert response.status_code == 200, (url, response.text[:500])
        content = response.text
        assert not (previous_content and content == previous_content), "The paging doesn't seem to work"
        previous_content = content
        pkg_dicts_page = response.json().get("result", {}).get("results", [])
        ids_in_page = {p["id"] for p in pkg_dicts_page}
        assert not ids_in_page & pkg_ids
        pkg_ids |= ids_in_page
        pkg_dicts.extend(pkg_dicts_page)
        if len(pkg_dicts_page) == 0:
            break
        params["start"] = str(int(params["start"]) + int(params["rows"]))
    return pkg_dicts


def harvest(site: str, config: dict, since: dt.datetime | None = None, rows: str = "100") -> list[str]:
    return sorted(p["name"] for p in search_for_datasets(site, gather_fq_terms(config, since), rows))


def test_the_exact_filters_of_the_ckan_harvester(site):
    everything = ["fasilitas-kesehatan", "paud-kecamatan", "penduduk-miskin"]
    assert harvest(site, {}) == everything
    assert harvest(site, {}, rows="1") == everything  # the same paging, one dataset a page
    assert harvest(site, {"organizations_filter_include": [KAB, "tidak-ada"]}) == ["penduduk-miskin"]
    assert harvest(site, {"organizations_filter_exclude": [KAB, "tidak-ada"]}) == everything[:2]
    assert harvest(site, {"groups_filter_include": ["pendidikan", "pertanian"]}) == ["paud-kecamatan"]
    assert harvest(site, {"groups_filter_exclude": ["pendidikan"]}) == ["fasilitas-kesehatan", "penduduk-miskin"]
    both = {"organizations_filter_include": [PROV, KAB], "groups_filter_include": ["kesehatan"]}
    assert harvest(site, both, rows="1") == ["fasilitas-kesehatan", "penduduk-miskin"]


def test_a_re_harvest_asks_for_changes_since_the_last_job(site):
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # gather_started: naive UTC
    assert harvest(site, {}, since=now) == ["fasilitas-kesehatan", "paud-kecamatan", "penduduk-miskin"]
    assert harvest(site, {}, since=now + dt.timedelta(hours=2)) == []
    config = {"organizations_filter_include": [PROV], "groups_filter_exclude": ["pendidikan"]}
    assert harvest(site, config, since=now, rows="1") == ["fasilitas-kesehatan"]
    assert harvest(site, config, since=now + dt.timedelta(hours=2)) == []
