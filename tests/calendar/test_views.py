"""/kalender/: public list and calculator; admin add / strike out; access and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.calendar.models import Holiday
from lontar.calendar.seeding import holidays_seed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings) -> None:
    """Assert on the English msgids; pages fall back to LANGUAGE_CODE without a language cookie."""
    settings.LANGUAGE_CODE = "en"


INDEX = "/kalender/"


@pytest.fixture
def seeded() -> None:
    holidays_seed(years=[2026])


def test_url_name() -> None:
    assert reverse("calendar:index") == INDEX


def test_public_list_per_year(client: Client, seeded: None) -> None:
    response = client.get(INDEX, {"year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hari Suci Nyepi" in html and "Cuti Bersama Hari Raya Idul Fitri" in html
    assert "<caption" in html and 'scope="col"' in html
    assert 'action="/kalender/tambah/"' not in html  # no admin form for citizens
    assert "/hapus/" not in html


def test_struck_day_is_shown_as_working_day(client: Client, seeded: None) -> None:
    Holiday.objects.filter(date=dt.date(2026, 12, 24)).update(is_day_off=False, note="dicoret uji")
    html = client.get(INDEX, {"year": "2026"}).content.decode()
    assert "working day (struck out)" in html and "dicoret uji" in html


@pytest.mark.parametrize("year", ["abc", "99999", "1700", "x" * 20_000, "２０２６"])
def test_bad_year_is_a_clear_message(client: Client, year: str) -> None:
    response = client.get(INDEX, {"year": year})
    assert response.status_code == 400
    assert "The year must be a number between 1900 and 2200." in response.content.decode()


def test_calculator(client: Client, seeded: None) -> None:
    response = client.get(INDEX, {"start": "2026-03-17", "add": "10"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wednesday, 8 April 2026" in html
    assert "Wafat Yesus Kristus" in html


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-02-30", "add": "3"},
        {"start": "2026-01-01", "add": "-1"},
        {"start": "2026-01-01", "add": "99999"},
        {"start": "9999-12-30", "add": "3650"},
        {"start": "y" * 50_000, "add": "1"},
    ],
)
def test_calculator_bad_input(client: Client, params: dict[str, str]) -> None:
    response = client.get(INDEX, params)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


def test_admin_sees_form_and_adds_a_day(login, province) -> None:
    client, admin = login(province["province"], Role.ADMIN)
    assert 'action="/kalender/tambah/"' in client.get(INDEX).content.decode()
    response = client.post(
        "/kalender/tambah/", {"date": "2026-07-07", "name": "Libur daerah uji", "note": "Pergub uji"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/kalender/?year=2026#holidays"
    assert Holiday.objects.get(date=dt.date(2026, 7, 7)).changed_by == admin
    assert AuditEvent.objects.filter(action="calendar.holiday.added", actor=admin).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2026-07-04", "name": "Sabtu", "note": "n"}, "Saturdays and Sundays"),
        ({"date": "2026-02-31", "name": "x", "note": "n"}, "Enter a valid date."),
        ({"date": "2026-07-07", "name": "", "note": "n"}, "This field is required."),
        ({"date": "2026-07-07", "name": "x" * 5000, "note": "n"}, "at most 200 characters"),
        ({"date": "2026-07-07", "name": "nul\x00", "note": "n"}, "Null characters are not allowed."),
        ({"date": "2026-07-07", "name": "bel\x07", "note": "n"}, "control characters"),
    ],
)
def test_add_bad_input_shows_message_next_to_field(login, province, data, message) -> None:
    client, _ = login(province["province"], Role.ADMIN)
    response = client.post("/kalender/tambah/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Holiday.objects.exists()


def test_add_duplicate_day_off(login, province, seeded) -> None:
    client, _ = login(province["province"], Role.ADMIN)
    response = client.post("/kalender/tambah/", {"date": "2026-03-19", "name": "x", "note": "n"})
    assert response.status_code == 400
    assert "is already a day off" in response.content.decode()


def test_strike_out_flow(login, province, seeded) -> None:
    client, admin = login(province["province"], Role.ADMIN)
    holiday = Holiday.objects.get(date=dt.date(2026, 12, 24))
    url = reverse("calendar:remove", args=[holiday.pk])
    assert url in client.get(INDEX, {"year": "2026"}).content.decode()
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": ""}).status_code == 400
    response = client.post(url, {"note": "SKB diubah"})
    assert response.status_code == 302
    holiday.refresh_from_db()
    assert not holiday.is_day_off and holiday.note == "SKB diubah"
    assert AuditEvent.objects.filter(action="calendar.holiday.removed", actor=admin).count() == 1
    # a struck day has no strike-out page any more
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("org_key", ["kabupaten", "kota_opd"])
def test_non_province_admins_get_403(login, province, seeded, org_key) -> None:
    client, _ = login(province[org_key], Role.ADMIN)
    holiday = Holiday.objects.first()
    assert client.post("/kalender/tambah/", {"date": "2026-07-07", "name": "x", "note": "n"}).status_code == 403
    assert client.get(reverse("calendar:remove", args=[holiday.pk])).status_code == 403
    assert client.post(reverse("calendar:remove", args=[holiday.pk]), {"note": "n"}).status_code == 403
    assert 'action="/kalender/tambah/"' not in client.get(INDEX).content.decode()
    assert not AuditEvent.objects.filter(action__startswith="calendar.holiday.").exists()


def test_other_roles_get_403_and_anonymous_is_sent_to_sign_in(client: Client, login, province, seeded) -> None:
    walidata, _ = login(province["province"], Role.WALIDATA)
    assert walidata.post("/kalender/tambah/", {"date": "2026-07-07", "name": "x", "note": "n"}).status_code == 403
    response = client.post("/kalender/tambah/", {"date": "2026-07-07", "name": "x", "note": "n"})
    assert response.status_code == 302 and "/akun/" in response["Location"]
    assert not Holiday.objects.filter(date=dt.date(2026, 7, 7)).exists()


def test_add_is_post_only(login, province) -> None:
    client, _ = login(province["province"], Role.ADMIN)
    assert client.get("/kalender/tambah/").status_code == 405


def test_page_is_in_indonesian_by_default(client: Client, seeded: None, settings) -> None:
    settings.LANGUAGE_CODE = "id"
    html = client.get(INDEX, {"year": "2026", "start": "2026-03-17", "add": "10"}).content.decode()
    assert "Kalender hari kerja" in html and "Cuti bersama" in html
    assert "Hari kerja ke-10 sesudah Selasa, 17 Maret 2026 adalah <strong>Rabu, 8 April 2026</strong>." in html


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999"])
def test_remove_missing_day_is_404(login, province, pk) -> None:
    client, _ = login(province["province"], Role.ADMIN)
    assert client.get(f"/kalender/{pk}/hapus/").status_code == 404
    assert client.post(f"/kalender/{pk}/hapus/", {"note": "x"}).status_code == 404
