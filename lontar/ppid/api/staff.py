"""Staff PPID endpoints (personal API token or verified session): inbox, detail, transitions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from lontar.accounts.api_auth import token_auth
from lontar.accounts.permissions import scope_for
from lontar.core.api_errors import errors
from lontar.core.api_openapi import documented_query
from lontar.core.pagination import Cursor, Limit, keyset_page
from lontar.ppid import services
from lontar.ppid.api import serialise
from lontar.ppid.api.schemas import (
    AssignIn,
    NoteIn,
    NoticeIn,
    ObjectionAnswerIn,
    ReasonIn,
    RequestDetailOut,
    RequestPage,
)
from lontar.ppid.choices import Status
from lontar.ppid.models import InformationRequest
from lontar.ppid.permissions import STAFF_ROLES, can_handle
from lontar.ppid.selectors import objections as objection_selectors
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services import InvalidTransition, NoticeData, RedactionData

router = Router(tags=["ppid"], auth=token_auth)


def _actor(request: HttpRequest) -> Any:
    """The user the token (or verified session) belongs to."""
    return request.auth  # type: ignore[attr-defined]


def _detail(actor: Any, req: InformationRequest) -> dict[str, Any]:
    fresh = request_selectors.information_request_get_for_actor(actor=actor, pk=req.pk)
    return serialise.detail_out(fresh, request_selectors.deadline_of(fresh), personal=can_handle(actor, fresh))


def _run(actor: Any, pk: int, step: Callable[[InformationRequest], Any]) -> dict[str, Any]:
    """Run one service; a refused step is 409, bad input (a ValidationError) 422 with field errors (problem+json).

    The services call the free text of some steps ``note``; the API's body calls it ``reason``."""
    req = request_selectors.information_request_get_for_actor(actor=actor, pk=pk)
    try:
        step(req)
    except InvalidTransition as exc:
        raise HttpError(409, " ".join(exc.messages)) from exc
    except ValidationError as exc:
        if not hasattr(exc, "error_dict") or "note" not in exc.error_dict:
            raise
        renamed = {("reason" if name == "note" else name): found for name, found in exc.error_dict.items()}
        raise ValidationError(renamed) from exc
    return _detail(actor, req)


#: what a step of the workflow can answer besides 200 (and the 401/404/422 every one can)
STEP_ERRORS = errors(403, 409)


@router.get("/requests", response={200: RequestPage, **errors(403)}, summary="Inbox of the actor's requests")
def request_list(
    request: HttpRequest,
    status: Annotated[
        str | None,
        documented_query(None, description="default: the open ones", schema={"enum": ["all", *Status.values]}),
    ] = None,
    body: Annotated[str | None, Query(None, max_length=40, description="code of a public body")] = None,
    overdue: bool = False,
    q: Annotated[str | None, Query(None, description="a number, a name or a NIK")] = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> dict[str, Any]:
    """Requests of the bodies the token's user works for, soonest deadline first (keyset pages).

    ``status`` one of the statuses or ``all`` (default: open ones); ``body`` a body code;
    ``q`` a number, a name or a NIK. Callers without a PPID role get 403, as on the staff inbox page.
    """
    if scope_for(_actor(request), STAFF_ROLES).is_empty:
        raise PermissionDenied
    if status is not None and status != "all" and status not in Status.values:
        raise HttpError(422, "status: " + ", ".join(["all", *Status.values]))
    body_id = None
    if body:
        found = request_selectors.public_bodies().filter(code=body).first()
        body_id = found.pk if found else -1
    filters = request_selectors.InboxFilters(
        status=status if status in Status.values else "",
        body=body_id,
        overdue=overdue,
        query=(q or "")[: request_selectors.MAX_QUERY_LENGTH],
        open_only=status != "all",
    )
    qs = request_selectors.information_request_inbox(actor=_actor(request), filters=filters)
    page = keyset_page(request, qs, order=("due_on", "id"), cursor=cursor, limit=limit)
    deadlines = request_selectors.deadlines_for(page.items)
    return {
        "items": [serialise.summary_out(r, deadlines[r.pk]) for r in page.items],
        "next_cursor": page.next_cursor,
        "next": page.next_url,
    }


@router.get("/requests/{int:pk}", response=RequestDetailOut, summary="One request")
def request_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    """A request with its history and notice; personal data only for the officers handling it."""
    return _detail(_actor(request), request_selectors.information_request_get_for_actor(actor=_actor(request), pk=pk))


@router.post(
    "/requests/{int:pk}/assign", response={200: RequestDetailOut, **STEP_ERRORS}, summary="Assign to a PPID Pelaksana"
)
def assign(request: HttpRequest, pk: int, payload: AssignIn) -> dict[str, Any]:
    def step(req: InformationRequest) -> None:
        target = request_selectors.pelaksana_of(req.public_body).filter(code=payload.to).first()
        if target is None:
            raise ValidationError({"to": [_("Choose an active PPID Pelaksana of this public body.")]})
        services.information_request_assign(actor=_actor(request), request=req, to=target, note=payload.reason)

    return _run(_actor(request), pk, step)


@router.post(
    "/requests/{int:pk}/extend",
    response={200: RequestDetailOut, **STEP_ERRORS},
    summary="Extend once by 7 working days",
)
def extend(request: HttpRequest, pk: int, payload: ReasonIn) -> dict[str, Any]:
    return _run(
        _actor(request),
        pk,
        lambda r: services.information_request_extend(actor=_actor(request), request=r, reason=payload.reason),
    )


@router.post(
    "/requests/{int:pk}/incomplete", response={200: RequestDetailOut, **STEP_ERRORS}, summary="Mark incomplete"
)
def mark_incomplete(request: HttpRequest, pk: int, payload: ReasonIn) -> dict[str, Any]:
    return _run(
        _actor(request),
        pk,
        lambda r: services.information_request_mark_incomplete(actor=_actor(request), request=r, reason=payload.reason),
    )


@router.post("/requests/{int:pk}/complete", response={200: RequestDetailOut, **STEP_ERRORS}, summary="Mark completed")
def complete(request: HttpRequest, pk: int, payload: NoteIn) -> dict[str, Any]:
    return _run(
        _actor(request),
        pk,
        lambda r: services.information_request_complete(actor=_actor(request), request=r, note=payload.reason),
    )


def _notice_data(req: InformationRequest, payload: NoticeIn) -> NoticeData:
    test = None
    if payload.consequence_test_id is not None:
        test = request_selectors.consequence_tests_for(req.public_body).filter(pk=payload.consequence_test_id).first()
        if test is None:
            raise ValidationError({"consequence_test_id": [_("Choose a consequence test of this public body.")]})
    return NoticeData(
        decision=payload.decision.value,
        material=payload.material,
        delivery=payload.delivery,
        holder=payload.holder,
        exemption_ground=payload.exemption_ground,
        consequence_test=test,
        cost=payload.cost,
        payment_method=payload.payment_method,
        explanation=payload.explanation,
        redactions=[RedactionData(part=r.part, reason=r.reason, ground=r.ground) for r in payload.redactions],
    )


@router.post(
    "/requests/{int:pk}/notice", response={200: RequestDetailOut, **STEP_ERRORS}, summary="Issue the written notice"
)
def notice(request: HttpRequest, pk: int, payload: NoticeIn) -> dict[str, Any]:
    """Issue the written notice (files are attached on the staff page)."""
    return _run(
        _actor(request),
        pk,
        lambda r: services.information_request_issue_notice(
            actor=_actor(request), request=r, data=_notice_data(r, payload)
        ),
    )


@router.post("/requests/{int:pk}/deliver", response={200: RequestDetailOut, **STEP_ERRORS}, summary="Record delivery")
def deliver(request: HttpRequest, pk: int, payload: NoteIn) -> dict[str, Any]:
    return _run(
        _actor(request),
        pk,
        lambda r: services.information_request_deliver(actor=_actor(request), request=r, note=payload.reason),
    )


@router.post("/requests/{int:pk}/close", response={200: RequestDetailOut, **STEP_ERRORS}, summary="Close")
def close(request: HttpRequest, pk: int, payload: NoteIn) -> dict[str, Any]:
    return _run(
        _actor(request),
        pk,
        lambda r: services.information_request_close(actor=_actor(request), request=r, note=payload.reason),
    )


@router.post(
    "/requests/{int:pk}/withdraw",
    response={200: RequestDetailOut, **STEP_ERRORS},
    summary="Withdraw on the requester's behalf",
)
def withdraw(request: HttpRequest, pk: int, payload: ReasonIn) -> dict[str, Any]:
    return _run(
        _actor(request),
        pk,
        lambda r: services.information_request_withdraw(actor=_actor(request), request=r, reason=payload.reason),
    )


@router.post(
    "/objections/{int:pk}/answer",
    response={200: RequestDetailOut, **STEP_ERRORS},
    summary="Answer a keberatan (atasan PPID)",
)
def objection_answer(request: HttpRequest, pk: int, payload: ObjectionAnswerIn) -> dict[str, Any]:
    """The atasan PPID's decision on a keberatan; returns the request with its objections."""
    actor = _actor(request)
    objection = objection_selectors.objection_get_for_actor(actor=actor, pk=pk)
    data = services.AnswerData(decision=payload.decision.value, answer=payload.answer, atasan_name=payload.atasan_name)
    return _run(
        actor, objection.request_id, lambda r: services.objection_answer(actor=actor, objection=objection, data=data)
    )
