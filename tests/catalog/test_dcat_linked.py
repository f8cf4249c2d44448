"""The DCAT IRIs dereference (content negotiation), and the catalogue honours q / fq / modified_since."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lontar.catalog.dcat import views as dcat_views
from lontar.catalog.dcat.linked import negotiate
from lontar.catalog.models import CatalogEntry
from tests.catalog import turtle_check
from tests.catalog.conftest import DB

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (BROWSER, "html"),
        ("", "html"),
        ("*/*", "html"),
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/json", "jsonld"),
        ("text/turtle;q=0.5, application/ld+json", "jsonld"),
        ("text/html;q=0.1, text/turtle", "ttl"),
        ("text/turtle, */*;q=0.1", "ttl"),
        ("application/ld+json, text/turtle", "jsonld"),
        ("text/turtle;q=abc, text/html", "html"),
        ("text/turtle;q=0", "html"),
        ("image/png", "html"),
    ],
)
def test_negotiate(accept, expected):
    assert negotiate(accept) == expected


@given(st.text(max_size=300))
def test_negotiate_any_header(accept):
    assert negotiate(accept) in ("html", "ttl", "jsonld")


@pytest.fixture
def two(make_dataset):
    return [
        make_dataset("penduduk-kabkota", "Jumlah penduduk per kab/kota", topics=["administrasi-kependudukan"]),
        make_dataset("fasilitas-kesehatan", "Fasilitas kesehatan", topics=["kesehatan"]),
    ]


@DB
def test_every_iri_dereferences(client, two):
    dataset = two[1]
    entry = CatalogEntry.objects.get(dataset=dataset)
    rid = entry.version.snapshot["resources"][0]["id"]
    org = dataset.organisation.slug
    browser = {
        "/catalog": "/dataset/",
        f"/dataset/{dataset.pk}": "/dataset/fasilitas-kesehatan/",
        f"/dataset/{dataset.pk}/resource/{rid}": f"/dataset/fasilitas-kesehatan/#res-{rid}",
        "/group/": "/dataset/",
        "/group/kesehatan": "/dataset/?groups=kesehatan",
        "/catalog/service/data": "/data/",
        "/catalog/service/api-v1": "/api/v1/docs",
    }
    for iri, page in browser.items():
        response = client.get(iri, HTTP_ACCEPT=BROWSER)
        assert response.status_code == 303 and response["Location"] == page, iri
        assert "Accept" in response["Vary"]
        turtle = client.get(iri, HTTP_ACCEPT="text/turtle")
        assert turtle.status_code == 200 and turtle["Content-Type"].startswith("text/turtle"), iri
        assert f"<http://testserver{iri}> a " in turtle.content.decode(), iri
        jsonld = client.get(iri, HTTP_ACCEPT="application/ld+json")
        assert jsonld["Content-Type"].startswith("application/ld+json"), iri
        graph = json.loads(jsonld.content)["@graph"]
        assert f"http://testserver{iri}" in json.dumps(graph), iri
        by_format = client.get(f"{iri}?format=ttl").content.decode()
        # the catalogue's paging links keep ?format, so its bodies differ in them only
        assert by_format.replace("format=ttl&", "") == turtle.content.decode(), iri
    # the publisher: RDF for RDF clients, the organisation's catalogue page for a browser
    response = client.get(f"/organization/{org}", HTTP_ACCEPT="text/turtle")
    assert f"<http://testserver/organization/{org}> a foaf:Agent, foaf:Organization" in response.content.decode()
    assert client.get(f"/organization/{org}", HTTP_ACCEPT=BROWSER).status_code == 302
    # every IRI of this site the catalogue describes (every subject) or links to answers; an API's
    # endpoint URL is the base of its paths, not a page (/api/v1/ itself is 404 in django-ninja)
    triples = turtle_check.parse(client.get("/catalog.ttl").content.decode())
    minted = {
        term.strip("<>")
        for s, p, o in triples
        for term in (s, "" if p == "dcat:endpointURL" else o)
        if term.startswith("<http://testserver")
    }
    for iri in sorted(minted):
        path = iri.removeprefix("http://testserver")
        status = client.get(path, HTTP_ACCEPT="text/turtle").status_code
        assert status in (200, 302), (path, status)


@DB
def test_unknown_things_are_404(client, two):
    dataset = two[0]
    for iri in (
        "/dataset/00000000-0000-0000-0000-000000000000",
        f"/dataset/{dataset.pk}/resource/00000000-0000-0000-0000-000000000000",
        "/group/bukan-urusan",
        "/catalog/service/soap",
        "/organization/tidak-ada",
    ):
        assert client.get(iri, HTTP_ACCEPT="text/turtle").status_code == 404, iri


def _count(client, url: str) -> int:
    graph = json.loads(client.get(url).content)["@graph"]
    return sum(1 for n in graph if n.get("@type") == "dcat:Dataset")


@DB
def test_catalogue_honours_q_fq_and_modified_since(client, two, monkeypatch):
    assert _count(client, "/catalog.jsonld") == 2
    assert _count(client, "/catalog.jsonld?q=fasilitas") == 1
    assert _count(client, "/catalog.jsonld?fq=groups:kesehatan") == 1
    assert _count(client, "/catalog.jsonld?fq=groups:pendidikan") == 0
    assert _count(client, "/catalog.jsonld?q=fasilitas&fq=groups:administrasi-kependudukan") == 0
    assert _count(client, "/catalog.jsonld?modified_since=2000-01-01") == 2
    assert _count(client, "/catalog.jsonld?modified_since=2999-01-01") == 0
    monkeypatch.setattr(dcat_views, "PER_PAGE", 1)
    params = {"fq": "groups:(kesehatan OR administrasi-kependudukan)", "q": "", "modified_since": "2000-01-01"}
    graph = json.loads(client.get("/catalog.jsonld", params).content)["@graph"]
    paging = next(n for n in graph if n["@type"] == "hydra:PagedCollection")
    assert paging["hydra:totalItems"]["@value"] == "2"
    assert "modified_since=2000-01-01" in paging["hydra:nextPage"] and "fq=groups" in paging["hydra:nextPage"]
    linked = json.loads(client.get("/catalog?format=jsonld&q=").content)["@graph"]
    paging = next(n for n in linked if n["@type"] == "hydra:PagedCollection")
    assert paging["hydra:nextPage"] == "http://testserver/catalog?format=jsonld&q=&page=2"
    filtered = json.loads(client.get("/catalog.jsonld?fq=groups:kesehatan").content)["@graph"]
    paging = next(n for n in filtered if n["@type"] == "hydra:PagedCollection")
    assert paging["hydra:totalItems"]["@value"] == "1" and "hydra:nextPage" not in paging


@DB
def test_hostile_parameters_get_a_clear_400(client, two):
    bad = [
        "page=0",
        "page=abc",
        "page=99999999999",
        "modified_since=kemarin",
        "modified_since=2024-13-45",
        "modified_since=9999-12-31T23:59:59-05:00",
        "modified_since=0001-01-01T00:00:00%2B05:00",
        "fq=metadata_modified:[2024 TO kemarin]",
        "fq=bukan_field:x",
        "fq=groups:(kesehatan",
        "fq=metadata_modified:[kemarin TO *]",
        "q=" + "a" * 3000,
        "q=a%00b",
        "fq=a&fq=b",
    ]
    for query in bad:
        for url in (f"/catalog.ttl?{query}", f"/catalog.jsonld?{query}"):
            response = client.get(url)
            assert response.status_code == 400, url
        response = client.get(f"/catalog?{query}", HTTP_ACCEPT="application/ld+json")
        assert response.status_code == 400 and json.loads(response.content)["error"], query
    message = json.loads(client.get("/catalog.jsonld?modified_since=kemarin").content)["error"]
    assert "modified_since harus" in message  # Indonesian by default


@DB
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60), fq=st.text(max_size=60), since=st.text(max_size=30))
@example(q='"', fq="groups:[* TO", since="NOW-99999DAYS")
@example(q="title:", fq="-:", since="9999-12-31T23:59:59+99:00")
def test_any_parameters_answer_200_or_400(client, two, q, fq, since):
    response = client.get("/catalog.ttl", {"q": q, "fq": fq, "modified_since": since})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        turtle_check.parse(response.content.decode())
