"""Satu Data publishing of the site registry and the weekly status (``lontar.konektivitas.publish``):
published once through the catalogue's workflow by the province's Diskominfo, served by the CKAN
DataStore API, refreshed (rows replaced) after a change, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from lontar.catalog.models import Dataset, DatasetState
from lontar.catalog.reference import urusan_list
from lontar.catalog.services.datastore_bridge import resource_key
from lontar.datastore.selectors import tables_of
from lontar.konektivitas import publish, sample
from lontar.konektivitas.models import Site, SiteWeeklyStatus

DB = pytest.mark.django_db(transaction=True, databases=["default", "datastore"])
SEARCH = "/api/3/action/datastore_search"


@pytest.fixture
def loaded(django_user_model):
    """Regions, agencies, the catalogue's topics, a superuser and the sample of one kabupaten."""
    from lontar.catalog.models import Topic

    call_command("load_regions", stdout=io.StringIO())
    call_command("load_organisations", stdout=io.StringIO())
    for u in urusan_list():
        Topic.objects.update_or_create(code=u.code, defaults={"slug": u.slug, "name": u.name, "group": u.group})
    sample.load(only=("53.20",), today=dt.date(2026, 12, 9))
    return django_user_model.objects.create_superuser(email="root@uji.go.id", password="kata-sandi-uji-123")


def _resource(dataset: Dataset, slug: str):
    return dataset.resources.get(slug=slug, removed_at__isnull=True)


def _search(client, resource, **params):
    answer = client.get(SEARCH, {"resource_id": str(resource.pk), **params})
    assert answer.status_code == 200, answer.content[:300]
    return answer.json()["result"]


def _datasette_count(client) -> int:
    answer = client.get(f"/data/{publish.DATASET_SLUG}/titik-layanan.json", {"_size": 1})
    assert answer.status_code == 200
    return answer.json()["filtered_table_rows_count"]


@DB
def test_published_dataset_serves_the_sites_and_a_refresh_replaces_rows(loaded, client):
    dataset = publish.publication_create(producer=loaded, walidata=loaded)
    assert dataset.state == DatasetState.PUBLISHED
    assert dataset.organisation.slug == publish.PUBLISHER_SLUG == "pemprov-ntt-diskominfo"
    assert dataset.licence == "cc-by-4.0" and dataset.is_sample and "data contoh" in dataset.description
    assert publish.published_dataset().pk == dataset.pk

    sites = _resource(dataset, "titik-layanan")
    result = _search(client, sites, limit=5000)
    assert result["total"] == Site.objects.filter(is_active=True).count() > 0
    codes = {r["kode_titik"] for r in result["records"]}
    assert codes == set(Site.objects.values_list("code", flat=True))
    record = result["records"][0]
    assert record["kode_kabupaten_kota"] == "53.20" and record["kode_desa_kelurahan"].startswith("53.20.")
    assert "biaya" not in str(result["fields"]) and "monthly_cost" not in record
    # the region columns are recognised as Kemendagri codes (map and filters use them)
    kinds = {c.name: c.reference_kind for c in sites.columns.all()}
    assert kinds["kode_kabupaten_kota"] == "kemendagri_kabkota" and kinds["kode_desa_kelurahan"] == "kemendagri_desa"
    # the Datasette-style API serves the same table under the dataset's name
    assert _datasette_count(client) == result["total"]
    # the weekly status (recomputed by the sample loader) is the second table
    statuses = _resource(dataset, "status-mingguan")
    assert _search(client, statuses)["total"] == SiteWeeklyStatus.objects.count() > 0

    # a change: one site renamed, one taken out of service; the refresh replaces the rows
    renamed = Site.objects.order_by("code").first()
    Site.objects.filter(pk=renamed.pk).update(name="Kantor Desa Baru (data contoh)")
    gone = Site.objects.order_by("-code").first()
    Site.objects.filter(pk=gone.pk).update(is_active=False)
    refreshed = publish.publication_refresh()
    assert refreshed.tables["titik-layanan"] == result["total"] - 1
    after = _search(client, sites, limit=5000)
    assert after["total"] == result["total"] - 1
    names = {r["kode_titik"]: r["nama_titik"] for r in after["records"]}
    assert names[renamed.code] == "Kantor Desa Baru (data contoh)" and gone.code not in names
    assert _datasette_count(client) == result["total"] - 1
    # the resource points at the version now served, and its download is the refreshed file
    sites.refresh_from_db()
    served = tables_of([resource_key(sites)], active_only=True)[0]
    assert sites.datastore_table_id == served.pk
    with sites.file.open("rb") as fh:
        text = fh.read().decode()
    assert "Kantor Desa Baru (data contoh)" in text and gone.code not in text
    assert sites.size == len(text.encode()) and len(sites.sha256) == 64
    # the published metadata and version are unchanged: no new revision
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.PUBLISHED and dataset.versions.count() == 1

    # creating again returns the same dataset
    assert publish.publication_create(producer=loaded, walidata=loaded).pk == dataset.pk


@DB
def test_refresh_runs_as_a_task_after_commit(loaded, client, django_capture_on_commit_callbacks):
    dataset = publish.publication_create(producer=loaded, walidata=loaded)
    sites = _resource(dataset, "titik-layanan")
    before = _search(client, sites)["total"]
    Site.objects.filter(pk=Site.objects.order_by("code").first().pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish.publication_refresh_enqueue()
    assert _search(client, sites)["total"] == before - 1


@DB
def test_refresh_before_publication_does_nothing(loaded):
    assert publish.publication_refresh().tables == {}


@DB
def test_nothing_is_left_behind_when_publication_is_refused(loaded, django_user_model):
    nobody = django_user_model.objects.create_user(email="biasa@uji.go.id", password="kata-sandi-uji-123")
    with pytest.raises(publish.PublishError):
        publish.publication_create(producer=nobody, walidata=nobody)
    assert not Dataset.objects.filter(slug=publish.DATASET_SLUG).exists()
    Site.objects.update(is_active=False)
    with pytest.raises(publish.PublishError, match="no sites"):
        publish.publication_create(producer=loaded, walidata=loaded)
    assert not Dataset.objects.filter(slug=publish.DATASET_SLUG).exists()
