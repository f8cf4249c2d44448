"""Small helpers shared by the evaluation views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect


def messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def attach(form: Form, error: ValidationError, field: str | None = None) -> None:
    """Put a service's ValidationError on the form (on ``field`` when given and present)."""
    for message in messages_of(error):
        form.add_error(field if field in form.fields else None, message)


def back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Redirect after a POST to ``next`` when it is a path on this site, else to ``fallback``."""
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return redirect(target)
    return redirect(fallback)


def posted_version(request: HttpRequest) -> int:
    try:
        return max(0, int(request.POST.get("version", "0")))
    except ValueError:
        return -1
