"""The province dashboard of a final cycle (public), the list of dashboards, and the cycle export."""

from __future__ import annotations

import io
from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.core.svg import bar_chart, kabkota_map
from lontar.evaluations import permissions
from lontar.evaluations.choices import CycleScope
from lontar.evaluations.export import write_csv, write_xlsx
from lontar.evaluations.scoring_inputs import tree_of
from lontar.evaluations.selectors import dashboard as board
from lontar.evaluations.selectors.submissions import cycle_get_public, cycles_public

#: predikat colours from weakest to strongest (the bands of every framework Lontar ships have five)
BAND_COLOURS = ("#b42318", "#e8a33d", "#5ba97f", "#2e8a63", "#0a4634")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def dashboard_index(request: HttpRequest) -> HttpResponse:
    """Published cycles grouped by framework (each framework apart)."""
    cycles = list(cycles_public())
    groups = [(framework, list(items)) for framework, items in groupby(cycles, key=lambda c: c.framework.name)]
    groups.sort(key=lambda group: group[0])
    return render(request, "evaluations/dashboard_index.html", {"groups": groups})


def band_palette(tree_bands: tuple) -> dict[str, str]:
    colours = BAND_COLOURS if len(tree_bands) <= len(BAND_COLOURS) else ()
    return {band.name: colour for band, colour in zip(tree_bands, colours, strict=False)}


@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get_public(request.user, pk)
    tree = tree_of(cycle.framework)
    everyone = board.ranking(cycle)
    kabkota = cycle.scope == CycleScope.INSTANSI
    rows = board.ranking(cycle, kabkota_only=True) if kabkota else everyone
    palette = band_palette(tree.bands)
    distribution = board.distribution(tree, rows)
    categories = board.map_categories(rows)
    links = {row.organisation.region.code: row.submission_id for row in rows}
    context = {
        "cycle": cycle,
        "framework": cycle.framework,
        "rows": rows,
        "previous": board.previous_cycle(cycle),
        "distribution": distribution,
        "distribution_text": ", ".join(f"{count} {name}" for name, count in distribution if count),
        "kabkota": kabkota,
        "distribution_chart": bar_chart(
            [(name, count) for name, count in distribution],
            title=(_("Kab/kota by predikat: %(cycle)s") if kabkota else _("Results by predikat: %(cycle)s"))
            % {"cycle": cycle.name},
        ),
        "map": kabkota_map(
            categories=categories,
            palette=palette,
            title=_("Predikat per kabupaten/kota: %(cycle)s") % {"cycle": cycle.name},
            link=lambda code: reverse("evaluations:result", args=[links[code]]) if code in links else "#ranking",
        )
        if rows
        else None,
        "province_rows": [r for r in everyone if r.organisation.region.level == "provinsi"] if kabkota else [],
        "heatmap": board.heatmap(cycle, everyone),
        "weakest": board.weakest_indicators(cycle),
        "level_range": range(tree.level_min, tree.level_max + 1),
        "preview": not cycle.is_final,
    }
    return render(request, "evaluations/dashboard.html", context)


@require_GET
def cycle_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """CSV or XLSX of the whole cycle: public once final, managers any time."""
    cycle = cycle_get_public(request.user, pk)
    if not cycle.is_final and not permissions.is_manager(request.user):
        raise Http404
    filename = f"evaluasi-{cycle.framework.code}-{cycle.year}-{cycle.pk}"
    if fmt == "csv":
        text = io.StringIO()
        write_csv(cycle, text)
        response = HttpResponse(text.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    if fmt == "xlsx":
        data = io.BytesIO()
        write_xlsx(cycle, data)
        response = HttpResponse(data.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    raise Http404
