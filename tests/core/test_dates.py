"""The one date format of the site (lontar.core.dates, the lontar_ui filters) and flagged past deadlines."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from lontar.core.dates import format_date, format_datetime, is_past

MONTHS_ID = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()  # noqa: SIM905
UTC = dt.UTC
WITA = ZoneInfo("Asia/Makassar")


def render(source: str, **context: object) -> str:
    return Template("{% load lontar_ui %}" + source).render(Context(context))


def test_a_date_reads_7_desember_2026() -> None:
    with translation.override("id"):
        assert format_date(dt.date(2026, 12, 7)) == "7 Desember 2026"
        assert render("{{ d|long_date }}", d=dt.date(2026, 12, 7)) == "7 Desember 2026"
    with translation.override("en"):
        assert format_date(dt.date(2026, 12, 7)) == "7 December 2026"


def test_a_moment_reads_in_wita_with_its_time() -> None:
    moment = dt.datetime(2026, 12, 7, 6, 5, tzinfo=UTC)  # 14.05 in Kupang
    with translation.override("id"):
        assert format_datetime(moment) == "7 Desember 2026 14.05 WITA"
        assert render("{{ m|long_datetime }}", m=moment) == "7 Desember 2026 14.05 WITA"
        # a datetime shown as a date is the day in Kupang, not in UTC
        assert format_date(dt.datetime(2026, 12, 7, 17, 0, tzinfo=UTC)) == "8 Desember 2026"
        # a plain date given to the datetime filter stays a date
        assert format_datetime(dt.date(2026, 1, 2)) == "2 Januari 2026"
    with translation.override("en"):
        assert format_datetime(moment) == "7 December 2026 14:05 WITA"


@pytest.mark.parametrize("empty", [None, ""])
def test_nothing_for_no_date(empty: object) -> None:
    assert format_date(empty) == format_datetime(empty) == ""
    assert render("{{ d|long_date }}|{{ d|long_datetime }}|{% deadline d %}", d=empty) == "||"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_date_reads_back_to_itself(day: dt.date) -> None:
    with translation.override("id"):
        text = format_date(day)
    match = re.fullmatch(r"([1-9][0-9]?) ([A-Z][a-z]+) ([0-9]{4})", text)
    assert match, text
    assert dt.date(int(match[3]), MONTHS_ID.index(match[2]) + 1, int(match[1])) == day


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 31), timezones=st.just(UTC)))
def test_every_moment_reads_back_to_its_minute_in_kupang(moment: dt.datetime) -> None:
    with translation.override("id"):
        text = format_datetime(moment)
    match = re.fullmatch(r"([1-9][0-9]?) ([A-Z][a-z]+) ([0-9]{4}) ([0-9]{2})\.([0-9]{2}) WITA", text)
    assert match, text
    local = moment.astimezone(WITA)
    parsed = (int(match[3]), MONTHS_ID.index(match[2]) + 1, int(match[1]), int(match[4]), int(match[5]))
    assert parsed == (local.year, local.month, local.day, local.hour, local.minute)


def test_a_deadline_is_past_from_the_next_day_in_kupang() -> None:
    today = timezone.localdate()
    assert not is_past(today)
    assert is_past(today - dt.timedelta(days=1))
    assert not is_past(today + dt.timedelta(days=1))
    assert not is_past(None)
    assert is_past(timezone.now() - dt.timedelta(minutes=1))
    assert is_past(dt.date(2026, 12, 6), today=dt.date(2026, 12, 7))
    assert not is_past(dt.date(2026, 12, 7), today=dt.date(2026, 12, 7))


def test_a_past_deadline_is_flagged_and_an_open_one_is_not() -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with translation.override("id"):
        past = render("{% deadline d %}", d=yesterday)
        future = render("{% deadline d %}", d=tomorrow)
        done = render("{% deadline d done=True %}", d=yesterday)
        told = render("{% deadline d overdue=True %}", d=tomorrow)
    assert 'class="deadline deadline-past"' in past
    assert f'datetime="{yesterday.isoformat()}"' in past
    assert format_date(yesterday) in past
    assert '<span class="badge badge-danger deadline-badge">lewat tenggat</span>' in past
    assert "deadline-past" not in future and "lewat tenggat" not in future
    assert 'class="deadline"' in future
    assert "lewat tenggat" not in done, "finished work is not flagged"
    assert "lewat tenggat" in told, "the caller's verdict (working days) wins"
