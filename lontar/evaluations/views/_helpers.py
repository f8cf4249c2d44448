"""Small helpers shared by the evaluation views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from lontar.core.safe_urls import safe_next


def back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Redirect after a POST to ``next`` when it is a path on this site, else to ``fallback``."""
    return redirect(safe_next(request.POST.get("next"), default=fallback))
