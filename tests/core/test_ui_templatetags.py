"""Template helpers of the shell: nav links, the sample badge, numbers, page numbers."""

from __future__ import annotations

import datetime as dt
import math
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from lontar.core.templatetags.lontar_ui import datetime_attr, num, page_numbers


def render(source: str, **context) -> str:
    return Template("{% load lontar_ui %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("path", "current"),
    [("/tentang/", True), ("/tentang/lain/", True), ("/", False), ("/tentangan/", False)],
)
def test_nav_link_marks_the_current_section(path: str, current: bool):
    request = RequestFactory().get(path)
    html = render('{% nav_link "core:about" "Tentang" %}', request=request)
    assert html.startswith('<li><a href="/tentang/"')
    assert ('aria-current="page"' in html) is current


def test_nav_link_home_is_current_only_on_the_home_page():
    assert 'aria-current="page"' in render('{% nav_link "core:home" "Beranda" %}', request=RequestFactory().get("/"))
    assert "aria-current" not in render('{% nav_link "core:home" "Beranda" %}', request=RequestFactory().get("/pola/"))


def test_nav_link_escapes_and_skips_unknown_urls():
    html = render('{% nav_link "core:about" label %}', label="<b>x</b>", request=RequestFactory().get("/"))
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert render('{% nav_link "no-such:url" "x" %}') == ""


def test_sample_badge_is_translated():
    with translation.override("id"):
        assert render("{% sample_badge %}") == '<span class="badge badge-sample">data contoh</span>'
    with translation.override("en"):
        assert "sample data" in render("{% sample_badge %}")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, 0, "1.234.567"),
        (3.14159, 2, "3,14"),
        ("12.5", 1, "12,5"),
        (None, 0, ""),
        ("abc", 0, "abc"),
        (math.inf, 0, "inf"),
    ],
)
def test_num_formats_in_indonesian(value, decimals, expected):
    with translation.override("id"):
        assert num(value, decimals) == expected


def test_page_numbers_are_elided():
    page = Paginator(range(1000), 10).get_page(50)
    numbers = page_numbers(page)
    assert numbers[0] == 1 and numbers[-1] == 100 and 50 in numbers
    assert Paginator.ELLIPSIS in numbers


#: what HTML accepts in <time datetime>: whole seconds here, an offset (HTML allows at most 3 fraction digits)
HTML_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")


# since 1970 (before, WITA was not yet the zone's offset: local mean time had offsets with seconds)
@given(moment=st.datetimes(dt.datetime(1970, 1, 1), dt.datetime(2200, 1, 1), timezones=st.just(dt.UTC)))
def test_datetime_attr_has_whole_seconds_and_the_wita_offset(moment):
    with timezone.override(ZoneInfo("Asia/Makassar")):
        value = datetime_attr(moment)
    assert HTML_DATETIME.fullmatch(value), value
    assert value.endswith("+08:00")
    assert dt.datetime.fromisoformat(value) == moment.replace(microsecond=0)


def test_datetime_attr_of_a_date_and_of_nothing():
    assert datetime_attr(dt.date(2026, 12, 7)) == "2026-12-07"
    assert datetime_attr(None) == ""
    assert render("{{ t|datetime_attr }}", t=dt.datetime(2026, 12, 7, 13, 19, 22, 762952, tzinfo=dt.UTC)) == (
        "2026-12-07T21:19:22+08:00"
    )
