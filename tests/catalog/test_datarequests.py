"""Public data requests: form, tracking page, handling by the Walidata, e-mails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache

from lontar.catalog.models import DataRequest
from tests.catalog.conftest import DB

pytestmark = DB


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def form(province, **extra):
    return {
        "title": "Jumlah nelayan",
        "description": "Per kabupaten, 2020-2024.",
        "organisation": province["province"].pk,
        "requester_name": "Ana",
        "requester_email": "ana@contoh.id",
        **extra,
    }


def test_submit_track_and_fulfil(client, province, actors, make_dataset, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/permintaan-data/baru/", form(province))
    req = DataRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/permintaan-data/{req.tracking_code}/"
    page = client.get(response["Location"]).content.decode()
    assert "Jumlah nelayan" in page and "ana@contoh.id" not in page and "Ana" not in page
    assert "ana@contoh.id" not in client.get("/permintaan-data/").content.decode()
    assert any(m.to == ["ana@contoh.id"] for m in mail.outbox)
    assert any("walidata@uji.go.id" in m.to for m in mail.outbox)

    walidata = actors.clients["walidata"]
    internal = make_dataset("internal-x", "Internal X", data_class="internal")
    url = f"/kelola/data/permintaan/{req.pk}/"
    assert walidata.get(url).status_code == 200
    response = walidata.post(url, {"action": "reject", "note": ""})
    assert response.status_code == 400
    public = make_dataset("nelayan", "Jumlah nelayan")
    from lontar.catalog.models import CatalogEntry

    entry = CatalogEntry.objects.get(dataset=public)
    assert not CatalogEntry.objects.filter(dataset=internal).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = walidata.post(url, {"action": "fulfil", "note": "Sudah terbit.", "dataset": entry.pk})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "fulfilled" and req.dataset == public
    assert "/dataset/nelayan/" in client.get(f"/permintaan-data/{req.tracking_code}/").content.decode()
    assert actors.clients["kab_walidata"].get(url).status_code == 404


def test_reject_needs_a_reason_and_is_shown(client, province, actors):
    client.post("/permintaan-data/baru/", form(province))
    req = DataRequest.objects.get()
    walidata = actors.clients["walidata"]
    walidata.post(f"/kelola/data/permintaan/{req.pk}/", {"action": "reject", "note": "Data tidak dikuasai Pemprov."})
    req.refresh_from_db()
    assert req.status == "rejected"
    assert "Data tidak dikuasai Pemprov." in client.get(f"/permintaan-data/{req.tracking_code}/").content.decode()
    response = walidata.post(f"/kelola/data/permintaan/{req.pk}/", {"action": "process", "note": "x"})
    assert response.status_code == 400  # closed


@pytest.mark.parametrize(
    "extra",
    [{"requester_email": "bukan-email"}, {"title": ""}, {"organisation": "999999"}, {"description": "\x00"}],
)
def test_bad_requests_are_refused(client, province, extra):
    response = client.post("/permintaan-data/baru/", form(province, **extra))
    assert response.status_code == 400 and not DataRequest.objects.exists()


def test_honeypot_and_rate_limit(client, province):
    assert client.post("/permintaan-data/baru/", form(province, website="http://spam")).status_code == 400
    for _i in range(5):
        assert client.post("/permintaan-data/baru/", form(province)).status_code == 302
    assert client.post("/permintaan-data/baru/", form(province)).status_code == 429
    assert DataRequest.objects.count() == 5
    assert client.get("/permintaan-data/PD-ZZZZZZZZ/").status_code == 404


def test_mail_server_down_does_not_fail_a_saved_request(
    client, province, actors, settings, django_capture_on_commit_callbacks, caplog
):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/permintaan-data/baru/", form(province))
    assert response.status_code == 302
    assert DataRequest.objects.count() == 1
    assert "on_commit" in caplog.text  # Django logged each failed e-mail (robust callbacks)
