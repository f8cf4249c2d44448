"""Public pages: the province's applications and services with their public fields only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lontar.katalog.models import ServiceKind, Stage
from lontar.katalog.selectors import public as selectors
from lontar.katalog.views.common import page_of
from lontar.organisations.selectors import active_instansi


def _filters(request: HttpRequest) -> dict[str, str]:
    return {
        "q": request.GET.get("q", "")[:100],
        "organisation": request.GET.get("instansi", "")[:120],
        "stage": request.GET.get("tahap", "")[:30],
        "kind": request.GET.get("jenis", "")[:30],
    }


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    qs = selectors.public_applications(q=f["q"], organisation=f["organisation"], stage=f["stage"])
    context = {
        "page_obj": page_of(request, qs),
        "filters": f,
        "stages": Stage.choices,
        "instansi": active_instansi(),
    }
    return render(request, "katalog/public/index.html", context)


@require_GET
def application(request: HttpRequest, code: str) -> HttpResponse:
    app = selectors.public_application(code)
    context = {"app": app, "services": app.services.select_related("organisation").order_by("name")}
    return render(request, "katalog/public/application.html", context)


@require_GET
def services(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    qs = selectors.public_services(q=f["q"], organisation=f["organisation"], kind=f["kind"])
    context = {
        "page_obj": page_of(request, qs.prefetch_related("applications")),
        "filters": f,
        "kinds": ServiceKind.choices,
        "instansi": active_instansi(),
    }
    return render(request, "katalog/public/services.html", context)


@require_GET
def service(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.public_service(code)
    context = {"service": item, "applications": item.applications.select_related("organisation").order_by("name")}
    return render(request, "katalog/public/service.html", context)
