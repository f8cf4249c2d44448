"""Cycles: the list, opening one, its management page (participants, asesor, deadlines), finalising it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import role_required, staff_required
from lontar.core.errors import apply_errors, flash_errors
from lontar.evaluations import permissions, services
from lontar.evaluations.forms import AssignmentForm, CycleOpenForm, DeadlinesForm
from lontar.evaluations.models import Assignment, Cycle
from lontar.evaluations.selectors.submissions import cycle_get_for_manager, cycles_for, submissions_visible
from lontar.evaluations.services.cycles import DEADLINE_FIELDS

manager_page = role_required(*permissions.MANAGER_ROLES)


@require_GET
def cycle_list(request: HttpRequest) -> HttpResponse:
    """Published cycles for everybody; managers also see open ones, participants their own."""
    cycles = list(cycles_for(request.user))
    return render(
        request,
        "evaluations/cycle_list.html",
        {
            "cycles": cycles,
            "is_manager": permissions.is_manager(request.user),
            "has_work": request.user.is_authenticated and submissions_visible(request.user).exists(),
        },
    )


@manager_page
@require_http_methods(["GET", "POST"])
def cycle_open(request: HttpRequest) -> HttpResponse:
    if not permissions.is_manager(request.user):
        raise PermissionDenied
    form = CycleOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_open(
                actor=request.user,
                framework=data["framework"],
                year=data["year"],
                name=data["name"],
                scope=data["scope"],
                participants=data["members"],
                deadlines=form.deadlines,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The cycle is open. Each participant can now fill in its penilaian mandiri."))
            return redirect("evaluations:cycle_detail", pk=cycle.pk)
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "evaluations/cycle_open.html", {"form": form}, status=status)


def _detail_context(
    cycle: Cycle, assignment_form: AssignmentForm | None = None, deadlines_form: DeadlinesForm | None = None
) -> dict[str, Any]:
    submissions = (
        cycle.submissions.select_related("organisation", "organisation__region")
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("asesor")))
        .annotate(answered=Count("answers", filter=Q(answers__self_value__isnull=False)), total=Count("answers"))
        .order_by("organisation__region_id", "organisation__name")
    )
    initial = {field: getattr(cycle, field) for field in DEADLINE_FIELDS}
    return {
        "cycle": cycle,
        "submissions": submissions,
        "assignment_form": assignment_form or AssignmentForm(cycle=cycle),
        "deadlines_form": deadlines_form or DeadlinesForm(initial=initial),
        "all_final": not cycle.submissions.exclude(state="final").exists(),
    }


@staff_required
@require_GET
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get_for_manager(request.user, pk)
    return render(request, "evaluations/cycle_detail.html", _detail_context(cycle))


@staff_required
@require_POST
def cycle_deadlines(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get_for_manager(request.user, pk)
    form = DeadlinesForm(request.POST)
    if form.is_valid():
        try:
            services.cycle_set_deadlines(actor=request.user, cycle=cycle, deadlines=form.deadlines)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The deadlines are saved."))
            return redirect("evaluations:cycle_detail", pk=cycle.pk)
    return render(request, "evaluations/cycle_detail.html", _detail_context(cycle, deadlines_form=form), status=422)


@staff_required
@require_POST
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get_for_manager(request.user, pk)
    form = AssignmentForm(request.POST, cycle=cycle)
    if form.is_valid():
        try:
            for submission in form.cleaned_data["submissions"]:
                services.assignment_create(
                    actor=request.user, submission=submission, asesor=form.cleaned_data["asesor"]
                )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The asesor is assigned."))
            return redirect(reverse("evaluations:cycle_detail", args=[cycle.pk]) + "#asesor")
    return render(request, "evaluations/cycle_detail.html", _detail_context(cycle, assignment_form=form), status=422)


@staff_required
@require_POST
def assignment_remove(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    cycle = cycle_get_for_manager(request.user, pk)
    assignment = get_object_or_404(
        Assignment.objects.select_related("submission", "asesor"), pk=assignment_pk, submission__cycle=cycle
    )
    try:
        services.assignment_remove(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The assignment is removed."))
    return redirect(reverse("evaluations:cycle_detail", args=[cycle.pk]) + "#asesor")


@staff_required
@require_POST
def cycle_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get_for_manager(request.user, pk)
    try:
        _cycle, changed = services.cycle_finalise(actor=request.user, cycle=cycle)
    except ValidationError as exc:
        flash_errors(request, exc)
        return render(request, "evaluations/cycle_detail.html", _detail_context(cycle), status=422)
    if changed:
        messages.success(request, _("The cycle is final; its dashboard is public."))
    else:
        messages.info(request, _("This cycle was already final."))
    return redirect("evaluations:dashboard", pk=cycle.pk)
