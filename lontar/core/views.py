"""Public pages of the shell: home, about (data sources), pattern library, error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors that could fail again: a plain render of a static template.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)
