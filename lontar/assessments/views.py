"""Public pages: the frameworks, one framework's tree with its criteria, and the what-if simulator."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lontar.assessments import planner, scoring
from lontar.assessments.forms import SimulatorForm, cap_field_name, level_field_name
from lontar.assessments.models import NodeKind, PublishedResult, ResultAggregate
from lontar.assessments.results_history import HistorySection, history_subjects, instansi_history
from lontar.assessments.selectors import (
    NodeView,
    framework_bands,
    framework_get,
    framework_outline,
    framework_tree,
)
from lontar.assessments.selectors import framework_list as select_frameworks
from lontar.assessments.tree import FrameworkTree
from lontar.core.svg import Chart, bar_chart, line_chart
from lontar.organisations.models import Organisation, OrganisationKind


@dataclass
class Group:
    """Indicators that share a parent, with the headings (domain, aspect) that start before them."""

    headings: list[tuple[int, NodeView]]
    parent: NodeView | None
    rows: list[Any] = field(default_factory=list)


def indicator_groups(outline: list[NodeView], top: int = 3) -> list[Group]:
    """Flatten the tree into runs of sibling indicators; headings start at ``<h{top}>`` (at most h6)."""
    groups: list[Group] = []

    def visit(view: NodeView, parent: NodeView | None, depth: int, pending: list[tuple[int, NodeView]]) -> list:
        if view.is_indicator:
            if not groups or groups[-1].parent is not parent or pending:
                groups.append(Group(headings=pending, parent=parent))
                pending = []
            groups[-1].rows.append(view)
            return pending
        pending = [*pending, (min(depth + top, 6), view)]
        for child in view.children:
            pending = visit(child, view, depth + 1, pending)
        return pending

    for root in outline:
        visit(root, None, 0, [])
    return groups


@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/framework_list.html", {"frameworks": list(select_frameworks())})


@require_GET
def framework_detail(request: HttpRequest, code: str) -> HttpResponse:
    framework = framework_get(code)
    outline = framework_outline(framework)
    context = {
        "framework": framework,
        "groups": indicator_groups(outline),
        "top_nodes": outline,
        "bands": framework_bands(framework),
        "scales": framework.scales.prefetch_related("levels"),
    }
    return render(request, "assessments/framework_detail.html", context)


def _chart(framework_name: str, result: scoring.Score, level_max: int) -> Chart:
    items = [
        (f"{NodeKind(n.kind).label} {n.number}. {n.name}", float(n.index) if n.index is not None else None)
        for n in result.nodes
    ]
    return bar_chart(
        items,
        title=_("Index per domain and aspect: %(framework)s") % {"framework": framework_name},
        max_value=level_max,
    )


def _plan_context(tree: FrameworkTree, plan: planner.Plan, indicators: list[NodeView]) -> dict[str, Any]:
    names = {view.node.number: view.node.name for view in indicators}
    after = scoring.round_half_up(plan.exact_after)
    return {
        "reachable": plan.reachable,
        "step_count": plan.step_count,
        "steps": [
            {"indicator": s.indicator, "name": names[s.indicator], "start": s.start, "end": s.end, "count": s.count}
            for s in plan.steps
        ],
        "after": after,
        "band": tree.band_for(Fraction(after)),
        "maximum": scoring.round_half_up(plan.exact_max),
        "assumed_minimum": plan.assumed_minimum,
    }


def _target_year(form: SimulatorForm) -> str | None:
    """The year of the instansi's target the simulator was opened with (from an evaluation result)."""
    year = getattr(form, "cleaned_data", {}).get("target_year") if form.target is not None else None
    return str(year) if year else None


@require_http_methods(["GET", "POST"])
def framework_simulator(request: HttpRequest, code: str) -> HttpResponse:
    """What-if simulator: levels in, index, predikat and (with a target) the planner's steps out."""
    framework = framework_get(code)
    tree = framework_tree(framework)
    outline = framework_outline(framework)
    indicators = [ind for root in outline for ind in root.indicators()]
    form = SimulatorForm(request.POST if request.method == "POST" else None, tree=tree, indicators=indicators)
    result = plan = chart = None
    if form.is_bound and form.is_valid():
        result = scoring.score(tree, form.values)
        chart = _chart(framework.name, result, tree.level_max) if result.answered else None
        if form.target is not None:
            plan = planner.plan(tree, form.values, form.target.value, form.caps)
    groups = indicator_groups(outline)
    for group in groups:
        group.rows = [
            (view, form[level_field_name(view.node.number)], form[cap_field_name(view.node.number)])
            for view in group.rows
        ]
    context = {
        "framework": framework,
        "form": form,
        "groups": groups,
        "result": result,
        "plan": _plan_context(tree, plan, indicators) if plan else None,
        "target": form.target,
        "target_year": _target_year(form),
        "target_met": (
            result.exact >= form.target.threshold
            if form.target is not None and result is not None and result.exact is not None
            else None
        ),
        "chart": chart,
    }
    template = "assessments/framework_simulator.html"
    if getattr(request, "htmx", False):
        # htmx swaps only successful responses, so the fragment with its error list answers 200
        return render(request, template + "#result", context)
    return render(request, template, context, status=422 if form.is_bound and form.errors else 200)


@require_GET
def history_list(request: HttpRequest) -> HttpResponse:
    """Instansi with official results imported as history."""
    national = PublishedResult.objects.filter(aggregate=ResultAggregate.NATIONAL_AVERAGE).order_by(
        "framework_code", "year"
    )
    return render(
        request, "assessments/history_list.html", {"subjects": list(history_subjects()), "national": national}
    )


@require_GET
def history_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The trend of one instansi: one chart and table per framework, with the national average of that framework."""
    organisation = get_object_or_404(Organisation, slug=slug[:120], kind=OrganisationKind.INSTANSI, is_active=True)
    sections = instansi_history(organisation)
    for section in sections:
        section.chart = _history_chart(organisation, section)
    return render(request, "assessments/history_detail.html", {"organisation": organisation, "sections": sections})


def _history_chart(organisation: Organisation, section: HistorySection) -> Chart:
    series = {organisation.name: [(p.year, float(p.index)) for p in section.points]}
    if section.national:
        series[str(_("National average"))] = [(year, float(r.index)) for year, r in sorted(section.national.items())]
    name = section.framework.name if section.framework else section.framework_code
    return line_chart(series, title=_("%(name)s over the years") % {"name": name}, x_label=_("Year"))
