"""Sign-in (password step), the lock-out page and the personal workspace."""

from __future__ import annotations

import math
from typing import Any, cast

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from lontar.accounts import backoff
from lontar.accounts.decorators import second_step_url, staff_required
from lontar.accounts.forms import EmailAuthenticationForm
from lontar.accounts.models import Membership, User
from lontar.accounts.permissions import is_province_admin
from lontar.accounts.twofactor import pending_clear, pending_start, session_is_verified, two_factor_required
from lontar.accounts.work_areas import work_areas
from lontar.core.safe_urls import safe_next


def safe_next_url(request: HttpRequest) -> str:
    """The ``next`` parameter when it is a path on this site, else the workspace (no open redirect)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    return safe_next(candidate, default=resolve_url(settings.LOGIN_REDIRECT_URL))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    """Password step. Staff who need two-factor continue at /akun/2fa/ (or enrolment)."""
    next_url = safe_next_url(request)
    if request.user.is_authenticated and session_is_verified(request):
        return redirect(next_url)
    if request.method == "POST":
        left = backoff.seconds_left((request.POST.get("username") or "").strip().lower()[:254])
        if left:
            return backoff_response(request, left)
    form = EmailAuthenticationForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if two_factor_required(user):
            if request.user.is_authenticated:
                auth_logout(request)
            pending_start(request, user)
            return redirect(second_step_url(user, next_url))
        pending_clear(request)
        auth_login(request, user)
        return redirect(next_url)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def lockout_minutes(request: HttpRequest) -> int:
    cool_off = get_cool_off(request)
    return max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None, **_: Any
) -> HttpResponse:
    """Shown (HTTP 429) by django-axes, and by the 2FA step, when too many sign-in attempts failed."""
    return _locked(request, lockout_minutes(request))


def backoff_response(request: HttpRequest, seconds: int) -> HttpResponse:
    """Shown (HTTP 429) while the account's own back-off runs (lontar.accounts.backoff)."""
    return _locked(request, max(1, math.ceil(seconds / 60)))


def _locked(request: HttpRequest, minutes: int) -> HttpResponse:
    if minutes:
        message = ngettext(
            "Too many failed sign-in attempts. Sign-in is locked for %(minutes)d minute.",
            "Too many failed sign-in attempts. Sign-in is locked for %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
    else:
        message = gettext("Too many failed sign-in attempts. Ask an administrator to unlock your account.")
    pending_clear(request)
    response = render(request, "accounts/locked_out.html", {"message": message, "minutes": minutes}, status=429)
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The personal workspace: roles and links to the account pages."""
    memberships = (
        Membership.objects.filter(user=cast(User, request.user))
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": memberships,
            "can_manage_users": request.user.is_superuser or is_province_admin(request.user),
            "work_areas": work_areas(request.user),
        },
    )
