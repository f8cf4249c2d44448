"""The province dashboard of one cycle: ranking with change, distribution, map, heat-map, weakest indicators.

Only final results count, and every figure is about one cycle, hence one framework: indices of
different frameworks are never put side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet

from lontar.assessments.tree import FrameworkTree
from lontar.evaluations.choices import CycleState, SubmissionState
from lontar.evaluations.models import Answer, Cycle, Submission
from lontar.organisations.models import Organisation, RegionLevel

KABKOTA_LEVELS = (RegionLevel.KABUPATEN, RegionLevel.KOTA)


@dataclass(frozen=True)
class RankRow:
    rank: int
    submission_id: int
    organisation: Organisation
    index: Decimal | None
    predikat: str
    previous: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None or self.index is None else self.index - self.previous


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The latest earlier final cycle of the same framework (any version of it) and the same scope."""
    return (
        Cycle.objects.filter(
            framework__code=cycle.framework.code, scope=cycle.scope, state=CycleState.FINAL, year__lt=cycle.year
        )
        .order_by("-year", "-finalised_at")
        .first()
    )


def final_submissions(cycle: Cycle) -> QuerySet[Submission]:
    return Submission.objects.filter(cycle=cycle, state=SubmissionState.FINAL)


def ranking(cycle: Cycle, *, kabkota_only: bool = False) -> list[RankRow]:
    """Final results, highest index first; equal indices share a rank (1, 2, 2, 4).

    ``kabkota_only`` ranks the kab/kota among themselves (the province instansi apart).
    """
    rows = list(
        final_submissions(cycle)
        .select_related("organisation", "organisation__region")
        .order_by("-final_index", "organisation__name")
        .only(
            "pk",
            "organisation_id",
            "final_index",
            "final_predikat",
            "organisation__name",
            "organisation__short_name",
            "organisation__slug",
            "organisation__kind",
            "organisation__region__code",
            "organisation__region__level",
            "organisation__region__name",
        )
    )
    before = previous_cycle(cycle)
    previous: dict[int, Decimal] = {}
    if before is not None:
        rows_before = final_submissions(before).values_list("organisation_id", "final_index")
        previous = {org_id: index for org_id, index in rows_before if index is not None}
    out: list[RankRow] = []
    if kabkota_only:
        rows = [sub for sub in rows if sub.organisation.region.level in KABKOTA_LEVELS]
    for position, sub in enumerate(rows, start=1):
        rank = out[-1].rank if out and out[-1].index == sub.final_index else position
        out.append(
            RankRow(
                rank=rank,
                submission_id=sub.pk,
                organisation=sub.organisation,
                index=sub.final_index,
                predikat=sub.final_predikat,
                previous=previous.get(sub.organisation_id),
            )
        )
    return out


def distribution(tree: FrameworkTree, rows: list[RankRow]) -> list[tuple[str, int]]:
    """How many results fall in each predikat band, in band order (empty bands included)."""
    counts: dict[str, int] = {band.name: 0 for band in tree.bands}
    for row in rows:
        counts[row.predikat] = counts.get(row.predikat, 0) + 1
    return list(counts.items())


def map_categories(rows: list[RankRow]) -> dict[str, str]:
    """{Kemendagri code of a kab/kota: predikat} for the choropleth (the province itself is not a region on it)."""
    return {
        row.organisation.region.code: row.predikat
        for row in rows
        if row.organisation.region.level in KABKOTA_LEVELS and row.organisation.kind == "instansi"
    }


@dataclass(frozen=True)
class Heatmap:
    indicators: list[tuple[str, str]]
    rows: list[tuple[RankRow, list[Decimal | None]]]


def heatmap(cycle: Cycle, rows: list[RankRow]) -> Heatmap:
    """Final level of every indicator (columns, tree order) of every result (rows, ranking order)."""
    indicators = list(cycle.framework.nodes.filter(kind="indicator").order_by("position").values_list("number", "name"))
    levels: dict[int, dict[str, Decimal | None]] = {}
    for submission_id, number, value in (
        Answer.objects.filter(submission__cycle=cycle, submission__state=SubmissionState.FINAL)
        .order_by()
        .values_list("submission_id", "number", "final_value")
    ):
        levels.setdefault(submission_id, {})[number] = value
    return Heatmap(
        indicators=indicators,
        rows=[(row, [levels.get(row.submission_id, {}).get(n) for n, _name in indicators]) for row in rows],
    )


@dataclass(frozen=True)
class WeakIndicator:
    number: str
    name: str
    average: Decimal
    at_lowest: int
    count: int


def weakest_indicators(cycle: Cycle, limit: int = 10) -> list[WeakIndicator]:
    """Indicators with the lowest average final level across the cycle's results (ties: most at the lowest level)."""
    lowest = cycle.framework.level_min
    names = dict(cycle.framework.nodes.filter(kind="indicator").values_list("number", "name"))
    rows = (
        Answer.objects.filter(submission__cycle=cycle, submission__state=SubmissionState.FINAL)
        .values("number")
        .annotate(
            average=Avg("final_value"),
            at_lowest=Count("pk", filter=Q(final_value__lte=lowest)),
            count=Count("pk"),
        )
        .order_by("average", "-at_lowest", "number")[:limit]
    )
    return [
        WeakIndicator(
            number=r["number"],
            name=names.get(r["number"], ""),
            average=Decimal(str(r["average"])).quantize(Decimal("0.01")),
            at_lowest=r["at_lowest"],
            count=r["count"],
        )
        for r in rows
    ]
