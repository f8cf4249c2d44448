"""Display helpers for evaluation pages. Load with ``{% load evaluations_tags %}``."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lontar.evaluations.choices import SubmissionState

register = template.Library()

STATE_BADGES: dict[str, str] = {
    SubmissionState.DRAFT: "badge",
    SubmissionState.SUBMITTED: "badge badge-info",
    SubmissionState.DOKUMEN: "badge badge-warning",
    SubmissionState.INTERVIU: "badge badge-warning",
    SubmissionState.VISITASI: "badge badge-warning",
    SubmissionState.FINAL: "badge badge-success",
}


@register.simple_tag
def state_badge(submission: object) -> SafeString:
    state = getattr(submission, "state", "")
    label = getattr(submission, "get_state_display", lambda: state)()
    return format_html('<span class="{}">{}</span>', STATE_BADGES.get(state, "badge"), label)


@register.filter
def change(value: Decimal | None) -> str:
    """A signed difference with two decimals in the active locale: "+0,12", "−0,05", "0,00"; "—" for none."""
    if value is None:
        return "—"
    text = number_format(abs(Decimal(value)), 2, use_l10n=True)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


@register.filter
def heat(value: Decimal | None) -> str:
    """The heat-map class of a level: "heat-0" … "heat-5" (rounded down), "heat-none" when missing."""
    if value is None:
        return "heat-none"
    return f"heat-{max(0, min(5, int(value)))}"


@register.filter
def option_label(labels: dict[str, str], code: object) -> str:
    """The label of an answer option code (``labels`` from the result context); the code when unknown."""
    if not code:
        return ""
    return str(labels.get(str(code), code)) if isinstance(labels, dict) else str(code)


@register.simple_tag
def typed_or(row: dict, field: str) -> str:
    """What the user typed in a refused form (kept), else the stored answer's value."""
    typed = row.get("typed")
    if typed is not None:
        return typed.get(field, "")
    answer = row.get("answer")
    return getattr(answer, field, "") if answer is not None else ""
