"""Template helpers of the catalogue pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.simple_tag(takes_context=True)
def querystring_toggle(context: template.Context, name: str, value: Any) -> str:
    """The current query string with ``name=value`` added, or removed if present; back to page 1."""
    params = context["request"].GET.copy()
    values = params.getlist(name)
    value = str(value)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params.setlist(name, values)
    params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@register.filter
def cell(value: Any) -> str:
    """A preview cell: numbers grouped the local way (1.234.567), empty for missing values."""
    if value is None:
        return ""
    if is_number(value):
        return number_format(value, force_grouping=True)
    return str(value)
