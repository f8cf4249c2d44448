"""Satu Data hand-offs over real SMTP (aiosmtpd): submitted → Walidata, returned → Produsen (with the
note), verified Data Prioritas → Pembina, approved/published → Produsen and Walidata. Each subject
names the step and the dataset's title, in Indonesian even when the actor browses in English."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from lontar.catalog import services
from lontar.catalog.models.choices import DatasetState
from tests.catalog.conftest import DB
from tests.ppid import test_reminders_smtp

pytestmark = DB

smtp = test_reminders_smtp.smtp  # the real SMTP server fixture
PRODUSEN, WALIDATA, PEMBINA = "produsen@uji.go.id", "walidata@uji.go.id", "pembina@uji.go.id"


def _mails(smtp, to: str) -> list:
    return [m for _f, rcpt, m in smtp.messages if rcpt == [to]]


def _step(smtp, capture, service, **kwargs):
    smtp.messages.clear()
    with translation.override("en"), capture(execute=True):
        return service(**kwargs)


def _only_mail(smtp, to: str, subject: str, dataset) -> str:
    mails = _mails(smtp, to)
    assert len(mails) == 1, [r for _f, r, _m in smtp.messages]
    assert mails[0]["Subject"] == f"[Lontar] {subject}: {dataset.title}"
    body = mails[0].get_content()
    assert "https://lontar.example" + reverse("catalog:manage_detail", args=[dataset.pk]) in body
    assert "Buka dataset:" in body  # Indonesian body
    return body


def test_submitted_returned_verified_published(actors, make_dataset, smtp, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    dataset = make_dataset("penduduk-surel", "Jumlah Penduduk Surel", state="draft")
    dataset = _step(smtp, capture, services.dataset_submit, actor=actors.produsen, dataset=dataset, note="Siap.")
    body = _only_mail(smtp, WALIDATA, "Diajukan ke Walidata", dataset)
    assert "Siap." in body
    assert _mails(smtp, PRODUSEN) == [] and _mails(smtp, PEMBINA) == []

    services.dataset_review_start(actor=actors.walidata, dataset=dataset, note="Mulai.")
    note = "Satuan kolom jumlah_penduduk belum diisi."
    dataset = _step(smtp, capture, services.dataset_return, actor=actors.walidata, dataset=dataset, note=note)
    body = _only_mail(smtp, PRODUSEN, "Dikembalikan untuk diperbaiki", dataset)
    assert note in body and [r for _f, r, _m in smtp.messages] == [[PRODUSEN]]

    services.dataset_submit(actor=actors.produsen, dataset=dataset, note="Sudah diperbaiki.")
    services.dataset_review_start(actor=actors.walidata, dataset=dataset, note="Periksa lagi.")
    dataset = _step(smtp, capture, services.dataset_verify, actor=actors.walidata, dataset=dataset, note="Sesuai.")
    assert dataset.state == DatasetState.PUBLISHED  # no release date: published at once
    subjects = sorted(m["Subject"] for m in _mails(smtp, PRODUSEN))
    assert subjects == [f"[Lontar] Diverifikasi Walidata: {dataset.title}", f"[Lontar] Terbit: {dataset.title}"]
    assert [m["Subject"] for m in _mails(smtp, WALIDATA)] == [f"[Lontar] Terbit: {dataset.title}"]


def test_prioritas_goes_to_the_pembina(actors, make_dataset, province, smtp, django_capture_on_commit_callbacks):
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
    capture = django_capture_on_commit_callbacks
    dataset = make_dataset(
        "prioritas-surel", "Data Prioritas Surel", state="in_review", is_prioritas=True, activity=activity
    )
    dataset = _step(smtp, capture, services.dataset_verify, actor=actors.walidata, dataset=dataset, note="Sesuai.")
    assert dataset.state == DatasetState.VERIFIED
    _only_mail(smtp, PEMBINA, "Diverifikasi Walidata", dataset)
    dataset = _step(smtp, capture, services.dataset_approve, actor=actors.pembina, dataset=dataset, note="Disetujui.")
    assert dataset.state == DatasetState.PUBLISHED
    for to in (PRODUSEN, WALIDATA):
        assert sorted(m["Subject"] for m in _mails(smtp, to)) == [
            f"[Lontar] Disetujui Pembina Data: {dataset.title}",
            f"[Lontar] Terbit: {dataset.title}",
        ]
    assert _mails(smtp, PEMBINA) == []
