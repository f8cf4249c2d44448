"""The notification settings page and the queue page: Indonesian, bad input refused, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.notifications.models import Delivery, NotificationPreference
from lontar.notifications.services import delivery_of

pytestmark = pytest.mark.django_db
PREFS = reverse("notifications:preferences")


def test_settings_page_saves_the_choice_and_audits_it(province, login):
    client, user = login(province["province"], Role.PPID)
    assert delivery_of(user) == Delivery.IMMEDIATE
    page = client.get(PREFS)
    assert page.status_code == 200 and "Pengaturan notifikasi" in page.content.decode()
    response = client.post(PREFS, {"delivery": Delivery.DIGEST})
    assert response.status_code == 302
    assert delivery_of(user) == Delivery.DIGEST
    assert AuditEvent.objects.filter(action="notifications.preference.changed").count() == 1


@pytest.mark.parametrize("value", ["", "weekly", "x" * 500])
def test_bad_choice_is_a_clear_message_and_nothing_saved(province, login, value):
    client, _user = login(province["province"], Role.PPID)
    response = client.post(PREFS, {"delivery": value})
    assert response.status_code == 400
    assert "Pilih" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_empty_queue_says_so_in_indonesian(province, login):
    client, _user = login(province["province"], Role.WALIDATA)
    page = client.get(reverse("notifications:queue"))
    assert page.status_code == 200
    assert "Tidak ada pekerjaan yang menunggu Anda." in page.content.decode()


def test_dashboard_links_the_queue(province, login):
    client, _user = login(province["province"], Role.WALIDATA)
    assert reverse("notifications:queue") in client.get(reverse("accounts:dashboard")).content.decode()
