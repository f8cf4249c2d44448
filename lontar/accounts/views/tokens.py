"""/akun/token/: personal API tokens — create (secret shown once), list, revoke."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lontar.accounts import selectors, tokens
from lontar.accounts.decorators import staff_required
from lontar.accounts.forms import ApiTokenCreateForm
from lontar.accounts.models import User


def _list_page(request: HttpRequest, form: ApiTokenCreateForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "tokens": selectors.api_token_list(actor=request.user)}
    return render(request, "accounts/token_list.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens and the form to create one. A created token's secret is shown once."""
    if request.method != "POST":
        return _list_page(request, ApiTokenCreateForm())
    form = ApiTokenCreateForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    try:
        token, secret = tokens.api_token_create(
            actor=cast(User, request.user), name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _list_page(request, form, status=400)
    response = render(request, "accounts/token_created.html", {"token": token, "secret": secret}, status=201)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@staff_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (GET) and revoke (POST) one of the user's own tokens."""
    token = selectors.api_token_get_for_actor(actor=request.user, pk=pk)
    if request.method == "POST":
        tokens.api_token_revoke(actor=cast(User, request.user), token=token)
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
        return redirect("accounts:tokens")
    return render(request, "accounts/token_revoke_confirm.html", {"token": token})
