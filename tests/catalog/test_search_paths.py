"""The fast search paths give the answers of the straightforward one, in a bounded number of queries.

``engine.compute`` (facet bitmaps, the database ordering and cutting the page, relevance by
``bm25``/``ts_rank`` in SQL) against ``engine.plain_compute`` (every matched row read, sorted and
counted in Python); CKAN packages from the cached JSON against ``entry_package``; the search
page's facet links against the ``querystring_toggle`` tag.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lontar.catalog.ckan.packages import stored_text
from lontar.catalog.ckan.serialize import entry_package
from lontar.catalog.models import CatalogEntry, DataClass, Dataset, DatasetState, DatasetVersion, Tag, Topic
from lontar.catalog.search import cache as search_cache
from lontar.catalog.search import engine, facet_index
from lontar.catalog.search.facets import count as facet_counts
from lontar.catalog.search.query import Clause, parse, parse_sort
from lontar.catalog.selectors.public import public_entries
from lontar.catalog.services.entries import entry_sync
from lontar.catalog.services.snapshot import dataset_snapshot
from lontar.catalog.templatetags.catalog_tags import querystring_toggle
from lontar.catalog.views.search_page import facet_groups
from tests.catalog.conftest import DATABASES

pytestmark = pytest.mark.django_db(databases=DATABASES)

WORDS = ["penduduk", "kesehatan", "sekolah", "jalan", "nelayan", "padi", "desa", "air"]
TITLES = ["Zebra", "angka", "Ánálisis", "éksport", "Bagan", "bagan", "Çatatan", "data"]
FACETS = list(engine.FACET_FIELDS)
BASE = "http://testserver"


def _publish(i: int, rng: random.Random, orgs: list, topics: list, tags: list, when: dt.datetime) -> Dataset:
    words = rng.sample(WORDS, 3)
    start = rng.randint(2018, 2024)
    dataset = Dataset.objects.create(
        slug=f"uji-{i:03d}-{words[0]}",
        title=f"{TITLES[i % len(TITLES)]} {words[0]} {words[1]}",
        description=f"Data uji tentang {' '.join(words)}.",
        organisation=orgs[i % len(orgs)],
        data_class=DataClass.PUBLIK,
        temporal_start=start,
        temporal_end=start + rng.randint(0, 3),
        contact_email="data@uji.go.id",
        is_sample=True,
        state=DatasetState.PUBLISHED,
        first_published_at=when,
    )
    dataset.topics.set(rng.sample(topics, 2))
    dataset.tags.set([t for t in tags if t.name in words])
    snapshot = dataset_snapshot(dataset, [], {}, number=1, published_at=when, first_published_at=when)
    snapshot["resources"] = [
        {
            "id": str(uuid.uuid4()),
            "version_id": str(uuid.uuid4()),
            "slug": f"tabel-{n}",
            "name": f"Tabel {n}",
            "description": "",
            "format": fmt,
            "url": "" if n else "https://contoh.id/x.csv",
            "filename": "tabel.csv",
            "size": 10,
            "sha256": "ab" * 32,
            "created": when.isoformat(),
            "last_modified": (when + dt.timedelta(microseconds=0 if n else 1)).isoformat(),
            "datastore_table_id": None,
            "columns": [],
        }
        for n, fmt in enumerate(rng.sample(["CSV", "XLSX", "PDF"], rng.randint(1, 2)))
    ]
    version = DatasetVersion.objects.create(
        dataset=dataset, number=1, snapshot=snapshot, data_class="publik", published_at=when
    )
    dataset.published_version = version
    dataset.save(update_fields=["published_version"])
    # a few share their timestamp, so ties must be broken the same way on every path
    entry_sync(dataset, modified=when - dt.timedelta(hours=(i // 3)))
    return dataset


@pytest.fixture
def catalogue(province) -> list[Dataset]:
    rng = random.Random(11)
    orgs = [province["province_opd"], province["kabupaten_opd"], province["kota_opd"]]
    topics = list(Topic.objects.order_by("pk")[:5])
    tags = [Tag.objects.get_or_create(name=w)[0] for w in WORDS]
    when = timezone.now().replace(microsecond=0)
    return [_publish(i, rng, orgs, topics, tags, when) for i in range(48)]


def _params(q: str = "", fq: str = "", sort: str = "", start: int = 0, rows: int = 10, facets=None, limit: int = 50):
    parsed = parse(q, free_text=True)
    clauses = parsed.clauses + (parse(fq, free_text=False).clauses if fq else [])
    return engine.SearchParams(
        words=parsed.words,
        clauses=clauses,
        sort=parse_sort(sort, has_text=bool(parsed.words)),
        start=start,
        rows=rows,
        facet_fields=list(facets or []),
        facet_limit=limit,
    )


CASES = [
    {},
    {"q": "penduduk"},
    {"q": "penduduk", "facets": FACETS},
    {"q": "desa air", "facets": ["year", "tags"], "rows": 5, "start": 3},
    {"q": "pen", "sort": "score asc, name desc"},
    {"q": "sekolah", "sort": "metadata_modified desc, score desc", "rows": 100},
    {"q": "jalan", "sort": "title_string asc", "facets": FACETS},
    {"sort": "title_string desc", "rows": 20, "start": 7},
    {"sort": "title asc", "facets": ["organization"], "limit": 1},
    {"sort": "name asc", "rows": 1000},
    {"sort": "id asc", "rows": 7, "start": 14},
    {"sort": "id desc, name asc"},
    {"sort": "metadata_created asc", "facets": FACETS, "limit": -1},
    {"sort": "metadata_modified asc", "rows": 0, "facets": ["res_format"]},
    {"fq": "res_format:CSV year:2021", "facets": FACETS},
    {"fq": "-tags:padi", "q": "desa", "facets": FACETS, "rows": 50},
    {"fq": "metadata_modified:[2000-01-01T00:00:00Z TO *]", "sort": "id asc", "rows": 5, "start": 45},
    {"fq": "tags:(air OR padi) groups:kesehatan"},
    {"q": "tidakadasamasekali", "facets": FACETS},
    {"q": "penduduk", "start": 500, "facets": FACETS},
]


@pytest.mark.parametrize("case", CASES, ids=[json.dumps(c, sort_keys=True) for c in CASES])
def test_fast_paths_answer_like_the_straightforward_one(catalogue, case):
    params = _params(**case)
    assert engine.compute(params, search_cache.current_version()) == engine.plain_compute(params)


def test_random_searches_answer_like_the_straightforward_one(catalogue):
    rng = random.Random(5)
    sorts = ["", "score desc", "score asc, metadata_modified asc", "name desc", "title_string asc", "id asc"]
    filters = ["", "res_format:XLSX", "year:[2020 TO 2022]", "-res_format:PDF", "tags:nelayan", "groups:kesehatan"]
    version = search_cache.current_version()
    for _ in range(60):
        params = _params(
            q=" ".join(rng.sample(WORDS, rng.randint(0, 2))),
            fq=rng.choice(filters),
            sort=rng.choice(sorts),
            start=rng.choice([0, 0, 3, 40]),
            rows=rng.choice([1, 10, 100]),
            facets=rng.sample(FACETS, rng.randint(0, 6)),
            limit=rng.choice([2, 50, -1]),
        )
        assert engine.compute(params, version) == engine.plain_compute(params), params


def test_facet_index_counts_like_counting_every_row(catalogue):
    index = facet_index.build(search_cache.current_version())
    rows = list(public_entries().values_list("pk", "facet_keys"))
    assert index.size == len(catalogue) == len(rows)
    some = [(pk.hex, keys) for pk, keys in rows[::3]]
    expected = facet_counts((keys for _pk, keys in some), FACETS)
    assert index.counts([pk for pk, _k in some], FACETS) == {f: +c for f, c in expected.items()}


def test_facet_index_follows_the_catalogue_version(catalogue):
    version = search_cache.current_version()
    assert facet_index.get(version) is facet_index.get(version)  # kept between searches
    dataset = catalogue[0]
    dataset.data_class = DataClass.INTERNAL
    dataset.save(update_fields=["data_class"])
    entry_sync(dataset)  # leaves the public catalogue: a new version
    newer = search_cache.current_version()
    assert newer != version
    assert facet_index.get(newer).size == len(catalogue) - 1


def test_package_search_packages_equal_entry_package(client, catalogue):
    fields = json.dumps(FACETS)
    for _round in range(2):  # built, then from the cache
        body = client.get("/api/3/action/package_search", {"q": "desa", "rows": 100, "facet.field": fields}).json()
        result = body["result"]
        assert body["success"] is True and result["count"] == len(result["results"]) > 3
        found = public_entries().in_bulk([uuid.UUID(p["id"]) for p in result["results"]])
        assert result["results"] == [entry_package(found[uuid.UUID(p["id"])], BASE) for p in result["results"]]
        assert sum(result["facets"]["res_format"].values()) >= result["count"]


def test_packages_of_entries_without_a_usable_stored_text_are_built_per_request(client, catalogue):
    odd = catalogue[1]
    snapshot = odd.published_version.snapshot
    now = timezone.now()
    assert stored_text({**snapshot, "title": "a \x00O b"}, created=now, modified=now) == ""  # a marker itself
    snapshot["title"] = "Judul dengan \\u0000B"  # the text of a marker (PostgreSQL refuses NUL in JSON)
    DatasetVersion.objects.filter(pk=odd.published_version.pk).update(snapshot=snapshot)
    assert stored_text(snapshot, created=now, modified=now) == ""
    odd.refresh_from_db()
    entry_sync(odd, modified=timezone.now())
    CatalogEntry.objects.filter(pk=catalogue[2].pk).update(package_format=0)  # written by older code
    body = client.get("/api/3/action/package_search", {"sort": "name asc", "rows": 1000}).json()
    results = body["result"]["results"]
    found = public_entries().in_bulk([uuid.UUID(p["id"]) for p in results])
    assert results == [entry_package(found[uuid.UUID(p["id"])], BASE) for p in results]
    assert any(p["title"] == snapshot["title"] for p in results)
    call_command("catalog_refresh_packages", stdout=io.StringIO())
    assert not CatalogEntry.objects.filter(package_format=0).exists()
    assert client.get("/api/3/action/package_search", {"sort": "name asc", "rows": 1000}).json() == body


def test_package_json_follows_an_organisation_rename(client, catalogue, province):
    params = {"fq": f"organization:{province['kota_opd'].slug}", "rows": 1}
    assert client.get("/api/3/action/package_search", params).json()["result"]["count"] > 0
    province["kota_opd"].name = "Dinas Baru (uji)"
    province["kota_opd"].save()
    package = client.get("/api/3/action/package_search", params).json()["result"]["results"][0]
    assert package["organization"]["title"] == "Dinas Baru (uji)"


def _queries(client, path: str, params: dict) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured)


def test_package_search_queries_do_not_grow_with_rows(client, catalogue):
    _queries(client, "/api/3/action/package_search", {"facet.field": json.dumps(FACETS)})  # builds the facet index
    few = _queries(client, "/api/3/action/package_search", {"rows": 2, "facet.field": json.dumps(FACETS)})
    many = _queries(client, "/api/3/action/package_search", {"rows": 1000, "facet.field": json.dumps(FACETS)})
    assert few == many <= 9


def test_search_page_queries_do_not_grow_with_results(client, catalogue):
    few = _queries(client, "/dataset/", {"q": "tidakadasamasekali"})
    many = _queries(client, "/dataset/", {"q": "desa"})
    assert many <= few + 3  # the page's ids and cards, the relevance order
    assert _queries(client, "/dataset/", {}) <= 14


def test_search_page_is_cached_per_catalogue_version(client, catalogue):
    def content() -> str:
        body = client.get("/dataset/", {"sort": "newest"}).content.decode()
        return body[body.index('class="page-header"') :]  # the shell carries a fresh CSRF token each time

    first = content()
    with CaptureQueriesContext(connection) as captured:
        assert content() == first
    assert len(captured) <= 4  # the two versions, and what the site shell reads
    last = catalogue[-1]
    assert last.title not in first
    entry_sync(last, modified=timezone.now() + dt.timedelta(days=1))  # now the newest: a new catalogue version
    again = content()
    card = again.index('class="card"')
    assert last.title in again[card : again.index("</li>", card)]


@pytest.mark.parametrize(
    "query", ["", "q=desa", "groups=kesehatan&q=a&page=3", "year=2021&year=2022&sort=title", "tags=x&q=%C3%A9&tags=y"]
)
def test_facet_links_are_those_of_the_querystring_toggle_tag(query):
    request = RequestFactory().get(f"/dataset/?{query}")
    items = [engine.FacetItem(name=v, display_name=v, count=1) for v in ("2021", "kesehatan", "x", "é & <")]
    facets = {"year": items, "groups": items, "tags": items, "license_id": items}
    selected = {name: request.GET.getlist(name) for name in facets}
    for group in facet_groups(request.GET, selected, facets):
        for item in group["items"]:
            value = next(i.name for i in items if i.display_name == item["display_name"])
            assert item["href"] == querystring_toggle({"request": request}, group["name"], value)
            assert item["selected"] == (value in selected[group["name"]])


def test_clauses_of_the_page_and_the_api_agree(catalogue):
    """The HTML page's filters are the same clauses as the API's fq."""
    page = engine.SearchParams(words=[""], clauses=[Clause(field="res_format", values=("csv",))], facet_fields=FACETS)
    api = _params(fq="res_format:CSV", facets=FACETS)
    version = search_cache.current_version()
    assert engine.compute(page, version) == engine.compute(api, version) == engine.plain_compute(api)
