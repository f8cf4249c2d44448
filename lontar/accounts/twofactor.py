"""Two-factor sign-in (TOTP via django-otp) for staff roles."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from lontar.accounts.permissions import is_staff_member


def two_factor_required(user: object) -> bool:
    return bool(settings.LONTAR_REQUIRE_2FA) and is_staff_member(user)


def session_is_verified(request: HttpRequest) -> bool:
    """A signed-in session may act when 2FA is not required for the user or was passed."""
    user = request.user
    if not user.is_authenticated:
        return False
    if not two_factor_required(user):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())
