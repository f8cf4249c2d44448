"""Public pages of the shell: home, about (data sources), pattern library, error pages."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


API_PREFIX = "/api/"


def _api_problem(request: HttpRequest, status: int, title: str) -> HttpResponse:
    """Errors under /api/ that never reached a ninja endpoint still answer problem+json."""
    body = {"type": "about:blank", "title": title, "status": status, "instance": request.path}
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type="application/problem+json")


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_problem(request, 403, _("Access denied."))
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_problem(request, 404, _("Not found."))
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_problem(request, 500, _("Internal server error."))
    # No context processors that could fail again: a plain render of a static template.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)
