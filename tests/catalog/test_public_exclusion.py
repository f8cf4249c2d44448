"""Internal and dikecualikan data — and anything not yet published — never reach a public route.

One module walks every public route of the catalogue (HTML pages, CKAN actions, DCAT, the Atom
feed, data requests) and of the data API when it is mounted, with an internal and a
dikecualikan dataset published and publik datasets in every unfinished workflow state, and
asserts that none of their titles, names, ids, resource ids, tags or column labels appears.
A new public route of the catalogue fails ``test_every_public_route_is_walked`` until it is
added here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver

from lontar.catalog import services
from lontar.catalog.models import DataClass, Dataset
from lontar.catalog.services import statmeta
from tests.catalog.conftest import COLUMNS, DB_COMMITTED

pytestmark = DB_COMMITTED

STAFF_OR_API = ("manage_", "ckan_")
CKAN_ACTIONS = [
    "package_list",
    "package_search",
    "package_show",
    "resource_show",
    "organization_list",
    "organization_show",
    "group_list",
    "group_show",
    "tag_list",
    "status_show",
    "site_read",
    "help_show",
    "datastore_search",
    "datastore_search_sql",
]


@dataclass
class Secrets:
    datasets: list[Dataset]
    markers: set[str] = field(default_factory=set)
    indicator_id: int = 0


def _secret(make_dataset, tag: str, slug: str, title: str, state: str, **extra) -> Dataset:
    columns = [dict(c) for c in COLUMNS]
    columns[3]["label"] = f"Label kolom {tag}"
    return make_dataset(slug, title, state=state, tags=[tag], columns=columns, **extra)


@pytest.fixture
def secrets(make_dataset, actors) -> Secrets:
    make_dataset("data-terbuka", "Data terbuka kontrol", tags=["kontrol"])
    future = dt.date.today() + dt.timedelta(days=30)
    made = [
        _secret(
            make_dataset, "zqxint", "zqx-internal", "Rahasia ZQXINTERNAL", "published", data_class=DataClass.INTERNAL
        ),
        _secret(
            make_dataset,
            "zqxdik",
            "zqx-dikecualikan",
            "Rahasia ZQXDIKECUALIKAN",
            "published",
            data_class=DataClass.DIKECUALIKAN,
        ),
        _secret(make_dataset, "zqxdraft", "zqx-draft", "Draf ZQXDRAFT", "draft"),
        _secret(make_dataset, "zqxsub", "zqx-diajukan", "Diajukan ZQXSUBMITTED", "submitted"),
        _secret(make_dataset, "zqxrev", "zqx-diperiksa", "Diperiksa ZQXREVIEW", "in_review"),
        _secret(
            make_dataset, "zqxver", "zqx-terverifikasi", "Menunggu rilis ZQXVERIFIED", "verified", release_date=future
        ),
        _secret(make_dataset, "zqxwd", "zqx-ditarik", "Ditarik ZQXWITHDRAWN", "published"),
    ]
    made[-1] = services.dataset_withdraw(actor=actors.walidata, dataset=made[-1], note="Ditarik dari katalog.")
    found = Secrets(datasets=made)
    indicator = statmeta.indicator_save(
        actor=actors.produsen,
        organisation=made[0].organisation,
        data={"name": "Indikator ZQXIND", "definition": "Rahasia.", "method": "x", "datasets": made[:2]},
    )
    found.indicator_id = indicator.pk
    found.markers.add("Indikator ZQXIND")
    for d in made:
        found.markers |= {d.title, d.slug, str(d.pk), d.pk.hex, f"Label kolom {d.tags.get().name}", d.tags.get().name}
        for r in d.resources.all():
            found.markers |= {str(r.pk), r.pk.hex, f"{d.slug}/{r.slug}"}
    return found


def _routes(secrets: Secrets, public_slug: str, public_resource: str) -> list[str]:
    org = "test-diskominfo-ntt"
    paths = [
        "/",
        "/dataset/",
        "/dataset/?q=zqx",
        "/dataset/?q=rahasia",
        "/dataset/?tags=zqxint",
        f"/dataset/?organization={org}",
        "/dataset/?sort=title&res_format=CSV&year=2024",
        "/organization/",
        f"/organization/{org}",
        "/feeds/dataset.atom",
        "/catalog.jsonld",
        "/catalog.ttl",
        "/catalog.jsonld?page=2",
        "/catalog.ttl?q=zqx",
        "/catalog.ttl?fq=tags:zqxint",
        "/catalog?format=ttl",
        "/catalog?format=jsonld&modified_since=2000-01-01",
        "/group/?format=ttl",
        "/group/administrasi-kependudukan?format=ttl",
        "/catalog/service/ckan?format=ttl",
        "/catalog/service/data?format=jsonld",
        f"/organization/{org}?format=ttl",
        "/permintaan-data/",
        "/permintaan-data/baru/",
        "/permintaan-data/PD-AAAAAAAA/",
        f"/dataset/{public_slug}/",
        f"/dataset/{public_slug}/versi/1/",
        f"/dataset/{public_slug}.jsonld",
        f"/dataset/{public_slug}.ttl",
        f"/dataset/{public_slug}/datapackage.json",
        f"/dataset/{public_slug}/resource/{public_resource}/download/x.csv",
        "/data/",
        "/data/sql",
        "/indikator/",
        f"/indikator/{secrets.indicator_id}/",
    ]
    for d in secrets.datasets:
        rid = str(d.resources.get().pk)
        paths += [
            f"/dataset/{d.slug}/",
            f"/dataset/{d.pk}/",
            f"/dataset/{d.pk}?format=ttl",
            f"/dataset/{d.pk}/resource/{rid}?format=ttl",
            f"/catalog.ttl?q={d.title.split()[-1]}",
            f"/dataset/{d.slug}.jsonld",
            f"/dataset/{d.slug}.ttl",
            f"/dataset/{d.slug}/datapackage.json",
            f"/dataset/{d.slug}/versi/1/",
            f"/dataset/{d.slug}/resource/{rid}/download/x.csv",
            f"/dataset/{public_slug}/resource/{rid}/download/x.csv",
            f"/dataset/?q={d.title.split()[-1]}",
            f"/dataset/?tags={d.tags.get().name}",
            f"/organization/{d.slug}",
            f"/data/{d.slug}/tabel-penduduk",
            f"/data/{d.slug}/tabel-penduduk.json",
            f"/data/{d.slug}/tabel-penduduk.csv",
            f"/datastore/dump/{rid}",
            f"/data/sql.json?sql=select+*+from+{d.slug}",
        ]
    return paths


def _ckan_calls(secrets: Secrets) -> list[tuple[str, dict]]:
    facets = '["organization","groups","tags","res_format","license_id","year"]'
    calls = [
        ("package_list", {}),
        ("package_search", {"rows": 1000, "facet.field": facets}),
        ("package_search", {"q": "zqx", "rows": 1000}),
        ("organization_list", {"all_fields": "true", "limit": 1000}),
        ("organization_show", {"id": "test-diskominfo-ntt", "include_datasets": "true"}),
        ("group_list", {"all_fields": "true"}),
        ("group_show", {"id": "administrasi-kependudukan", "include_datasets": "true"}),
        ("tag_list", {}),
        ("tag_list", {"query": "zqx", "all_fields": "true"}),
        ("status_show", {}),
        ("datastore_search_sql", {"sql": 'SELECT * FROM "zqx-internal"'}),
    ]
    for d in secrets.datasets:
        rid = str(d.resources.get().pk)
        calls += [
            ("package_show", {"id": d.slug}),
            ("package_show", {"id": str(d.pk)}),
            ("resource_show", {"id": rid}),
            ("package_search", {"q": d.title.split()[-1]}),
            ("package_search", {"fq": f"name:{d.slug}"}),
            ("package_search", {"fq": f"id:{d.pk}"}),
            ("package_search", {"fq": f"tags:{d.tags.get().name}"}),
            ("datastore_search", {"resource_id": rid}),
            ("datastore_search", {"resource_id": f"{d.slug}/tabel-penduduk"}),
        ]
    return calls


def _assert_clean(where: str, status: int, body: str, markers: set[str]) -> None:
    """No marker in the answer, except words the request itself carried (a search box echoes them)."""
    assert status < 500, f"{where} answered {status}"
    leaked = sorted(m for m in markers if m in body and m not in where)
    assert not leaked, f"{where} shows {leaked}"


def test_nothing_unpublished_or_not_public_leaks(client, secrets):
    public = Dataset.objects.get(slug="data-terbuka")
    public_resource = str(public.resources.get().pk)
    for path in _routes(secrets, public.slug, public_resource):
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_clean(path, response.status_code, body.decode("utf-8", "replace"), secrets.markers)
    for action, params in _ckan_calls(secrets):
        for method in ("get", "post"):
            if method == "get":
                response = client.get(f"/api/3/action/{action}", params)
            else:
                response = client.post(f"/api/action/{action}", json.dumps(params), content_type="application/json")
            _assert_clean(
                f"{method} {action} {params}", response.status_code, response.content.decode(), secrets.markers
            )
    for d in secrets.datasets:
        assert client.get(f"/dataset/{d.slug}/").status_code == 404
        assert client.get(f"/api/3/action/package_show?id={d.slug}").status_code == 404


def test_the_control_dataset_is_visible(client, secrets):
    """The walk above is meaningful: the same routes do show a public dataset."""
    assert "Data terbuka kontrol" in client.get("/dataset/").content.decode()
    body = client.get("/api/3/action/package_search?rows=1000").json()
    assert [p["name"] for p in body["result"]["results"]] == ["data-terbuka"]
    assert "data-terbuka" in client.get("/catalog.ttl").content.decode()


def test_every_public_route_is_walked():
    """Every public route of the catalogue is in the walk above (add new ones there)."""
    walked = {
        "search",
        "detail",
        "version",
        "dataset_jsonld",
        "dataset_ttl",
        "datapackage",
        "resource_download",
        "organisations",
        "organisation",
        "feed",
        "catalog_jsonld",
        "catalog_ttl",
        "catalog_iri",
        "dataset_iri",
        "distribution_iri",
        "scheme_iri",
        "concept_iri",
        "service_iri",
        "request_list",
        "request_new",
        "request_detail",
        "indicators",
        "indicator",
    }
    resolver = get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if getattr(pattern, "namespace", None) == "catalog":
            names |= {p.name for p in pattern.url_patterns if p.name}
    public = {n for n in names if not n.startswith(STAFF_OR_API)}
    assert public == walked, f"public routes not walked: {sorted(public - walked)}"
