"""DCAT-AP conformance, checked by pyshacl with the official shapes (shapes + range, RDFS inference):
DCAT-AP 3.0.1 from ../shared/conformance (0 violations), DCAT-AP 2.1.1 from the fixture copy
(0 violations but the byteSize datatype DCAT-AP 3 changed)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from lontar.catalog.dcat import views as dcat_views
from lontar.catalog.models import CatalogEntry
from tests.catalog import shacl_check, turtle_check
from tests.catalog.conftest import DB, DB_COMMITTED

TTL = {"HTTP_ACCEPT": "text/turtle"}
#: rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph internally
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def assert_conforms(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    body = response.content.decode()
    turtle_check.parse(body)  # our own reader too
    assert shacl_check.violations(body) == [], url
    assert shacl_check.violations_2_1_1(body) == [], url
    if headers:  # a negotiated IRI: its JSON-LD says the same (rdflib's JSON-LD parser)
        jsonld = client.get(url, HTTP_ACCEPT="application/ld+json").content.decode()
        assert shacl_check.same_graph(body, jsonld), url
    elif url.split("?")[0].endswith(".ttl"):
        jsonld = client.get(url.replace(".ttl", ".jsonld", 1)).content.decode()
        assert shacl_check.same_graph(body, jsonld), url
    return body


def test_shapes_are_on_disk():
    """CI runs with ../shared beside the project: the shapes must be there (no skipping)."""
    for name in ("shapes.ttl", "range.ttl"):
        assert (shacl_check.DCAT_AP_3 / name).is_file(), shacl_check.DCAT_AP_3 / name
        assert (shacl_check.DCAT_AP_2 / name).is_file(), shacl_check.DCAT_AP_2 / name


@pytest.fixture
def catalogue(make_dataset):
    return [
        make_dataset(
            "penduduk-kabkota",
            "Jumlah penduduk per kab/kota",
            topics=["administrasi-kependudukan"],
            source="Dinas Kependudukan dan Pencatatan Sipil, data contoh",
        ),
        make_dataset("fasilitas-kesehatan", "Fasilitas kesehatan", topics=["kesehatan"]),
    ]


@DB
def test_catalogue_datasets_and_every_iri_conform(client, catalogue, monkeypatch):
    monkeypatch.setattr(dcat_views, "PER_PAGE", 1)
    assert_conforms(client, "/catalog.ttl")
    assert_conforms(client, "/catalog.ttl?page=2")
    assert_conforms(client, "/catalog.ttl?q=fasilitas&fq=groups:kesehatan&modified_since=2000-01-01")
    assert_conforms(client, "/catalog", **TTL)
    for dataset in catalogue:
        assert_conforms(client, f"/dataset/{dataset.slug}.ttl")
        assert_conforms(client, f"/dataset/{dataset.pk}", **TTL)
        entry = CatalogEntry.objects.get(dataset=dataset)
        for res in entry.version.snapshot["resources"]:
            assert_conforms(client, f"/dataset/{dataset.pk}/resource/{res['id']}", **TTL)
        assert_conforms(client, f"/organization/{dataset.organisation.slug}", **TTL)
    body = assert_conforms(client, "/group/", **TTL)
    assert "skos:ConceptScheme" in body and body.count("a skos:Concept ;") == 32  # the urusan list
    assert_conforms(client, "/group/kesehatan", **TTL)
    for key in ("ckan", "data", "api-v1"):
        assert_conforms(client, f"/catalog/service/{key}", **TTL)


@DB_COMMITTED
def test_demo_catalogue_conforms(client, monkeypatch):
    """The demo catalogue (real statistics, every public dataset): whole, paged and one by one."""
    for command in ("load_regions", "load_organisations", "demo_users", "catalog_demo"):
        call_command(command, stdout=io.StringIO())
    names = list(CatalogEntry.objects.order_by("name").values_list("name", flat=True))
    assert len(names) >= 5
    whole = assert_conforms(client, "/catalog.ttl")
    assert whole.count("a dcat:Dataset") == len(names)
    monkeypatch.setattr(dcat_views, "PER_PAGE", 3)
    paged = assert_conforms(client, "/catalog.ttl?page=2")
    assert paged.count("a dcat:Dataset") == min(3, len(names) - 3) and "hydra:previousPage" in paged
    for name in names:
        assert_conforms(client, f"/dataset/{name}.ttl")
