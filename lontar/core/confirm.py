"""The confirmation step of an irreversible action: a summary page first, the change only once confirmed.

The page's button posts ``step=review``; the view then answers :func:`render_confirm` (nothing changes)
and the confirmation page posts the same form again with ``confirmed=1``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def wants_review(request: HttpRequest) -> bool:
    """True when the form asks for the summary first and has not been confirmed yet."""
    return request.POST.get("step") == "review" and request.POST.get("confirmed") != "1"


@dataclass(frozen=True)
class Confirmation:
    title: str
    lead: str
    action: str
    button: str
    cancel: str
    summary: list[tuple[str, Any, bool]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    danger: bool = False


def render_confirm(request: HttpRequest, confirm: Confirmation, *, keep: Iterable[str] = ()) -> HttpResponse:
    """The confirmation page; ``keep`` names posted fields carried to the confirming form."""
    carried = [(name, request.POST.get(name, "")) for name in keep]
    confirm = Confirmation(**{**confirm.__dict__, "fields": [*confirm.fields, *carried]})
    return render(request, "core/confirm.html", {"confirm": confirm})
