"""Template helpers of the audit pages. Load with ``{% load audit_tags %}``."""

from __future__ import annotations

import json
from typing import Any

from django import template

from lontar.audit import registry

register = template.Library()

COMPACT_MAX = 120


@register.filter
def action_label(name: str) -> str:
    """The registered (translated) label of an action name."""
    return registry.label_for(name)


@register.filter
def compact_json(value: Any, limit: int = COMPACT_MAX) -> str:
    """One-line JSON, cut at ``limit`` characters with an ellipsis."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text if len(text) <= int(limit) else text[: int(limit) - 1] + "…"


@register.filter
def pretty_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@register.filter
def short_hash(value: str) -> str:
    return (value or "")[:12]
