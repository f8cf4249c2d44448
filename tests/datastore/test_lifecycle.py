"""Publishing steps, permissions, audit events, cleanup and the background job."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.datastore.ingest.convert import ColumnSpec
from lontar.datastore.models import DatastoreTable, Phase, TableStatus
from lontar.datastore.services import (
    DatastoreError,
    datastore_activate,
    datastore_cleanup,
    datastore_deactivate,
    datastore_ingest,
    datastore_ingest_enqueue,
    datastore_set_public,
)
from lontar.datastore.store.writers import TableWriter, existing_tables, writer_for
from tests.datastore.conftest import BOTH
from tests.datastore.helpers import in_indonesian

pytestmark = pytest.mark.django_db(databases=BOTH)


def user_with(login, organisation, role):
    _client, user = login(organisation, role)
    return user


def test_roles(write, regions, province, login):
    opd = province["kabupaten_opd"]
    produsen = user_with(login, opd, Role.PRODUSEN_DATA)
    walidata = user_with(login, province["kabupaten"], Role.WALIDATA)
    other = user_with(login, province["kota_opd"], Role.PRODUSEN_DATA)
    viewer = user_with(login, opd, Role.VIEWER)
    with pytest.raises(PermissionDenied):
        datastore_ingest(actor=other, path=write("a\n1\n"), resource_key="uji/peran", organisation=opd)
    with pytest.raises(PermissionDenied):
        datastore_ingest(actor=viewer, path=write("a\n1\n"), resource_key="uji/peran", organisation=opd)
    with pytest.raises(PermissionDenied):
        datastore_ingest(actor=produsen, path=write("a\n1\n"), resource_key="uji/peran")  # no organisation
    table = datastore_ingest(actor=produsen, path=write("a\n1\n"), resource_key="uji/peran", organisation=opd)
    assert table.created_by == produsen
    with pytest.raises(PermissionDenied):
        datastore_activate(actor=produsen, table=table)
    with pytest.raises(PermissionDenied):
        datastore_set_public(actor=produsen, table=table, is_public=True)
    datastore_set_public(actor=walidata, table=table, is_public=True)
    datastore_activate(actor=walidata, table=table)
    events = AuditEvent.objects.filter(target_id=str(table.pk)).order_by("id")
    actions = list(events.values_list("action", flat=True))
    assert actions == ["datastore.table.loaded", "datastore.table.visibility_changed", "datastore.table.activated"]


def test_activation_refusals(write, load):
    table = datastore_ingest(actor=None, path=write("a\n1\n"), resource_key="uji/aktif")
    DatastoreTable.objects.filter(pk=table.pk).update(status=TableStatus.FAILED)
    table.refresh_from_db()
    with pytest.raises(DatastoreError) as err:
        datastore_activate(actor=None, table=table)
    assert err.value.code == "not_activatable"
    assert "gagal" in in_indonesian(lambda: err.value.message)


def test_activation_needs_the_rows(write, regions):
    table = datastore_ingest(actor=None, path=write("a\n1\n"), resource_key="uji/hilang")
    from lontar.datastore.store.writers import drop_table

    drop_table(table.table_name)
    with pytest.raises(DatastoreError) as err:
        datastore_activate(actor=None, table=table)
    assert err.value.code == "table_missing"


def test_retired_version_can_come_back_and_deactivate(write, load):
    first = load(write("a\n1\n"), key="uji/kembali")
    second = load(write("a\n2\n", name="2.csv"), key="uji/kembali")
    first.refresh_from_db()
    assert first.status == TableStatus.RETIRED
    datastore_activate(actor=None, table=first)
    second.refresh_from_db()
    assert second.status == TableStatus.RETIRED
    assert datastore_deactivate(actor=None, resource_key="uji/kembali").pk == first.pk
    assert datastore_deactivate(actor=None, resource_key="uji/kembali") is None
    assert not DatastoreTable.objects.filter(status=TableStatus.ACTIVE).exists()


def test_cleanup_marks_dead_loads_and_drops_orphans(write, regions):
    dead = DatastoreTable.objects.create(
        resource_key="uji/mati",
        version=1,
        table_name="ds_00000000000000aa",
        phase=Phase.LOADING,
        worker_pid=2**22 + 7,
        worker_host="host-lain",
    )
    DatastoreTable.objects.filter(pk=dead.pk).update(updated_at=timezone.now() - dt.timedelta(hours=2))
    alive = DatastoreTable.objects.create(
        resource_key="uji/hidup", version=1, table_name="ds_00000000000000bb", phase=Phase.LOADING
    )
    for name in ("ds_00000000000000aa", "ds_00000000000000bb", "ds_00000000000000cc"):
        writer = writer_for(name, [ColumnSpec("a", "a", "integer")])
        with transaction.atomic(using="datastore"):
            writer.create()
    kept = datastore_ingest(actor=None, path=write("a\n1\n"), resource_key="uji/tetap")
    result = datastore_cleanup(actor=None)
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (
        dead.status == TableStatus.FAILED and dead.error_code == "interrupted" and alive.status == TableStatus.LOADING
    )
    assert result.dropped == ["ds_00000000000000aa", "ds_00000000000000cc"]
    assert {"ds_00000000000000bb", kept.table_name} <= existing_tables()
    assert "ds_00000000000000aa" not in existing_tables()
    in_indonesian(lambda: dead.error_message)


def test_enqueued_load_runs_as_a_job(write, regions, settings, tmp_path, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    with open(write("a;b\n1;2,5\n"), "rb") as fh:
        name = default_storage.save("datastore/uploads/uji.csv", fh)
    with django_capture_on_commit_callbacks(execute=True):
        table = datastore_ingest_enqueue(actor=None, source_file=name, source_name="uji.csv", resource_key="uji/job")
    table.refresh_from_db()
    assert table.status == TableStatus.READY and table.phase == Phase.DONE and table.percent == 100
    assert table.column("b")["type"] == "decimal"


def test_enqueued_load_of_a_lost_file_fails_clearly(regions, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        table = datastore_ingest_enqueue(actor=None, source_file="datastore/uploads/hilang.csv", resource_key="uji/job")
    table.refresh_from_db()
    assert table.status == TableStatus.FAILED and table.error_code == "source_missing"


def test_progress_is_recorded(write, regions):
    seen = []
    datastore_ingest(actor=None, path=write("a\n1\n2\n"), resource_key="uji/maju", progress=lambda *a: seen.append(a))
    phases = [p for p, _d, _t in seen]
    assert phases[0] == "reading" and "loading" in phases and phases[-1] == "indexing"
    assert ("loading", 2, 2) in seen


def test_writer_refuses_unsafe_names():
    with pytest.raises(ValueError):
        TableWriter('ds_x"; DROP TABLE y; --', [])
