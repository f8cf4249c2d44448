"""Public directory of organisations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from lontar.organisations.models import Organisation


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(is_active=True).select_related("region", "parent")
    return render(request, "organisations/directory.html", {"organisations": organisations})


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("region", "parent"), slug=slug, is_active=True)
    return render(request, "organisations/detail.html", {"organisation": organisation})
