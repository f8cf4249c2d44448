"""Template helpers of the catalogue pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    try:
        return mapping.get(key, [])
    except AttributeError:
        return []


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
