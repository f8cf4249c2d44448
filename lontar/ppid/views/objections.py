"""Keberatan pages: filing from the tracking page; staff filing, answer, response, dispute, register."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lontar.core.errors import error_messages
from lontar.ppid import ratelimit, services
from lontar.ppid.forms.objections import (
    AnswerForm,
    DisputeForm,
    RequesterObjectionForm,
    ResponseForm,
    StaffObjectionForm,
)
from lontar.ppid.models import Objection
from lontar.ppid.selectors import objections as objection_selectors
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services import InvalidTransition
from lontar.ppid.views._helpers import too_many
from lontar.ppid.views.staff import back_to_detail, detail_context, staff_page
from lontar.ppid.views.tracking import not_found_response, tracking_result


@never_cache
@require_POST
def track_objection(request: HttpRequest) -> HttpResponse:
    """The requester files a keberatan from the tracking page."""
    if not ratelimit.hit_request(ratelimit.TRACKING, request):
        return too_many(request, ratelimit.TRACKING)
    number, token = request.POST.get("number", "")[:80], request.POST.get("token", "")[:64]
    found = request_selectors.information_request_track(number=number, token=token)
    if found is None:
        return not_found_response(request, number, token)
    form = RequesterObjectionForm(request.POST)
    if not form.is_valid():
        return tracking_result(request, found, token, status=400, objection_form=form)
    try:
        services.objection_file(
            request=found,
            grounds=form.cleaned_data["grounds"],
            explanation=form.cleaned_data["explanation"],
            token=token,
        )
    except (ValidationError, PermissionDenied) as exc:
        problems = error_messages(exc) if isinstance(exc, ValidationError) else [str(exc)]
        status = 409 if isinstance(exc, InvalidTransition) else 400
        return tracking_result(request, found, token, status=status, objection_form=form, objection_errors=problems)
    return tracking_result(request, found, token, objection_filed=True)


def _detail_error(request: HttpRequest, req: Any, exc: ValidationError) -> HttpResponse:
    status = 409 if isinstance(exc, InvalidTransition) else 400
    context = detail_context(request.user, req, action_errors=error_messages(exc))
    return render(request, "ppid/staff/detail.html", context, status=status)


@staff_page
@require_POST
def objection_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff file a keberatan received in person, by e-mail or post."""
    req = request_selectors.information_request_get_for_actor(actor=request.user, pk=pk)
    form = StaffObjectionForm(request.POST)
    if not form.is_valid():
        return _detail_error(request, req, ValidationError(_("Check the form below.")))
    try:
        services.objection_file(
            request=req,
            grounds=form.cleaned_data["grounds"],
            explanation=form.cleaned_data["explanation"],
            actor=request.user,
            channel=form.cleaned_data["channel"],
        )
    except ValidationError as exc:
        return _detail_error(request, req, exc)
    messages.success(request, _("The objection is registered."))
    return back_to_detail(req)


def _answer(user: Any, objection: Objection, request: HttpRequest) -> bool:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Check the form below."))
    services.objection_answer(actor=user, objection=objection, data=form.answer_data())
    return True


def _response(user: Any, objection: Objection, request: HttpRequest) -> bool:
    form = ResponseForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose one of the options."))
    services.objection_record_response(actor=user, objection=objection, response=form.cleaned_data["response"])
    return True


def _dispute(user: Any, objection: Objection, request: HttpRequest) -> bool:
    form = DisputeForm(request.POST)
    if not form.is_valid():
        raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
    services.dispute_record(actor=user, objection=objection, data=form.dispute_data())
    return True


OBJECTION_ACTIONS: dict[str, Callable[[Any, Objection, HttpRequest], bool]] = {
    "jawab": _answer,
    "tanggapan": _response,
    "sengketa": _dispute,
}


@staff_page
@require_POST
def objection_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    handler = OBJECTION_ACTIONS.get(action)
    if handler is None:
        raise Http404
    objection = objection_selectors.objection_get_for_actor(actor=request.user, pk=pk)
    try:
        handler(request.user, objection, request)
    except ValidationError as exc:
        return _detail_error(request, objection.request, exc)
    messages.success(request, _("The objection is updated."))
    return back_to_detail(objection.request)
