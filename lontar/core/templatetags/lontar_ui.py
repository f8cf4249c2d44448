"""Small template helpers of the UI shell: navigation links, the sample-data badge, numbers, dates
and deadlines (the one format of :mod:`lontar.core.dates`).

Load with ``{% load lontar_ui %}``.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _

from lontar.core.dates import format_date, format_datetime, is_past

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context: template.Context, url_name: str, label: str, *args: object) -> SafeString:
    """``<li><a>`` for the site navigation; marks the link current when the page is under it.

    An unknown URL name renders nothing, so an app can be switched off without breaking the shell.
    """
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        return SafeString("")
    request = context.get("request")
    path = getattr(request, "path", "")
    current = path == url or (url != "/" and path.startswith(url))
    if current:
        return format_html('<li><a href="{}" aria-current="page">{}</a></li>', url, label)
    return format_html('<li><a href="{}">{}</a></li>', url, label)


@register.simple_tag
def sample_badge() -> SafeString:
    """The "data contoh" badge that labels anything synthetic."""
    return format_html('<span class="badge badge-sample">{}</span>', _("sample data"))


@register.filter
def num(value: object, decimals: int | str = 0) -> str:
    """A number in the active locale with thousands grouping (Indonesian: 1.234,5); '' for None."""
    if value is None or value == "":
        return ""
    try:
        places = int(decimals)
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if number != number or number in (float("inf"), float("-inf")):
        return str(value)
    return number_format(round(number, places), places, use_l10n=True, force_grouping=True)


@register.filter
def datetime_attr(value: object) -> str:
    """The ``datetime`` attribute of ``<time>``: whole seconds and the offset of the active time zone
    (2026-12-07T21:19:22+08:00), a date as 2026-12-07; '' for anything else.

    Django's ``date:'c'`` writes microseconds, and HTML allows at most three digits of a second.
    """
    if isinstance(value, dt.datetime):
        moment = localtime(value) if is_aware(value) else value
        return moment.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


@register.filter
def long_date(value: object) -> str:
    """A date as "7 Desember 2026" (a datetime: its day in the site's time zone); '' for None."""
    return format_date(value)


@register.filter
def long_datetime(value: object) -> str:
    """A moment as "7 Desember 2026 14.05 WITA"; a plain date as ``long_date``; '' for None."""
    return format_datetime(value)


@register.simple_tag
def deadline(due: object, done: object = False, overdue: object = None) -> SafeString:
    """A deadline in ``<time class="deadline">``, flagged when it has passed: the class
    ``deadline-past`` and a "lewat tenggat" badge. ``done``: the work is finished, so a passed date
    is no longer flagged; ``overdue``: the caller's own verdict (e.g. counted in working days),
    used instead of the date comparison when given. Nothing for no deadline."""
    if due is None or due == "":
        return SafeString("")
    past = bool(overdue) if overdue is not None and overdue != "" else (not done and is_past(due))
    shown = format_datetime(due) if isinstance(due, dt.datetime) else format_date(due)
    html = format_html(
        '<time class="deadline{}" datetime="{}">{}</time>', " deadline-past" if past else "", datetime_attr(due), shown
    )
    if past:
        html += format_html(' <span class="badge badge-danger deadline-badge">{}</span>', _("past deadline"))
    return html


@register.simple_tag
def page_numbers(page_obj: object, on_each_side: int = 2, on_ends: int = 1) -> list[object]:
    """Page numbers around the current page with "…" gaps (Django's elided page range)."""
    paginator = page_obj.paginator  # type: ignore[attr-defined]
    number = page_obj.number  # type: ignore[attr-defined]
    return list(paginator.get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends))
