"""Questionnaire results (public once the cycle is final), history, the issued report and the dashboard."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import staff_required
from lontar.core import documents
from lontar.core.errors import flash_errors
from lontar.core.svg import bar_chart
from lontar.evaluations import permissions
from lontar.evaluations.forms import VerifyForm
from lontar.evaluations.models import QuestionnaireReport
from lontar.evaluations.selectors import questionnaires as sel
from lontar.evaluations.services import questionnaires as svc

NUMBER = re.compile(r"^[A-Z0-9-]{1,60}$")


@require_GET
def q_result(request: HttpRequest, pk: int) -> HttpResponse:
    sub = sel.questionnaire_get_for_result(request.user, pk)
    result = sel.questionnaire_result(sub)
    report = QuestionnaireReport.objects.filter(submission=sub).only("number", "sha256", "created_at").first()
    can_issue = request.user.is_authenticated and (
        permissions.is_manager(request.user) or permissions.is_team(request.user, sub.organisation)
    )
    history = sel.questionnaire_history(sub)
    context = {
        **sel.result_context(result),
        "sub": sub,
        "history": history,
        "report": report,
        "can_issue": can_issue and sub.is_final,
    }
    return render(request, "evaluations/q_result.html", context)


@staff_required
@require_POST
def q_report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    sub = sel.questionnaire_get_for_actor(request.user, pk)
    try:
        report, created = svc.questionnaire_report_issue(actor=request.user, submission=sub)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("evaluations:q_result", pk=sub.pk)
    if created:
        messages.success(request, _("Report %(number)s is issued.") % {"number": report.number})
    return redirect("evaluations:q_report_download", pk=sub.pk)


@never_cache
@require_GET
def q_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    sub = sel.questionnaire_get_for_result(request.user, pk)
    report = QuestionnaireReport.objects.filter(submission=sub).first()
    if report is None:
        raise Http404
    return documents.pdf_download(
        request, report.pdf, number=report.number, filename=f"{report.number}.pdf", sha256=report.sha256
    )


@require_http_methods(["GET", "POST"])
def q_report_verify(request: HttpRequest, number: str) -> HttpResponse:
    """Public: what the report with this number says, and whether a given PDF is that report."""
    if not NUMBER.match(number):
        raise Http404
    report = get_object_or_404(
        QuestionnaireReport.objects.select_related("submission__organisation", "submission__cycle__framework"),
        number=number,
    )
    form = VerifyForm(request.POST or None, request.FILES or None)
    checked_hash = ""
    if request.method == "POST" and form.is_valid():
        checked_hash = documents.upload_sha256(form.cleaned_data["document"])
    context = {
        "report": report,
        "sub": report.submission,
        "form": form,
        "checked_hash": checked_hash,
        "valid": checked_hash == report.sha256 if checked_hash else None,
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "evaluations/q_verify_report.html", context, status=status)


@require_GET
def q_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """One cycle, one framework: KAMI systems by status per kab/kota; Monev KIP bodies by predikat."""
    cycle = sel.questionnaire_cycle_get(request.user, pk)
    board = sel.dashboard(cycle)
    chart = None
    if board.totals:
        chart = bar_chart(
            [(name, float(board.totals.get(name, 0))) for name in board.statuses],
            title=_("%(cycle)s: results by status") % {"cycle": cycle.name},
        )
    return render(request, "evaluations/q_dashboard.html", {"cycle": cycle, "board": board, "chart": chart})
