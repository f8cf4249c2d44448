"""The second sign-in step: a TOTP code, or enrolment of a first authenticator device."""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts import backoff, services
from lontar.accounts.decorators import second_step_url
from lontar.accounts.forms import TotpCodeForm
from lontar.accounts.twofactor import (
    confirmed_device,
    enrolment_device,
    grouped_secret,
    pending_clear,
    pending_user,
    provisioning_uri,
    qr_svg,
    session_is_verified,
    two_factor_required,
)
from lontar.accounts.views.signin import backoff_response, lockout_response, safe_next_url


def _credentials(user: Any) -> dict[str, str]:
    return {"username": user.get_username()}


def _complete(request: HttpRequest, user: Any, device: TOTPDevice, next_url: str) -> HttpResponse:
    """Finish the sign-in: the session becomes signed in and verified."""
    pending_clear(request)
    if not request.user.is_authenticated:
        auth_login(request, user, backend=user.backend)
    otp_login(request, device)
    return redirect(next_url)


def _code_matches(device: TOTPDevice, code: str) -> bool:
    """Whether ``code`` is a current, unused code of the device, without touching its throttle or drift."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return totp.verify(int(code), device.tolerance, device.last_t + 1)


def _failed(request: HttpRequest, user: Any) -> HttpResponse | None:
    """Count a wrong code as a failed sign-in (django-axes); the lock-out response when it locks."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    if getattr(request, "axes_locked_out", False):
        return lockout_response(request, None, _credentials(user))
    return None


def _check_code(request: HttpRequest, user: Any, device: TOTPDevice, form: TotpCodeForm) -> bool | HttpResponse:
    """Verify the code. True when it matched; a lock-out response; or False with a form error.

    During django-otp's back-off no code is accepted, but a wrong one still counts for django-axes
    (every wrong code counts, docs/accounts.md).
    """
    code = form.cleaned_data["otp_token"]
    allowed, info = device.verify_is_allowed()
    if not allowed:
        if not _code_matches(device, code) and (locked := _failed(request, user)) is not None:
            return locked
        locked_until = (info or {}).get("locked_until") or timezone.now()
        seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1)
        form.add_error(
            None, _("Too many wrong codes in a row. Wait %(seconds)d seconds and try again.") % {"seconds": seconds}
        )
        return False
    if verify_token(user, device.persistent_id, code) is not None:
        return True
    if (locked := _failed(request, user)) is not None:
        return locked
    form.add_error("otp_token", _("Wrong code, or a code that was already used. Wait for the next code and try again."))
    return False


def _start(request: HttpRequest) -> tuple[Any, str, HttpResponse | None]:
    """Common checks of both pages: who signs in, where to go next, or an early response."""
    next_url = safe_next_url(request)
    user = pending_user(request)
    if user is None:
        return None, next_url, redirect_to_login(next_url)
    if not two_factor_required(user) or session_is_verified(request):
        pending_clear(request)
        if not request.user.is_authenticated:
            auth_login(request, user, backend=user.backend)
        return user, next_url, redirect(next_url)
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        return user, next_url, lockout_response(request, None, _credentials(user))
    if left := backoff.seconds_left(user.get_username()):
        return user, next_url, backoff_response(request, left)
    return user, next_url, None


@sensitive_post_parameters("otp_token")
@csrf_protect
@never_cache
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """/akun/2fa/: ask for the six-digit code of the user's confirmed device."""
    user, next_url, early = _start(request)
    if early is not None:
        return early
    device = confirmed_device(user)
    if device is None:
        return redirect(second_step_url(user, next_url))
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = _check_code(request, user, device, form)
        if isinstance(outcome, HttpResponse):
            return outcome
        if outcome:
            return _complete(request, user, device, next_url)
    return render(request, "accounts/twofactor_verify.html", {"form": form, "next": next_url, "account": user})


@sensitive_post_parameters("otp_token")
@csrf_protect
@never_cache
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """/akun/2fa/daftar/: show a new device's QR code and secret; confirm it with a code."""
    user, next_url, early = _start(request)
    if early is not None:
        return early
    if confirmed_device(user) is not None:
        return redirect(second_step_url(user, next_url))
    device = enrolment_device(user)
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = _check_code(request, user, device, form)
        if isinstance(outcome, HttpResponse):
            return outcome
        if outcome:
            services.two_factor_confirm(actor=user, device=device)
            return _complete(request, user, device, next_url)
    uri = provisioning_uri(device)
    context = {
        "form": form,
        "next": next_url,
        "account": user,
        "qr_svg": qr_svg(uri, _("QR code to add Lontar to an authenticator app")),
        "secret": grouped_secret(device),
        "uri": uri,
    }
    return render(request, "accounts/twofactor_enrol.html", context)
