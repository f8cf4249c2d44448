"""Sign-in, sign-out and the personal workspace."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lontar.accounts.forms import EmailAuthenticationForm
from lontar.accounts.models import Membership


def login_view(request: HttpRequest) -> HttpResponse:
    return auth_views.LoginView.as_view(
        template_name="accounts/login.html", authentication_form=EmailAuthenticationForm
    )(request)


def lockout_response(request: HttpRequest, credentials: dict | None = None, *args: object, **kwargs: object) -> HttpResponse:
    """Shown by django-axes when too many sign-in attempts failed."""
    return render(
        request,
        "accounts/locked_out.html",
        {"message": _("Too many failed sign-in attempts. Try again later.")},
        status=429,
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=request.user).select_related("organisation").order_by("organisation__name")
    return render(request, "accounts/dashboard.html", {"memberships": memberships})
