"""The pengelola TIK's work queue lists applications whose security audit is due, and the
workspace opens the Katalog TIK."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lontar.accounts.models import Role
from lontar.katalog import services
from lontar.notifications.registry import queues_for
from tests.katalog.helpers import make_app, make_asset

pytestmark = pytest.mark.django_db


def _audit(app, days_ago, conclusion, follow_up=""):
    services.security_audit_record(
        actor=None,
        application=app,
        audited_on=timezone.localdate() - dt.timedelta(days=days_ago),
        auditor="BSSN",
        conclusion=conclusion,
        follow_up=follow_up,
    )


def test_queue_lists_due_audits_of_own_organisation(province, login):
    org = province["kabupaten_opd"]
    _audit(make_app(org, "Lama diaudit"), 400, "memadai")
    _audit(make_app(org, "Tidak memadai"), 10, "tidak_memadai", "Perbaikan")
    _audit(make_app(org, "Baru diaudit"), 10, "memadai")
    make_app(org, "Strategis belum diaudit", system_category="strategis")
    make_app(org, "Rendah belum diaudit", system_category="rendah")
    make_app(org, "Usulan", stage="usulan", system_category="strategis")
    make_app(province["kota_opd"], "Aplikasi kota", system_category="strategis")
    _client, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    queue = next(q for q in queues_for(user) if q.key == "katalog-audit")
    titles = sorted(item.title.split(" — ")[0] for item in queue.items)
    assert titles == ["Lama diaudit", "Strategis belum diaudit", "Tidak memadai"]
    assert [i.overdue for i in queue.items if i.title.startswith("Tidak memadai")] == [True]
    _client, other = login(province["kota"], Role.PENGELOLA_TIK)
    assert [i.title for q in queues_for(other) if q.key == "katalog-audit" for i in q.items] == [
        "Aplikasi kota — " + province["kota_opd"].name
    ]


def test_workspace_opens_the_katalog(province, login):
    client, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    with translation.override("id"):
        body = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert reverse("katalog:manage_index") in body
    walidata, _user = login(province["kabupaten"], Role.WALIDATA)
    assert reverse("katalog:manage_index") not in walidata.get(reverse("accounts:dashboard")).content.decode()


def test_queue_lists_licences_to_renew(province, login):
    today = timezone.localdate()
    org = province["kabupaten"]
    for name, days, status in (
        ("Lisensi habis", -3, "deployable"),
        ("Lisensi segera habis", 30, "deployable"),
        ("Lisensi masih lama", 200, "deployable"),
        ("Lisensi diarsipkan", -3, "archived"),
    ):
        make_asset(org, name, kind="sistem_operasi", licence_valid_until=today + dt.timedelta(days=days), status=status)
    _client, user = login(org, Role.PENGELOLA_TIK)
    queue = next(q for q in queues_for(user) if q.key == "katalog-lisensi")
    assert [(i.title.split(" — ")[0], i.overdue) for i in queue.items] == [
        ("Lisensi habis", True),
        ("Lisensi segera habis", False),
    ]
