"""Targets of an organisation (perjanjian kinerja) and their realisation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lontar.accounts.decorators import staff_required
from lontar.core.errors import apply_errors
from lontar.evaluations import permissions, services
from lontar.evaluations.choices import SubmissionState
from lontar.evaluations.forms import TargetForm
from lontar.evaluations.models import Submission
from lontar.evaluations.selectors.results import organisation_targets
from lontar.evaluations.services.targets import can_set_target
from lontar.organisations.models import Organisation


def _realisation(organisation: Organisation) -> dict[tuple[str, int], Submission]:
    subs = Submission.objects.filter(organisation=organisation, state=SubmissionState.FINAL).select_related(
        "cycle__framework"
    )
    return {(s.cycle.framework.code, s.cycle.year): s for s in subs}


@staff_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug[:120], is_active=True)
    if not can_set_target(request.user, organisation):
        raise Http404
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc, "target_index")
        else:
            messages.success(request, _("The target is saved."))
            return redirect("evaluations:targets", slug=organisation.slug)
    realised = _realisation(organisation)
    rows = []
    for target in organisation_targets(organisation):
        sub = realised.get((target.framework_code, target.year))
        index = sub.final_index if sub else None
        rows.append((target, sub, index - target.target_index if index is not None else None))
    context = {
        "organisation": organisation,
        "form": form,
        "rows": rows,
        "is_manager": permissions.is_manager(request.user),
    }
    return render(request, "evaluations/targets.html", context, status=422 if form.errors else 200)
