"""The SDI workflow through the services: states, notes, audit, e-mail, permissions, versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.audit.models import AuditEvent
from lontar.catalog import services
from lontar.catalog.models import CatalogEntry, DataClass, DatasetState, DatasetTransition, DatasetVersion
from tests.catalog.conftest import DB, csv_upload

pytestmark = DB


def test_full_workflow_publishes_an_immutable_version(actors, make_dataset, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dataset = make_dataset("penduduk-ntt", "Penduduk NTT")
    assert dataset.state == DatasetState.PUBLISHED
    version = dataset.published_version
    assert version.number == 1
    assert version.snapshot["title"] == "Penduduk NTT"
    assert version.snapshot["resources"][0]["columns"][3]["unit"] == "jiwa"
    entry = CatalogEntry.objects.get(dataset=dataset)
    assert entry.version == version
    steps = list(
        DatasetTransition.objects.filter(dataset=dataset)
        .order_by("created_at", "id")
        .values_list("to_state", flat=True)
    )
    assert steps == ["submitted", "in_review", "verified", "published"]
    assert all(t.note for t in DatasetTransition.objects.filter(dataset=dataset))
    actions = set(AuditEvent.objects.filter(target_id=str(dataset.pk)).values_list("action", flat=True))
    assert {"catalog.dataset.submitted", "catalog.dataset.verified", "catalog.dataset.published"} <= actions
    recipients = {address for m in mail.outbox for address in m.to}
    assert "walidata@uji.go.id" in recipients  # told of the submission
    assert "produsen@uji.go.id" in recipients  # told of verification and publication
    with pytest.raises(ValueError):
        version.note = "changed"
        version.save()


def test_produsen_cannot_act_for_another_opd(actors, province):
    with pytest.raises(PermissionDenied):
        services.dataset_create(actor=actors.other_produsen, organisation=province["province_opd"], data={"title": "x"})


def test_walidata_of_another_instansi_cannot_review(actors, make_dataset):
    dataset = make_dataset("data-a", "Data A", state="submitted")
    with pytest.raises(PermissionDenied):
        services.dataset_review_start(actor=actors.kab_walidata, dataset=dataset, note="ok")
    with pytest.raises(PermissionDenied):
        services.dataset_review_start(actor=actors.produsen, dataset=dataset, note="ok")


def test_every_step_needs_a_note(actors, make_dataset):
    dataset = make_dataset("data-b", "Data B", state="draft")
    with pytest.raises(ValidationError) as exc:
        services.dataset_submit(actor=actors.produsen, dataset=dataset, note="   ")
    assert "note" in exc.value.message_dict
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.DRAFT


def test_incomplete_dataset_cannot_be_submitted(actors, province):
    dataset = services.dataset_create(
        actor=actors.produsen, organisation=province["province_opd"], data={"slug": "kosong", "title": "Kosong"}
    )
    with pytest.raises(ValidationError) as exc:
        services.dataset_submit(actor=actors.produsen, dataset=dataset, note="Kirim")
    assert len(exc.value.messages) >= 4
    assert not DatasetTransition.objects.filter(dataset=dataset).exists()


def test_return_then_resubmit_then_verify(actors, make_dataset, django_capture_on_commit_callbacks):
    dataset = make_dataset("data-c", "Data C", state="in_review")
    with django_capture_on_commit_callbacks(execute=True):
        dataset = services.dataset_return(actor=actors.walidata, dataset=dataset, note="Satuan kolom belum diisi.")
    assert dataset.state == DatasetState.RETURNED
    assert any("Satuan kolom belum diisi." in m.body and m.to == ["produsen@uji.go.id"] for m in mail.outbox)
    services.dataset_update(actor=actors.produsen, dataset=dataset, data={"title": "Data C (perbaikan)"})
    dataset = services.dataset_submit(actor=actors.produsen, dataset=dataset, note="Sudah diperbaiki.")
    dataset = services.dataset_review_start(actor=actors.walidata, dataset=dataset, note="Diperiksa ulang.")
    dataset = services.dataset_verify(actor=actors.walidata, dataset=dataset, note="Sesuai prinsip SDI.")
    assert dataset.state == DatasetState.PUBLISHED
    assert dataset.published_version.snapshot["title"] == "Data C (perbaikan)"


def test_release_date_in_the_future_waits_for_the_command(actors, make_dataset):
    tomorrow = dt.date.today() + dt.timedelta(days=3)
    dataset = make_dataset("data-d", "Data D", state="verified", release_date=tomorrow)
    assert dataset.state == DatasetState.VERIFIED
    assert not CatalogEntry.objects.filter(dataset=dataset).exists()
    with pytest.raises(ValidationError):
        services.dataset_publish(actor=actors.walidata, dataset=dataset, note="Terbitkan")
    assert services.datasets_due(on=dt.date.today()) == []
    assert services.datasets_due(on=tomorrow) == [dataset]


def test_prioritas_needs_the_pembina(actors, make_dataset, province, django_capture_on_commit_callbacks):
    from lontar.catalog.models import ActivityMetadata, Topic

    activity = ActivityMetadata.objects.create(
        organisation=province["province_opd"],
        title="Registrasi penduduk",
        year=2024,
        collection_method="kompilasi_administrasi",
        sector=Topic.objects.get(slug="administrasi-kependudukan"),
        unit_name="Bidang Statistik",
        responsible_name="Kepala Bidang",
    )
    dataset = make_dataset("data-e", "Data E", state="in_review", is_prioritas=True, activity=activity)
    with django_capture_on_commit_callbacks(execute=True):
        dataset = services.dataset_verify(actor=actors.walidata, dataset=dataset, note="Sesuai.")
    assert dataset.state == DatasetState.VERIFIED  # waits for the Pembina Data
    assert any(m.to == ["pembina@uji.go.id"] for m in mail.outbox)
    with pytest.raises(PermissionDenied):
        services.dataset_approve(actor=actors.walidata, dataset=dataset, note="ok")
    dataset = services.dataset_return(actor=actors.pembina, dataset=dataset, note="Definisi variabel kurang.")
    assert dataset.state == DatasetState.RETURNED
    dataset = services.dataset_submit(actor=actors.produsen, dataset=dataset, note="Diperbaiki.")
    dataset = services.dataset_review_start(actor=actors.walidata, dataset=dataset, note="Periksa.")
    dataset = services.dataset_verify(actor=actors.walidata, dataset=dataset, note="Sesuai.")
    dataset = services.dataset_approve(actor=actors.pembina, dataset=dataset, note="Disetujui.")
    assert dataset.state == DatasetState.PUBLISHED


def test_revision_keeps_the_published_version_public(actors, make_dataset, django_capture_on_commit_callbacks):
    dataset = make_dataset("data-f", "Data F")
    dataset = services.dataset_revise(actor=actors.produsen, dataset=dataset, note="Tambah tahun 2025.")
    assert dataset.state == DatasetState.DRAFT
    services.dataset_update(actor=actors.produsen, dataset=dataset, data={"title": "Data F 2025"})
    entry = CatalogEntry.objects.get(dataset=dataset)
    assert entry.title == "Data F"
    resource = dataset.resources.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(actor=actors.produsen, resource=resource, data={}, upload=csv_upload("baru.csv"))
    dataset = services.dataset_submit(actor=actors.produsen, dataset=dataset, note="Revisi.")
    dataset = services.dataset_review_start(actor=actors.walidata, dataset=dataset, note="Periksa.")
    dataset = services.dataset_verify(actor=actors.walidata, dataset=dataset, note="Sesuai.")
    assert dataset.published_version.number == 2
    assert CatalogEntry.objects.get(dataset=dataset).title == "Data F 2025"
    first, second = DatasetVersion.objects.filter(dataset=dataset).order_by("number")
    assert first.snapshot["title"] == "Data F"
    assert first.resource_versions.get().file.name != second.resource_versions.get().file.name


def test_restricting_the_class_hides_it_at_once(actors, make_dataset):
    dataset = make_dataset("data-g", "Data G")
    dataset = services.dataset_revise(actor=actors.produsen, dataset=dataset, note="Ternyata data internal.")
    services.dataset_update(actor=actors.produsen, dataset=dataset, data={"data_class": DataClass.INTERNAL})
    assert not CatalogEntry.objects.filter(dataset=dataset).exists()


def test_withdraw_removes_the_public_entry(actors, make_dataset):
    dataset = make_dataset("data-h", "Data H")
    dataset = services.dataset_withdraw(actor=actors.walidata, dataset=dataset, note="Salah unggah.")
    assert dataset.state == DatasetState.RETURNED
    assert dataset.published_version is None
    assert not CatalogEntry.objects.filter(dataset=dataset).exists()


def test_internal_dataset_is_published_but_never_public(actors, make_dataset):
    dataset = make_dataset("data-i", "Data I", data_class=DataClass.INTERNAL)
    assert dataset.state == DatasetState.PUBLISHED
    assert not CatalogEntry.objects.filter(dataset=dataset).exists()


def test_publish_due_command(actors, make_dataset):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    later = dt.date.today() + dt.timedelta(days=5)
    dataset = make_dataset("data-j", "Data J", state="verified", release_date=later)
    out = io.StringIO()
    call_command("catalog_publish_due", stdout=out)
    assert "0 dataset(s) due" in out.getvalue() or "0 dataset" in out.getvalue()
    call_command("catalog_publish_due", "--date", later.isoformat(), "--dry-run", stdout=out)
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.VERIFIED
    call_command("catalog_publish_due", "--date", later.isoformat(), stdout=io.StringIO())
    dataset.refresh_from_db()
    assert dataset.state == DatasetState.PUBLISHED and CatalogEntry.objects.filter(dataset=dataset).exists()
    assert dataset.transitions.first().actor is None
    with pytest.raises(CommandError):
        call_command("catalog_publish_due", "--date", "besok", stdout=io.StringIO())
