"""/akun/pengguna/: user management for province admins (create users, grant and revoke roles)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts import selectors, services
from lontar.accounts.decorators import role_required
from lontar.accounts.forms import MembershipGrantForm, UserCreateForm
from lontar.accounts.models import Role
from lontar.core.errors import apply_errors

PAGE_SIZE = 50


def manager_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """``role_required(Role.ADMIN)`` and the services' own rule (province admin or superuser)."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not services.can_manage_users(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return role_required(Role.ADMIN)(checked)


@require_GET
@manager_required
def user_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")[: selectors.MAX_SEARCH_LENGTH]
    page = Paginator(selectors.user_list(search=search), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "search": search})


@require_http_methods(["GET", "POST"])
@manager_required
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("User %(email)s created; an e-mail with a link to set a password was sent.") % {"email": user.email},
            )
            return redirect("accounts:user_detail", pk=user.pk)
    status = 400 if form.is_bound else 200
    return render(request, "accounts/user_create.html", {"form": form}, status=status)


def _detail(request: HttpRequest, pk: int, form: MembershipGrantForm, status: int = 200) -> HttpResponse:
    account = selectors.user_get(pk=pk)
    return render(request, "accounts/user_detail.html", {"account": account, "form": form}, status=status)


@require_GET
@manager_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk, MembershipGrantForm())


@require_POST
@manager_required
def membership_grant(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get(pk=pk)
    form = MembershipGrantForm(request.POST)
    if form.is_valid():
        try:
            services.membership_grant(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Role granted."))
            return redirect("accounts:user_detail", pk=account.pk)
    return _detail(request, pk, form, status=400)


@require_http_methods(["GET", "POST"])
@manager_required
def membership_revoke(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    account = selectors.user_get(pk=pk)
    membership = selectors.membership_get(user=account, pk=membership_pk)
    error = ""
    if request.method == "POST":
        try:
            services.membership_revoke(actor=request.user, membership=membership)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Role revoked."))
            return redirect("accounts:user_detail", pk=account.pk)
    context = {"account": account, "membership": membership, "error": error}
    return render(request, "accounts/membership_revoke_confirm.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
@manager_required
def two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (GET) and remove (POST) a user's authenticator devices."""
    account = selectors.user_get(pk=pk)
    if request.method == "POST":
        services.two_factor_reset(actor=request.user, user=account)
        messages.success(request, _("Two-factor device removed; the user sets up a new one at the next sign-in."))
        return redirect("accounts:user_detail", pk=account.pk)
    return render(request, "accounts/two_factor_reset_confirm.html", {"account": account})
