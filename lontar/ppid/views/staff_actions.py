"""Staff actions on a request (each calls one service) and consequence tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.core.errors import apply_errors, error_messages
from lontar.ppid import services
from lontar.ppid.forms import AssignForm, ConsequenceTestForm, NoticeForm, ReasonForm
from lontar.ppid.models import InformationRequest
from lontar.ppid.permissions import can_handle
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services import InvalidTransition
from lontar.ppid.views.staff import back_to_detail, detail_context, staff_page

Handler = Callable[[Any, InformationRequest, HttpRequest], tuple[Any, str]]


def _reason(request: HttpRequest) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


def _mark_incomplete(user: Any, req: InformationRequest, request: HttpRequest) -> tuple[Any, str]:
    services.information_request_mark_incomplete(actor=user, request=req, reason=_reason(request))
    return None, _("The request is marked incomplete; the requester sees what is missing.")


def _complete(user: Any, req: InformationRequest, request: HttpRequest) -> tuple[Any, str]:
    services.information_request_complete(actor=user, request=req, note=_reason(request))
    return None, _("The request is complete; the 10 working days start again today.")


def _assign(user: Any, req: InformationRequest, request: HttpRequest) -> tuple[Any, str]:
    form = AssignForm(request.POST, pelaksana=request_selectors.pelaksana_of(req.public_body))
    if not form.is_valid():
        return form, ""
    services.information_request_assign(
        actor=user, request=req, to=form.cleaned_data["to"], note=form.cleaned_data["reason"]
    )
    return None, _("The request is assigned.")


def _extend(user: Any, req: InformationRequest, request: HttpRequest) -> tuple[Any, str]:
    services.information_request_extend(actor=user, request=req, reason=_reason(request))
    return None, _("The deadline is extended by 7 working days.")


def _deliver(user: Any, req: InformationRequest, request: HttpRequest) -> tuple[Any, str]:
    services.information_request_deliver(actor=user, request=req, note=_reason(request))
    return None, _("Delivery of the information is recorded.")


def _close(user: Any, req: InformationRequest, request: HttpRequest) -> tuple[Any, str]:
    services.information_request_close(actor=user, request=req, note=_reason(request))
    return None, _("The request is closed.")


def _withdraw(user: Any, req: InformationRequest, request: HttpRequest) -> tuple[Any, str]:
    services.information_request_withdraw(actor=user, request=req, reason=_reason(request))
    return None, _("The request is withdrawn on the requester's behalf.")


def _carry_out_order(user: Any, req: InformationRequest, request: HttpRequest) -> tuple[Any, str]:
    services.information_request_carry_out_order(actor=user, request=req, note=request.POST.get("reason", ""))
    return None, _("The order of the atasan PPID is recorded as carried out.")


ACTIONS: dict[str, Handler] = {
    "tidak-lengkap": _mark_incomplete,
    "lengkap": _complete,
    "disposisi": _assign,
    "perpanjang": _extend,
    "serahkan": _deliver,
    "tutup": _close,
    "tarik": _withdraw,
    "laksanakan-putusan": _carry_out_order,
}


@staff_page
@require_POST
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the workflow. Bad input or a step the state does not allow re-renders the page."""
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    req = request_selectors.information_request_get_for_actor(actor=request.user, pk=pk)
    try:
        form, done = handler(request.user, req, request)
    except ValidationError as exc:
        status = 409 if isinstance(exc, InvalidTransition) else 400
        context = detail_context(
            request.user, req, reason_form=ReasonForm(request.POST), action_errors=error_messages(exc)
        )
        return render(request, "ppid/staff/detail.html", context, status=status)
    if form is not None:
        context = detail_context(request.user, req, assign_form=form, action_errors=[_("Check the form below.")])
        return render(request, "ppid/staff/detail.html", context, status=400)
    messages.success(request, done)
    return back_to_detail(req)


@staff_page
@require_http_methods(["GET", "POST"])
def notice_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the written notice with its decision, blacked-out parts and files."""
    req = request_selectors.information_request_get_for_actor(actor=request.user, pk=pk)
    if not can_handle(request.user, req):  # e.g. the atasan PPID: sees the request, does not answer it
        raise PermissionDenied
    tests = request_selectors.consequence_tests_for(req.public_body)
    form = NoticeForm(request.POST or None, request.FILES or None, tests=tests)
    if request.method == "POST" and form.is_valid():
        data = form.notice_data()
        if form.is_valid():
            try:
                services.information_request_issue_notice(actor=request.user, request=req, data=data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The written notice is issued."))
                return back_to_detail(req)
    status = 400 if request.method == "POST" else 200
    return render(request, "ppid/staff/notice_form.html", {"req": req, "form": form}, status=status)


@staff_page
@require_GET
def consequence_tests(request: HttpRequest) -> HttpResponse:
    bodies = request_selectors.bodies_for_registration(request.user)
    tests = request_selectors.consequence_tests_managed(request.user)
    return render(request, "ppid/staff/tests.html", {"tests": tests, "can_add": bodies.exists()})


@staff_page
@require_http_methods(["GET", "POST"])
def consequence_test_new(request: HttpRequest) -> HttpResponse:
    bodies = request_selectors.bodies_for_registration(request.user)
    if not bodies.exists():  # only the PPID of a body (or a province admin) records tests, as for intake
        raise PermissionDenied
    form = ConsequenceTestForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            services.consequence_test_create(actor=request.user, body=form.cleaned_data["body"], data=form.test_data())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The consequence test is recorded."))
            return redirect("ppid:staff_tests")
    status = 400 if request.method == "POST" else 200
    return render(request, "ppid/staff/test_form.html", {"form": form}, status=status)
