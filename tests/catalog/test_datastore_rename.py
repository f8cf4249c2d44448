"""A dataset renamed after its CSV was loaded keeps every table under the catalogue's rule.

Datastore tables of catalogue resources are keyed by the resource's stable id; the public URL
``/data/<dataset-slug>/<resource-slug>`` resolves through the catalogue's current slugs. Before
this, the table stayed under the old ``slug/resource`` key, unowned, and the datastore's staff
page could make the rows of an internal or dikecualikan dataset public.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from lontar.catalog import services
from lontar.catalog.models import DataClass, DatasetState
from lontar.catalog.services.datastore_bridge import table_for
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.visibility import verdict
from tests.catalog.conftest import DB, DB_COMMITTED

pytestmark = DB

OWNED = "Ubahlah melalui katalog"
RESOURCE = "tabel-penduduk"


def _renamed_and_published(actors, make_dataset, data_class: str):
    dataset = make_dataset("nama-lama", "Data berganti nama", state="draft", data_class=data_class)
    services.dataset_update(actor=actors.produsen, dataset=dataset, data={"slug": "nama-baru"})
    for step, actor in (
        (services.dataset_submit, actors.produsen),
        (services.dataset_review_start, actors.walidata),
        (services.dataset_verify, actors.walidata),
    ):
        dataset = step(actor=actor, dataset=dataset, note="Langkah.")
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.PUBLISHED and dataset.slug == "nama-baru"
    table = table_for(dataset.resources.get())
    assert table is not None and table.status == TableStatus.ACTIVE
    return dataset, table


def _urls(name: str) -> list[str]:
    return [f"/data/{name}.json", f"/data/{name}.csv", f"/data/{name}"]


@pytest.mark.parametrize("data_class", [DataClass.INTERNAL, DataClass.DIKECUALIKAN])
def test_renamed_closed_dataset_table_cannot_be_made_public(actors, make_dataset, data_class):
    _dataset, table = _renamed_and_published(actors, make_dataset, data_class)
    assert verdict(table.resource_key) is False  # owned by the catalogue, whatever the slug was
    client = actors.clients["walidata"]
    page = client.get(reverse("datastore:detail", args=[table.pk]))
    assert page.status_code == 200 and "Jadikan publik" not in page.content.decode()
    answer = client.post(reverse("datastore:visibility", args=[table.pk]), {"public": "1"}, follow=True)
    assert OWNED in answer.content.decode()
    table.refresh_from_db()
    assert not table.is_public
    anonymous = actors.clients["other"].__class__()
    for name in (f"nama-lama/{RESOURCE}", f"nama-baru/{RESOURCE}"):
        for url in _urls(name):
            assert anonymous.get(url).status_code == 404, url
        sql = anonymous.get("/data/sql.json", {"sql": f'SELECT * FROM "{name}"'})
        assert sql.status_code == 400
    for version in DatastoreTable.objects.filter(resource_key=table.resource_key):
        assert not version.is_public


@DB_COMMITTED  # the rows are read back through the read-only engine's own connection
def test_renamed_public_dataset_answers_at_its_new_name_only(actors, make_dataset):
    _dataset, table = _renamed_and_published(actors, make_dataset, DataClass.PUBLIK)
    table.refresh_from_db()
    assert table.is_public and verdict(table.resource_key) is True
    anonymous = actors.clients["other"].__class__()
    for url in _urls(f"nama-baru/{RESOURCE}"):
        assert anonymous.get(url).status_code == 200, url
    body = anonymous.get(f"/data/nama-baru/{RESOURCE}.json").json()
    assert body["resource"] == f"nama-baru/{RESOURCE}" and len(body["rows"]) == 4
    for url in _urls(f"nama-lama/{RESOURCE}"):
        assert anonymous.get(url).status_code == 404, url
    sql = anonymous.get("/data/sql.json", {"sql": f'SELECT COUNT(*) AS n FROM "nama-baru/{RESOURCE}"'})
    assert sql.status_code == 200 and sql.json()["rows"] == [{"n": 4}]
    assert anonymous.get("/data/sql.json", {"sql": f'SELECT * FROM "nama-lama/{RESOURCE}"'}).status_code == 400
    index = anonymous.get("/data/").content.decode()
    assert f"nama-baru/{RESOURCE}" in index and "nama-lama" not in index


def test_staff_page_cannot_activate_or_reload_a_catalogue_version(actors, make_dataset):
    later = dt.date.today() + dt.timedelta(days=3)
    dataset = make_dataset("data-staf", "Data staf", state="verified", release_date=later)
    table = table_for(dataset.resources.get())
    assert table.status == TableStatus.READY
    client = actors.clients["walidata"]
    page = client.get(reverse("datastore:detail", args=[table.pk])).content.decode()
    assert "Aktifkan versi ini" not in page and OWNED in page
    answer = client.post(reverse("datastore:activate", args=[table.pk]), follow=True)
    assert "alur kerja katalog" in answer.content.decode()
    answer = client.post(reverse("datastore:detail", args=[table.pk]), {}, follow=True)
    assert "alur kerja katalog" in answer.content.decode()
    table.refresh_from_db()
    assert table.status == TableStatus.READY
    assert DatastoreTable.objects.filter(resource_key=table.resource_key).count() == 1


def test_datastore_names_in_a_catalogue_dataset_are_refused(actors, make_dataset, tmp_path):
    from django.core.management import CommandError, call_command

    make_dataset("data-nama", "Data nama", state="draft")
    path = tmp_path / "lain.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="milik dataset katalog"):
        call_command("datastore_load", str(path), "--resource", "data-nama/lain", "--no-progress")
    with pytest.raises(CommandError):
        call_command("datastore_load", str(path), "--resource", f"catalog:{dataset_resource_id()}", "--no-progress")


def dataset_resource_id() -> str:
    import uuid

    return str(uuid.uuid4())


def test_one_load_path_reserves_the_version_with_the_upload(actors, make_dataset, django_capture_on_commit_callbacks):
    """A catalogue upload reserves its datastore version in the upload's own transaction (the
    resource points at it at once) and the datastore's own job loads it, as for a staff upload."""
    from lontar.datastore.tasks import load_table
    from tests.catalog.conftest import csv_upload

    dataset = make_dataset("data-jalur", "Data jalur", state="draft")
    with (
        mock.patch.object(type(load_table), "enqueue") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        resource = services.resource_add(
            actor=actors.produsen, dataset=dataset, data={"name": "Kedua", "format": "CSV"}, upload=csv_upload()
        )
    resource.refresh_from_db()
    table = table_for(resource)
    assert table is not None and table.status == TableStatus.LOADING
    assert table.resource_key == f"catalog:{resource.pk}" and table.source_file == resource.file.name
    enqueue.assert_called_once_with(table.pk)
    load_table.func(table.pk)  # what the worker runs
    table.refresh_from_db()
    assert table.status == TableStatus.READY
    assert [c.name for c in resource.columns.all()][:2] == ["kode_wilayah", "nama_wilayah"]  # dictionary prefilled


def test_migration_rekeys_legacy_tables_and_closes_the_leak(actors, make_dataset):
    """Migration 0008 on data written before it: the renamed table the resource points to (old key,
    made public by the staff page) and a later load under the new name become one resource's
    versions, numbered in load order and private; a datastore-only table keeps its key."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lontar.catalog.migrations.0008_datastore_tables_keyed_by_resource")
    dataset = make_dataset("nama-kini", "Data lama", state="draft", data_class=DataClass.INTERNAL)
    resource = dataset.resources.get()
    first = table_for(resource)
    DatastoreTable.objects.filter(pk=first.pk).update(
        resource_key=f"nama-dulu/{RESOURCE}", status=TableStatus.ACTIVE, is_public=True
    )
    second = DatastoreTable.objects.create(
        resource_key=f"nama-kini/{RESOURCE}", version=1, table_name="ds_00000000000000aa", status=TableStatus.FAILED
    )
    stranger = DatastoreTable.objects.create(resource_key="sensus/lain", version=1, table_name="ds_00000000000000bb")
    migration.forward(apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    stranger.refresh_from_db()
    key = f"catalog:{resource.pk}"
    assert (first.resource_key, first.version, first.is_public) == (key, 1, False)
    assert (second.resource_key, second.version) == (key, 2)
    assert stranger.resource_key == "sensus/lain"
    migration.backward(apps, None)
    first.refresh_from_db()
    assert first.resource_key == f"nama-kini/{RESOURCE}"
