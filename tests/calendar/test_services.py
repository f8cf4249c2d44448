"""holiday_add / holiday_remove / holidays_seed and the holidays_seed command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.calendar import selectors
from lontar.calendar.models import Holiday, HolidayKind, HolidaySource
from lontar.calendar.seeding import holidays_seed, package_days, parse_years
from lontar.calendar.services import holiday_add, holiday_remove

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(province, login):
    return login(province["province"], Role.ADMIN)[1]


@pytest.fixture
def kab_admin(province, login):
    return login(province["kabupaten"], Role.ADMIN)[1]


# ---------------------------------------------------------------- seeding


def test_seed_loads_national_days_and_cuti_bersama_and_is_idempotent() -> None:
    first = holidays_seed(years=[2026])
    assert len(first.created) == 25
    nyepi = Holiday.objects.get(date=D(2026, 3, 19))
    assert (nyepi.name, nyepi.kind, nyepi.source, nyepi.is_day_off) == (
        "Hari Suci Nyepi",
        HolidayKind.NATIONAL,
        HolidaySource.PACKAGE,
        True,
    )
    cuti = Holiday.objects.get(date=D(2026, 3, 23))
    assert cuti.kind == HolidayKind.CUTI_BERSAMA
    assert cuti.name == "Cuti Bersama Hari Raya Idul Fitri"
    assert AuditEvent.objects.filter(action="calendar.holidays.seeded").count() == 1

    second = holidays_seed(years=[2026])
    assert second.created == [] and second.updated == [] and second.unchanged == 25
    assert Holiday.objects.count() == 25
    # nothing changed, so no second audit event
    assert AuditEvent.objects.filter(action="calendar.holidays.seeded").count() == 1


def test_seed_never_re_adds_a_struck_day_and_keeps_admin_entries(admin) -> None:
    holidays_seed(years=[2026])
    holiday_remove(actor=admin, holiday=Holiday.objects.get(date=D(2026, 12, 24)), note="SKB diubah")
    Holiday.objects.filter(date=D(2026, 8, 25)).update(source=HolidaySource.ADMIN, name="Maulid (diubah admin)")
    result = holidays_seed(years=[2026])
    assert result.kept_struck == [D(2026, 12, 24)]
    assert result.kept_admin == [D(2026, 8, 25)]
    assert not Holiday.objects.get(date=D(2026, 12, 24)).is_day_off
    assert Holiday.objects.get(date=D(2026, 8, 25)).name == "Maulid (diubah admin)"


def test_seed_renames_package_rows_and_reports_days_the_package_dropped() -> None:
    holidays_seed(years=[2026])
    Holiday.objects.filter(date=D(2026, 1, 1)).update(name="Nama lama")
    Holiday.objects.create(date=D(2026, 7, 1), name="Dulu ada", kind=HolidayKind.NATIONAL, source=HolidaySource.PACKAGE)
    result = holidays_seed(years=[2026])
    assert result.updated == [D(2026, 1, 1)]
    assert Holiday.objects.get(date=D(2026, 1, 1)).name == "Tahun Baru Masehi"
    assert result.missing_from_package == [D(2026, 7, 1)]


def test_package_days_classifies_by_category() -> None:
    kinds = {d.date: d.kind for d in package_days([2025])}
    assert kinds[D(2025, 12, 25)] == HolidayKind.NATIONAL
    assert kinds[D(2025, 12, 26)] == HolidayKind.CUTI_BERSAMA
    assert kinds[D(2025, 8, 18)] == HolidayKind.CUTI_BERSAMA


def test_seed_by_user_requires_province_admin(kab_admin, admin) -> None:
    with pytest.raises(PermissionDenied):
        holidays_seed(actor=kab_admin, years=[2026])
    assert not Holiday.objects.exists()
    holidays_seed(actor=admin, years=[2026])
    assert AuditEvent.objects.get(action="calendar.holidays.seeded").actor_id == admin.pk


@pytest.mark.parametrize(
    ("text", "years"),
    [("2025", [2025]), ("2024-2027", [2024, 2025, 2026, 2027]), ("2024,2026", [2024, 2026]), (" 2026 ", [2026])],
)
def test_parse_years(text: str, years: list[int]) -> None:
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["", "abc", "2027-2024", "1999", "2024-99999", "9" * 5000, "2024--2025", "２０２５"])
def test_parse_years_refuses_bad_input(text: str) -> None:
    with pytest.raises(ValueError):
        parse_years(text)


def test_command_is_idempotent_and_rejects_bad_years() -> None:
    out = StringIO()
    call_command("holidays_seed", years="2025-2026", stdout=out)
    assert "53 added" in out.getvalue()
    out = StringIO()
    call_command("holidays_seed", years="2025-2026", stdout=out)
    assert "0 added" in out.getvalue() and "53 unchanged" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("holidays_seed", years="2026-2025")


# ---------------------------------------------------------------- add / remove


def test_add_and_remove_write_audit_events_and_change_deadlines(admin) -> None:
    assert selectors.add_working_days_from_db(D(2026, 7, 6), 1) == D(2026, 7, 7)
    h = holiday_add(actor=admin, date=D(2026, 7, 7), name="Hari Jadi Provinsi NTT", note="Pergub uji")
    assert (h.kind, h.source, h.is_day_off, h.changed_by) == (HolidayKind.OTHER, HolidaySource.ADMIN, True, admin)
    assert selectors.add_working_days_from_db(D(2026, 7, 6), 1) == D(2026, 7, 8)
    event = AuditEvent.objects.get(action="calendar.holiday.added")
    assert event.actor_id == admin.pk and event.target_id == str(h.pk)
    assert event.data == {
        "date": "2026-07-07",
        "name": "Hari Jadi Provinsi NTT",
        "note": "Pergub uji",
        "kind": "lainnya",
    }

    holiday_remove(actor=admin, holiday=h, note="Dibatalkan")
    h.refresh_from_db()
    assert not h.is_day_off and h.note == "Dibatalkan"
    assert selectors.add_working_days_from_db(D(2026, 7, 6), 1) == D(2026, 7, 7)
    assert AuditEvent.objects.filter(action="calendar.holiday.removed", target_id=str(h.pk)).exists()

    # adding the struck day again restores the same row
    again = holiday_add(actor=admin, date=D(2026, 7, 7), name="Hari Jadi", note="Pergub baru")
    assert again.pk == h.pk and again.is_day_off


def test_only_province_admins_change_the_calendar(kab_admin, province, login) -> None:
    _, walidata = login(province["province"], Role.WALIDATA)
    for actor in (kab_admin, walidata, None):
        with pytest.raises(PermissionDenied):
            holiday_add(actor=actor, date=D(2026, 7, 7), name="x", note="y")
    holidays_seed(years=[2026])
    with pytest.raises(PermissionDenied):
        holiday_remove(actor=kab_admin, holiday=Holiday.objects.first(), note="y")
    assert not AuditEvent.objects.filter(action__startswith="calendar.holiday.").exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"date": D(2026, 7, 4)}, "date"),  # Saturday
        ({"date": D(1999, 12, 31)}, "date"),
        ({"date": D(2101, 1, 3)}, "date"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Libur\x00"}, "name"),
        ({"note": ""}, "note"),
        ({"note": "n" * 301}, "note"),
    ],
)
def test_add_validation(admin, kwargs, field) -> None:
    args = {"date": D(2026, 7, 7), "name": "Libur daerah", "note": "Pergub"} | kwargs
    with pytest.raises(ValidationError) as info:
        holiday_add(actor=admin, **args)
    assert field in info.value.message_dict
    assert not Holiday.objects.exists()
    assert not AuditEvent.objects.exists()


def test_add_refuses_an_existing_day_off_and_remove_a_struck_day(admin) -> None:
    holidays_seed(years=[2026])
    with pytest.raises(ValidationError):
        holiday_add(actor=admin, date=D(2026, 3, 19), name="Nyepi", note="dobel")
    h = Holiday.objects.get(date=D(2026, 3, 19))
    holiday_remove(actor=admin, holiday=h, note="uji")
    with pytest.raises(ValidationError):
        holiday_remove(actor=admin, holiday=h, note="uji lagi")
    assert AuditEvent.objects.filter(action="calendar.holiday.removed").count() == 1


def test_add_race_on_the_same_date_is_a_validation_error(admin, monkeypatch) -> None:
    """Simulate the other admin's row appearing between the check and the insert."""
    from lontar.calendar import services

    original = services._save_new_or_existing

    def racing(holiday: Holiday) -> None:
        Holiday.objects.create(date=holiday.date, name="Lebih dulu", kind=HolidayKind.OTHER, source=HolidaySource.ADMIN)
        original(holiday)

    monkeypatch.setattr(services, "_save_new_or_existing", racing)
    with pytest.raises(ValidationError) as info:
        holiday_add(actor=admin, date=D(2026, 7, 7), name="Libur", note="Pergub")
    assert "date" in info.value.message_dict
    assert not AuditEvent.objects.filter(action="calendar.holiday.added").exists()
