"""A result page (public once the cycle is final), the LHE (issue, download) and its verification page."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import staff_required
from lontar.assessments.models import NodeKind
from lontar.assessments.results_history import ORIGIN_LONTAR, HistoryPoint, instansi_history
from lontar.core import documents
from lontar.core.errors import flash_errors
from lontar.core.svg import Chart, bar_chart, line_chart
from lontar.evaluations import permissions, services
from lontar.evaluations.choices import CycleState, SubmissionState
from lontar.evaluations.forms import VerifyForm
from lontar.evaluations.models import Report, Submission
from lontar.evaluations.selectors.indicators import sections
from lontar.evaluations.selectors.results import SubmissionResult, submission_result, target_view
from lontar.evaluations.selectors.submissions import submission_get_for_actor, submission_get_for_result

NUMBER = re.compile(r"^[A-Z0-9-]{1,60}$")


def result_chart(result: SubmissionResult) -> Chart:
    items = [
        (f"{NodeKind(n.kind).label} {n.number}. {n.name}", float(n.validated.index) if n.validated.index else None)
        for n in result.nodes
    ]
    title = _("Index per domain and aspect: %(org)s, %(cycle)s") % {
        "org": result.submission.organisation.name,
        "cycle": result.submission.cycle.name,
    }
    return bar_chart(items, title=title, max_value=result.tree.level_max)


def trend(submission: Submission) -> tuple[list[HistoryPoint], Chart | None]:
    """Results of this organisation under the same framework: imported official ones and Lontar's final ones.

    Both are listed (and drawn as two series) when a year has both: they are never merged.
    """
    code = submission.cycle.framework.code
    points: list[HistoryPoint] = []
    for section in instansi_history(submission.organisation):
        if section.framework_code == code:
            points += section.points
    finals = (
        Submission.objects.filter(
            organisation=submission.organisation,
            cycle__framework__code=code,
            cycle__state=CycleState.FINAL,
            state=SubmissionState.FINAL,
        )
        .select_related("cycle")
        .order_by("cycle__year")
    )
    points += [
        HistoryPoint(
            year=sub.cycle.year,
            index=sub.final_index,
            predikat=sub.final_predikat,
            origin=ORIGIN_LONTAR,
            source=sub.cycle.name,
            notes="",
            is_sample=sub.cycle.is_sample,
        )
        for sub in finals
        if sub.final_index is not None
    ]
    points.sort(key=lambda p: (p.year, p.origin != ORIGIN_LONTAR))
    if len({p.year for p in points}) < 2:
        return points, None
    series: dict[str, list[tuple[int, float | None]]] = {}
    for point in points:
        label = str(_("Evaluated in Lontar") if point.origin == ORIGIN_LONTAR else _("Official result, imported"))
        series.setdefault(label, []).append((point.year, float(point.index)))
    chart = line_chart(
        series,
        title=_("%(org)s: %(framework)s over the years")
        % {"org": submission.organisation.name, "framework": submission.cycle.framework.name},
        x_label=_("Year"),
    )
    return points, chart


def simulator_levels(data: SubmissionResult) -> dict[str, str]:
    """Each indicator's level as the simulator form takes it ("3", "3.25"): the validated level
    where there is one, else the level the instansi claimed in its penilaian mandiri."""
    out = {}
    for row in data.rows:
        value = row.validated if row.validated is not None else row.self_value
        if value is not None:
            out[row.number] = str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")
    return out


@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get_for_result(request.user, pk)
    data = submission_result(submission)
    points, trend_chart = trend(submission)
    report = Report.objects.filter(submission=submission).only("number", "sha256", "created_at").first()
    can_issue = request.user.is_authenticated and (
        permissions.is_manager(request.user) or permissions.is_team(request.user, submission.organisation)
    )
    context: dict[str, Any] = {
        "submission": submission,
        "cycle": submission.cycle,
        "result": data,
        "sections": sections(data.tree, data.nodes, data.rows),
        "chart": result_chart(data) if data.validated.answered else None,
        "trend_points": points,
        "trend_chart": trend_chart,
        "target": target_view(data),
        "report": report,
        "can_issue": can_issue and submission.is_final,
        "can_set_target": can_issue,
        "simulator_levels": simulator_levels(data),
    }
    return render(request, "evaluations/result.html", context)


@staff_required
@require_POST
def report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get_for_actor(actor=request.user, pk=pk)
    try:
        report, created = services.report_issue(actor=request.user, submission=submission)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("evaluations:result", pk=submission.pk)
    if created:
        messages.success(request, _("LHE %(number)s is issued.") % {"number": report.number})
    return redirect("evaluations:report_download", pk=submission.pk)


@never_cache
@require_GET
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF exactly as issued: for the submission's readers, and for everybody once the cycle is final."""
    submission = submission_get_for_result(request.user, pk)
    report = Report.objects.filter(submission=submission).first()
    if report is None:
        raise Http404
    return documents.pdf_download(
        request, report.pdf, number=report.number, filename=f"{report.number}.pdf", sha256=report.sha256
    )


@require_GET
def verify_signature(request: HttpRequest, number: str) -> HttpResponse:
    """Public: the detached Ed25519 signature of the LHE PDF with this number."""
    if not NUMBER.match(number):
        raise Http404
    report = get_object_or_404(Report.objects.only("number", "pdf", "sha256"), number=number)
    return documents.signature_download(
        request, report.pdf, number=report.number, filename=f"{report.number}.sig", sha256=report.sha256
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, number: str) -> HttpResponse:
    """Public: what the document with this number says, and whether a given PDF is that document."""
    if not NUMBER.match(number):
        raise Http404
    report = get_object_or_404(
        Report.objects.select_related("submission__organisation", "submission__cycle__framework"),
        number=number,
    )
    form = VerifyForm(request.POST or None, request.FILES or None)
    checked_hash = ""
    if request.method == "POST" and form.is_valid():
        checked_hash = documents.upload_sha256(form.cleaned_data["document"])
    elif request.method == "GET" and re.fullmatch(r"[0-9a-fA-F]{64}", request.GET.get("sha256", "")):
        checked_hash = request.GET["sha256"].lower()
    context = {
        "report": report,
        "submission": report.submission,
        "form": form,
        "checked_hash": checked_hash,
        "valid": checked_hash == report.sha256 if checked_hash else None,
        "pdf_name": f"{report.number}.pdf",
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "evaluations/verify.html", context, status=status)
