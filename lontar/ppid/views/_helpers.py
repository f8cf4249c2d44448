"""Small helpers shared by the PPID views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lontar.ppid.ratelimit import Limit


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, next to the fields it names."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def error_messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [str(m) for errors in exc.error_dict.values() for e in errors for m in e.messages]
    return [str(m) for m in exc.messages]


def too_many(request: HttpRequest, limit: Limit) -> HttpResponse:
    """429 with a clear message and Retry-After."""
    message = _(
        "Too many attempts from your internet address. To protect the service, wait %(minutes)d minutes and try again."
    ) % {"minutes": limit.window_minutes}
    response = render(request, "ppid/rate_limited.html", {"message": message}, status=429)
    response["Retry-After"] = str(limit.window_seconds)
    return response
