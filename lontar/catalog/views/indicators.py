"""Public indicator pages (from MS-Ind): definition and method, and the charts and map of the
public datasets that carry the indicator, per kabupaten/kota and over the years."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lontar.catalog.models import CatalogEntry, IndicatorMetadata
from lontar.catalog.resource_preview import resource_preview


def _public_indicators() -> Any:
    """Indicators marked publicly accessible that at least one public dataset carries."""
    entries = CatalogEntry.objects.values("dataset")
    return IndicatorMetadata.objects.filter(is_public=True, datasets__in=entries).distinct()


@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    indicators = _public_indicators().select_related("organisation").order_by("name")
    return render(request, "catalog/indicators.html", {"indicators": indicators})


@require_GET
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _public_indicators().select_related("organisation", "activity").filter(pk=pk).first()
    if indicator is None:
        raise Http404
    entries = CatalogEntry.objects.filter(dataset__in=indicator.datasets.all()).select_related("version")
    datasets = []
    for entry in entries.order_by("title"):
        snap = entry.version.snapshot
        charts: list[Any] = []
        for resource in snap["resources"]:
            preview = resource_preview(snap["slug"], resource)
            charts += preview["charts"] if preview else []
        datasets.append({"entry": entry, "charts": charts})
    return render(request, "catalog/indicator_detail.html", {"indicator": indicator, "datasets": datasets})
