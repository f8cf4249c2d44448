"""One indicator of a submission: the claim (penilaian mandiri), the asesor's review, the response (sanggah).

The claim form saves as you type with htmx (a partial with the new version answers) and with a
plain submit button without JavaScript. Every save names the version it started from: a save
over somebody else's newer one is refused, told, and the typed input is kept in the form.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lontar.accounts.decorators import staff_required
from lontar.assessments.selectors import indicator_levels
from lontar.core.errors import apply_errors
from lontar.core.htmx import HtmxHttpRequest
from lontar.evaluations import services
from lontar.evaluations.choices import STAGE_ORDER, Stage
from lontar.evaluations.errors import EditConflict
from lontar.evaluations.forms import AnswerForm, ResponseForm, ReviewForm
from lontar.evaluations.models import Answer, Evidence, Review, Submission
from lontar.evaluations.selectors.evidence import suggested_evidence
from lontar.evaluations.selectors.indicators import linked_result, neighbours
from lontar.evaluations.selectors.submissions import answer_get, submission_get_for_actor
from lontar.evaluations.services.evidence import previous_submission
from lontar.evaluations.views.submissions import actions_for

TEMPLATE = "evaluations/indicator.html"


def _library(submission: Submission) -> Any:
    return Evidence.objects.filter(organisation=submission.organisation).order_by("-created_at", "-id")


def _current_review(answer: Answer, submission: Submission) -> Review | None:
    return next((r for r in answer.reviews.all() if r.stage == submission.state), None)


def _forms(answer: Answer, submission: Submission, can: dict[str, bool], levels: list, **bound: Any) -> dict:
    external = bool(answer.node.external_source)
    answer_form = bound.get("answer_form") or AnswerForm(
        levels=levels,
        external=external,
        library=_library(submission),
        initial={
            "level": _level_initial(answer.self_value, external),
            "explanation": answer.explanation,
            "value_source": answer.value_source,
            "evidence": list(answer.evidence.values_list("pk", flat=True)),
            "version": answer.version,
        },
    )
    review = _current_review(answer, submission)
    review_form = bound.get("review_form")
    if review_form is None and can["review"] and review is not None:
        review_form = ReviewForm(
            levels=levels,
            external=external,
            initial={"level": _level_initial(review.value, external), "note": review.note, "version": review.version},
        )
    response_form = bound.get("response_form") or ResponseForm(
        initial={"response": answer.response, "version": answer.version}
    )
    return {"answer_form": answer_form, "review_form": review_form, "response_form": response_form}


def _level_initial(value: Any, external: bool) -> Any:
    if value is None:
        return None
    if not external:
        return str(int(value))
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _context(request: HttpRequest, submission: Submission, answer: Answer, **extra: Any) -> dict[str, Any]:
    can = actions_for(request.user, submission)
    levels = indicator_levels(answer.node)
    numbers = list(submission.answers.order_by("node__position").values_list("number", flat=True))
    previous, following = neighbours(numbers, answer.number)
    reviews = {r.stage: r for r in answer.reviews.all()}
    suggestions, attached = suggested_evidence(answer) if can["edit"] else ([], set())
    return {
        "suggestions": suggestions,
        "attached_sources": attached,
        "previous": previous_submission(submission) if can["edit"] else None,
        "linked_result": linked_result(submission, answer.node),
        "submission": submission,
        "cycle": submission.cycle,
        "answer": answer,
        "node": answer.node,
        "levels": levels,
        "can": can,
        "stages": [(Stage(stage).label, reviews.get(stage)) for stage in STAGE_ORDER if stage in reviews],
        "current_review": _current_review(answer, submission),
        "linked_evidence": answer.evidence.order_by("-created_at"),
        "previous_number": previous,
        "next_number": following,
        "position": numbers.index(answer.number) + 1,
        "count": len(numbers),
        **_forms(answer, submission, can, levels, **extra),
        **{k: v for k, v in extra.items() if k not in ("answer_form", "review_form", "response_form")},
    }


def _load(request: HttpRequest, pk: int, number: str) -> tuple[Submission, Answer]:
    submission = submission_get_for_actor(actor=request.user, pk=pk)
    return submission, answer_get(submission, number)


@staff_required
@require_http_methods(["GET", "POST"])
def indicator(request: HtmxHttpRequest, pk: int, number: str) -> HttpResponse:
    """GET: the indicator with every form the actor may use. POST: save the claim (own team, draft)."""
    submission, answer = _load(request, pk, number)
    if request.method == "GET":
        return render(request, TEMPLATE, _context(request, submission, answer))
    if not actions_for(request.user, submission)["team"]:
        raise PermissionDenied
    form = AnswerForm(
        request.POST,
        levels=indicator_levels(answer.node),
        external=bool(answer.node.external_source),
        library=_library(submission),
    )
    outcome = _save_answer(request, answer, form)
    if request.htmx:
        # htmx swaps only successful responses: the status fragment carries errors and the new version
        return render(request, TEMPLATE + "#save-status", {"answer_form": form, **outcome})
    if outcome.get("saved"):
        messages.success(request, _("Indicator %(number)s is saved.") % {"number": answer.number})
        if "save_evidence" in request.POST:
            # the draft is saved first, so nothing typed is lost on the way to the library and back
            library = reverse("evaluations:evidence_library", args=[submission.organisation.slug])
            query = urlencode({"jawaban": answer.pk, "kembali": request.path})
            return redirect(f"{library}?{query}#add")
        if "attach_suggestion" in request.POST:
            # the draft is saved first, so what was typed stays when the suggested record is attached
            _attach(request, answer, request.POST["attach_suggestion"])
            return redirect(reverse("evaluations:indicator", args=[submission.pk, answer.number]) + "#suggestions")
        following = request.POST.get("next_number")
        target = following if following and "save_next" in request.POST else answer.number
        return redirect("evaluations:indicator", pk=submission.pk, number=target)
    status = 409 if outcome.get("conflict") else 422
    return render(request, TEMPLATE, _context(request, submission, answer, answer_form=form, **outcome), status=status)


def _attach(request: HttpRequest, answer: Answer, key: str) -> None:
    """Attach a suggested record (after the draft was saved) and say what happened."""
    try:
        evidence, changed = services.evidence_attach_suggestion(actor=request.user, answer=answer, key=key)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return
    if changed:
        messages.success(request, _("“%(title)s” is attached as evidence.") % {"title": evidence.title})
    else:
        messages.info(request, _("“%(title)s” was already attached.") % {"title": evidence.title})


def _save_answer(request: HttpRequest, answer: Answer, form: AnswerForm) -> dict[str, Any]:
    if not form.is_valid():
        return {"saved": False}
    data = form.cleaned_data
    try:
        saved = services.answer_save(
            actor=request.user,
            answer=answer,
            value=data.get("level"),
            explanation=data.get("explanation", ""),
            value_source=data.get("value_source", ""),
            evidence_ids=[e.pk for e in data.get("evidence", [])],
            version=data["version"],
        )
    except EditConflict as conflict:
        _refresh_version(form, conflict.current.version)
        return {"saved": False, "conflict": conflict.current}
    except ValidationError as exc:
        apply_errors(form, exc, "level")
        return {"saved": False}
    _refresh_version(form, saved.version)
    return {"saved": True, "saved_answer": saved}


def _refresh_version(form: Any, version: int) -> None:
    """The next save starts from ``version`` (after a conflict: once the person has seen it)."""
    data = form.data.copy()
    data["version"] = str(version)
    form.data = data


@staff_required
@require_POST
def review_save(request: HttpRequest, pk: int, number: str) -> HttpResponse:
    """The assigned asesor's validated level and note in the current stage."""
    submission, answer = _load(request, pk, number)
    if not actions_for(request.user, submission)["assigned"]:
        raise PermissionDenied
    form = ReviewForm(request.POST, levels=indicator_levels(answer.node), external=bool(answer.node.external_source))
    extra: dict[str, Any] = {"review_form": form}
    if form.is_valid():
        try:
            services.review_save(
                actor=request.user,
                answer=answer,
                value=form.cleaned_data.get("level"),
                note=form.cleaned_data.get("note", ""),
                version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            _refresh_version(form, conflict.current.version)
            answer = answer_get(submission, number)
            context = _context(request, submission, answer, review_conflict=conflict.current, **extra)
            return render(request, TEMPLATE, context, status=409)
        except ValidationError as exc:
            apply_errors(form, exc, "level")
        else:
            messages.success(request, _("The validated level of indicator %(number)s is saved.") % {"number": number})
            following = request.POST.get("next_number")
            target = following if following and "save_next" in request.POST else number
            return redirect("evaluations:indicator", pk=submission.pk, number=target)
    return render(request, TEMPLATE, _context(request, submission, answer, **extra), status=422)


@staff_required
@require_POST
def response_save(request: HttpRequest, pk: int, number: str) -> HttpResponse:
    """The instansi's response (sanggah) during penilaian interviu."""
    submission, answer = _load(request, pk, number)
    if not actions_for(request.user, submission)["team"]:
        raise PermissionDenied
    form = ResponseForm(request.POST)
    extra: dict[str, Any] = {"response_form": form}
    if form.is_valid():
        try:
            services.response_save(
                actor=request.user,
                answer=answer,
                text=form.cleaned_data.get("response", ""),
                version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            _refresh_version(form, conflict.current.version)
            context = _context(request, submission, answer, response_conflict=conflict.current, **extra)
            return render(request, TEMPLATE, context, status=409)
        except ValidationError as exc:
            apply_errors(form, exc, "response")
        else:
            messages.success(request, _("The response is saved."))
            return redirect("evaluations:indicator", pk=submission.pk, number=number)
    return render(request, TEMPLATE, _context(request, submission, answer, **extra), status=422)
