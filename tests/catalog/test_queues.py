"""Satu Data hand-offs in the work queues: Walidata reviews, Produsen gets the returned dataset with the note first."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from lontar.catalog import services
from lontar.notifications.models import Delivery
from lontar.notifications.services import preference_set
from tests.catalog.conftest import DB

pytestmark = DB
QUEUE = reverse("notifications:queue")


def test_submitted_dataset_reaches_the_walidata_then_returns_to_the_produsen(
    actors, make_dataset, django_capture_on_commit_callbacks
):
    dataset = make_dataset("penduduk-antrean", "Jumlah Penduduk Antrean", state="draft")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dataset = services.dataset_submit(actor=actors.produsen, dataset=dataset, note="Siap diperiksa.")
    link = reverse("catalog:manage_detail", args=[dataset.pk])
    assert any(m.to == ["walidata@uji.go.id"] and dataset.title in m.subject for m in mail.outbox)
    walidata = actors.clients["walidata"]
    assert link in walidata.get(QUEUE).content.decode()
    services.dataset_review_start(actor=actors.walidata, dataset=dataset, note="Mulai diperiksa.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.dataset_return(actor=actors.walidata, dataset=dataset, note="Satuan kolom belum diisi.")
    assert [m.to for m in mail.outbox] == [["produsen@uji.go.id"]]
    assert link not in walidata.get(QUEUE).content.decode()
    page = actors.clients["produsen"].get(QUEUE).content.decode()
    assert link in page and "Satuan kolom belum diisi." in page


def test_a_user_who_chose_no_mail_still_sees_the_queue(actors, make_dataset, django_capture_on_commit_callbacks):
    preference_set(actor=actors.walidata, delivery=Delivery.OFF)
    dataset = make_dataset("penduduk-tanpa-surel", "Jumlah Penduduk Tanpa Surel", state="draft")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.dataset_submit(actor=actors.produsen, dataset=dataset, note="Siap diperiksa.")
    assert not any(m.to == ["walidata@uji.go.id"] for m in mail.outbox)
    assert reverse("catalog:manage_detail", args=[dataset.pk]) in actors.clients["walidata"].get(QUEUE).content.decode()
