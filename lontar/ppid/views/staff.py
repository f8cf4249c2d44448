"""Staff pages under /ppid/kelola/: inbox, request detail, intake, identity documents."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lontar.accounts.decorators import role_required
from lontar.core.errors import apply_errors
from lontar.ppid import services
from lontar.ppid.choices import DELIVERING_DECISIONS, OPEN, Status
from lontar.ppid.forms import AssignForm, InboxFilterForm, IntakeForm, ReasonForm
from lontar.ppid.forms.objections import AnswerForm, DisputeForm, ResponseForm, StaffObjectionForm
from lontar.ppid.models import InformationRequest
from lontar.ppid.permissions import STAFF_ROLES, can_answer_objection, can_handle, can_manage_body
from lontar.ppid.selectors import objections as objection_selectors
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services import access_log

PAGE_SIZE = 50
staff_page = role_required(*STAFF_ROLES)


def _filters(form: InboxFilterForm) -> request_selectors.InboxFilters:
    if not form.is_valid():
        return request_selectors.InboxFilters()
    c = form.cleaned_data
    body = c.get("body")
    return request_selectors.InboxFilters(
        status=c.get("status") or "",
        body=body.pk if body else None,
        overdue=bool(c.get("overdue")),
        query=c.get("q") or "",
        open_only=c.get("status") != "all",
    )


@staff_page
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Requests of the actor's bodies with their deadlines, working days left and overdue flags."""
    bodies = request_selectors.public_bodies().filter(
        pk__in=request_selectors.information_request_visible(request.user).values("public_body_id")
    )
    form = InboxFilterForm(request.GET or None, bodies=bodies)
    qs = request_selectors.information_request_inbox(actor=request.user, filters=_filters(form))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    deadlines = request_selectors.deadlines_for(rows)
    return render(
        request,
        "ppid/staff/inbox.html",
        {"form": form, "page_obj": page, "rows": [(r, deadlines[r.pk]) for r in rows]},
    )


def _actions(user: Any, req: InformationRequest) -> dict[str, bool]:
    manage = can_manage_body(user, req.public_body)
    handle = can_handle(user, req)
    waiting = req.status in (Status.RECEIVED, Status.ASSIGNED)
    notice = getattr(req, "notice", None)
    return {
        "personal_data": handle,
        "mark_incomplete": manage and req.status == Status.RECEIVED and req.public_body.incomplete_sop_enabled,
        "complete": manage and req.status == Status.INCOMPLETE,
        "assign": manage and waiting,
        "extend": handle and waiting and not req.is_extended,
        "notice": handle and waiting,
        "deliver": handle
        and req.status == Status.NOTICE_ISSUED
        and notice is not None
        and notice.decision in DELIVERING_DECISIONS,
        "close": manage and req.status in (Status.DELIVERED, Status.NOTICE_ISSUED, Status.INCOMPLETE),
        "withdraw": manage and req.status in OPEN,
        "carry_out_order": handle and req.reopened_due_on is not None and req.order_done_on is None,
    }


def detail_context(user: Any, req: InformationRequest, **forms: Any) -> dict[str, Any]:
    return {
        "req": req,
        "deadline": request_selectors.deadline_of(req),
        "events": req.events.select_related("actor").order_by("at", "id"),
        "documents": req.documents.all(),
        "notice": getattr(req, "notice", None),
        "can": _actions(user, req),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(pelaksana=request_selectors.pelaksana_of(req.public_body)),
        "action_errors": forms.get("action_errors", []),
        **_objection_context(user, req),
    }


def _objection_context(user: Any, req: InformationRequest) -> dict[str, Any]:
    manage = can_manage_body(user, req.public_body)
    return {
        "objections": objection_selectors.objections_of(req),
        "can_answer_objection": can_answer_objection(user, req),
        "can_record_objection": manage or can_answer_objection(user, req),
        "staff_objection_form": StaffObjectionForm() if manage and req.status not in services.NOT_OBJECTABLE else None,
        "answer_form": AnswerForm(),
        "response_form": ResponseForm(),
        "dispute_form": DisputeForm(),
    }


@staff_page
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = request_selectors.information_request_get_for_actor(actor=request.user, pk=pk)
    return render(request, "ppid/staff/detail.html", detail_context(request.user, req))


@staff_page
@never_cache
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    """Register a walk-in, e-mail, post or oral request; the token is shown once to hand over."""
    bodies = request_selectors.bodies_for_registration(request.user)
    if not bodies.exists():
        raise PermissionDenied
    form = IntakeForm(request.POST or None, request.FILES or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            created, token = services.information_request_register(
                actor=request.user,
                body=form.cleaned_data["public_body"],
                data=form.request_data(),
                channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data.get("received_on"),
                identity_document=form.cleaned_data.get("identity_document"),
                power_of_attorney=form.cleaned_data.get("power_of_attorney"),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return render(request, "ppid/staff/intake_done.html", {"req": created, "token": token})
    status = 400 if request.method == "POST" else 200
    return render(request, "ppid/staff/intake.html", {"form": form}, status=status)


@staff_page
@require_GET
def identity_document(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    """Open a requester's identity document: only for those handling the request; every opening is logged."""
    req = request_selectors.information_request_get_for_actor(actor=request.user, pk=pk)
    if not can_handle(request.user, req):
        raise PermissionDenied
    doc = req.documents.filter(pk=doc_pk, purged_at__isnull=True).first()
    if doc is None:
        raise Http404
    access_log.identity_document_open_log(actor=request.user, request=req, document=doc)
    filename = f"{req.number}-{doc.kind}.{doc.file.name.rsplit('.', 1)[-1]}"
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=filename, content_type=doc.content_type)


@staff_page
@require_GET
def notice_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    req = request_selectors.information_request_get_for_actor(actor=request.user, pk=pk)
    notice = getattr(req, "notice", None)
    stored = notice.files.filter(pk=file_pk).first() if notice else None
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type
    )


def back_to_detail(req: InformationRequest) -> HttpResponse:
    return redirect("ppid:staff_detail", pk=req.pk)
