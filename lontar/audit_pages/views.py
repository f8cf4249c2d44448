"""The audit page: province admins and superusers read the trail and verify the chain."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from lontar.accounts.decorators import role_required
from lontar.accounts.models import Role
from lontar.accounts.permissions import is_province_admin
from lontar.audit import selectors
from lontar.audit.verify import event_link_status
from lontar.audit_pages import services
from lontar.audit_pages.forms import AuditFilterForm, PageCursorForm


def _require_province_admin(user: Any) -> None:
    """role_required lets any admin in; the audit trail is for province admins only (403 otherwise)."""
    if not is_province_admin(user):
        raise PermissionDenied


def _page_urls(request: HttpRequest, older_cursor: int | None) -> tuple[str, str]:
    params = request.GET.copy()
    params.pop("before", None)
    first_url = f"?{params.urlencode()}" if "before" in request.GET else ""
    next_url = ""
    if older_cursor is not None:
        params["before"] = str(older_cursor)
        next_url = f"?{params.urlencode()}"
    return first_url, next_url


@require_GET
@role_required(Role.ADMIN)
def event_list(request: HttpRequest) -> HttpResponse:
    """Filtered, keyset-paged list of audit events, newest first."""
    _require_province_admin(request.user)
    form = AuditFilterForm(request.GET or None)
    cursor = PageCursorForm(request.GET)
    context: dict[str, Any] = {"form": form, "cursor": cursor, "last_verification": selectors.last_verification()}
    if (form.is_bound and not form.is_valid()) or not cursor.is_valid():
        return render(request, "audit/event_list.html", {**context, "events": None}, status=400)
    filters = form.filters() if form.is_bound else {}
    before = cursor.cleaned_data.get("before")
    page = selectors.event_page(selectors.event_filter(**filters), before=before)
    first_url, next_url = _page_urls(request, page.older_cursor)
    context.update(events=page.events, first_url=first_url, next_url=next_url, filtered=any(filters.values()))
    return render(request, "audit/event_list.html", context)


@require_GET
@role_required(Role.ADMIN)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One event with its full hashes and whether its link in the chain holds."""
    _require_province_admin(request.user)
    event = selectors.event_get(pk)
    previous_id, next_id = selectors.event_neighbours(event)
    context = {
        "event": event,
        "link_break": event_link_status(event),
        "previous_id": previous_id,
        "next_id": next_id,
    }
    return render(request, "audit/event_detail.html", context)


@require_POST
@role_required(Role.ADMIN)
def chain_verify(request: HttpRequest) -> HttpResponse:
    """Verify the whole chain now (recorded as an audit event) and show the result."""
    result = services.audit_chain_verify(actor=request.user)
    return render(request, "audit/verify_result.html", {"result": result})
