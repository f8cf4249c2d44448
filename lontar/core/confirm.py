"""The confirmation step of an irreversible action: a summary page first, the change only once confirmed.

Enforced on the server: a POST without ``confirmed=1`` never acts, whatever sent it (the page's button, a
script, a stale form); the view answers :func:`render_confirm` (status 200, nothing changes) and the
confirmation page posts the same form again with ``confirmed=1``. Works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED_FIELD = "confirmed"


def needs_confirmation(request: HttpRequest) -> bool:
    """True unless the POST comes from the confirmation page (``confirmed=1``): show the summary, act on nothing."""
    return request.POST.get(CONFIRMED_FIELD) != "1"


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
