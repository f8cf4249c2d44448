"""A submission: the overview with progress and levels, and its workflow actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lontar.accounts.decorators import staff_required
from lontar.assessments.templatetags.assessments_tags import index as format_index
from lontar.core.confirm import Confirmation, needs_confirmation, render_confirm
from lontar.core.errors import flash_errors
from lontar.evaluations import permissions, services
from lontar.evaluations.choices import FINALISABLE, NEXT_STAGE, REVIEW_STATES, SubmissionState
from lontar.evaluations.models import Submission
from lontar.evaluations.selectors.confirmations import accept_summary, finalise_summary, submit_summary
from lontar.evaluations.selectors.indicators import sections
from lontar.evaluations.selectors.results import submission_result
from lontar.evaluations.selectors.submissions import submission_get_for_actor, submission_progress, submissions_visible
from lontar.evaluations.services.evidence import previous_submission


def actions_for(user: Any, submission: Submission) -> dict[str, bool]:
    """What ``user`` may do with ``submission`` now (drives the buttons; services check again)."""
    team = permissions.is_team(user, submission.organisation)
    assigned = permissions.is_assigned(user, submission)
    manager = permissions.is_manager(user)
    draft = submission.state == SubmissionState.DRAFT and not submission.cycle.is_final
    return {
        "team": team,
        "assigned": assigned,
        "manager": manager,
        "edit": team and draft,
        "submit": team and draft,
        "start_stage": (assigned or manager) and submission.state in NEXT_STAGE,
        "review": assigned and submission.state in REVIEW_STATES,
        "respond": team and submission.state == SubmissionState.INTERVIU,
        "finalise": manager and submission.state in FINALISABLE,
        "issue_report": (team or manager) and submission.is_final,
    }


@staff_required
@require_GET
def submission_list(request: HttpRequest) -> HttpResponse:
    """The evaluations the actor works on: the own team's, assigned ones, all for managers."""
    rows = submissions_visible(request.user).order_by("-cycle__year", "cycle__name", "organisation__region_id")
    manager = permissions.is_manager(request.user)
    library = {}
    submissions = list(rows[:500])
    for sub in submissions:
        if sub.organisation_id not in library:
            library[sub.organisation_id] = manager or permissions.is_team(request.user, sub.organisation)
    return render(
        request,
        "evaluations/submission_list.html",
        {"rows": [(sub, library[sub.organisation_id]) for sub in submissions], "is_manager": manager},
    )


@staff_required
@require_GET
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get_for_actor(actor=request.user, pk=pk)
    result = submission_result(submission)
    can = actions_for(request.user, submission)
    next_stage = NEXT_STAGE.get(submission.state)
    context = {
        "submission": submission,
        "cycle": submission.cycle,
        "result": result,
        "sections": sections(result.tree, result.nodes, result.rows),
        "progress": submission_progress(submission),
        "can": can,
        "next_stage": next_stage,
        "next_stage_label": SubmissionState(next_stage).label if next_stage else "",
        "previous": previous_submission(submission) if can["edit"] else None,
        "assignments": submission.assignments.select_related("asesor"),
    }
    return render(request, "evaluations/submission_detail.html", context)


def _run(request: HttpRequest, submission: Submission, action: Any, success: str, **kwargs: Any) -> HttpResponse:
    try:
        outcome = action(actor=request.user, submission=submission, **kwargs)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        changed = outcome[1] if isinstance(outcome, tuple) else True
        if changed:
            messages.success(request, success)
        else:
            messages.info(request, _("Nothing changed: this was already done."))
    return redirect("evaluations:submission_detail", pk=submission.pk)


@staff_required
@require_POST
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get_for_actor(actor=request.user, pk=pk)
    if needs_confirmation(request):
        counts = submit_summary(submission)
        return render_confirm(
            request,
            Confirmation(
                title=_("Submit the penilaian mandiri"),
                lead=_("After submitting, the levels, explanations and evidence are locked for the asesor."),
                action=reverse("evaluations:submission_submit", args=[submission.pk]),
                button=_("Yes, submit the penilaian mandiri"),
                cancel=reverse("evaluations:submission_detail", args=[submission.pk]),
                summary=[
                    (_("Indicators"), counts.total, False),
                    (_("Indicators unanswered"), counts.unanswered, counts.unanswered > 0),
                    (_("Answered indicators without evidence"), counts.without_evidence, counts.without_evidence > 0),
                ],
            ),
        )
    return _run(
        request,
        submission,
        services.submission_submit,
        _("The penilaian mandiri is submitted and locked. The asesor can now review it."),
    )


@staff_required
@require_POST
def stage_start(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get_for_actor(actor=request.user, pk=pk)
    stage = request.POST.get("stage", "")
    return _run(request, submission, services.stage_start, _("The next review stage has started."), stage=stage)


@staff_required
@require_POST
def review_accept_remaining(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get_for_actor(actor=request.user, pk=pk)
    if needs_confirmation(request):
        counts = accept_summary(submission)
        notes = []
        if counts.high_without_evidence:
            notes.append(_("Check these before accepting: a level of 4 or above usually needs evidence."))
        return render_confirm(
            request,
            Confirmation(
                title=_("Accept all remaining levels"),
                lead=_("Every indicator not yet validated in this stage takes its earlier level."),
                action=reverse("evaluations:review_accept_remaining", args=[submission.pk]),
                button=_("Yes, accept all"),
                cancel=reverse("evaluations:submission_detail", args=[submission.pk]),
                summary=[
                    (_("Indicators that will be set"), counts.remaining, False),
                    (
                        _("Of these, at level 4 or above with no evidence"),
                        counts.high_without_evidence,
                        counts.high_without_evidence > 0,
                    ),
                ],
                notes=notes,
            ),
        )
    try:
        count = services.review_accept_remaining(actor=request.user, submission=submission)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("%(count)d indicators took their earlier level in this stage.") % {"count": count})
    return redirect("evaluations:submission_detail", pk=submission.pk)


@staff_required
@require_POST
def submission_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get_for_actor(actor=request.user, pk=pk)
    if needs_confirmation(request):
        counts = finalise_summary(submission)
        result = submission_result(submission)
        return render_confirm(
            request,
            Confirmation(
                title=_("Finalise the result"),
                lead=_("The validated levels become the final result and can no longer change."),
                action=reverse("evaluations:submission_finalise", args=[submission.pk]),
                button=_("Yes, finalise the result"),
                cancel=reverse("evaluations:submission_detail", args=[submission.pk]),
                summary=[
                    (_("Indicators"), counts.total, False),
                    (_("Indicators without a validated level"), counts.not_validated, counts.not_validated > 0),
                    (_("Validated index"), format_index(result.validated.index), False),
                ],
                danger=True,
            ),
        )
    return _run(request, submission, services.submission_finalise, _("The result is final and can no longer change."))


@staff_required
@require_POST
def evidence_reuse(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get_for_actor(actor=request.user, pk=pk)
    number = request.POST.get("number") or None
    try:
        count = services.evidence_reuse_previous(actor=request.user, submission=submission, number=number)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("%(count)d evidence links of the previous cycle were added.") % {"count": count})
    if number:
        return redirect("evaluations:indicator", pk=submission.pk, number=number)
    return redirect("evaluations:submission_detail", pk=submission.pk)
