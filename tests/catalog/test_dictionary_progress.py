"""After an upload the data dictionary says "diproses" and looks again by itself (htmx polling,
a meta refresh without JavaScript) until the inferred columns, or the load's error, are there."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.tasks import load_table
from tests.catalog.conftest import CSV, DB

pytestmark = DB

POLL = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "ingest-status"}


def _upload(client, dataset, content: str, django_capture_on_commit_callbacks):
    """Post an upload; the datastore's job is only queued (not run), as when the worker is busy."""
    upload = SimpleUploadedFile("penduduk.csv", content.encode(), content_type="text/csv")
    with (
        mock.patch.object(type(load_table), "enqueue") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            f"/kelola/data/{dataset.pk}/sumber/baru/", {"name": "Tabel kedua", "format": "CSV", "upload": upload}
        )
    assert response.status_code == 302 and response["Location"].endswith("/kamus/")
    (table_id,) = enqueue.call_args.args
    return response["Location"], DatastoreTable.objects.get(pk=table_id)


def test_processing_polls_and_refreshes_then_shows_the_inferred_columns(
    actors, make_dataset, django_capture_on_commit_callbacks
):
    client = actors.clients["produsen"]
    dataset = make_dataset("data-proses", "Data diproses", state="draft")
    url, table = _upload(client, dataset, CSV, django_capture_on_commit_callbacks)
    DatastoreTable.objects.filter(pk=table.pk).update(phase="loading", rows_done=3, rows_total=6)

    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Diproses" in body
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in body
    assert f'data-hx-get="{url}"' in body and 'data-hx-trigger="every 2s"' in body
    assert 'id="ingest-status"' in body and "<progress" in body and "3 dari 6 baris" in body
    assert 'name="form-0-name"' not in body  # nothing to type over while a refresh may come

    partial = client.get(url, **POLL)
    fragment = partial.content.decode()
    assert partial.status_code == 200 and "<html" not in fragment
    assert fragment.lstrip().startswith('<section id="ingest-status"') and 'data-hx-trigger="every 2s"' in fragment

    load_table.func(table.pk)  # what the worker runs
    table.refresh_from_db()
    assert table.status == TableStatus.READY

    finished = client.get(url, **POLL)
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"  # htmx reloads the page
    done = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in done and "data-hx-trigger" not in done and "Diproses" not in done
    assert 'value="kode_wilayah"' in done and 'name="form-0-name"' in done


def test_a_failed_load_shows_its_error_and_no_refresh(actors, make_dataset, django_capture_on_commit_callbacks):
    client = actors.clients["produsen"]
    dataset = make_dataset("data-gagal", "Data gagal", state="draft")
    url, table = _upload(client, dataset, "kode,nama\n", django_capture_on_commit_callbacks)
    with pytest.raises(IngestError):  # the job raises the load's error after recording it on the version
        load_table.func(table.pk)
    table.refresh_from_db()
    assert table.status == TableStatus.FAILED
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and 'role="alert"' in body
    with translation.override("id"):
        assert table.error_message in body
    assert 'http-equiv="refresh"' not in body and "data-hx-trigger" not in body
    assert 'name="form-0-name"' in body  # the columns can still be described by hand
