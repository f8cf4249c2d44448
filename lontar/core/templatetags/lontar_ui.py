"""Small template helpers of the UI shell: navigation links, the sample-data badge, numbers, times.

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


@register.simple_tag
def page_numbers(page_obj: object, on_each_side: int = 2, on_ends: int = 1) -> list[object]:
    """Page numbers around the current page with "…" gaps (Django's elided page range)."""
    paginator = page_obj.paginator  # type: ignore[attr-defined]
    number = page_obj.number  # type: ignore[attr-defined]
    return list(paginator.get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends))
