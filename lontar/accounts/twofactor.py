"""Two-factor sign-in (TOTP via django-otp) for staff roles.

Sign-in of a user who needs two-factor happens in two steps. The password step does **not**
sign the user in: it records a *pending* sign-in in the session (user id, backend, a hash of
the password, a time stamp). The second step (code, or enrolment of a first device) completes
it with ``django.contrib.auth.login`` and ``django_otp.login``. So a password alone never
yields a signed-in session, and a successful password does not reset the lock-out counter:
only a complete sign-in does.

A session that is signed in but not verified can still exist (a role granted during the
session, ``LONTAR_REQUIRE_2FA`` switched on); :func:`session_is_verified` is False for it and
the decorators send it to the second step.
"""

from __future__ import annotations

import base64
import hashlib
import time
from typing import Any
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts.permissions import is_staff_member

PENDING_KEY = "_lontar_2fa_pending"
#: a pending sign-in expires after this many seconds
PENDING_MAX_AGE = 10 * 60
ISSUER = "Lontar"


def two_factor_required(user: object) -> bool:
    """True when ``user`` must pass a TOTP code to act (staff member and 2FA switched on)."""
    return bool(settings.LONTAR_REQUIRE_2FA) and is_staff_member(user)


def session_is_verified(request: HttpRequest) -> bool:
    """A signed-in session may act when 2FA is not required for the user or was passed."""
    user = request.user
    if not user.is_authenticated:
        return False
    if not two_factor_required(user):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device (the most recent one), if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def enrolment_device(user: Any) -> TOTPDevice:
    """The unconfirmed device being enrolled (created once, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Lontar", confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    """The device secret as an authenticator app wants it typed (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def grouped_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four characters, easier to read and type."""
    secret = base32_secret(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    """The ``otpauth://`` URI an authenticator app scans (Key URI format)."""
    label = quote(f"{ISSUER}:{device.user.get_username()}")
    params = urlencode(
        {
            "secret": base32_secret(device),
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        }
    )
    return f"otpauth://totp/{label}?{params}"


def qr_svg(uri: str, title: str) -> str:
    """An inline SVG QR code of ``uri`` (rendered on the server, no script)."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=4, title=title, svgclass="qr-code", omitsize=False)


# --- the pending sign-in kept in the session between the two steps ---------------------------


def _password_fingerprint(user: Any) -> str:
    return hashlib.sha256(user.password.encode("utf-8")).hexdigest()


def pending_start(request: HttpRequest, user: Any) -> None:
    """Remember that ``user`` passed the password step (called by the login view)."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
        "password": _password_fingerprint(user),
        "at": int(time.time()),
    }


def pending_user(request: HttpRequest) -> Any | None:
    """The user who needs the second step: the pending one, or a signed-in unverified user."""
    if request.user.is_authenticated:
        return request.user
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return None
    if int(time.time()) - int(data.get("at", 0)) > PENDING_MAX_AGE:
        pending_clear(request)
        return None
    user_id = data.get("user")
    if not isinstance(user_id, int):
        pending_clear(request)
        return None
    user: Any = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not constant_time_compare(_password_fingerprint(user), str(data.get("password", ""))):
        pending_clear(request)
        return None
    user.backend = data.get("backend") or settings.AUTHENTICATION_BACKENDS[-1]
    return user


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)
