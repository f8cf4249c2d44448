"""The workspace lists the work areas a user's roles open, and no others."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_ppid_officer_sees_only_the_ppid_area(province, login):
    client, _user = login(province["kabupaten"], "ppid")
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("ppid:staff_inbox") in html
    assert reverse("catalog:manage_index") not in html
    assert reverse("audit:list") not in html


@pytest.mark.django_db
def test_produsen_data_sees_satu_data(province, login):
    client, _user = login(province["kabupaten_opd"], "produsen_data")
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("catalog:manage_index") in html
    assert reverse("ppid:staff_inbox") not in html


@pytest.mark.django_db
def test_province_admin_sees_audit_and_calendar(province, login):
    client, _user = login(province["province"], "admin")
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("audit:list") in html and reverse("calendar:index") in html
