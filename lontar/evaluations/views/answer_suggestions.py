"""Accepting or overriding an answer suggested from Lontar's records, from the self-assessment page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lontar.accounts.decorators import staff_required
from lontar.core.errors import flash_errors
from lontar.evaluations.selectors import questionnaires as sel
from lontar.evaluations.services import questionnaires as q_svc
from lontar.evaluations.services.answer_suggestions import answer_suggestion_decide
from lontar.evaluations.views.questionnaires import typed_answer

DECISIONS = {"terima": True, "tolak": False}


@staff_required
@require_POST
def q_suggestion(request: HttpRequest, pk: int, question: str) -> HttpResponse:
    """Save the area's typed answers (the whole form is posted), then keep the decision on one suggestion."""
    sub = sel.questionnaire_get_for_actor(request.user, pk)
    q = sel.cycle_questionnaire(sub.cycle)
    spec = q.by_id.get(question)
    accept = DECISIONS.get(request.POST.get("keputusan", ""))
    if spec is None or accept is None:
        raise Http404
    typed = {
        other.id: typed_answer(request.POST, other.id)
        for other in q.area_questions.get(spec.area, ())
        if f"option-{other.id}" in request.POST or f"explanation-{other.id}" in request.POST
    }
    try:
        if typed:
            q_svc.questionnaire_answers_save(actor=request.user, submission=sub, answers=typed)
        answer_suggestion_decide(actor=request.user, submission=sub, question_id=spec.id, accept=accept)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if accept:
            messages.success(request, _("Question %(id)s: the suggestion is accepted and kept.") % {"id": spec.id})
        else:
            messages.success(
                request, _("Question %(id)s: your own answer is kept beside the suggestion.") % {"id": spec.id}
            )
    return redirect(reverse("evaluations:q_area", args=[sub.pk, spec.area]) + f"#q-{spec.id}")
