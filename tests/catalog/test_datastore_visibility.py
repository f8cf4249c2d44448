"""The catalogue owns the data class: the datastore's staff pages and services can never make
the table of an internal or dikecualikan dataset public, and a datastore refusal while
publishing answers the Walidata with a message, not an error page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from lontar.catalog import services
from lontar.catalog.models import CatalogEntry, DataClass, DatasetState, DatasetVersion
from lontar.catalog.services.datastore_bridge import table_for
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.selectors import public_table
from lontar.datastore.services import DatastoreError, datastore_activate, datastore_set_public
from lontar.datastore.visibility import verdict
from tests.catalog.conftest import DB

pytestmark = DB

NOT_PUBLIC = "tidak dapat dibuka untuk publik"
OWNED = "Ubahlah melalui katalog"


def _table(dataset):
    return table_for(dataset.resources.get())


def _public(table: DatastoreTable) -> bool:
    table.refresh_from_db()
    return table.is_public


@pytest.mark.parametrize("data_class", [DataClass.INTERNAL, DataClass.DIKECUALIKAN])
def test_closed_dataset_table_can_never_be_made_public(actors, make_dataset, data_class):
    dataset = make_dataset(f"data-{data_class}", "Data tertutup", data_class=data_class)
    assert dataset.state == DatasetState.PUBLISHED
    table = _table(dataset)
    assert table.status == TableStatus.ACTIVE and not table.is_public
    assert verdict(table.resource_key) is False
    # the service, as a person (the staff pages), as the system (datastore_load) and even as the
    # catalogue's own bridge (owner=True) against the data class
    with pytest.raises(DatastoreError) as exc:
        datastore_set_public(actor=actors.walidata, table=table, is_public=True)
    assert exc.value.code == "visibility_owned"
    with pytest.raises(DatastoreError) as exc:
        datastore_set_public(actor=None, table=table, is_public=True)
    assert exc.value.code == "visibility_owned"
    with pytest.raises(DatastoreError) as exc:
        datastore_set_public(actor=None, table=table, is_public=True, owner=True)
    assert exc.value.code == "class_not_public"
    assert not _public(table)
    # the staff page: no button, and a forged POST is refused with an Indonesian message
    client = actors.clients["walidata"]
    page = client.get(reverse("datastore:detail", args=[table.pk]))
    assert page.status_code == 200
    assert "Jadikan publik" not in page.content.decode() and OWNED in page.content.decode()
    answer = client.post(reverse("datastore:visibility", args=[table.pk]), {"public": "1"}, follow=True)
    assert answer.status_code == 200 and OWNED in answer.content.decode()
    assert not _public(table)
    assert client.get(f"/data/{table.resource_key}.json").status_code == 404


def test_reactivating_an_old_public_version_of_a_now_internal_dataset_stays_private(actors, make_dataset):
    dataset = make_dataset("data-k", "Data K")
    table = _table(dataset)
    assert _public(table)
    DatastoreTable.objects.filter(pk=table.pk).update(status=TableStatus.RETIRED)  # replaced, still flagged public
    dataset = services.dataset_revise(actor=actors.produsen, dataset=dataset, note="Ternyata data internal.")
    services.dataset_update(actor=actors.produsen, dataset=dataset, data={"data_class": DataClass.INTERNAL})
    table.refresh_from_db()
    # every version that ever belonged to the dataset follows its class, not only the active one
    assert not table.is_public and table.status == TableStatus.RETIRED
    DatastoreTable.objects.filter(pk=table.pk).update(is_public=True)  # e.g. flagged before this rule
    with pytest.raises(DatastoreError) as exc:  # the staff pages may not activate a catalogue version
        datastore_activate(actor=actors.walidata, table=table)
    assert exc.value.code == "catalogue_owned"
    activated = datastore_activate(actor=None, table=table, owner=True)  # nor may the bridge make it public
    assert activated.status == TableStatus.ACTIVE and not activated.is_public
    with pytest.raises(Http404):
        public_table(table.resource_key)


def test_public_dataset_table_visibility_follows_the_catalogue(actors, make_dataset):
    dataset = make_dataset("data-l", "Data L")
    table = _table(dataset)
    assert _public(table) and verdict(table.resource_key) is True
    client = actors.clients["walidata"]
    answer = client.post(reverse("datastore:visibility", args=[table.pk]), {"public": "0"}, follow=True)
    assert OWNED in answer.content.decode()
    assert _public(table)  # withdrawing goes through the catalogue
    services.dataset_withdraw(actor=actors.walidata, dataset=dataset, note="Salah unggah.")
    assert not _public(table)
    with pytest.raises(DatastoreError):
        datastore_set_public(actor=None, table=table, is_public=True, owner=True)


def test_tables_outside_the_catalogue_keep_their_switch(actors):
    assert verdict("tidak-ada-dataset/tabel") is None


def _report_with_errors(table: DatastoreTable) -> None:
    report = dict(table.report)
    report["issues"] = [
        *report.get("issues", []),
        {"code": "ragged_row", "severity": "error", "params": {"row": 3, "found": 2, "expected": 4}},
    ]
    DatastoreTable.objects.filter(pk=table.pk).update(report=report)


def test_publication_refused_by_the_datastore_is_a_message(actors, make_dataset):
    later = dt.date.today() + dt.timedelta(days=3)
    dataset = make_dataset("data-m", "Data M", state="verified", release_date=later)
    assert dataset.state == DatasetState.VERIFIED
    _report_with_errors(_table(dataset))  # e.g. loaded again with other column types after verification
    with pytest.raises(ValidationError) as exc:
        services.dataset_publish(actor=actors.walidata, dataset=dataset, note="Terbitkan.", on=later)
    assert "Tabel penduduk" in exc.value.messages[0] and "kesalahan" in exc.value.messages[0]
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.VERIFIED and dataset.published_version is None
    assert not DatasetVersion.objects.filter(dataset=dataset).exists()
    assert not CatalogEntry.objects.filter(dataset=dataset).exists()
    assert _table(dataset).status == TableStatus.READY


def test_publish_page_shows_the_datastore_refusal(actors, make_dataset):
    later = dt.date.today() + dt.timedelta(days=3)
    dataset = make_dataset("data-n", "Data N", state="verified", release_date=later)
    _report_with_errors(_table(dataset))
    type(dataset).objects.filter(pk=dataset.pk).update(release_date=dt.date.today())
    client = actors.clients["walidata"]
    answer = client.post(reverse("catalog:manage_step", args=[dataset.pk, "publish"]), {"note": "Terbitkan."})
    assert answer.status_code == 400
    assert "Tabel penduduk" in answer.content.decode() and "kesalahan" in answer.content.decode()
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.VERIFIED
