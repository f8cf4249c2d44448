"""Plain DCAT catalogue pages are kept in the page cache per catalogue version (lontar.core.page_cache)."""

from __future__ import annotations

import pytest
from django.test import Client

from lontar.core import page_cache
from tests.catalog.conftest import DB

pytestmark = [DB, pytest.mark.usefixtures("urusan_topics")]


def _hit(response) -> bool:
    return not hasattr(response.wsgi_request, "_page_cache")


@pytest.mark.parametrize("url", ["/catalog.ttl?page=1", "/catalog.jsonld"])
def test_a_page_is_served_from_the_cache_until_the_catalogue_changes(make_dataset, url):
    make_dataset("penduduk-satu", "Penduduk satu")
    first = Client().get(url)
    assert first.status_code == 200 and not _hit(first)
    again = Client().get(url)
    assert _hit(again) and again.content == first.content
    make_dataset("penduduk-dua", "Penduduk dua")  # published: a new catalogue version
    fresh = Client().get(url)
    assert not _hit(fresh) and b"penduduk-dua" in fresh.content


def test_searches_and_signed_in_visitors_are_not_kept(make_dataset, login, province):
    make_dataset("penduduk-satu", "Penduduk satu")
    for url in ("/catalog.ttl?q=penduduk", "/catalog.ttl?fq=tags:penduduk", "/catalog.ttl?modified_since=2020-01-01"):
        assert Client().get(url).status_code == 200
    assert len(page_cache.store) == 0
    client, _user = login(province["province"], "admin")
    assert client.get("/catalog.ttl").status_code == 200
    assert len(page_cache.store) == 0
