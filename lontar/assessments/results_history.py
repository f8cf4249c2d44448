"""The history of official results per instansi (selectors): imported published results, per framework, never mixed."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Min, QuerySet

from lontar.assessments.models import Framework, PublishedResult, ResultAggregate
from lontar.core.svg import Chart
from lontar.organisations.models import Organisation


@dataclass(frozen=True)
class HistoryPoint:
    """One result in a trend. ``origin`` tells an imported official result from a Lontar-run one."""

    year: int
    index: Decimal
    predikat: str
    origin: str
    source: str
    notes: str
    is_sample: bool


ORIGIN_PUBLISHED = "published"
ORIGIN_LONTAR = "lontar"


@dataclass
class HistorySection:
    framework_code: str
    framework: Framework | None
    points: list[HistoryPoint] = field(default_factory=list)
    national: dict[int, PublishedResult] = field(default_factory=dict)
    chart: Chart | None = None


def history_subjects() -> QuerySet[Organisation]:
    """Instansi with at least one published result, with their count and first and last year."""
    return (
        Organisation.objects.filter(published_results__isnull=False, is_active=True)
        .annotate(
            result_count=Count("published_results"),
            first_year=Min("published_results__year"),
            last_year=Max("published_results__year"),
        )
        .select_related("region")
        .order_by("region_id")
    )


def _point(result: PublishedResult) -> HistoryPoint:
    return HistoryPoint(
        year=result.year,
        index=result.index,
        predikat=result.predikat,
        origin=ORIGIN_PUBLISHED,
        source=result.source,
        notes=result.notes,
        is_sample=result.is_sample,
    )


def instansi_history(organisation: Organisation) -> list[HistorySection]:
    """One section per framework (oldest regulation first), each with the national average of that framework."""
    frameworks = {f.code: f for f in Framework.objects.filter(is_current=True)}
    sections: dict[str, HistorySection] = {}
    for result in PublishedResult.objects.filter(organisation=organisation).order_by("framework_code", "year"):
        section = sections.setdefault(
            result.framework_code, HistorySection(result.framework_code, frameworks.get(result.framework_code))
        )
        section.points.append(_point(result))
    national = PublishedResult.objects.filter(
        aggregate=ResultAggregate.NATIONAL_AVERAGE, framework_code__in=list(sections)
    ).order_by("year")
    for result in national:
        sections[result.framework_code].national[result.year] = result
    return sorted(sections.values(), key=lambda s: (s.points[0].year, s.framework_code))


def latest_published(region_code: str) -> tuple[PublishedResult, Framework | None] | None:
    """The newest official result of the instansi of region ``region_code`` (any framework), with
    the current version of its framework when Lontar holds it; None when there is none."""
    result = (
        PublishedResult.objects.filter(organisation__region__code=region_code, organisation__kind="instansi")
        .select_related("organisation")
        .order_by("-year", "framework_code")
        .first()
    )
    if result is None:
        return None
    return result, Framework.objects.filter(code=result.framework_code, is_current=True).first()
