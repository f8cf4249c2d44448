"""Questionnaire workflow pages (Indeks KAMI, Monev KIP): cycles, self-assessment per area, verification.

Plain forms: every page works without JavaScript. The irreversible steps (submit, finalise) show
a confirmation page first (:mod:`lontar.core.confirm`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import staff_required
from lontar.assessments.questionnaire import Questionnaire
from lontar.core.confirm import Confirmation, needs_confirmation, render_confirm
from lontar.core.errors import error_messages, flash_errors
from lontar.evaluations import permissions
from lontar.evaluations.choices import QuestionnaireState
from lontar.evaluations.forms_questionnaire import QuestionnaireCycleForm
from lontar.evaluations.models import QuestionnaireSubmission
from lontar.evaluations.selectors import questionnaires as sel
from lontar.evaluations.selectors.answer_suggestions import suggestion_rows
from lontar.evaluations.services import questionnaires as svc


def actions_for(user: Any, sub: QuestionnaireSubmission) -> dict[str, bool]:
    team = permissions.is_team(user, sub.organisation)
    manager = permissions.is_manager(user)
    verifier = permissions.is_verifier(user, sub.organisation)
    open_cycle = not sub.cycle.is_final
    return {
        "team": team,
        "edit": team and sub.state == QuestionnaireState.DRAFT and open_cycle,
        "verify": verifier and sub.state in (QuestionnaireState.SUBMITTED, QuestionnaireState.VERIFIED) and open_cycle,
        "finalise": manager and sub.state == QuestionnaireState.VERIFIED,
        "issue_report": (team or manager) and sub.is_final,
    }


@require_GET
def q_cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = list(sel.questionnaire_cycles_for(request.user))
    return render(
        request,
        "evaluations/q_cycle_list.html",
        {"cycles": cycles, "is_manager": permissions.is_manager(request.user)},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def q_cycle_open(request: HttpRequest) -> HttpResponse:
    if not permissions.is_manager(request.user):
        raise Http404
    form = QuestionnaireCycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = svc.questionnaire_cycle_open(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("The cycle is open: every subject has an empty questionnaire."))
            return redirect("evaluations:q_cycle", pk=cycle.pk)
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "evaluations/q_cycle_open.html", {"form": form}, status=status)


@require_GET
def q_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = sel.questionnaire_cycle_get(request.user, pk)
    rows = list(
        QuestionnaireSubmission.objects.filter(cycle=cycle)
        .select_related("organisation")
        .order_by("organisation__name", "subject_name")
    )
    return render(
        request,
        "evaluations/q_cycle.html",
        {
            "cycle": cycle,
            "rows": rows,
            "is_manager": permissions.is_manager(request.user),
            "all_final": bool(rows) and all(r.is_final for r in rows),
        },
    )


@staff_required
@require_POST
def q_cycle_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = sel.questionnaire_cycle_get(request.user, pk)
    if not permissions.is_manager(request.user):
        raise Http404
    if needs_confirmation(request):
        pending = QuestionnaireSubmission.objects.filter(cycle=cycle).exclude(state=QuestionnaireState.FINAL).count()
        return render_confirm(
            request,
            Confirmation(
                title=_("Publish the cycle"),
                lead=_("Once published, the results, the dashboard and the reports are public and cannot change."),
                action=reverse("evaluations:q_cycle_finalise", args=[cycle.pk]),
                button=_("Yes, publish the cycle"),
                cancel=reverse("evaluations:q_cycle", args=[cycle.pk]),
                summary=[
                    (_("Subjects"), QuestionnaireSubmission.objects.filter(cycle=cycle).count(), False),
                    (_("Results not final yet"), pending, pending > 0),
                ],
            ),
        )
    try:
        _cycle, changed = svc.questionnaire_cycle_finalise(actor=request.user, cycle=cycle)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if changed:
            messages.success(request, _("The cycle is published."))
    return redirect("evaluations:q_cycle", pk=cycle.pk)


def _area_rows(q: Questionnaire, sub: QuestionnaireSubmission) -> list[dict[str, Any]]:
    answered: dict[str, int] = {}
    for question, option in sub.answers.values_list("question", "option"):
        if option and question in q.by_id:
            area = q.by_id[question].area
            answered[area] = answered.get(area, 0) + 1
    return [
        {"area": a, "answered": answered.get(a.code, 0), "total": len(q.area_questions.get(a.code, ()))}
        for a in q.areas
    ]


@staff_required
@require_GET
def q_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sub = sel.questionnaire_get_for_actor(request.user, pk)
    q = sel.cycle_questionnaire(sub.cycle)
    answered, total = sel.progress(sub)
    return render(
        request,
        "evaluations/q_detail.html",
        {
            "sub": sub,
            "q": q,
            "areas": _area_rows(q, sub),
            "answered": answered,
            "total": total,
            "category_answered": len(sub.category_answers),
            "actions": actions_for(request.user, sub),
            "result": sel.questionnaire_result(sub, q),
        },
    )


def _question_rows(q: Questionnaire, sub: QuestionnaireSubmission, area: str) -> list[dict[str, Any]]:
    rows = {r.question: r for r in sub.answers.all()}
    suggested = suggestion_rows(sub, q)
    out = []
    for question in q.area_questions.get(area, ()):
        out.append(
            {
                "question": question,
                "options": q.allowed(question),
                "answer": rows.get(question.id),
                "suggestion": suggested.get(question.id),
            }
        )
    return out


def typed_answer(post: Any, question_id: str) -> dict[str, str]:
    """One question's fields as the area form posts them."""
    return {
        "option": post.get(f"option-{question_id}", ""),
        "explanation": post.get(f"explanation-{question_id}", ""),
        "links": post.get(f"links-{question_id}", ""),
    }


@staff_required
@require_http_methods(["GET", "POST"])
def q_area(request: HttpRequest, pk: int, area: str) -> HttpResponse:
    sub = sel.questionnaire_get_for_actor(request.user, pk)
    q = sel.cycle_questionnaire(sub.cycle)
    spec = q.area_by_code.get(area)
    if spec is None:
        raise Http404
    actions = actions_for(request.user, sub)
    status = 200
    if request.method == "POST":
        if not actions["edit"]:
            raise Http404
        answers = {question.id: typed_answer(request.POST, question.id) for question in q.area_questions.get(area, ())}
        try:
            count = svc.questionnaire_answers_save(actor=request.user, submission=sub, answers=answers)
        except ValidationError as exc:
            flash_errors(request, exc)
            status = 422
        else:
            messages.success(request, _("%(count)d answers saved.") % {"count": count})
            return redirect("evaluations:q_area", pk=sub.pk, area=area)
    rows = _question_rows(q, sub, area)
    if status == 422:  # keep what was typed
        for row in rows:
            row["typed"] = typed_answer(request.POST, row["question"].id)
    codes = [a.code for a in q.areas]
    index = codes.index(area)
    return render(
        request,
        "evaluations/q_area.html",
        {
            "sub": sub,
            "q": q,
            "area": spec,
            "rows": rows,
            "actions": actions,
            "previous": codes[index - 1] if index > 0 else "",
            "next": codes[index + 1] if index + 1 < len(codes) else "",
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def q_category(request: HttpRequest, pk: int) -> HttpResponse:
    sub = sel.questionnaire_get_for_actor(request.user, pk)
    q = sel.cycle_questionnaire(sub.cycle)
    if q.categorisation is None:
        raise Http404
    actions = actions_for(request.user, sub)
    status = 200
    if request.method == "POST":
        if not actions["edit"]:
            raise Http404
        chosen = {c.id: request.POST.get(f"option-{c.id}", "") for c in q.categorisation.questions}
        try:
            svc.questionnaire_answers_save(actor=request.user, submission=sub, answers={}, category_answers=chosen)
        except ValidationError as exc:
            flash_errors(request, exc)
            status = 422
        else:
            messages.success(request, _("The categorisation answers are saved."))
            return redirect("evaluations:q_detail", pk=sub.pk)
    rows = [
        {"question": c, "options": q.allowed(c), "value": sub.category_answers.get(c.id, "")}
        for c in q.categorisation.questions
    ]
    return render(
        request,
        "evaluations/q_category.html",
        {"sub": sub, "q": q, "rows": rows, "actions": actions, "result": sel.questionnaire_result(sub, q)},
        status=status,
    )


@staff_required
@require_POST
def q_submit(request: HttpRequest, pk: int) -> HttpResponse:
    sub = sel.questionnaire_get_for_actor(request.user, pk)
    if needs_confirmation(request):
        missing = svc.missing_answers(sub, sel.cycle_questionnaire(sub.cycle))
        return render_confirm(
            request,
            Confirmation(
                title=_("Submit the self-assessment"),
                lead=_("After submitting, the answers are locked for the verifier."),
                action=reverse("evaluations:q_submit", args=[sub.pk]),
                button=_("Yes, submit the self-assessment"),
                cancel=reverse("evaluations:q_detail", args=[sub.pk]),
                summary=[(_("Questions without an answer"), len(missing), bool(missing))],
            ),
        )
    try:
        _sub, changed = svc.questionnaire_submit(actor=request.user, submission=sub)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if changed:
            messages.success(request, _("The self-assessment is submitted and locked. The verifier can now check it."))
    return redirect("evaluations:q_detail", pk=sub.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def q_verify(request: HttpRequest, pk: int) -> HttpResponse:
    sub = sel.questionnaire_get_for_actor(request.user, pk)
    q = sel.cycle_questionnaire(sub.cycle)
    if not actions_for(request.user, sub)["verify"]:
        raise Http404
    status = 200
    if request.method == "POST":
        decisions = {
            r.question: (
                request.POST.get(f"accept-{r.question}") == "1",
                request.POST.get(f"verified-{r.question}", ""),
            )
            for r in sub.answers.all()
        }
        try:
            svc.questionnaire_verify_save(
                actor=request.user,
                submission=sub,
                decisions=decisions,
                presentation=request.POST.get("presentation", ""),
                note=request.POST.get("note", ""),
                done=request.POST.get("done") == "1",
            )
        except ValidationError as exc:
            flash_errors(request, exc)
            status = 422
        else:
            messages.success(request, _("The verification is saved."))
            return redirect("evaluations:q_detail", pk=sub.pk)
    rows = {r.question: r for r in sub.answers.all()}
    areas = [
        {
            "area": a,
            "rows": [
                {"question": qu, "options": q.allowed(qu), "answer": rows.get(qu.id)}
                for qu in q.area_questions.get(a.code, ())
            ],
        }
        for a in q.areas
    ]
    return render(
        request,
        "evaluations/q_verify.html",
        {"sub": sub, "q": q, "areas": areas, "needs_presentation": len(q.parts) > 1},
        status=status,
    )


@staff_required
@require_POST
def q_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    sub = sel.questionnaire_get_for_actor(request.user, pk)
    if needs_confirmation(request):
        result = sel.questionnaire_result(sub)
        rejected = sub.answers.filter(accepted=False).count()
        return render_confirm(
            request,
            Confirmation(
                title=_("Finalise the result"),
                lead=_(
                    "The verified answers, the score and the status are frozen; nothing of them changes afterwards."
                ),
                action=reverse("evaluations:q_finalise", args=[sub.pk]),
                button=_("Yes, finalise the result"),
                cancel=reverse("evaluations:q_detail", args=[sub.pk]),
                summary=[
                    (_("Answers rejected by the verifier"), rejected, rejected > 0),
                    (_("Status / predikat"), getattr(result.current.score.band, "name", "–"), False),
                ],
            ),
        )
    try:
        _sub, changed = svc.questionnaire_finalise(actor=request.user, submission=sub)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if changed:
            messages.success(request, _("The result is final."))
    return redirect("evaluations:q_detail", pk=sub.pk)
