"""Small helpers shared by the PPID views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lontar.ppid.ratelimit import Limit


def too_many(request: HttpRequest, limit: Limit) -> HttpResponse:
    """429 with a clear message and Retry-After."""
    message = _(
        "Too many attempts from your internet address. To protect the service, wait %(minutes)d minutes and try again."
    ) % {"minutes": limit.window_minutes}
    response = render(request, "ppid/rate_limited.html", {"message": message}, status=429)
    response["Retry-After"] = str(limit.window_seconds)
    return response
