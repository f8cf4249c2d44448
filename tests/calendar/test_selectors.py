"""The DB-aware deadline helpers the PPID workflow calls."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.calendar import selectors
from lontar.calendar.models import Holiday, HolidayKind, HolidaySource
from lontar.calendar.workdays import add_working_days

D = dt.date
pytestmark = pytest.mark.django_db


def _off(day: dt.date, name: str = "Libur uji", *, is_day_off: bool = True) -> Holiday:
    return Holiday.objects.create(
        date=day, name=name, kind=HolidayKind.NATIONAL, source=HolidaySource.PACKAGE, is_day_off=is_day_off
    )


@pytest.fixture
def idul_fitri_2026() -> None:
    _off(D(2026, 3, 18), "Cuti Bersama Hari Suci Nyepi")
    _off(D(2026, 3, 19), "Hari Suci Nyepi")
    _off(D(2026, 3, 20), "Cuti Bersama Hari Raya Idul Fitri")
    _off(D(2026, 3, 21), "Hari Raya Idul Fitri")
    _off(D(2026, 3, 23), "Cuti Bersama Hari Raya Idul Fitri")
    _off(D(2026, 3, 24), "Cuti Bersama Hari Raya Idul Fitri")
    _off(D(2026, 4, 3), "Wafat Yesus Kristus")


def test_holiday_dates_reads_only_days_off_in_range(idul_fitri_2026: None) -> None:
    _off(D(2026, 3, 26), "Dicoret admin", is_day_off=False)
    assert selectors.holiday_dates(D(2026, 3, 19), D(2026, 3, 26)) == frozenset(
        {D(2026, 3, 19), D(2026, 3, 20), D(2026, 3, 21), D(2026, 3, 23), D(2026, 3, 24)}
    )
    # either order
    assert selectors.holiday_dates(D(2026, 3, 20), D(2026, 3, 18)) == frozenset(
        {D(2026, 3, 18), D(2026, 3, 19), D(2026, 3, 20)}
    )


def test_add_and_between_from_db(idul_fitri_2026: None) -> None:
    assert selectors.add_working_days_from_db(D(2026, 3, 17), 1) == D(2026, 3, 25)
    assert selectors.add_working_days_from_db(D(2026, 3, 17), 10) == D(2026, 4, 8)
    assert selectors.working_days_between_from_db(D(2026, 3, 17), D(2026, 4, 8)) == 10
    assert selectors.working_days_between_from_db(D(2026, 4, 8), D(2026, 3, 17)) == -10
    assert selectors.add_working_days_from_db(D(2026, 3, 17), 0) == D(2026, 3, 17)


def test_struck_day_counts_as_working_day(idul_fitri_2026: None) -> None:
    Holiday.objects.filter(date=D(2026, 3, 24)).update(is_day_off=False)
    assert selectors.add_working_days_from_db(D(2026, 3, 17), 1) == D(2026, 3, 24)


def test_no_stale_cache_between_calls() -> None:
    assert selectors.add_working_days_from_db(D(2026, 3, 17), 1) == D(2026, 3, 18)
    _off(D(2026, 3, 18))
    assert selectors.add_working_days_from_db(D(2026, 3, 17), 1) == D(2026, 3, 19)


def test_window_grows_when_holidays_push_the_result_past_it() -> None:
    # A 300-day block of days off right after the start defeats the first look-ahead window.
    start = D(2030, 1, 1)
    block = [start + dt.timedelta(days=i) for i in range(1, 301)]
    Holiday.objects.bulk_create(
        [Holiday(date=d, name="Blok uji", kind=HolidayKind.OTHER, source=HolidaySource.ADMIN) for d in block]
    )
    expected = add_working_days(start, 5, frozenset(block))
    assert expected > start + dt.timedelta(days=300)
    assert selectors.add_working_days_from_db(start, 5) == expected


def test_negative_n_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        selectors.add_working_days_from_db(D(2026, 1, 1), -3)


def test_skipped_days_lists_weekday_days_off_in_the_half_open_interval(idul_fitri_2026: None) -> None:
    expected = [
        (D(2026, 3, 18), "Cuti Bersama Hari Suci Nyepi"),
        (D(2026, 3, 19), "Hari Suci Nyepi"),
        (D(2026, 3, 20), "Cuti Bersama Hari Raya Idul Fitri"),
        (D(2026, 3, 23), "Cuti Bersama Hari Raya Idul Fitri"),
        (D(2026, 3, 24), "Cuti Bersama Hari Raya Idul Fitri"),
        (D(2026, 4, 3), "Wafat Yesus Kristus"),
    ]
    assert selectors.skipped_days(D(2026, 3, 17), D(2026, 4, 8)) == expected
    # the start day itself (day 0) is never "skipped"; Saturday 21 March is not listed
    assert selectors.skipped_days(D(2026, 3, 18), D(2026, 3, 21)) == expected[1:3]
    # mirrored interval
    assert selectors.skipped_days(D(2026, 3, 20), D(2026, 3, 17)) == expected[:3]
    assert selectors.skipped_days(D(2026, 3, 17), D(2026, 3, 17)) == []
