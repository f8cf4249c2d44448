"""GET /api/v1/calendar/working-days and /holidays: results, and clear 4xx problems for bad input."""

from __future__ import annotations

import pytest
from django.test import Client

from lontar.calendar.models import Holiday
from lontar.calendar.seeding import holidays_seed

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendar/working-days"


@pytest.fixture
def seeded() -> None:
    holidays_seed(years=[2025, 2026])


def test_add_working_days_lists_skipped_holidays(client: Client, seeded: None) -> None:
    response = client.get(URL, {"start": "2026-03-17", "add": "10"})
    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-03-17",
        "add": 10,
        "date": "2026-04-08",
        "skipped": [
            {"date": "2026-03-18", "name": "Cuti Bersama Hari Suci Nyepi"},
            {"date": "2026-03-19", "name": "Hari Suci Nyepi"},
            {"date": "2026-03-20", "name": "Cuti Bersama Hari Raya Idul Fitri"},
            {"date": "2026-03-23", "name": "Cuti Bersama Hari Raya Idul Fitri"},
            {"date": "2026-03-24", "name": "Cuti Bersama Hari Raya Idul Fitri"},
            {"date": "2026-04-03", "name": "Wafat Yesus Kristus"},
        ],
    }


def test_count_between_dates(client: Client, seeded: None) -> None:
    response = client.get(URL, {"start": "2025-12-22", "end": "2026-01-08"})
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"], body["working_days"]) == ("2025-12-22", "2026-01-08", 10)
    assert [s["date"] for s in body["skipped"]] == ["2025-12-25", "2025-12-26", "2026-01-01"]
    mirrored = client.get(URL, {"start": "2026-01-08", "end": "2025-12-22"}).json()
    assert mirrored["working_days"] == -10


def test_add_zero_and_the_maximum(client: Client, seeded: None) -> None:
    assert client.get(URL, {"start": "2026-01-01", "add": "0"}).json()["date"] == "2026-01-01"
    assert client.get(URL, {"start": "2026-01-01", "add": "3650"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"start": "2026-01-05"}, "exactly one"),
        ({"start": "2026-01-05", "add": "3", "end": "2026-02-01"}, "exactly one"),
        ({"add": "3"}, "start"),
        ({"start": "2026-02-30", "add": "3"}, "start"),
        ({"start": "20260105", "add": "3"}, "start"),
        ({"start": "2026-01-05T00:00", "add": "3"}, "start"),
        ({"start": "x" * 100_000, "add": "3"}, "start"),
        ({"start": "2026-01-05", "add": "-1"}, "add"),
        ({"start": "2026-01-05", "add": "3651"}, "add"),
        ({"start": "2026-01-05", "add": "9" * 5000}, "add"),
        ({"start": "2026-01-05", "add": "--5"}, "add"),
        ({"start": "2026-01-05", "add": "1.5"}, "add"),
        ({"start": "2026-01-05", "add": "٣"}, "add"),
        ({"start": "2026-01-05", "end": "2026-13-01"}, "end"),
        ({"start": "2026-01-05", "end": "'; DROP TABLE calendar_holiday; --"}, "end"),
        ({"start": "9999-12-20", "add": "3650"}, "1900–2199"),
        ({"start": "1899-12-31", "end": "2026-01-01"}, "start"),
    ],
)
def test_bad_input_is_a_clear_422_problem(client: Client, settings, params: dict[str, str], fragment: str) -> None:
    settings.LANGUAGE_CODE = "en"  # assert on the English msgids
    response = client.get(URL, params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422
    assert fragment in body["title"] + body.get("detail", "")
    assert Holiday.objects.count() == 0


def test_problem_title_is_translated_to_indonesian(client: Client) -> None:
    response = client.get(URL, {"start": "2026-01-05"})
    assert response.status_code == 422
    assert "add" in response.json()["title"] and "Berikan" in response.json()["title"]


def test_holidays_of_a_year(client: Client, seeded: None) -> None:
    Holiday.objects.filter(date="2026-12-24").update(is_day_off=False, note="dicoret")
    response = client.get("/api/v1/calendar/holidays", {"year": "2026"})
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 25
    assert rows[0] == {
        "date": "2026-01-01",
        "name": "Tahun Baru Masehi",
        "kind": "libur_nasional",
        "kind_label": rows[0]["kind_label"],
        "is_day_off": True,
        "source": "holidays",
        "note": "",
    }
    struck = next(r for r in rows if r["date"] == "2026-12-24")
    assert struck["is_day_off"] is False and struck["kind"] == "cuti_bersama" and struck["note"] == "dicoret"


@pytest.mark.parametrize("year", ["abc", "20266", "1800", "2500", "-2026", "x" * 10_000])
def test_holidays_bad_year(client: Client, year: str) -> None:
    response = client.get("/api/v1/calendar/holidays", {"year": year})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_holidays_default_year_is_current(client: Client) -> None:
    assert client.get("/api/v1/calendar/holidays").status_code == 200
